"""Split live ranges at the boundaries of loops that need every register.

A value live through a loop that never reads or writes it still holds a
register for the whole loop: the allocator gives each vreg one register or
one slot for its whole life, so either the loop loses a register to a value
it never touches, or the value lives in memory everywhere, also in the loops
that use it.  This pass gives such a value a second vreg inside the loop: a
`mov` into it on every edge entering the loop, a `mov` back on every exit
edge where the value is still live.  The original vreg is then dead inside
the loop (a hole in its live range, arm/regalloc.py), and the copy, used only
at the loop's edges, is cheap to spill: one store before the loop and one
load after it instead of a register taken from every iteration.

Only loops whose register pressure (the most core values live at one
point) exceeds the core registers are split, and only values that a trial
allocation spills (or, when it spills values the loop itself uses, every
value live through it unused) and whose references (weighted by loop depth,
as spill weights are) outweigh the moves.  A constant is not copied: its
`const` is repeated after the loop, so it stays a value the allocator can
rebuild instead of reloading; loops go outermost first, and a value split
around a loop is not split again inside it.  Up to ROUNDS trials: once some
values leave a loop, the next trial may spill others that the last one kept.
A copy made here is never split again.  When a value and its copy both end
in memory, the allocator gives them one slot and the moves disappear.  An edge whose
source has other successors and whose target has other predecessors gets a
block of its own for the moves, placed just before its target.
"""

from __future__ import annotations

from ..ir.analysis import liveness, loop_depths, members, natural_loops
from ..ir.imm import Constant, Jump
from ..ir.ir import OPS, Block, Inst, IRFunction
from ..ir.pipeline import PassContext
from .regalloc import CALLEE_SAVED, CALLER_SAVED, LOOP_WEIGHT, linear_scan, single_constants

CORE_REGISTERS = len(CALLER_SAVED + CALLEE_SAVED)


def _block_pressure(b: Block, live_out: int, core: int) -> int:
    """The most core vregs live at one point of the block."""
    live = live_out & core
    most = live.bit_count()
    for ins in reversed((*b.insts, b.term)):
        for d in ins.defs:
            live &= ~(1 << d)
        for u in ins.uses:
            live |= 1 << u
        live &= core
        most = max(most, live.bit_count() + len(ins.defs))
    return most


# Trial allocations per function: a split frees registers, and the next trial
# may then spill values that the last one kept in registers.
ROUNDS = 3


def split_around_loops(fn: IRFunction, ctx: PassContext) -> int:
    """Split the values live through, and unused in, loops under pressure; the
    number of vregs added."""
    made = 0                                    # the copies made: never split again
    added = 0
    for _ in range(ROUNDS):
        first = fn.num_vregs
        n = _split_round(fn, ctx, made)
        if not n:
            break
        made |= ((1 << fn.num_vregs) - 1) & ~((1 << first) - 1)
        added += n
    return added


def _split_round(fn: IRFunction, ctx: PassContext, made: int) -> int:
    preds, _, loops = natural_loops(fn)
    if not loops:
        return 0
    live_in, live_out = liveness(fn, ctx.max_opt_work)
    index = {b.id: i for i, b in enumerate(fn.blocks)}
    by_id = {b.id: b for b in fn.blocks}
    vfp = 0
    for v in fn.vfp_vregs:
        vfp |= 1 << v
    core = ((1 << fn.num_vregs) - 1) & ~vfp
    entry = fn.blocks[0].id
    pressure = {b.id: _block_pressure(b, live_out[index[b.id]], core) for b in fn.blocks}
    crowded = [(h, body) for h, body in loops.items()
               if h != entry and max(pressure[b] for b in body) > CORE_REGISTERS]
    if not crowded:
        return 0
    trial = linear_scan(fn, ctx)
    spilled = 0
    for v, s in enumerate(trial.slot):
        if s is not None:
            spilled |= 1 << v
    constants = single_constants(fn)
    depth = loop_depths(fn)
    weight = {b: LOOP_WEIGHT ** min(d, 3) for b, d in depth.items()}
    refs = [0] * fn.num_vregs                   # as the allocator's spill cost
    for b in fn.blocks:
        for ins in (*b.insts, b.term):
            for v in (*ins.uses, *ins.defs):
                refs[v] += weight[b.id]
    # per edge, the moves out of loops first, then those into loops
    exits: dict[tuple[int, int], list[Inst]] = {}
    entries: dict[tuple[int, int], list[Inst]] = {}
    done: list[tuple[set[int], int]] = []       # (loop body, vregs split around it)
    added = 0
    for header, body in sorted(crowded, key=lambda kv: (-len(kv[1]), kv[0])):
        referenced = 0
        for bid in body:
            for ins in (*by_id[bid].insts, by_id[bid].term):
                for v in (*ins.uses, *ins.defs):
                    referenced |= 1 << v
        # a loop whose own values the trial spilled wants every register: then
        # values held in registers through it and unused there leave it too
        leaving = core if spilled & referenced else spilled
        through = live_in[index[header]] & leaving & ~referenced & ~made
        for outer, split in done:
            if header in outer:
                through &= ~split
        inward = sorted({(p, header) for p in preds[header] if p not in body})
        outward = sorted({(b, s) for b in body for s in by_id[b].successors() if s not in body})
        cost_in = sum(weight[p] for p, _ in inward)
        for v in members(through):
            cost = cost_in + sum(weight[s] for _, s in outward if (live_in[index[s]] >> v) & 1)
            if refs[v] <= 2 * cost:             # used no more often than it would move
                through &= ~(1 << v)
        if not through:
            continue
        done.append((body, through))
        for v in members(through):
            if v in constants:
                # a constant is defined again after the loop instead: no copy, so
                # the allocator can still rebuild it where it is spilled
                for edge in outward:
                    if (live_in[index[edge[1]]] >> v) & 1:
                        exits.setdefault(edge, []).append(
                            Inst("const", (v,), imm=Constant(constants[v])))
                continue
            inner = fn.new_vreg()
            added += 1
            for edge in inward:
                entries.setdefault(edge, []).append(Inst("mov", (inner,), (v,)))
            for edge in outward:
                if (live_in[index[edge[1]]] >> v) & 1:
                    exits.setdefault(edge, []).append(Inst("mov", (v,), (inner,)))
    for edge in sorted(set(exits) | set(entries)):
        _insert_on_edge(fn, by_id, preds, edge, exits.get(edge, []) + entries.get(edge, []))
    return added


def _insert_on_edge(fn: IRFunction, by_id: dict[int, Block], preds: dict[int, list[int]],
                    edge: tuple[int, int], moves: list[Inst]) -> None:
    src, dst = by_id[edge[0]], by_id[edge[1]]
    if src.successors() == [dst.id]:
        src.insts.extend(moves)                  # the terminator only jumps
    elif preds[dst.id] == [src.id] and dst.id != fn.blocks[0].id:
        dst.insts[:0] = moves
    else:
        new = Block(max(by_id) + 1, list(moves), Inst("jump", imm=Jump(dst.id)))
        by_id[new.id] = new
        src.term.imm = src.term.imm.retarget(lambda t: new.id if t == dst.id else t)
        preds[dst.id] = [new.id if p == src.id else p for p in preds[dst.id]]
        preds[new.id] = [src.id]
        fn.blocks.insert(fn.blocks.index(dst), new)
