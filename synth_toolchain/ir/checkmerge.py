"""Fewer bounds checks where several accesses share an address, and one
register per limit constant.

Why: a struct read or an unrolled loop body loads `p+0`, `p+4`, `p+8` from
one address vreg, and each access checks its own end: three compares and
three branches where the furthest end, checked at the first access, says
the same.  Moving a check earlier is exact wasm semantics only when nothing
between its new and its old place could be seen after a trap: a store, a
call, a global.set, memory.grow and the bulk memory ops, a trap of another
kind (a division by zero first would become an out-of-bounds trap).  Loads
and other out-of-bounds checks may stand between: they either pass, or trap
with the same code and memory untouched, which is what the earlier check does.

Where the memory's size is a compile-time constant, a limit that is no
compare immediate lives in a register (lowering's `trapif` form); each such
`const` is built where its check is, so a function rebuilds `0xfffc` at every
table load.  `share_limit_constants` lets a check use an equal limit built in
a block that dominates it instead.
"""

from __future__ import annotations

from dataclasses import replace

from ..traps import Trap
from .analysis import definitions, dominators, predecessors
from .imm import CondTrap, Constant
from .ir import OPS, Inst, IRFunction
from .pipeline import PassContext
from .target import LoweringTarget

OOB_CHECK = CondTrap("gt_u", Trap.OUT_OF_BOUNDS_MEMORY)     # lowering's check (lower.py)
_ACCESSES = ("load", "store", "load64", "store64")
_LOADS = ("load", "load64")
_PAIRS = ("load64", "store64")          # the emitter checks 8 bytes, not MemAccess.size


def _may_trap_first(ins: Inst) -> bool:
    """Whether `ins` has an effect a trap before it would hide or change:
    anything with a side effect except a load and an out-of-bounds check."""
    if not OPS[ins.op].side_effect or ins.op in _LOADS:
        return False
    return not (ins.op in ("trapif", "trapifi") and ins.imm.trap == Trap.OUT_OF_BOUNDS_MEMORY)


class BoundsChecks:
    """The bounds checks of one function: which instructions check what."""

    def __init__(self, fn: IRFunction, ctx: PassContext) -> None:
        count, const = definitions(fn)
        self.bound = ctx.static_memory_bound
        self.limits = {v: k & 0xFFFFFFFF for v, k in const.items() if count.get(v) == 1}

    def check(self, ins: Inst) -> tuple[int, int] | None:
        """(address vreg, end it proves) of a check `ins` does, else None."""
        if ins.op in _ACCESSES and ins.imm.checked and not ins.imm.memory:
            return ins.uses[1], ins.imm.end     # (memory 0's: the bound is its)
        if ins.op == "trapif" and ins.imm == OOB_CHECK and self.bound is not None \
                and ins.uses[1] in self.limits:
            return ins.uses[0], self.bound - self.limits[ins.uses[1]]
        return None


def merge_bounds_checks(fn: IRFunction, ctx: PassContext, target: LoweringTarget) -> None:
    """Within a block, the first check of an address vreg takes the furthest end
    of the checks on that vreg that follow it, up to the first instruction a
    trap must not overtake (`_may_trap_first`) or a new value of the vreg;
    those checks go.  The first check is an access's own (its `size` grows)
    or a `trapif` against a limit register (a new, smaller limit)."""
    checks = BoundsChecks(fn, ctx)
    for blk in fn.blocks:
        k = 0
        while k < len(blk.insts):
            k += _merge_from(fn, blk.insts, k, checks, target)


def _merge_from(fn: IRFunction, insts: list[Inst], at: int, checks: BoundsChecks,
                target: LoweringTarget) -> int:
    """Merge the checks after insts[at] into it; returns how many instructions
    now stand where insts[at] stood (2 when a limit constant was inserted)."""
    first = insts[at]
    found = checks.check(first)
    if found is None or first.op in ("store", "store64"):
        return 1                # a store's own check cannot move above its store
    if first.op in _PAIRS and checks.bound is None:
        return 1                # its check is of 8 bytes whatever its size says
    addr, end = found
    furthest, movers = end, []
    for j in range(at + 1, len(insts)):
        ins = insts[j]
        other = checks.check(ins)
        if other is not None and other[0] == addr:
            movers.append(j)
            furthest = max(furthest, other[1])
        if addr in ins.defs or _may_trap_first(ins):
            break
    if furthest == end:
        return 1
    bound = checks.bound
    if bound is not None and bound < furthest:
        return 1                # beyond memory whatever it holds: leave the checks as they are
    for j in movers:
        ins = insts[j]
        if ins.op == "trapif":
            insts[j] = None
        else:
            ins.imm = replace(ins.imm, checked=False)
    insts[:] = [i for i in insts if i is not None]
    if first.op == "trapif" or bound is not None and \
            (first.op in _PAIRS or not target.bounds_limit_immediate(bound - furthest)):
        limit = fn.new_vreg()
        checks.limits[limit] = bound - furthest
        new = [Inst("const", (limit,), (), Constant(bound - furthest)),
               Inst("trapif", (), (addr, limit), OOB_CHECK)]
        if first.op == "trapif":
            insts[at:at + 1] = new
        else:
            first.imm = replace(first.imm, checked=False)
            insts[at:at] = new
        return 2 + (first.op != "trapif")
    first.imm = replace(first.imm, size=furthest - first.imm.offset)
    return 1


def share_limit_constants(fn: IRFunction, ctx: PassContext) -> None:
    """A bounds check whose limit `const` equals one built earlier in its block
    or in a block that dominates it uses that one (the unused one is dead code)."""
    if not fn.blocks or ctx.static_memory_bound is None:
        return
    preds = predecessors(fn)
    idom, rpo = dominators(fn, preds)
    count, const = definitions(fn)
    value_of = {v: k & 0xFFFFFFFF for v, k in const.items() if count.get(v) == 1}
    children: dict[int, list[int]] = {b: [] for b in rpo}
    for b in rpo[1:]:
        children[idom[b]].append(b)
    by_id = {b.id: b for b in fn.blocks}
    stack: list[tuple[int, dict[int, int]]] = [(rpo[0], {})]
    while stack:
        bid, built = stack.pop()         # limit value -> a vreg holding it from here on
        for ins in by_id[bid].insts:
            if ins.op == "trapif" and ins.imm == OOB_CHECK and ins.uses[1] in value_of:
                same = built.get(value_of[ins.uses[1]])
                if same is not None and same != ins.uses[1]:
                    ins.uses = (ins.uses[0], same)
            if ins.op == "const" and ins.defs[0] in value_of:
                built.setdefault(value_of[ins.defs[0]], ins.defs[0])
        stack.extend((c, dict(built)) for c in children[bid])
