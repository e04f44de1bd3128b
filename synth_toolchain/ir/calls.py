"""The signature an IR `call` or `callptr` carries as its immediate.

Lowering builds it (lower.py for wasm calls and soft-float helpers, tables.py
for the table runtime helpers) and the emitter reads it to place arguments and
results (arm/frame.py `call_sig_layout`), so it lives apart from both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CallSig:
    symbol: str | None
    params: tuple[int, ...]     # words per wasm param
    results: tuple[int, ...]    # words per wasm result
    param_kinds: str = ""       # ABI kinds (arm/frame.py); "" = integers of those widths
    result_kinds: str = ""
    vfp: bool = False           # AAPCS-VFP (wasm calls under float ABI "hard")
