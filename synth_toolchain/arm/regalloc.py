"""Register allocation: a side table from vreg to register or frame slot.

Two allocators share one result type:

* `linear_scan` — liveness over the CFG (bit sets), each vreg's live range
  as a list of position ranges with holes (dead between its last use and its
  next definition: another value may hold its register there), linear scan
  in order of range start.  A register is free for a vreg when no vreg
  holding it has a range overlapping its ranges; when none is, the holders
  of the register cheapest to evict (loop-weighted references per live
  position) are spilled if together they weigh less than the vreg.  A
  spilled vreg lives in its slot for its whole life; the emitter reloads it
  into a scratch register at each use.  Because every operand may be
  spilled, allocation itself cannot fail: spilling first cuts pressure to
  what fits.  Hints pick among free registers: a parameter's arrival
  register, a copy's source, the register a returned value returns in, the
  register of an operand that dies at the definition (16-bit two-operand
  forms).  Vregs joined by a `mov` share a slot when their ranges allow;
  the emitter then drops the `mov`.  The passes before it split ranges
  (ir/webs.py: independent values of one vreg; arm/loopsplit.py: values
  around loops that need every register).
* `all_slots` — the baseline: every vreg in a slot.

Ranges that cross a clobbering op (a call, or an i64 sequence that runs
in r0–r3) may only take callee-saved registers.  An i64 add or sub
(`low_first`) writes its low word between the reads of the low and the high
words: its low result starts there and its high result one position later,
so each word may take the register of an operand word it no longer needs.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..ir.ir import OPS, IRFunction, high_operands
from ..ir.analysis import definitions, liveness, loop_depths, members
from ..ir.pipeline import PassContext
from .frame import ArgLoc, call_layout

CALLER_SAVED = (0, 1, 2, 3)
CALLEE_SAVED = (4, 5, 6, 7, 8, 9, 10, 11)
# ARMv6-M: r5-r7 are the v6-M assembler's temporaries (arm/asm_v6m.py), r8-r11
# reach almost no instruction
CALLEE_SAVED_LOW = (4,)
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


# Spill weight: references inside loops count LOOP_WEIGHT times per loop level
# (up to three levels).
LOOP_WEIGHT = 8

# Operands whose register the result should take when the operand dies there:
# `adds r0, r1` / `lsls r0, #2` have 16-bit forms only with rd == rn, and a
# select into one of its values needs one conditional move instead of two.
_ALU = ("add", "sub", "and", "or", "xor", "mul", "shl", "shr_u", "shr_s", "rotr",
        "addi", "subi", "andi", "ori", "xori", "shli", "shri_u", "shri_s", "rotri", "rsbi")
TIED_OPERANDS: dict[str, tuple[int, ...]] = {
    **{op: (0,) for op in _ALU}, "add": (0, 1), "and": (0, 1), "or": (0, 1), "xor": (0, 1),
    "mul": (0, 1), "selcc": (1, 2), "addcc": (2,), "addcci": (1,),
    **{op: (0, 2) for op in ("add64", "sub64", "add64k", "sub64k")},   # the low words
}


@dataclass(slots=True)
class Hints:
    """Registers a vreg would like, each saving a move or a 32-bit encoding."""
    move: dict[int, int]                  # mov d, s: d in the register s leaves free
    tie: dict[int, tuple[int, ...]]       # d = op a, b: d in the register a or b leaves free
    result: dict[int, int]                # returned word: the register it returns in
    pair: dict[int, tuple[int, int]]      # f64 word → (other word, 0 lo / 1 hi)
    copies: dict[int, set[int]]           # vregs joined by a `mov` (either way)


def _live_ranges(fn: IRFunction, live_in: list[int], live_out: list[int]):
    """Each vreg's live range as sorted, disjoint [start, end] pairs of positions
    (2·index for operands read, 2·index+1 for results; early results at 2·index):
    a value is dead between its last use and the next definition, and the
    register holding it is free for others there (a lifetime hole).  Also the
    clobbering positions, move hints, f64 word pairs and the spill cost of each vreg."""
    n = fn.num_vregs
    parts: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    clobbers: list[int] = []
    move_hint: dict[int, int] = {}        # mov d, s: give d the register s leaves free
    tie_hint: dict[int, tuple[int, ...]] = {}   # d = op a, b: the register a or b leaves free
    result_hint: dict[int, int] = {}      # returned values: the register they return in
    copies: dict[int, set[int]] = {}      # vregs joined by a `mov`: may share a spill slot
    pair_of: dict[int, tuple[int, int]] = {}   # f64 word → (other word, 0 lo / 1 hi)
    refs = [0] * n                        # uses + defs: what a spill of the vreg costs
    depth = loop_depths(fn)
    pos = 0
    for bi, b in enumerate(fn.blocks):
        insts = (*b.insts, b.term)
        first, last = 2 * pos, 2 * (pos + len(insts) - 1) + 1
        w = LOOP_WEIGHT ** min(depth[b.id], 3)  # a reference in a loop runs many times
        open_end = {v: last for v in members(live_out[bi])}
        for k in range(len(insts) - 1, -1, -1):
            ins = insts[k]
            info = OPS[ins.op]
            p = pos + k
            u = 2 * p
            d = 2 * p if info.early_def else 2 * p + 1
            late = ()
            if info.low_first:
                # the low result is written between the reads of the low and the
                # high words: it lives from there (as the high operands do) to at
                # least the high result, which comes after the high operands' reads
                late = high_operands(ins)
                lo, hi = ins.defs
                refs[lo] += w
                parts[lo].append((d, max(open_end.pop(lo, d), d + 1)))
                tie_hint[hi] = late
                defs = (hi,)
                d += 1
            else:
                defs = ins.defs
            for v in defs:
                refs[v] += w
                parts[v].append((d, open_end.pop(v, d)))
            for v in ins.uses:
                refs[v] += w
                if v not in open_end:
                    # read after the low result is written: live up to it
                    open_end[v] = u + 1 if v in late else u
            if info.clobbers:
                clobbers.append(p)
            if ins.op == "mov":
                move_hint[ins.defs[0]] = ins.uses[0]
                copies.setdefault(ins.defs[0], set()).add(ins.uses[0])
                copies.setdefault(ins.uses[0], set()).add(ins.defs[0])
            elif ins.op in TIED_OPERANDS:
                tie_hint[ins.defs[0]] = tuple(ins.uses[i] for i in TIED_OPERANDS[ins.op]
                                              if i < len(ins.uses))
            elif ins.op == "selcc64":          # d… = cond ? x… : y…, word by word
                n = len(ins.defs)
                for i, v in enumerate(ins.defs):
                    tie_hint[v] = (ins.uses[4 + i], ins.uses[4 + n + i])
            elif ins.op == "ret":
                for i, v in enumerate(ins.uses[:len(CALLER_SAVED)]):
                    result_hint.setdefault(v, i)         # result word i: in r<i>
            if info.float_op and ins.imm.double:     # f64 operands: (lo, hi) words
                for group in (ins.uses, ins.defs):
                    for i in range(0, len(group) - 1, 2):
                        lo, hi = group[i], group[i + 1]
                        if lo != hi:
                            pair_of[lo], pair_of[hi] = (hi, 0), (lo, 1)
        for v, e in open_end.items():
            parts[v].append((first, e))
        pos += len(insts)
    for v in fn.params:                   # defined by the caller, before position 0
        parts[v].append((-1, 0))
    for _ in range(4):                    # `v = mov s; ret v`: s wants v's register too
        for d, s in move_hint.items():
            if d in result_hint and s not in result_hint:
                result_hint[s] = result_hint[d]
    ranges: list[list[tuple[int, int]]] = []
    for ps in parts:
        ps.sort()
        merged: list[tuple[int, int]] = []
        for s, e in ps:
            if merged and s <= merged[-1][1] + 1:
                if e > merged[-1][1]:
                    merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        ranges.append(merged)
    clobbers.sort()
    return ranges, clobbers, Hints(move_hint, tie_hint, result_hint, pair_of, copies), refs


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    """Do two sorted range lists share a position?"""
    i = j = 0
    while i < len(a) and j < len(b):
        (s1, e1), (s2, e2) = a[i], b[j]
        if s1 <= e2 and s2 <= e1:
            return True
        if e1 < e2:
            i += 1
        else:
            j += 1
    return False


def linear_scan(fn: IRFunction, ctx: PassContext) -> Allocation:
    n = fn.num_vregs
    callee = CALLEE_SAVED_LOW if ctx.low_registers else CALLEE_SAVED
    live_in, live_out = liveness(fn, ctx.max_opt_work)
    ranges, clobbers, hints, refs = _live_ranges(fn, live_in, live_out)
    move_hint, tie_hint, pair_of = hints.move, hints.tie, hints.pair
    start = [r[0][0] if r else 1 << 60 for r in ranges]
    end = [r[-1][1] if r else -1 for r in ranges]
    length = [sum(e - s + 1 for s, e in r) for r in ranges]

    def crosses(v: int) -> bool:
        """Is v live across a clobbering op (read or written after it, held before)?"""
        for s, e in ranges[v]:
            i = bisect_left(clobbers, (s + 1) // 2)    # first clobber p with 2p >= s
            if i < len(clobbers) and 2 * clobbers[i] + 1 < e:
                return True
        return False

    def weight(a: int) -> float:
        # what spilling costs per position it frees: few references over a
        # long live range (long-lived, rarely used values) go first
        return refs[a] / (length[a] + 2)

    order = sorted((v for v in range(n) if end[v] >= 0), key=lambda v: (start[v], v))
    reg: list[int | None] = [None] * n
    slot: list[int | None] = [None] * n
    vfp = fn.vfp_vregs
    holders: dict[tuple[bool, int], list[int]] = {}   # (S class?, register) → vregs holding it
    num_slots = 0
    spilled = 0
    used_callee: set[int] = set()
    vfp_top = 0                           # callee-saved S registers used: s16..s(15+vfp_top)
    param_hint = _param_hints(fn)
    const_of = single_constants(fn)
    remat: dict[int, int] = {}
    in_slot: list[list[int]] = []         # slot → the vregs spilled to it

    def spill(v: int) -> None:
        nonlocal num_slots, spilled
        if v in const_of:                 # rebuilt where used: no slot, no store
            remat[v] = const_of[v]
            return
        spilled += 1
        # a copy's slot, if nothing in it is live while v is: the `mov` between
        # them then moves nothing (the emitter drops it)
        for c in sorted(hints.copies.get(v, ())):
            k = slot[c]
            if k is not None and not any(_overlap(ranges[m], ranges[v]) for m in in_slot[k]):
                slot[v] = k
                in_slot[k].append(v)
                return
        slot[v] = num_slots
        in_slot.append([v])
        num_slots += 1

    def conflicts(v: int, key: tuple[bool, int]) -> list[int]:
        hs = holders.get(key)
        if not hs:
            return []
        s = start[v]
        hs[:] = [h for h in hs if end[h] >= s and reg[h] is not None]
        return [h for h in hs if _overlap(ranges[h], ranges[v])]

    for v in order:
        in_vfp = v in vfp
        callee_only = crosses(v)
        if in_vfp:
            allowed = VFP_CALLEE_SAVED if callee_only else VFP_CALLER_SAVED + VFP_CALLEE_SAVED
        else:
            allowed = callee if callee_only else CALLER_SAVED + callee

        def free(r) -> bool:
            return r in allowed and not conflicts(v, (in_vfp, r))

        hint = param_hint.get(v)
        if hint is None and v in move_hint:
            hint = reg[move_hint[v]]
        if hint is None and not in_vfp:
            tied = [reg[u] for u in tie_hint.get(v, ()) if u not in vfp and reg[u] is not None]
            if v in hints.result:
                tied.insert(0, hints.result[v])
            hint = next((r for r in tied if free(r)), None)
        if hint is None and in_vfp and v in pair_of:
            # the words of an f64 in one D register: s(2k) low, s(2k+1) high
            other, role = pair_of[v]
            if reg[other] is not None and other in vfp:
                want = reg[other] + 1 if role else reg[other] - 1
                if role == (want % 2) and free(want):
                    hint = want
            else:
                hint = next((r for r in allowed if r % 2 == role and free(r)
                             and free(r + 1 - 2 * role)), None)
        choice = hint if hint is not None and free(hint) else None
        if choice is None:
            choice = next((r for r in allowed if free(r)), None)
        if choice is None:
            # evict the holders of the register whose eviction costs least, if
            # together they are worth less than v
            best = None
            for r in allowed:
                cs = conflicts(v, (in_vfp, r))
                cost = sum(weight(c) for c in cs)
                if best is None or cost < best[0]:
                    best = (cost, r, cs)
            if best is not None and best[0] < weight(v):
                choice = best[1]
                for c in best[2]:
                    reg[c] = None
                    spill(c)
            else:
                spill(v)
                continue
        reg[v] = choice
        holders.setdefault((in_vfp, choice), []).append(v)
        if in_vfp:
            if choice in VFP_CALLEE_SAVED:
                vfp_top = max(vfp_top, choice - 15)
        elif choice in CALLEE_SAVED:
            used_callee.add(choice)
    return Allocation(reg=reg, slot=slot, num_slots=num_slots, spilled=spilled,
                      callee_saved=sorted(used_callee), vfp_saved=vfp_top, remat=remat)


def single_constants(fn: IRFunction) -> dict[int, int]:
    """Core vregs every definition of which is a `const` of one value (one, or
    those arm/loopsplit.py adds after loops): spilling one costs no slot, the
    emitter rebuilds the value at each use (rematerialisation)."""
    count, value = definitions(fn)
    consts: dict[int, int] = {}
    for b in fn.blocks:
        for ins in b.insts:
            if ins.op == "const":
                consts[ins.defs[0]] = consts.get(ins.defs[0], 0) + 1
                if ins.imm.value != value[ins.defs[0]]:
                    consts[ins.defs[0]] = -1 << 40       # another value: never
    return {v: k for v, k in value.items()
            if count[v] == consts[v] and v not in fn.vfp_vregs}


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
        live = set(members(live_out[bi]))
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
            if info.low_first:
                lo = ins.defs[0]
                for u in high_operands(ins):
                    same_reg = reg[lo] is not None and reg[lo] == reg[u]
                    same_slot = alloc.slot[lo] is not None and alloc.slot[lo] == alloc.slot[u]
                    if lo == u or same_reg or same_slot:
                        raise AllocationError(f"{fn.name}: low result v{lo} of {ins.op} is "
                                              f"where its high operand v{u} is")
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
