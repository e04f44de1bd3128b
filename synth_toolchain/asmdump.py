"""`synth compile --dump asm`: each function's final Thumb-2 code, every
instruction beside the IR instruction that produced it.

Why: a codegen change is reviewed by reading what each IR op became.  The
code buffer records, for every item, its offset after branch relaxation and
its origin (an IR instruction, or the prologue, the epilogue, a trap stub);
this module decodes the final bytes with capstone and puts the two side by
side.  Data inside the code (jump tables) is shown as bytes, marked as data.
"""

from __future__ import annotations

from bisect import bisect_right

from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs

from .arm.codebuffer import Code, Span
from .arm.lowoverhead import disasm_lite
from .ir.ir import Inst, IRFunction
from .ir.printer import format_inst
from .tiers import FunctionResult

_TEXT_WIDTH = 34        # the instruction column, before the origin


def _origin_text(origin: object) -> str:
    if isinstance(origin, Inst):
        return format_inst(origin)
    return "?" if origin is None else str(origin)


def _regions(code: Code) -> list[tuple[int, int, str]]:
    """(start, end, 't'|'d') from the mapping symbols."""
    ends = [start for start, _ in code.mapping[1:]] + [len(code.data)]
    return [(start, end, kind) for (start, kind), end in zip(code.mapping, ends) if start < end]


def _lines(code: Code) -> list[tuple[int, bytes, str, bool]]:
    """(offset, bytes, text, is data) of every instruction and every data chunk."""
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    cs.skipdata = True
    relocs = {r.offset: r for r in code.relocs}
    out = []
    for start, end, kind in _regions(code):
        if kind == "d":
            for off in range(start, end, 4):
                chunk = code.data[off:min(off + 4, end)]
                out.append((off, chunk, ".byte " + ", ".join(f"0x{b:02x}" for b in chunk), True))
            continue
        for addr, size, mnemonic, ops in disasm_lite(cs, code.data, start, end):
            text = f"{mnemonic} {ops}".rstrip()
            if addr in relocs:
                text += f" <{relocs[addr].symbol}>"
            out.append((addr, code.data[addr:addr + size], text, False))
    return out


def _halfwords(raw: bytes) -> str:
    """A Thumb instruction as objdump shows it: its halfwords, first first."""
    return " ".join(f"{int.from_bytes(raw[k:k + 2], 'little'):04x}" for k in range(0, len(raw), 2))


def _span_at(spans: list[Span], starts: list[int], offset: int) -> Span | None:
    k = bisect_right(starts, offset) - 1
    if k >= 0 and offset < spans[k].offset + spans[k].size:
        return spans[k]
    return None


def _block_of(fn: IRFunction | None) -> dict[int, int]:
    """id(IR instruction) → its block id."""
    if fn is None:
        return {}
    return {id(ins): b.id for b in fn.blocks for ins in [*b.insts, b.term] if ins is not None}


def format_code(r: FunctionResult) -> str:
    """One function: a header, then one line per instruction (offset, halfwords,
    disassembly; origin), a `bN:` line where the code of an IR block begins."""
    code = r.code
    spans = code.spans
    starts = [s.offset for s in spans]
    block_of = _block_of(r.ir)
    lines = [f"; {r.symbol}: tier {r.tier}, {len(code.data)} bytes"]
    block = None
    for off, raw, text, is_data in _lines(code):
        span = _span_at(spans, starts, off)
        origin = None if span is None else span.origin
        b = block_of.get(id(origin))
        if b is not None and b != block:
            block = b
            lines.append(f"b{b}:")
        note = _origin_text(origin) + (" (data)" if is_data else "")
        hexed = raw.hex() if is_data else _halfwords(raw)     # data: bytes in memory order
        lines.append(f"  {off:6x}:  {hexed:<10} {text:<{_TEXT_WIDTH}} ; {note}")
    return "\n".join(lines)
