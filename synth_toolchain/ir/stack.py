"""The lazy entries of lowering's simulated operand stack.

Lowering (lower.py) keeps a wasm value unmaterialised as long as it can: a
constant stays a `Const`, a comparison stays a pending `Cmp`/`Cmp64`/`FCmp`
until a consumer decides how to use it, and only a `Regs` is in vregs.  They
live here, apart from the Lowerer, so the modules lowering dispatches to
(tables.py) can push entries without importing lower.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from .imm import FloatCompare


@dataclass(slots=True)
class Regs:
    """A materialised value: one vreg (32-bit) or a (lo, hi) pair."""
    vregs: tuple[int, ...]


@dataclass(slots=True)
class Const:
    value: int          # unsigned bit pattern
    words: int


@dataclass(slots=True)
class Cmp:
    """A pending 32-bit comparison `a cond b` (b a vreg or an int constant)."""
    cond: str
    a: int
    b: int | None
    k: int = 0


@dataclass(slots=True)
class Cmp64:
    cond: str
    a: tuple[int, int]
    b: tuple[int, int]


@dataclass(slots=True)
class FCmp:
    """A pending float comparison (hardware float).  `negate` flips the ARM
    condition, which keeps NaN semantics: not(a < b) is true when unordered."""
    cond: str
    a: tuple[int, ...]
    b: tuple[int, ...]
    double: bool
    negate: bool = False

    @property
    def imm(self) -> FloatCompare:
        return FloatCompare(self.cond, self.double, self.negate)


Entry = Regs | Const | Cmp | Cmp64 | FCmp
