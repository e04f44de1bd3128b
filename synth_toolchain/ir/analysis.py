"""Target-neutral analyses of an IRFunction's CFG.

Predecessors, definitions (counts, and those reaching a point of a block),
uses, dominators, natural loops and liveness are read by
the IR passes (ir/passes.py) and by the register allocator (arm/regalloc.py);
they live here so that neither has to import the other.
"""

from __future__ import annotations

from ..errors import TierFailure
from .ir import Inst, IRFunction


def members(x: int):
    """The vregs in a bit set (bit v set: v is a member), lowest first."""
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def predecessors(fn: IRFunction) -> dict[int, list[int]]:
    preds: dict[int, list[int]] = {b.id: [] for b in fn.blocks}
    for b in fn.blocks:
        for s in b.successors():
            preds[s].append(b.id)
    return preds


def definitions(fn: IRFunction) -> tuple[dict[int, int], dict[int, int]]:
    """(vreg → number of definitions, parameters counting one; vreg → value of
    its last `const` definition).  A vreg defined once by a `const` is that
    constant everywhere it is used."""
    count: dict[int, int] = {v: 1 for v in fn.params}
    const: dict[int, int] = {}
    for b in fn.blocks:
        for ins in b.insts:
            for d in ins.defs:
                count[d] = count.get(d, 0) + 1
            if ins.op == "const":
                const[ins.defs[0]] = ins.imm.value
    return count, const


def use_counts(fn: IRFunction) -> dict[int, int]:
    """vreg → number of operands that read it (terminators included)."""
    count: dict[int, int] = {}
    for b in fn.blocks:
        for ins in b.insts if b.term is None else (*b.insts, b.term):
            for u in ins.uses:
                count[u] = count.get(u, 0) + 1
    return count


class BlockDefs:
    """The definitions reaching each point of one block, for a forward walk.

    The IR is not SSA (a promoted local is assigned in many places), so "the
    instruction that computed v" only means something at a given point: the
    last definition of v before it in the block.  `reaching(v)` gives that
    instruction's index while the walk stands at an instruction; `unchanged(x,
    since)` says that nothing from index `since` on (the definition itself
    included) has written x, so x still holds what that definition read."""

    def __init__(self) -> None:
        self._last: dict[int, int] = {}

    def reaching(self, v: int) -> int | None:
        return self._last.get(v)

    def unchanged(self, v: int, since: int) -> bool:
        return self._last.get(v, -1) < since

    def passed(self, index: int, ins: Inst) -> None:
        """The walk moves past instruction `index`."""
        for d in ins.defs:
            self._last[d] = index


# dominators and natural_loops depend on the CFG alone, which most passes
# leave as it was: the results for the last few CFGs, keyed by their shape,
# handed out as copies (a caller may edit its copy)
_CFG_RESULTS: dict[tuple, tuple] = {}
_CFG_RESULTS_MAX = 64


def _cfg_shape(fn: IRFunction) -> tuple:
    return tuple((b.id, *b.successors()) for b in fn.blocks)


def _remember(key: tuple, value: tuple) -> None:
    if len(_CFG_RESULTS) >= _CFG_RESULTS_MAX:
        _CFG_RESULTS.clear()
    _CFG_RESULTS[key] = value


def dominators(fn: IRFunction, preds: dict[int, list[int]]) -> tuple[dict[int, int], list[int]]:
    """Immediate dominators by the iterative two-finger method over reverse postorder."""
    key = ("dominators", _cfg_shape(fn), tuple((b, *ps) for b, ps in preds.items()))
    known = _CFG_RESULTS.get(key)
    if known is None:
        known = _dominators(fn, preds)
        _remember(key, known)
    return dict(known[0]), list(known[1])


def _dominators(fn: IRFunction, preds: dict[int, list[int]]) -> tuple[dict[int, int], list[int]]:
    by_id = {b.id: b for b in fn.blocks}
    entry = fn.blocks[0].id
    order, seen = [], {entry}
    stack = [(entry, iter(by_id[entry].successors()))]
    while stack:
        node, it = stack[-1]
        nxt = next((s for s in it if s not in seen), None)
        if nxt is None:
            order.append(node)
            stack.pop()
        else:
            seen.add(nxt)
            stack.append((nxt, iter(by_id[nxt].successors())))
    rpo = order[::-1]
    index = {b: i for i, b in enumerate(rpo)}
    idom = {entry: entry}

    def meet(a: int, b: int) -> int:
        while a != b:
            while index[a] > index[b]:
                a = idom[a]
            while index[b] > index[a]:
                b = idom[b]
        return a

    changed = True
    while changed:
        changed = False
        for b in rpo[1:]:
            done = [p for p in preds[b] if p in idom]
            new = done[0]
            for p in done[1:]:
                new = meet(p, new)
            if idom.get(b) != new:
                idom[b] = new
                changed = True
    return idom, rpo


def dominates(idom: dict[int, int], a: int, b: int) -> bool:
    while True:
        if a == b:
            return True
        if idom[b] == b:
            return False
        b = idom[b]


def natural_loops(fn: IRFunction) -> tuple[dict[int, list[int]], list[int], dict[int, set[int]]]:
    """(predecessors, reverse postorder, loop header → body) of the reachable CFG.
    A back edge goes to a block that dominates its source; loops sharing a
    header are one loop."""
    key = ("natural_loops", _cfg_shape(fn))
    known = _CFG_RESULTS.get(key)
    if known is None:
        known = _natural_loops(fn)
        _remember(key, known)
    preds, rpo, loops = known
    return ({b: list(ps) for b, ps in preds.items()}, list(rpo),
            {h: set(body) for h, body in loops.items()})


def _natural_loops(fn: IRFunction) -> tuple[dict[int, list[int]], list[int], dict[int, set[int]]]:
    by_id = {b.id: b for b in fn.blocks}
    preds = predecessors(fn)
    idom, rpo = _dominators(fn, preds)
    loops: dict[int, set[int]] = {}
    for t in rpo:
        for h in by_id[t].successors():
            if dominates(idom, h, t):
                body = loops.setdefault(h, {h})
                work = [t]
                while work:
                    n = work.pop()
                    if n not in body:
                        body.add(n)
                        work.extend(p for p in preds[n] if p in idom)
    return preds, rpo, loops


def loop_depths(fn: IRFunction) -> dict[int, int]:
    """Block id → number of loops containing it."""
    depth = {b.id: 0 for b in fn.blocks}
    for body in natural_loops(fn)[2].values():
        for b in body:
            depth[b] += 1
    return depth


def liveness(fn: IRFunction, budget: int | None) -> tuple[list[int], list[int]]:
    """Live-in and live-out bit sets per block (index = position in fn.blocks).
    TierFailure once the work passes `budget` (PassContext.max_opt_work; None:
    no limit, for the allocation checker)."""
    nb = len(fn.blocks)
    index = {b.id: i for i, b in enumerate(fn.blocks)}
    gen = [0] * nb
    kill = [0] * nb
    for i, b in enumerate(fn.blocks):
        g = k = 0
        for ins in (*b.insts, b.term):
            for u in ins.uses:
                if not (k >> u) & 1:
                    g |= 1 << u
            for d in ins.defs:
                k |= 1 << d
        gen[i], kill[i] = g, k
    succ = [[index[s] for s in b.successors() if s in index] for b in fn.blocks]
    live_in = [0] * nb
    live_out = [0] * nb
    changed = True
    work = 0
    while changed:
        changed = False
        for i in range(nb - 1, -1, -1):
            out = 0
            for s in succ[i]:
                out |= live_in[s]
            new_in = gen[i] | (out & ~kill[i])
            work += 1
            if out != live_out[i] or new_in != live_in[i]:
                live_out[i], live_in[i] = out, new_in
                changed = True
        if budget is not None and work * max(1, fn.num_vregs // 64) > budget:
            raise TierFailure(f"function too large for the optimizing allocator "
                              f"({fn.num_vregs} vregs, {nb} blocks)")
    return live_in, live_out
