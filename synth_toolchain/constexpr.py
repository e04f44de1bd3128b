"""Constant expressions (global initialisers, segment offsets) evaluated at compile time."""

from __future__ import annotations

from .errors import UnsupportedError
from .wasm.module import Instr


def const_value(expr: list[Instr], what: str) -> int:
    """Evaluate a constant expression to its bit pattern (imported globals unsupported)."""
    if len(expr) == 1:
        ins = expr[0]
        if ins.op in ("i32.const",):
            return ins.imm & 0xFFFFFFFF
        if ins.op == "i64.const":
            return ins.imm & 0xFFFFFFFFFFFFFFFF
        if ins.op in ("f32.const", "f64.const"):
            return ins.imm
        if ins.op == "ref.null":
            return 0
    off = expr[0].offset if expr else 0
    raise UnsupportedError(f"{what}: only constant initialisers are supported "
                           f"(imported globals cannot be read at link time)", offset=off)
