"""Load a module from a file or bytes: text or binary, decode, validate."""

from __future__ import annotations

import codecs
import os
import re
import stat

from ..errors import SynthError
from .decoder import MAGIC, decode
from .module import Module
from .textmap import TextMap
from .validator import DEFAULT_WASM_VERSION, validate
from .wat import wat_to_wasm

TEXT_EXTENSIONS = (".wat", ".wast")
# Inputs larger than this are refused (synth's limit, not wasm's): half the
# 0.5 GiB Code region of the Cortex-M memory map, far beyond any
# microcontroller's flash.  It also ends endless inputs (/dev/zero, a pipe)
# before they exhaust the host's memory.
MAX_INPUT_BYTES = 256 << 20

# Files that are not WebAssembly, by their first bytes: (magic, what it is, what to do).
FOREIGN_MAGIC = (
    (MAGIC + b"\x0d\x00\x01\x00", "a WebAssembly component, not a core module",
     "synth compiles core modules: give it the core module the component was built from"),
    (b"\x7fELF", "an ELF file (object, library or executable), not a WebAssembly module",
     "give synth the .wasm or .wat it was built from; link ELF files with arm-none-eabi-gcc"),
    (b"!<arch>\n", "an ar archive (static library), not a WebAssembly module",
     "link it with arm-none-eabi-gcc"),
    (b"\x1f\x8b", "gzip-compressed, not a WebAssembly module", "decompress it first"),
)
# Source files by extension, when their text is not WebAssembly text.
_COMPILE_IT = ("compile it with arm-none-eabi-gcc or synth-cc, or to WebAssembly "
               "first (clang --target=wasm32)")
SOURCE_EXTENSIONS = {
    ".c": "C source", ".h": "a C header", ".i": "preprocessed C source",
    ".cc": "C++ source", ".cpp": "C++ source", ".cxx": "C++ source", ".hpp": "a C++ header",
    ".s": "assembly source", ".S": "assembly source", ".sx": "assembly source",
    ".rs": "Rust source", ".zig": "Zig source",
}
# WebAssembly text starts with `(` once blanks and comments are skipped
_TEXT_START = re.compile(rb"\A(?:\s+|;;[^\n]*|\(;.*?;\))*\(", re.DOTALL)


def identify(data: bytes, path: str) -> None:
    """Raise a SynthError saying what `data` is when it is neither a WebAssembly
    binary nor WebAssembly text, and what to do with it."""
    for magic, what, todo in FOREIGN_MAGIC:
        if data.startswith(magic):
            raise SynthError(f"this is {what}; {todo}", path=path, offset=0)
    if data.startswith(MAGIC):
        return
    if not data.strip():
        raise SynthError("empty file: neither a WebAssembly binary (\\0asm) nor text",
                         path=path, offset=0)
    if b"\0" in data[:64] or not _utf8_start(data):   # binary, not a module: bad magic?
        off = next((i for i, (a, b) in enumerate(zip(data, MAGIC)) if a != b), 0)
        head = " ".join(f"{b:02x}" for b in data[:4])
        raise SynthError(f"not a WebAssembly module: it starts with {head}, not the "
                         "binary magic 00 61 73 6d (\\0asm), and it is not text",
                         path=path, offset=off)
    kind = SOURCE_EXTENSIONS.get(os.path.splitext(path)[1])
    if kind and not _TEXT_START.match(strip_bom(data)):
        raise SynthError(f"this is {kind}, not a WebAssembly module; {_COMPILE_IT}",
                         path=path)


def _utf8_start(data: bytes) -> bool:
    """Whether the first bytes can begin UTF-8 text."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:4], final=False)
    except UnicodeDecodeError:
        return False
    return True


def load_bytes(data: bytes, path: str, version: str = DEFAULT_WASM_VERSION) -> Module:
    """Decode and validate `data` (against that version of the standard): a
    binary module or WebAssembly text, whatever the file's extension (text is
    told apart by its content)."""
    data = bytes(data)
    identify(data, path)
    if data.startswith(MAGIC):
        module = decode(data, path, version != "2.0")     # 2.0: later bytes are malformed
        validate(module, path, version)
        return module
    text = decode_text(data, path)
    binary = wat_to_wasm(text, path)
    try:                    # what is wrong in the binary is reported in the text
        module = decode(binary, path, version != "2.0")
    except SynthError as err:
        raise TextMap(text, Module(), binary).relocate(err) from None
    module.text_map = TextMap(text, module)
    try:
        validate(module, path, version)
    except SynthError as err:
        raise module.text_map.relocate(err) from None
    return module


def load_module(path: str, version: str = DEFAULT_WASM_VERSION) -> Module:
    """Read, decode and validate the module at `path`."""
    try:
        with open(path, "rb") as f:
            data = read_capped(f, path)
    except OSError as e:
        reason = e.strerror or str(e)
        if isinstance(e, IsADirectoryError):
            reason = "is a directory"
        raise SynthError(f"cannot read input file: {reason}", path=path) from None
    return load_bytes(data, path, version)


def read_capped(f, path: str) -> bytes:
    """All of the binary file `f`, or an error if it is larger than MAX_INPUT_BYTES
    (known from its size when it is a regular file; a stream is read one byte
    past the limit at most)."""
    try:
        st = os.fstat(f.fileno())
        too_big = stat.S_ISREG(st.st_mode) and st.st_size > MAX_INPUT_BYTES
    except (OSError, ValueError):       # a stream without a descriptor: read to the cap
        too_big = False
    data = b"" if too_big else f.read(MAX_INPUT_BYTES + 1)
    if too_big or len(data) > MAX_INPUT_BYTES:
        raise SynthError(f"input is larger than {MAX_INPUT_BYTES >> 20} MiB, synth's limit "
                         "for one module", path=path)
    return data


def strip_bom(data: bytes) -> bytes:
    """`data` without a leading UTF-8 byte order mark (editors write one; it is no
    character of the text and takes no column)."""
    return data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data


def decode_text(data: bytes, path: str) -> str:
    """`data` as UTF-8 text without its BOM; an error at the first bad byte's LINE:COL."""
    data = strip_bom(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = len(data[data.rfind(b"\n", 0, e.start) + 1:e.start].decode("utf-8", "replace")) + 1
        raise SynthError(f"WebAssembly text must be UTF-8: byte 0x{data[e.start]:02x} "
                         "is not", path=path, line=line, col=col) from None
