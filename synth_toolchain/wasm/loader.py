"""Load a module from a file or bytes: text or binary, decode, validate."""

from __future__ import annotations

from ..errors import SynthError
from .decoder import MAGIC, decode
from .module import Module
from .validator import validate
from .wat import wat_to_wasm

TEXT_EXTENSIONS = (".wat", ".wast")


def load_bytes(data: bytes, path: str) -> Module:
    """Decode and validate `data` (binary, or WAT text when it lacks `\\0asm`)."""
    data = bytes(data)
    # A `.wat`/`.wast` name or missing magic means text; a text-named file that
    # nevertheless starts with the binary magic is decoded as a binary.
    if not data.startswith(MAGIC):
        data = _assemble(data, path)
    module = decode(data, path)
    validate(module, path)
    return module


def load_module(path: str) -> Module:
    """Read, decode and validate the module at `path`."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        reason = e.strerror or str(e)
        if isinstance(e, IsADirectoryError):
            reason = "is a directory"
        raise SynthError(f"cannot read input file: {reason}", path=path) from None
    return load_bytes(data, path)


def _assemble(data: bytes, path: str) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SynthError(f"text input is not valid UTF-8 (byte offset {e.start}); "
                         "not a WebAssembly binary either (missing \\0asm magic)",
                         path=path, offset=e.start) from None
    return wat_to_wasm(text, path)
