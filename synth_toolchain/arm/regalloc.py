"""Register allocation: a side table from vreg to register or frame slot.

Two allocators share one result type:

* `linear_scan` — liveness over the CFG (bit sets), one live interval per
  vreg (the hull of its live range), Poletto–Sarkar linear scan with
  furthest-end spilling.  A spilled vreg lives in its slot for its whole life;
  the emitter reloads it into a scratch register at each use.  Because every
  operand may be spilled, allocation itself cannot fail: spilling first cuts
  pressure to what fits.
* `all_slots` — the baseline: every vreg in a slot.

Intervals that cross a clobbering op (a call, or an i64 sequence that runs
in r0–r3) may only take callee-saved registers.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..ir.ir import OPS, IRFunction
from ..ir.analysis import definitions, liveness, loop_depths
from ..ir.pipeline import PassContext
from .frame import ArgLoc, call_layout

CALLER_SAVED = (0, 1, 2, 3)
CALLEE_SAVED = (4, 5, 6, 7, 8, 9, 10, 11)
SCRATCH = (12, 14)          # ip, lr: never allocated, free in every handler
# S registers for f32 values (arm/regclass.py); s12-s15 are the float handlers'
# scratch registers, s0-s15 are caller-saved and carry AAPCS-VFP arguments.
VFP_CALLER_SAVED = tuple(range(0, 12))
VFP_CALLEE_SAVED = tuple(range(16, 32))
VFP_ALLOCATABLE = frozenset(VFP_CALLER_SAVED + VFP_CALLEE_SAVED)

@dataclass(slots=True)
class Allocation:
    reg: list[int | None]                 # vreg → register, or None if in a slot
    slot: list[int | None]                # vreg → spill slot index
    num_slots: int = 0
    spilled: int = 0                      # vregs that wanted a register and got a slot
    callee_saved: list[int] = field(default_factory=list)
    vfp_saved: int = 0                    # S registers s16.. the prologue must save
    remat: dict[int, int] = field(default_factory=dict)   # spilled constant → its value

    def is_reg(self, v: int) -> bool:
        return self.reg[v] is not None


def all_slots(fn: IRFunction, ctx: PassContext) -> Allocation:
    n = fn.num_vregs
    return Allocation(reg=[None] * n, slot=list(range(n)), num_slots=n, spilled=0)


def _positions(fn: IRFunction):
    """Yield (index, inst) over the linear order, terminators included."""
    n = 0
    for b in fn.blocks:
        for ins in b.insts:
            yield n, b, ins
            n += 1
        yield n, b, b.term
        n += 1


def _bits(x: int):
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


# Spill weight: references inside loops count LOOP_WEIGHT times per loop level
# (up to three levels).
LOOP_WEIGHT = 8

def linear_scan(fn: IRFunction, ctx: PassContext) -> Allocation:
    n = fn.num_vregs
    start = [1 << 60] * n
    end = [-1] * n
    live_in, live_out = liveness(fn, ctx.max_opt_work)
    clobbers: list[int] = []
    move_hint: dict[int, int] = {}        # mov d, s: give d the register s leaves free
    pair_of: dict[int, tuple[int, int]] = {}   # f64 word → (other word, 0 lo / 1 hi)
    refs = [0] * n                        # uses + defs: what a spill of the vreg costs
    pos = 0
    depth = loop_depths(fn)
    for bi, b in enumerate(fn.blocks):
        first = pos
        w = LOOP_WEIGHT ** min(depth[b.id], 3)  # a reference in a loop runs many times
        for ins in (*b.insts, b.term):
            info = OPS[ins.op]
            u = 2 * pos
            d = 2 * pos if info.early_def else 2 * pos + 1
            for v in ins.uses:
                refs[v] += w
                if u > end[v]:
                    end[v] = u
                if u < start[v]:
                    start[v] = u
            for v in ins.defs:
                refs[v] += w
                if d < start[v]:
                    start[v] = d
                if d > end[v]:
                    end[v] = d
            if info.clobbers:
                clobbers.append(pos)
            if ins.op == "mov":
                move_hint[ins.defs[0]] = ins.uses[0]
            elif info.float_op and ins.imm.double:     # f64 operands: (lo, hi) words
                for group in (ins.uses, ins.defs):
                    for i in range(0, len(group) - 1, 2):
                        lo, hi = group[i], group[i + 1]
                        if lo != hi:
                            pair_of[lo], pair_of[hi] = (hi, 0), (lo, 1)
            pos += 1
        last = 2 * (pos - 1) + 1
        for v in _bits(live_in[bi]):
            if 2 * first < start[v]:
                start[v] = 2 * first
        for v in _bits(live_out[bi]):
            if last > end[v]:
                end[v] = last
    for v in fn.params:                   # defined by the caller, before position 0
        start[v] = -1
        if end[v] < 0:
            end[v] = 0

    def crosses(v: int) -> bool:
        i = bisect_right(clobbers, (start[v] - 1) // 2)   # first clobber p with 2p >= start
        while i < len(clobbers):
            p = clobbers[i]
            if 2 * p + 1 < end[v] and start[v] < 2 * p:
                return True
            if 2 * p >= end[v]:
                return False
            i += 1
        return False

    order = sorted((v for v in range(n) if end[v] >= 0), key=lambda v: (start[v], v))
    reg: list[int | None] = [None] * n
    slot: list[int | None] = [None] * n
    vfp = fn.vfp_vregs
    free = set(CALLER_SAVED + CALLEE_SAVED)
    free_vfp = set(VFP_CALLER_SAVED + VFP_CALLEE_SAVED)
    active: list[int] = []                # vregs holding registers, sorted by end
    num_slots = 0
    spilled = 0
    used_callee: set[int] = set()
    vfp_top = 0                           # callee-saved S registers used: s16..s(15+vfp_top)
    param_hint = _param_hints(fn)
    const_of = _single_constants(fn)
    remat: dict[int, int] = {}

    def spill(v: int) -> None:
        nonlocal num_slots, spilled
        if v in const_of:                 # rebuilt where used: no slot, no store
            remat[v] = const_of[v]
            return
        slot[v] = num_slots
        num_slots += 1
        spilled += 1

    for v in order:
        s = start[v]
        while active and end[active[0]] < s:
            a = active.pop(0)
            (free_vfp if a in vfp else free).add(reg[a])
        callee_only = crosses(v)
        in_vfp = v in vfp
        pool = free_vfp if in_vfp else free
        if in_vfp:
            allowed = VFP_CALLEE_SAVED if callee_only else VFP_CALLER_SAVED + VFP_CALLEE_SAVED
        else:
            allowed = CALLEE_SAVED if callee_only else CALLER_SAVED + CALLEE_SAVED
        hint = param_hint.get(v)
        if hint is None and v in move_hint:
            hint = reg[move_hint[v]]
        if hint is None and in_vfp and v in pair_of:
            # the words of an f64 in one D register: s(2k) low, s(2k+1) high
            other, role = pair_of[v]
            if reg[other] is not None and other in vfp:
                want = reg[other] + 1 if role else reg[other] - 1
                if role == (want % 2) and want in pool and want in allowed:
                    hint = want
            else:
                hint = next((r for r in allowed if r % 2 == role and r in pool
                             and r + 1 - 2 * role in pool and r + 1 - 2 * role in allowed),
                            None)
        choice = hint if hint in pool and hint in allowed else None
        if choice is None:
            for r in allowed:
                if r in pool:
                    choice = r
                    break
        if choice is None:
            # Spill the interval that costs least per position it frees: few
            # references over a long range (long-lived, rarely used values first).
            def weight(a: int) -> float:
                return refs[a] / (end[a] - start[a] + 2)
            cands = [a for a in active if reg[a] in allowed and (a in vfp) == in_vfp]
            victim = min(cands, key=lambda a: (weight(a), -end[a], a)) if cands else None
            if victim is not None and weight(victim) < weight(v):
                choice = reg[victim]
                reg[victim] = None
                active.remove(victim)
                spill(victim)
            else:
                spill(v)
                continue
        pool.discard(choice)
        reg[v] = choice
        if in_vfp:
            if choice in VFP_CALLEE_SAVED:
                vfp_top = max(vfp_top, choice - 15)
        elif choice in CALLEE_SAVED:
            used_callee.add(choice)
        # keep `active` sorted by end
        i = len(active)
        while i > 0 and end[active[i - 1]] > end[v]:
            i -= 1
        active.insert(i, v)
    return Allocation(reg=reg, slot=slot, num_slots=num_slots, spilled=spilled,
                      callee_saved=sorted(used_callee), vfp_saved=vfp_top, remat=remat)


def _single_constants(fn: IRFunction) -> dict[int, int]:
    """Core vregs whose only definition is a `const`: spilling one costs no slot,
    the emitter rebuilds the value at each use (rematerialisation)."""
    count, value = definitions(fn)
    return {v: k for v, k in value.items() if count[v] == 1 and v not in fn.vfp_vregs}


def _param_hints(fn: IRFunction) -> dict[int, int]:
    """Prefer the register a parameter arrives in (AAPCS: core, or S for f32 in VFP)."""
    lay = call_layout(fn.param_kinds, fn.result_kinds, fn.vfp_abi)
    locs = ([ArgLoc(0, None)] if fn.sret is not None else []) + [w for g in lay.args for w in g]
    hints = {}
    for v, loc in zip(fn.params, locs):
        if v in fn.vfp_vregs:
            if loc.vfp is not None:
                hints[v] = loc.vfp
        elif loc.reg is not None:
            hints[v] = loc.reg
    return hints


class AllocationError(Exception):
    """The checker found an allocation that would corrupt a value (a compiler bug)."""


def check_allocation(fn: IRFunction, alloc: Allocation) -> None:
    """Verify an allocation against liveness, independently of how it was made.

    At every instruction: values live at the same time hold distinct
    registers, a result never lands on a register still needed afterwards,
    nothing in r0-r3 survives a clobbering op, and early-defined results do
    not share registers with the instruction's operands.
    """
    live_in, live_out = liveness(fn, None)
    vfp = fn.vfp_vregs
    reg = [None if r is None else (("s", r) if v in vfp else ("r", r))
           for v, r in enumerate(alloc.reg)]
    caller_saved = {("r", r) for r in CALLER_SAVED} | {("s", r) for r in range(16)}
    for bi, b in enumerate(fn.blocks):
        live = set(_bits(live_out[bi]))
        for ins in reversed((*b.insts, b.term)):
            info = OPS[ins.op]
            after = live - set(ins.defs)
            held: dict[int, int] = {}
            for v in (*after, *ins.defs):
                r = reg[v]
                if r is None:
                    continue
                other = held.setdefault(r, v)
                if other != v:
                    raise AllocationError(f"{fn.name}: v{v} and v{other} share {r} at {ins.op}")
            if info.clobbers:
                for v in after:
                    if reg[v] in caller_saved:
                        raise AllocationError(f"{fn.name}: v{v} in {reg[v]} lives across {ins.op}")
            if info.early_def:
                used = {reg[u] for u in ins.uses if reg[u] is not None}
                for d in ins.defs:
                    if reg[d] is not None and reg[d] in used:
                        raise AllocationError(f"{fn.name}: early result v{d} shares {reg[d]} "
                                              f"with an operand of {ins.op}")
                if reg[v] is None and alloc.slot[v] is None and v not in alloc.remat:
                    raise AllocationError(f"{fn.name}: v{v} has no location")
                if v in vfp and reg[v] is not None and reg[v][1] not in VFP_ALLOCATABLE:
                    raise AllocationError(f"{fn.name}: v{v} in scratch register {reg[v]}")
            live = after | set(ins.uses)
