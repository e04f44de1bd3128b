"""What later versions of WebAssembly add, by the bytes that mark it in a
binary, so that a module using one gets a one-line error naming it instead
of "illegal opcode 0x08" or "invalid section id 13".

Only what WebAssembly 3.0 (and relaxed SIMD, in it) adds that synth does not
implement is listed (not the threads proposal: its bytes stay malformed); the decoder asks these tables only for a byte it cannot
read, and only when validating against 3.0 (under `--wasm 2.0` the bytes are
malformed, as the 2.0 test suite says).
"""

from __future__ import annotations

EXCEPTIONS = "exception handling (wasm 3.0)"
TYPED_REFS = "typed function references (wasm 3.0)"
GC = "garbage-collected types (wasm 3.0 GC)"
MEMORY64 = "64-bit memories (memory64, wasm 3.0)"
TABLE64 = "64-bit tables (table64, wasm 3.0)"
SIMD = "SIMD (v128, wasm 2.0's vector instructions)"
RELAXED_SIMD = "relaxed SIMD (wasm 3.0)"

IN_WASM_2 = frozenset({SIMD})                     # named under --wasm 2.0 too

SECTIONS = {13: EXCEPTIONS}                       # the tag section
EXTERN_KINDS = {4: EXCEPTIONS}                    # an imported or exported tag
OPCODES = {
    **dict.fromkeys((0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F), EXCEPTIONS),
    **dict.fromkeys((0x14, 0x15, 0xD4, 0xD5, 0xD6), TYPED_REFS),
    0xD3: GC, 0xFB: GC,                           # ref.eq, the GC prefix
    0xFD: SIMD,
}
RELAXED_SIMD_OPCODES = range(0x100, 0x114)        # after the 0xfd prefix
VALUE_TYPES = {
    0x7B: SIMD, 0x63: TYPED_REFS, 0x64: TYPED_REFS,
    **dict.fromkeys((0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x71, 0x72, 0x73), GC),
    0x69: EXCEPTIONS, 0x74: EXCEPTIONS,           # exnref, nullexnref
}
TYPE_FORMS = dict.fromkeys((0x5F, 0x5E, 0x4E, 0x50, 0x4F), GC)   # struct, array, rec, sub


def limits_feature(flags: int, what: str) -> str | None:
    """The feature a limits flag byte beyond 0/1 belongs to (shared memories,
    0x02 and 0x03, are the threads proposal's, not 3.0's: malformed)."""
    if flags in (4, 5):
        return MEMORY64 if what == "memory" else TABLE64
    return None
