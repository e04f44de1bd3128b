"""WebAssembly text format -> binary, through the `wasmtime` package."""

from __future__ import annotations

import re

from ..errors import SynthError

_LOC = re.compile(r"-->\s*.*?:(\d+):(\d+)")


def wat_to_wasm(text: str, path: str) -> bytes:
    """Assemble WAT `text`; errors become `SynthError(path=, line=, col=)`."""
    try:
        import wasmtime
    except ImportError as e:  # pragma: no cover - dependency is declared
        raise SynthError(f"cannot assemble text format: wasmtime is not installed ({e})",
                         path=path) from None
    try:
        return bytes(wasmtime.wat2wasm(text))
    except Exception as e:  # wasmtime.WasmtimeError; keep it one line
        raw = str(e)
        lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
        message = lines[0] if lines else "invalid text format"
        if message.startswith("error:"):
            message = message[len("error:"):].strip()
        m = _LOC.search(raw)
        line = col = None
        if m:
            line, col = int(m.group(1)), int(m.group(2))
        raise SynthError(message, path=path, line=line, col=col) from None
