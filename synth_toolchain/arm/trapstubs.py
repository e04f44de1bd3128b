"""Where a function's trap stubs go: at its end, and in islands on the way.

Why: a failed check branches to `movs r0, #code; bl synth_trap`.  With one
stub per code at the end of the function, every check more than 256 bytes
above it needs the 32-bit `b<cond>.w`.  Where control does not fall through
(after a jump, a return, a trap), the stub of a code that enough nearby
checks are waiting for is placed right there, and checks below it within
reach branch back to it.  The choices are only about size: branch
relaxation gives any branch whose target ends up out of 16-bit range the
32-bit form, so no choice can make the code wrong.
"""

from __future__ import annotations

from ..traps import TRAP_HANDLER
from .asm import Assembler
from .codebuffer import Label
from .operands import Imm

REACH = 200            # bytes a check may be from a stub to expect a 16-bit b<cond> (±256)
ISLAND_MIN_USERS = 3   # a 6-byte stub in an island pays for itself from three 2-byte savings
TRAP_STUB = "trap stub"   # the origin of a stub's code items (`--dump asm`, the leaf check)


class TrapStubs:
    def __init__(self, a: Assembler):
        self.a = a
        self.pending: dict[int, tuple[Label, list[int]]] = {}   # code → label, item index of uses
        self.islands: dict[int, tuple[Label, int]] = {}          # code → placed stub, its item index

    def label(self, code: int) -> Label:
        """The label a check failing with `code` branches to (emitted next)."""
        island = self.islands.get(code)
        if island is not None:
            if self._bytes_since(island[1]) <= REACH:
                return island[0]
            del self.islands[code]              # left behind: later checks go forward
        lab, uses = self.pending.setdefault(code, (self.a.new_label(), []))
        uses.append(len(self.a.items))
        return lab

    def no_fallthrough(self) -> None:
        """Control does not reach the current position from above: an island
        for every code with ISLAND_MIN_USERS checks within reach above."""
        if not self.pending:
            return
        near = self._first_index_within_reach()
        for code in sorted(self.pending):
            lab, uses = self.pending[code]
            if sum(1 for k in uses if k >= near) >= ISLAND_MIN_USERS:
                del self.pending[code]
                self.islands[code] = (lab, len(self.a.items))
                self._stub(code, lab)

    def finish(self) -> None:
        """The stubs of every code still waiting, at the end of the function."""
        for code in sorted(self.pending):
            self._stub(code, self.pending[code][0])
        self.pending.clear()

    def _stub(self, code: int, lab: Label) -> None:
        self.a.bind(lab)
        with self.a.produced_by(TRAP_STUB):
            self.a.mov(0, Imm(code))
            self.a.bl(TRAP_HANDLER)

    def _bytes_since(self, index: int) -> int:
        """Bytes from item `index` to here (current sizes; stops past REACH)."""
        n = 0
        for it in self.a.items[index:]:
            n += it.size(0)
            if n > REACH:
                break
        return n

    def _first_index_within_reach(self) -> int:
        items, n, k = self.a.items, 0, len(self.a.items)
        while k > 0 and n + items[k - 1].size(0) <= REACH:
            k -= 1
            n += items[k].size(0)
        return k
