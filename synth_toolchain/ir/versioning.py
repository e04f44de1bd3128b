"""Loop versioning: one test before a loop instead of a bounds check per access.

Why: a loop walking a buffer whose base the compiler cannot know (the shadow
stack frame `sp - 256` of sha256's message schedule, a pointer parameter)
keeps a compare and a branch on every access although its counter's range
is known (ir/loopranges.py).  In the loop the checked address is
`base + off`, base not assigned in the loop and off within [lo, hi]
(unsigned, no wrap), so the check `addr + end <= bound` passes on every trip
when `base <= bound - hi - end`.  Testing that once before the loop is not
wasm semantics by itself: when it fails, the trap must still come at the
access that is out of bounds, after the stores of the trips before it.  So
the loop is copied: the test enters the copy without those checks when every
base passes, else the original loop, which keeps them.  The IR is not SSA, so
the copy reads and writes the same vregs and leaves to the same blocks.

Only innermost loops of at most _MAX_LOOP_INSTS instructions and
_MAX_LIVE_IN values live into them (a crowded loop's two copies allocate
worse than its checks cost: mac64 went 682K -> 968K cycles), only where the
memory's size is a compile-time constant, and only at levels that trade code
size for speed (PassContext.speed): the copy doubles the loop's code.
"""

from __future__ import annotations

from dataclasses import replace

from .analysis import liveness, natural_loops
from .checkmerge import BoundsChecks
from .imm import BRANCHES, Branch, Jump
from .intervals import M32, TOP, Walk, unsigned
from .ir import Block, Inst, IRFunction
from .loopranges import block_entry_ranges, tracked_for
from .pipeline import PassContext

_MAX_LOOP_INSTS = 120           # the copy is worth its code for small hot loops
_MAX_LIVE_IN = 16               # values live into the loop: more, and the copies spill
_RANGE_WORK_PER_INST = 40       # as the bounds-checks pass (ir/passes.py)

Offset = tuple[int, int, int]   # (base vreg, lo, hi): the value is base + [lo, hi]


def version_loops(fn: IRFunction, ctx: PassContext) -> None:
    """Copy each innermost loop whose remaining checks an invariant base and a
    known offset range decide, behind one compare per base (module docstring)."""
    if ctx.static_memory_bound is None or not ctx.speed or not fn.blocks:
        return
    checks = BoundsChecks(fn, ctx)
    _, _, loops = natural_loops(fn)
    by_id = {b.id: b for b in fn.blocks}
    inner = [(h, body) for h, body in loops.items()
             if h != fn.blocks[0].id and not any(o != h and o in body for o in loops)
             and sum(len(by_id[b].insts) for b in body) <= _MAX_LOOP_INSTS]
    addrs = {checks.check(i)[0] for h, body in inner for b in body for i in by_id[b].insts
             if checks.check(i) is not None}
    if not addrs:
        return
    ranges = block_entry_ranges(fn, _RANGE_WORK_PER_INST * sum(len(b.insts) for b in fn.blocks),
                                tracked_for(fn, addrs))
    if ranges is None:
        return
    live_in, _ = liveness(fn, ctx.max_opt_work)
    at = {b.id: i for i, b in enumerate(fn.blocks)}
    for header, body in inner:
        if live_in[at[header]].bit_count() > _MAX_LIVE_IN:
            continue            # crowded: two copies allocate worse than one saves (mac64)
        proven = _decided_checks(fn, body, ranges, checks, by_id)
        limits = _limits(proven, ctx.static_memory_bound)
        if limits:
            dropped = {at for at, need in proven if need <= ctx.static_memory_bound}
            _copy_behind_tests(fn, header, body, limits, dropped)


def _decided_checks(fn: IRFunction, body: set[int], ranges, checks: BoundsChecks, by_id):
    """[((block, index, base), needed end)]: each check of the loop whose address
    is base + [lo, hi] with base not assigned in the loop; it passes on every
    trip when base + hi + end <= bound (the end it needs: hi + end)."""
    assigned = {d for b in body for i in by_id[b].insts for d in i.defs}
    out = []
    for bid in body:
        if bid not in ranges:
            continue                            # unreachable
        walk = Walk(dict(ranges[bid]))
        offsets: dict[int, Offset] = {}
        for k, ins in enumerate(by_id[bid].insts):
            found = checks.check(ins)
            if found is not None:
                addr, end = found
                off = (addr, 0, 0) if addr not in assigned else offsets.get(addr)
                if off is not None:
                    out.append(((bid, k, off[0]), off[2] + end))
            new = _offset(ins, walk, offsets, assigned) if len(ins.defs) == 1 else None
            for d in ins.defs:
                offsets.pop(d, None)
            if new is not None:
                offsets[ins.defs[0]] = new
            walk.step(ins)
    return out


def _offset(ins: Inst, walk: Walk, offsets: dict[int, Offset], assigned: set[int]) -> Offset | None:
    """ins's result as an invariant base plus an unsigned range, if it is one."""
    def as_offset(v: int) -> Offset | None:
        return (v, 0, 0) if v not in assigned else offsets.get(v)

    def plus(off: Offset | None, lo: int, hi: int) -> Offset | None:
        if off is None or off[1] + lo < 0 or off[2] + hi > M32:
            return None
        return off[0], off[1] + lo, off[2] + hi

    def range_of(v: int) -> tuple[int, int] | None:
        iv = unsigned(walk.get(v))
        return None if iv == TOP else (iv[0], iv[1])

    op, u = ins.op, ins.uses
    if op == "mov":
        return as_offset(u[0])
    if op == "addi":
        return plus(as_offset(u[0]), ins.imm.value & M32, ins.imm.value & M32)
    if op in ("add", "addsh") and (op == "add" or ins.imm.shift == "lsl"):
        shift = ins.imm.amount if op == "addsh" else 0
        pairs = ((u[0], u[1]), (u[1], u[0])) if op == "add" else ((u[0], u[1]),)
        for base, other in pairs:
            r = range_of(other)
            if r is not None and as_offset(base) is not None:
                return plus(as_offset(base), r[0] << shift, r[1] << shift)
    return None


def _limits(proven, bound: int) -> dict[int, int]:
    """base vreg -> the largest value it may have for every check on it to pass."""
    out: dict[int, int] = {}
    for (_, _, base), need in proven:
        if need <= bound:
            out[base] = min(out.get(base, bound), bound - need)
    return out


def _copy_behind_tests(fn: IRFunction, header: int, body: set[int], limits: dict[int, int],
                       dropped: set[tuple[int, int, int]]) -> None:
    """Copy the loop without the `dropped` checks; put `base <= limit` tests
    (one block each) on every edge into the loop: all pass -> the copy, else
    the original, each through a preheader block of its own."""
    loop_blocks = [b for b in fn.blocks if b.id in body]   # in layout order
    next_id = max(b.id for b in fn.blocks) + 1
    copy_of = {b: next_id + n for n, b in enumerate(sorted(body))}
    next_id += len(copy_of)
    # each loop gets a preheader of its own (hoist-constants moves constants there)
    fast_pad = Block(next_id, [], Inst("jump", imm=Jump(copy_of[header])))
    slow_pad = Block(next_id + 1, [], Inst("jump", imm=Jump(header)))
    next_id += 2
    tests = []
    bases = sorted(limits)
    first = next(b for b in loop_blocks if b.id == header)
    loc = (first.insts or [first.term])[0].loc      # the tests stand on the loop's first line
    for n, base in enumerate(bases):
        onward = fast_pad.id if n == len(bases) - 1 else next_id + n + 1
        tests.append(Block(next_id + n, [], Inst("brcmpi", (), (base,),
                                               Branch("gt_u", slow_pad.id, onward, limits[base]),
                                               loc)))
    entry = tests[0].id
    for b in fn.blocks:
        if b.id not in body and b.term is not None and header in b.successors():
            b.term = replace(b.term, imm=b.term.imm.retarget(
                lambda t: entry if t == header else t))
    copies = []
    dropped_at = {(bid, k) for bid, k, _ in dropped}
    for orig in loop_blocks:
        b = orig.id
        insts = []
        for k, ins in enumerate(orig.insts):
            if (b, k) in dropped_at:
                if ins.op == "trapif":
                    continue
                ins = replace(ins, imm=replace(ins.imm, checked=False))
            insts.append(replace(ins))
        term = replace(orig.term)
        if isinstance(term.imm, BRANCHES):
            term.imm = term.imm.retarget(lambda t: copy_of.get(t, t))
        copies.append(Block(copy_of[b], insts, term))
    _drop_unread_constants(fn, body, copies)
    at = next(i for i, x in enumerate(fn.blocks) if x.id == header)
    fn.blocks[at:at] = [*tests, fast_pad, *copies, slow_pad]



def _drop_unread_constants(fn: IRFunction, body: set[int], copies: list[Block]) -> None:
    """The limit constants of the dropped checks, where nothing else reads them:
    the copy need not build them, and with one definition left the original's
    can leave its loop (hoist-constants)."""
    read = {u for b in copies for i in (*b.insts, b.term) for u in i.uses}
    read |= {u for b in fn.blocks if b.id not in body
             for i in (*b.insts, b.term) if i is not None for u in i.uses}
    for b in copies:
        b.insts = [i for i in b.insts if i.op != "const" or i.defs[0] in read]
