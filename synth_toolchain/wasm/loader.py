"""Load a module from a file or bytes: text or binary, decode, validate."""

from __future__ import annotations

import os
import stat

from ..errors import SynthError
from .decoder import MAGIC, decode
from .module import Module
from .validator import validate
from .wat import wat_to_wasm

TEXT_EXTENSIONS = (".wat", ".wast")
# Inputs larger than this are refused (synth's limit, not wasm's): half the
# 0.5 GiB Code region of the Cortex-M memory map, far beyond any
# microcontroller's flash.  It also ends endless inputs (/dev/zero, a pipe)
# before they exhaust the host's memory.
MAX_INPUT_BYTES = 256 << 20


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
            data = read_capped(f, path)
    except OSError as e:
        reason = e.strerror or str(e)
        if isinstance(e, IsADirectoryError):
            reason = "is a directory"
        raise SynthError(f"cannot read input file: {reason}", path=path) from None
    return load_bytes(data, path)


def read_capped(f, path: str) -> bytes:
    """All of the binary file `f`, or an error if it is larger than MAX_INPUT_BYTES
    (known from its size when it is a regular file; a stream is read one byte
    past the limit at most)."""
    st = os.fstat(f.fileno())
    too_big = stat.S_ISREG(st.st_mode) and st.st_size > MAX_INPUT_BYTES
    data = b"" if too_big else f.read(MAX_INPUT_BYTES + 1)
    if too_big or len(data) > MAX_INPUT_BYTES:
        raise SynthError(f"input is larger than {MAX_INPUT_BYTES >> 20} MiB, synth's limit "
                         "for one module", path=path)
    return data


def _assemble(data: bytes, path: str) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SynthError(f"text input is not valid UTF-8 (byte offset {e.start}); "
                         "not a WebAssembly binary either (missing \\0asm magic)",
                         path=path, offset=e.start) from None
    return wat_to_wasm(text, path)
