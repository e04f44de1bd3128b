"""A per-function literal pool: 32-bit constants and symbol addresses loaded
pc-relative instead of built by a movw/movt pair (the size levels).

Why: a movw/movt pair is 8 bytes.  `ldr rX, [pc, #off]` is 2 bytes (low
register, pool within 1020 bytes ahead) or 4 (`ldr.w`, ±4095), plus one
4-byte word per distinct value, shared by every load of it in the function.
The pool is placed once, after the function's code (trap stubs included),
the word loaded last first: loads near the end stay within the 16-bit reach.
A load the pool ends up out of reach of grows back into the movw/movt pair,
so no layout can make the code wrong; the word then stays unused.
"""

from __future__ import annotations

from .codebuffer import CodeBuffer, Item, Label, LabelAddr
from .encoding import encode, split16

LITERAL_POOL = "literal pool"   # the origin of the pool's items (`--dump asm`, the leaf check)

_T1_REACH = 1020        # ldr rt, [pc, #imm8*4]: forward only, from Align(pc, 4)
_T2_REACH = 4095        # ldr.w rt, [pc, #±imm12]


class LiteralLoad(Item):
    """rd = the pool word at `label`: 16-bit ldr, 32-bit ldr.w, or movw/movt (states 0..2)."""

    def __init__(self, rd: int, label: int, value: int, symbol: str | None):
        self.rd = rd
        self.label = label
        self.value = value              # the constant, or the symbol's addend
        self.symbol = symbol
        self.state = 0 if rd < 8 else 1
        self.writes = frozenset((rd,))

    def size(self, addr):
        return (2, 4, 8)[self.state]

    def _offset(self, addr: int, lab: LabelAddr) -> int:
        return lab(self.label) - ((addr + 4) & ~3)

    def _fits(self, off: int) -> bool:
        if self.state == 0:
            return 0 <= off <= _T1_REACH and off % 4 == 0
        return self.state == 2 or -_T2_REACH <= off <= _T2_REACH

    def relax(self, addr, lab):
        grown = False
        while not self._fits(self._offset(addr, lab)):
            self.state += 1
            grown = True
        return grown

    def emit(self, addr, lab):
        off = self._offset(addr, lab)
        if self.state == 0:
            return encode("ldr_lit_t1", Rt=self.rd, imm8=off >> 2), [(0, "t")], []
        if self.state == 1:
            return (encode("ldr_lit_t2", U=int(off >= 0), Rt=self.rd, imm12=abs(off)),
                    [(0, "t")], [])
        lo, hi = self.value & 0xFFFF, (self.value >> 16) & 0xFFFF
        if self.symbol is not None:
            lo = hi = self.value & 0xFFFF
        data = encode("movw_t3", Rd=self.rd, **split16(lo)) + \
            encode("movt_t1", Rd=self.rd, **split16(hi))
        relocs = [] if self.symbol is None else [
            (0, "R_ARM_THM_MOVW_ABS_NC", self.symbol), (4, "R_ARM_THM_MOVT_ABS", self.symbol)]
        return data, [(0, "t")], relocs


class LiteralPool:
    """The words of one function's loads, each once, placed by `place`."""
    item = LiteralLoad          # the load's item type (arm/asm_v6m.py has its own)

    def __init__(self, buf: CodeBuffer):
        self.buf = buf
        self.words: dict[tuple[str | None, int], Label] = {}   # (symbol, value) → its word

    def load(self, rd: int, value: int, symbol: str | None = None) -> LiteralLoad:
        """The item loading `value` (or the address of `symbol` + value) into rd."""
        key = (symbol, value)
        label = self.words.pop(key, None) or self.buf.new_label()
        self.words[key] = label             # last loaded last: placed first, nearest
        return self.item(rd, label.id, value, symbol)

    def place(self) -> None:
        """The pool, word-aligned, at the current position (after the last code)."""
        if not self.words:
            return
        buf = self.buf
        with buf.produced_by(LITERAL_POOL):
            buf.align(4)
            for (symbol, value), label in reversed(self.words.items()):
                buf.bind(label)
                if symbol is None:
                    buf.word(value)
                else:
                    buf.word_symbol(symbol, value)
        self.words = {}
