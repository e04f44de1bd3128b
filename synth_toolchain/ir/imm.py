"""Typed immediates of IR instructions: one small frozen dataclass per shape.

Each op in `ir.OPS` declares the class of its immediate (`OpInfo.imm`), so
what an immediate holds is written down once and read by name everywhere
(`ins.imm.offset`, never `ins.imm[1]`).  Ops of the same shape share a
class.  Immediates are values: change one with `dataclasses.replace`.
The call immediate, `calls.CallSig`, lives with the call ABI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..traps import Trap


@dataclass(frozen=True, slots=True)
class Constant:
    """A 32-bit constant: the value of `const`, the second operand of the
    ALU "i" forms (addi, andi, …), the high word of add64k/sub64k."""
    value: int


@dataclass(frozen=True, slots=True)
class Shift:
    """A shift or rotate amount (shli…, rotri; addrot… rotate their x)."""
    amount: int


@dataclass(frozen=True, slots=True)
class ShiftedOperand:
    """How addsh… shift their x before the operation: `shift` lsl, lsr or asr
    by `amount` (1..31).  A rotate is not one of them (addrot… take a Shift):
    ir/ranges.py bounds a shifted x per shift kind, a rotated one by its bits."""
    shift: str
    amount: int


@dataclass(frozen=True, slots=True)
class FrameSlot:
    """A 4-byte frame slot of a local kept in memory (ldslot/stslot)."""
    index: int


@dataclass(frozen=True, slots=True)
class Symbol:
    """The address of a symbol plus an addend (symaddr)."""
    name: str
    addend: int = 0


@dataclass(frozen=True, slots=True)
class MemAccess:
    """An access to linear memory at addr + offset of `size` bytes; `kind` is
    the access width and extension (w, h, sh, b, sb; d for a word pair).
    `checked`: the access does its own bounds check (else one was placed or
    proved before it)."""
    kind: str
    offset: int
    size: int
    checked: bool
    memory: int = 0                   # the memory's index (the base operand is its address)

    @property
    def end(self) -> int:
        """One past the last byte accessed, relative to the address operand."""
        return self.offset + self.size


@dataclass(frozen=True, slots=True)
class RawAccess:
    """An access to machine memory at pointer + offset (ldraw/straw): runtime
    structures such as globals and tables, never bounds-checked."""
    kind: str
    offset: int


@dataclass(frozen=True, slots=True)
class Compare:
    """A 32- or 64-bit comparison `a cond b`, b the constant `k` when it is
    not None (setcci, selcc's one-operand form)."""
    cond: str
    k: int | None = None


@dataclass(frozen=True, slots=True)
class DivisorFacts:
    """What is known of a division's divisor: nothing needs testing for zero,
    or for -1 (the overflow of div_s), when it is a constant."""
    nonzero: bool = False
    not_minus1: bool = False


@dataclass(frozen=True, slots=True)
class CondTrap:
    """Trap with `trap` when `a cond b` (trapif), b the constant `k` (trapifi)."""
    cond: str
    trap: Trap
    k: int | None = None


@dataclass(frozen=True, slots=True)
class TrapCode:
    """The trap an unconditional `trap` raises."""
    trap: Trap


@dataclass(frozen=True, slots=True)
class FloatOp:
    """A VFP operation (fbin, fun, fminmax, fcvt): its mnemonic or name, and
    whether it computes in double precision."""
    op: str
    double: bool


@dataclass(frozen=True, slots=True)
class FloatTrunc:
    """A trapping float → i32 truncation (ftrunc)."""
    signed: bool
    double: bool


@dataclass(frozen=True, slots=True)
class FloatCompare:
    """A float comparison (fsetcc); `negate` flips the result, which keeps
    NaN semantics: not(a < b) is true when unordered."""
    cond: str
    double: bool
    negate: bool = False


@dataclass(frozen=True, slots=True)
class DataSegment:
    """A passive data segment (meminit) and the memory it initialises."""
    index: int
    memory: int = 0


@dataclass(frozen=True, slots=True)
class Memories:
    """The memory of memsize, memgrow and memfill; memcopy's destination and source."""
    memory: int = 0
    source: int = 0


# -- terminators: each knows its successor blocks -------------------------

@dataclass(frozen=True, slots=True)
class Jump:
    target: int

    def successors(self) -> tuple[int, ...]:
        return (self.target,)

    def retarget(self, to: Callable[[int], int]) -> Jump:
        return Jump(to(self.target))


@dataclass(frozen=True, slots=True)
class Branch:
    """Compare and branch (brcmp, brcmp64; brcmpi against the constant `k`)."""
    cond: str
    then_block: int
    else_block: int
    k: int | None = None

    def successors(self) -> tuple[int, ...]:
        return (self.then_block, self.else_block)

    def retarget(self, to: Callable[[int], int]) -> Branch:
        return Branch(self.cond, to(self.then_block), to(self.else_block), self.k)


@dataclass(frozen=True, slots=True)
class FloatBranch:
    """Float compare and branch (brfcmp); fields as in FloatCompare."""
    cond: str
    double: bool
    negate: bool
    then_block: int
    else_block: int

    def successors(self) -> tuple[int, ...]:
        return (self.then_block, self.else_block)

    def retarget(self, to: Callable[[int], int]) -> FloatBranch:
        return FloatBranch(self.cond, self.double, self.negate,
                           to(self.then_block), to(self.else_block))


@dataclass(frozen=True, slots=True)
class BranchTable:
    """br_table: targets[index], or `default` when index >= len(targets)."""
    targets: tuple[int, ...]
    default: int

    def successors(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys((*self.targets, self.default)))

    def retarget(self, to: Callable[[int], int]) -> BranchTable:
        return BranchTable(tuple(to(t) for t in self.targets), to(self.default))


BRANCHES = (Jump, Branch, FloatBranch, BranchTable)
