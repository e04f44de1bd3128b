"""Flow-sensitive value ranges of every vreg, loop counters included.

Why: ir/ranges.py bounds a vreg by its one definition, so a loop counter
(a promoted local, assigned before the loop and again in it) is unbounded
and `a[i]` in `for (i = 0; i < 100; i++)` keeps its bounds check on every
iteration.  Here an abstract interpretation over the CFG (in the interval
domain of ir/intervals.py) gives each vreg an interval at every block
entry: the branch that keeps the loop going bounds the counter (`i < 100`
on the edge back to the header), and an interval that grows around a loop
is widened to a constant the loop compares with (else to everything), so
the fixed point is found in a few sweeps; two sweeps without widening then
tighten it again.  Trip counts then bound the vregs that step with the
counter (_trip_pins), and the analysis runs again with those facts.

Soundness rests on each transfer rule over-approximating its operation
modulo 2^32 and on the result being a post-fixed point (every block's state
holds the join of what flows in); widening and the pins only choose which.
"""

from __future__ import annotations

from math import gcd

from ..errors import TierFailure
from .analysis import dominates, dominators, liveness, natural_loops
from .conds import INVERT
from .imm import Branch
from .intervals import (HALF, M32, TOP, WRAP, Interval, State, Walk, aligned, edge_states,
                        join, make, narrower, unsigned, width)
from .ir import Inst, IRFunction

_MAX_WIDENINGS = 4                      # steps of one vreg at one loop header
_MAX_PIN_ROUNDS = 3                     # loop nests deeper than this keep some checks
_MAX_SWEEPS = 60                        # widening ends any ascent long before this


class _Stops:
    """Where an interval growing around the loop `body` may stop (_widen): the
    constants its branches compare with.  A vreg takes the constants compared
    with itself or with a step of it (`t = addi v, 1; brcmpi.ne t, 12`), when
    there are any: an outer counter then climbs straight to its own bound
    instead of spending its few widenings on the small bounds of inner loops."""

    def __init__(self, fn: IRFunction, body: set[int], consts: dict[int, int]) -> None:
        self.by_vreg: dict[int, set[int]] = {}
        self.derived: dict[int, set[int]] = {}
        for b in fn.blocks:
            if b.id not in body:
                continue
            for ins in b.insts:
                if ins.op in ("addi", "subi", "mov") and ins.defs:
                    self.derived.setdefault(ins.uses[0], set()).add(ins.defs[0])
            t = b.term
            if t.op == "brcmpi":
                self.by_vreg.setdefault(t.uses[0], set()).add(t.imm.k & M32)
            elif t.op == "brcmp":
                for u, other in zip(t.uses, reversed(t.uses)):
                    if other in consts:
                        self.by_vreg.setdefault(u, set()).add(consts[other])
        self.all = sorted(set().union(*self.by_vreg.values()))

    def of(self, v: int) -> list[int]:
        ks = set(self.by_vreg.get(v, ()))
        for t in self.derived.get(v, ()):
            ks |= self.by_vreg.get(t, set())
        return sorted(ks) if ks else self.all


def _widen(old: Interval, new: Interval, ks: list[int]) -> Interval:
    """`new` (which holds `old`) with each end that moved pushed to the next
    stop: a compared constant k, one either side of it, or one stride short of
    it (`i += s; if (i != k) continue` keeps i at most k - s); else all the way."""
    grown = aligned(old, new)
    if grown is None:
        return TOP
    lo, hi, m = grown
    step = m or 1
    if hi > old[1]:
        ups = [t + w for k in ks for t in (k - step, k - 1, k, k + 1) for w in (0, WRAP, -WRAP)]
        hi = min((t for t in ups if t >= hi), default=None)
    if lo < old[0]:
        downs = [t + w for k in ks for t in (k + step, k + 1, k, k - 1) for w in (0, WRAP, -WRAP)]
        stop = max((t for t in downs if t <= lo), default=None)
        lo = None if stop is None else lo - -(-(lo - stop) // step) * step
    if lo is None or hi is None:
        return TOP
    return make(lo, hi, m)


def _join_states(states: list[State], live: int = -1) -> State:
    """The join of `states`, restricted to the vregs in the bit set `live`."""
    first, *rest = states
    out = {}
    for v, iv in first.items():
        if not (live >> v) & 1:
            continue
        for st in rest:
            other = st.get(v)
            if other is None:
                break
            iv = join(iv, other)
        else:
            if iv != TOP:
                out[v] = iv
    return out


def _live_in(fn: IRFunction) -> dict[int, int]:
    """Block id -> bit set of the vregs live on entry (the others need no interval)."""
    live_in, _ = liveness(fn, None)
    return {b.id: live_in[i] for i, b in enumerate(fn.blocks)}


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise TierFailure("range analysis over budget")


def _fixed_point(fn: IRFunction, cfg, live: dict[int, int], pins: dict[int, State],
                 budget: _Budget, tracked: set[int] | None):
    """(block entry states, edge states) with `pins` (header -> vreg -> interval
    proven by trip counts) narrowing the header states; None if it does not settle.
    `live`: _live_in(fn)."""
    preds, rpo, loops = cfg
    by_id = {b.id: b for b in fn.blocks}
    consts = {i.defs[0]: i.imm.value & M32 for b in fn.blocks for i in b.insts
              if i.op == "const"}
    stops = {h: _Stops(fn, body, consts) for h, body in loops.items()}
    defined = {h: {d for b in fn.blocks if b.id in body for i in b.insts for d in i.defs}
               for h, body in loops.items()}
    widened: dict[tuple[int, int], int] = {}
    entry = rpo[0]
    edges: dict[tuple[int, int], State | None] = {}
    entries: dict[int, State] = {}

    def _widened(header: int, v: int, old: Interval, new: Interval) -> Interval:
        """The header's interval of v after `new` came in: at most _MAX_WIDENINGS
        steps from stop to stop, then everything."""
        grown = join(old, new)
        if grown == old:
            return old
        n = widened[(header, v)] = widened.get((header, v), 0) + 1
        return _widen(old, grown, stops[header].of(v)) if n <= _MAX_WIDENINGS else TOP

    def sweep(widening: bool) -> bool:
        changed = False
        for bid in rpo:
            incoming = [edges[(p, bid)] for p in preds[bid] if edges.get((p, bid)) is not None]
            if bid == entry:
                new = {}
            elif not incoming:
                continue
            else:
                new = _join_states(incoming, live[bid])
            old = entries.get(bid)
            if widening and bid in loops and old is not None:
                # only what the loop assigns can grow around it
                assigned = defined[bid]
                new = {v: w for v, iv in new.items() if v not in assigned or v in old
                       if (w := _widened(bid, v, old[v], iv) if v in assigned else iv) != TOP}
            for v, iv in pins.get(bid, {}).items():
                new[v] = narrower(iv, new.get(v, TOP))
            if old == new:
                continue
            entries[bid] = new
            changed = True
            blk = by_id[bid]
            walk = Walk(dict(new), tracked)
            for ins in blk.insts:
                walk.step(ins)
            budget.spend(len(blk.insts) + len(walk.state))
            for s, es in edge_states(blk.insts, blk.term, walk.state):
                edges[(bid, s)] = es
        return changed

    for _ in range(_MAX_SWEEPS):
        if not sweep(widening=True):
            break
    else:
        return None
    sweep(widening=False)
    sweep(widening=False)
    return entries, edges


def _reducible(cfg, idom) -> bool:
    """Whether every cycle goes through a loop header (the edges that are not
    back edges form no cycle): then a block in no inner loop runs at most once
    per trip around its loop."""
    preds, rpo, loops = cfg
    index = {b: i for i, b in enumerate(rpo)}
    for b in rpo:
        for p in preds[b]:
            if p in index and index[p] >= index[b] and not dominates(idom, b, p):
                return False            # a retreating edge that is no back edge
    return True


def _steps(fn: IRFunction, cfg, header: int, idom) -> dict[int, int]:
    """vreg -> the constant it grows by on every trip around the loop at `header`
    (mod 2^32): its one definition in the loop is `v = addi v, s` (or
    `t = addi v, s` ... `v = mov t`), in a block that every trip runs once:
    one that dominates each edge back to the header and is in no inner loop."""
    preds, _, loops = cfg
    body = loops[header]
    latches = [p for p in preds[header] if p in body]
    inner = set().union(*(b for h, b in loops.items() if h != header and header not in b
                          and h in body))
    sites: dict[int, list[tuple[int, int]]] = {}
    by_id = {b.id: b for b in fn.blocks}
    for bid in body:
        for k, ins in enumerate(by_id[bid].insts):
            for d in ins.defs:
                sites.setdefault(d, []).append((bid, k))
    out = {}
    for v, where in sites.items():
        if len(where) != 1:
            continue
        bid, k = where[0]
        if bid in inner or not all(dominates(idom, bid, t) for t in latches):
            continue
        ins = by_id[bid].insts[k]
        if ins.op == "mov" and len(sites.get(ins.uses[0], ())) == 1 \
                and sites[ins.uses[0]][0][0] == bid and sites[ins.uses[0]][0][1] < k:
            ins = by_id[bid].insts[sites[ins.uses[0]][0][1]]
        if ins.op in ("addi", "subi") and ins.uses[0] == v:
            step_ = (ins.imm.value if ins.op == "addi" else -ins.imm.value) & M32
            step_ = step_ - WRAP if step_ >= HALF else step_
            if step_:
                out[v] = step_
    return out


def _trip_pins(fn: IRFunction, cfg, idom, entries: dict[int, State],
               edges: dict[tuple[int, int], State | None]) -> dict[int, State]:
    """Header -> vreg -> interval, for vregs that step by a constant every trip.

    A counter c stepping by s whose header interval is (lo, hi) with
    hi - lo + |s| < 2^32 cannot jump the values outside it, so within one
    run of the loop its k-th header value is c0 + k*s without wrapping and k
    is at most (hi - lo) // |s| = K.  Any other stepping vreg j then holds
    j0 + k*t on the k-th trip, j0 its value on the way in."""
    preds, _, loops = cfg
    pins: dict[int, State] = {}
    for header, body in loops.items():
        state = entries.get(header)
        ins_in = [edges.get((p, header)) for p in preds[header] if p not in body]
        ins_in = [e for e in ins_in if e is not None]
        if state is None or not ins_in:
            continue
        steps = _steps(fn, cfg, header, idom)
        for c, pin in _ne_exit_pins(fn, body, preds[header], header, steps, state,
                                    ins_in).items():
            pins.setdefault(header, {})[c] = pin
        trips = [width(state[c]) // abs(s) for c, s in steps.items()
                 if c in state and width(state[c]) + abs(s) < WRAP]
        if not trips:
            continue
        k = min(trips)
        for j, t in steps.items():
            j0 = _join_states([{j: e.get(j, TOP)} for e in ins_in]).get(j, TOP)
            if j0 == TOP:
                continue
            pin = make(j0[0] + min(0, k * t), j0[1] + max(0, k * t), gcd(j0[2], t))
            if pin != TOP:
                pins.setdefault(header, {})[j] = pin
    return pins


def _ne_exit_pins(fn: IRFunction, body: set[int], header_preds: list[int], header: int,
                  steps: dict[int, int], state: State, ins_in: list[State]) -> State:
    """Counters that a loop's only back edge keeps going while `c != n`, with n
    not assigned in the loop (clang's rotated `for (i = 0; i < n; i += s)`).

    c enters below every value n may take, congruent to them mod s, and steps
    by s > 0: it meets n exactly, without wrapping, and the loop ends there.  The
    compared value is c after its step (its one definition in the loop runs
    before the branch, _steps), so on the header c is at most max(n) - s.  A
    downward step is the mirror image.  The interval domain cannot say c <= n,
    which is why `!=` with a bound that is not a constant needs this rule."""
    latches = [p for p in header_preds if p in body]
    if len(latches) != 1:
        return {}
    term = next(b for b in fn.blocks if b.id == latches[0]).term
    if term.op != "brcmp" or not isinstance(term.imm, Branch):
        return {}
    cont = {term.imm.then_block: term.imm.cond, term.imm.else_block: INVERT[term.imm.cond]}
    if cont.get(header) != "ne" or len(cont) != 2:
        return {}
    assigned = {d for b in fn.blocks if b.id in body for i in b.insts for d in i.defs}
    out: State = {}
    for c, n in (term.uses, reversed(term.uses)):
        s = steps.get(c)
        bound = state.get(n) if n not in assigned else None
        c0 = _join_states([{c: e.get(c, TOP)} for e in ins_in]).get(c)
        if not s or bound is None or c0 is None:
            continue
        c0, bound = unsigned(c0), unsigned(bound)
        if TOP in (c0, bound) or any(m % abs(s) for m in (c0[2], bound[2])) \
                or (bound[0] - c0[0]) % abs(s):
            continue
        if s > 0 and c0[1] < bound[0]:
            out[c] = make(c0[0], bound[1] - s, s)
        elif s < 0 and c0[0] > bound[1]:
            out[c] = make(bound[0] - s, c0[1], -s)
    return out


def tracked_for(fn: IRFunction, wanted: set[int]) -> set[int]:
    """The vregs whose intervals decide those of `wanted`: the operands of
    their definitions, transitively, and every vreg a branch compares (a loop
    counter bounds the other vregs that step with it: _trip_pins)."""
    defs: dict[int, list[Inst]] = {}
    for b in fn.blocks:
        for ins in b.insts:
            for d in ins.defs:
                defs.setdefault(d, []).append(ins)
    compared: dict[int, list[int]] = {}
    for b in fn.blocks:
        if b.term.op in ("brcmp", "brcmpi"):
            for u in b.term.uses:
                compared.setdefault(u, []).extend(b.term.uses)
    out, work = set(), [*wanted, *compared]
    while work:
        v = work.pop()
        if v in out:
            continue
        out.add(v)
        for ins in defs.get(v, ()):
            work.extend(ins.uses)
        work.extend(compared.get(v, ()))
    return out


def block_entry_ranges(fn: IRFunction, budget: int,
                       tracked: set[int] | None = None) -> dict[int, State] | None:
    """Block id → the interval of each vreg on entry (missing: TOP; a block
    absent from the result is unreachable).  None when the work would pass
    `budget` (instructions interpreted): nothing is then known.  `tracked`:
    the vregs worth an interval (tracked_for); None: all.

    The analysis runs again while trip counts pin more stepping vregs at
    their loop headers (a nest of three loops needs three runs: the outer
    counter's bound gives the middle loop's start, and so on)."""
    if not fn.blocks:
        return {}
    cfg = natural_loops(fn)
    idom = dominators(fn, cfg[0])[0]        # fn does not change here: computed once
    live = _live_in(fn)
    spent = _Budget(budget)
    try:
        found = _fixed_point(fn, cfg, live, {}, spent, tracked)
        if found is None:
            return None
        if not cfg[2] or not _reducible(cfg, idom):
            return found[0]
        pins: dict[int, State] = {}
        for _ in range(_MAX_PIN_ROUNDS):
            more = _trip_pins(fn, cfg, idom, *found)
            if more == pins:
                break
            pins = more
            again = _fixed_point(fn, cfg, live, pins, spent, tracked)
            if again is None:
                break
            found = again
    except TierFailure:
        return None
    return found[0]
