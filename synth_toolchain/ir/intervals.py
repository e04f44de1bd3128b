"""Flow-sensitive value ranges of every vreg, loop counters included.

Why: ir/ranges.py bounds a vreg by its one definition, so a loop counter
(a promoted local, assigned before the loop and again in it) is unbounded
and `a[i]` in `for (i = 0; i < 100; i++)` keeps its bounds check on every
iteration.  Here an abstract interpretation over the CFG gives each vreg an
interval at every block entry: the branch that keeps the loop going bounds
the counter (`i < 100` on the edge back to the header), and an interval
that grows around a loop is widened to the next constant a compare of the
function could stop it at (else to everything), so the fixed point is found
in a few sweeps; two sweeps without widening then tighten it again.

An interval (lo, hi, m) stands for the 32-bit values x mod 2^32 with
lo <= x <= hi and x = lo (mod m), m = 0 for the one value lo; 0 <= lo < 2^32
and hi - lo < 2^32 - 1 (wider is TOP): `i` counting down to 0 from -60 by 4
is (2^32 - 60, 2^32, 4), and `i + 1102` is then the plain (1042, 1102, 4).
The stride is what lets `i += 4; if (i != 32) continue` stop at 28.  Every rule holds modulo 2^32 (a sum of representatives is a
representative of the sum), so wrap-around is not an exception but part of
the model: a result too wide to say anything is TOP.  A vreg missing from a
state is TOP; a block without a state is unreachable.
"""

from __future__ import annotations

from itertools import count
from math import gcd
from typing import Callable

from ..errors import TierFailure
from .analysis import dominates, dominators, liveness, natural_loops
from .conds import INVERT
from .imm import Branch
from .ir import Inst, IRFunction
from .ranges import UPPER_RULES

M32 = 0xFFFFFFFF
WRAP = 1 << 32
HALF = 1 << 31
Interval = tuple[int, int, int]          # lo, hi, stride (0: one value)
State = dict[int, Interval]
TOP: Interval = (0, M32, 1)
_SIGNED_TOP: Interval = (-HALF, HALF - 1, 1)
_MAX_WIDENINGS = 4                      # steps of one vreg at one loop header
_MAX_PIN_ROUNDS = 3                     # loop nests deeper than this keep some checks
_MAX_SWEEPS = 60                        # widening ends any ascent long before this


def make(lo: int, hi: int, m: int = 1) -> Interval:
    """The canonical interval of the values lo..hi (mod 2^32) congruent to lo mod m."""
    if hi < lo:
        raise ValueError("empty interval")
    if m:
        hi = lo + (hi - lo) // m * m
    if hi == lo:
        m = 0
    if hi - lo >= M32:
        return TOP
    shift = lo // WRAP * WRAP
    return lo - shift, hi - shift, m


def point(v: int) -> Interval:
    return v & M32, v & M32, 0


def unsigned(iv: Interval) -> Interval:
    """The values read as unsigned (all of them when they wrap past 0)."""
    return iv if iv[1] <= M32 else TOP


def signed(iv: Interval) -> Interval:
    """The values read as signed."""
    lo, hi, m = iv
    if hi < HALF:
        return iv
    if lo >= HALF and hi < WRAP + HALF:
        return lo - WRAP, hi - WRAP, m
    return _SIGNED_TOP


def _width(iv: Interval) -> int:
    return iv[1] - iv[0]


def _shift(iv: Interval, k: int) -> Interval:
    return make(iv[0] + k, iv[1] + k, iv[2])


def join(a: Interval, b: Interval) -> Interval:
    """The narrowest interval holding both (of the three ways to line them up)."""
    best = TOP
    for shift in (0, WRAP, -WRAP):
        lo, hi = min(a[0], b[0] + shift), max(a[1], b[1] + shift)
        c = make(lo, hi, gcd(a[2], b[2], a[0] - b[0] - shift))
        if _width(c) < _width(best):
            best = c
    return best


def _aligned(inner: Interval, outer: Interval) -> Interval | None:
    """`outer` shifted by a multiple of 2^32 so that it holds `inner`'s ends, if it can."""
    for shift in (0, WRAP, -WRAP):
        lo, hi = outer[0] + shift, outer[1] + shift
        if lo <= inner[0] and inner[1] <= hi:
            return lo, hi, outer[2]
    return None


def _product(a: Interval, b: Interval) -> Interval:
    """a * b, in whichever reading (unsigned or signed) of each gives the
    narrowest result; products of representatives are representatives."""
    best = TOP
    for x in {a, signed(a)}:
        for y in {b, signed(b)}:
            vals = [p * q for p in x[:2] for q in y[:2]]
            if x[2] == 0 and y[2] == 0:
                m = 0
            elif y[2] == 0:
                m = x[2] * abs(y[0])
            elif x[2] == 0:
                m = y[2] * abs(x[0])
            else:
                m = gcd(x[2] * y[2], x[0] * y[2], y[0] * x[2])
            c = make(min(vals), max(vals), m)
            if _width(c) < _width(best):
                best = c
    return best


def _add(a: Interval, b: Interval) -> Interval:
    return make(a[0] + b[0], a[1] + b[1], gcd(a[2], b[2]))


def _neg(a: Interval) -> Interval:
    return make(-a[1], -a[0], a[2])


def _shr(iv: Interval, k: int) -> Interval:
    return make(iv[0] >> k, iv[1] >> k, iv[2] >> k if iv[2] % (1 << k) == 0 else 1)


def _arith(ins: Inst, get: Callable[[int], Interval]) -> Interval:
    op, u = ins.op, ins.uses
    if op == "const":
        return point(ins.imm.value)
    if op == "mov":
        return get(u[0])
    if op in ("addi", "subi"):
        k = ins.imm.value if op == "addi" else -ins.imm.value
        return _shift(get(u[0]), k)
    if op == "rsbi":
        return _shift(_neg(get(u[0])), ins.imm.value)
    if op == "neg":
        return _neg(get(u[0]))
    if op in ("add", "sub", "addsh", "subsh"):
        a, b = get(u[0]), get(u[1])
        if op in ("addsh", "subsh"):
            b = _product(b, point(1 << (ins.imm.amount & 31)))
        return _add(a, _neg(b) if op in ("sub", "subsh") else b)
    if op == "mul":
        return _product(get(u[0]), get(u[1]))
    if op == "mla":
        return _add(_product(get(u[0]), get(u[1])), get(u[2]))
    if op == "shli":
        return _product(get(u[0]), point(1 << (ins.imm.amount & 31)))
    if op == "shri_u":
        return _shr(unsigned(get(u[0])), ins.imm.amount & 31)
    if op == "shri_s":
        return _shr(signed(get(u[0])), ins.imm.amount & 31)
    if op in ("sxtb", "sxth"):
        limit = 0x80 if op == "sxtb" else 0x8000
        iv = signed(get(u[0]))
        return make(*iv) if -limit <= iv[0] and iv[1] < limit else make(-limit, limit - 1)
    if op == "load" and ins.imm.kind in ("sb", "sh"):
        limit = 0x80 if ins.imm.kind == "sb" else 0x8000
        return make(-limit, limit - 1)
    rule = UPPER_RULES.get(op)
    if rule is not None:
        return make(0, rule(ins, lambda v: unsigned(get(v))[1]))
    return TOP


class Walk:
    """Intervals through one block: `state` as it is after each `step`, and
    which vregs hold another plus a constant (`v10 = subi v1, 1`), so that a
    select on a test of v1 knows v10 on each side (`v1 == 0 ? 31 : v1 - 1`
    stays in 0..31)."""

    def __init__(self, state: State, tracked: set[int] | None = None) -> None:
        self.state = state
        self.tracked = tracked                  # None: every vreg
        self.offsets: dict[int, tuple[int, int]] = {}     # vreg -> (vreg, constant added)
        self._derived: dict[int, list[int]] = {}          # vreg -> vregs offset from it

    def get(self, v: int) -> Interval:
        return self.state.get(v, TOP)

    def step(self, ins: Inst) -> None:
        """What `ins` leaves: its result's interval (TOP for an op without a
        rule, and for every result of a multi-result op)."""
        if not ins.defs:
            return
        if self.tracked is not None and ins.defs[0] not in self.tracked:
            for d in ins.defs:
                self.state.pop(d, None)
            return
        if len(ins.defs) != 1:
            iv = TOP
        elif ins.op == "selcc":
            iv = self._select(ins)
        else:
            iv = _arith(ins, self.get)
        for d in ins.defs:
            self.state.pop(d, None)
            self.offsets.pop(d, None)
            for v in self._derived.pop(d, ()):
                if self.offsets.get(v, (None,))[0] == d:
                    del self.offsets[v]
        d = ins.defs[0]
        if iv != TOP:
            self.state[d] = iv
        if ins.op in ("addi", "subi") and ins.uses[0] != d:
            k = ins.imm.value if ins.op == "addi" else -ins.imm.value
            self.offsets[d] = (ins.uses[0], k)
            self._derived.setdefault(ins.uses[0], []).append(d)

    def _select(self, ins: Inst) -> Interval:
        """Join of the two values, each where the select's test picks it."""
        cond, k = ins.imm.cond, ins.imm.k
        if k is None:
            a, b, x, y = ins.uses
            bk = self.get(b)
        else:
            (a, x, y), b, bk = ins.uses, None, point(k)
        out = None
        for value, c in ((x, cond), (y, INVERT[cond])):
            r = refine(c, self.get(a), bk)
            if r is None:
                continue                                 # this side is never picked
            iv = self._given(value, a, r[0])
            if b is not None:
                iv = _narrower(iv, self._given(value, b, r[1]))
            out = iv if out is None else join(out, iv)
        return TOP if out is None else out

    def _given(self, v: int, tested: int, iv: Interval) -> Interval:
        """v's interval when `tested` is known to be within iv."""
        if v == tested:
            return _narrower(iv, self.get(v))
        src, k = self.offsets.get(v, (None, 0))
        if src == tested:
            return _narrower(_shift(iv, k), self.get(v))
        return self.get(v)


def _narrower(a: Interval, b: Interval) -> Interval:
    return a if _width(a) < _width(b) else b


# -- what a compare-and-branch says on each of its edges -----------------------

def _raised(iv: Interval, lo: int) -> int:
    """The least value of iv's stride class from lo up."""
    m = iv[2] or 1
    return iv[0] + -(-(lo - iv[0]) // m) * m if lo > iv[0] else iv[0]


def _below(a: Interval, b: Interval, strict: int, view) -> tuple[Interval, Interval] | None:
    """a < b (strict=1) or a <= b (strict=0) in the reading `view`."""
    a, b = view(a), view(b)
    ahi, blo = min(a[1], b[1] - strict), _raised(b, a[0] + strict)
    if a[0] > ahi or blo > b[1]:
        return None
    return make(a[0], ahi, a[2]), make(blo, b[1], b[2])


def _not_equal(a: Interval, k: Interval) -> Interval | None:
    """a once the single value k is excluded (trims an end only)."""
    if k[0] != k[1]:
        return a
    lo, hi, m = a
    if lo == hi:
        return None if (lo - k[0]) % WRAP == 0 else a
    if (lo - k[0]) % WRAP == 0:
        return make(lo + m, hi, m)
    if (hi - k[0]) % WRAP == 0:
        return make(lo, hi - m, m)
    return a


def refine(cond: str, a: Interval, b: Interval) -> tuple[Interval, Interval] | None:
    """(a, b) narrowed by `a cond b` holding; None when it cannot hold."""
    view = unsigned if cond.endswith("_u") else signed
    if cond in ("lt_u", "lt_s", "le_u", "le_s"):
        return _below(a, b, int(cond[1] == "t"), view)
    if cond in ("gt_u", "gt_s", "ge_u", "ge_s"):
        out = _below(b, a, int(cond[1] == "t"), view)
        return None if out is None else (out[1], out[0])
    if cond == "eq":
        (alo, ahi, _), (blo, bhi, _) = unsigned(a), unsigned(b)
        lo, hi = max(alo, blo), min(ahi, bhi)
        if lo > hi:
            return None
        both = a if a[2] == 0 else b if b[2] == 0 else make(lo, hi)
        return both, both
    if cond == "ne":
        na, nb = _not_equal(a, b), _not_equal(b, a)
        return None if na is None or nb is None else (na, nb)
    return a, b                                          # tst_*: nothing said


def _equal_at_end(insts: list[Inst]) -> dict[int, int]:
    """Value numbers at the end of a block: vregs with one number hold one value
    (a `mov` copies its source's number; every other definition is new)."""
    number: dict[int, int] = {}
    fresh = count()
    for ins in insts:
        if ins.op == "mov":
            if ins.uses[0] not in number:
                number[ins.uses[0]] = next(fresh)
            number[ins.defs[0]] = number[ins.uses[0]]
        else:
            for d in ins.defs:
                number[d] = next(fresh)
    return number


def _narrowed(state: State, v: int, iv: Interval, number: dict[int, int]) -> None:
    """Give v, and every vreg holding its value, the interval iv where it is narrower."""
    mine = number.get(v)
    for w in {v, *(w for w, n in number.items() if mine is not None and n == mine)}:
        if _width(iv) < _width(state.get(w, TOP)):
            state[w] = iv


def edge_states(insts: list[Inst], term: Inst, out: State) -> list[tuple[int, State | None]]:
    """(successor, state on the edge to it; None: the edge is never taken)."""
    succ = term.imm.successors() if hasattr(term.imm, "successors") else ()
    if term.op not in ("brcmp", "brcmpi") or not isinstance(term.imm, Branch) \
            or len(set(succ)) != 2:
        return [(s, out) for s in succ]
    a = term.uses[0]
    b = term.uses[1] if term.op == "brcmp" else None
    bk = out.get(b, TOP) if b is not None else point(term.imm.k)
    number = _equal_at_end(insts) if any(i.op == "mov" for i in insts) else {}
    result = []
    for target, cond in ((term.imm.then_block, term.imm.cond),
                         (term.imm.else_block, INVERT[term.imm.cond])):
        r = refine(cond, out.get(a, TOP), bk)
        if r is None:
            result.append((target, None))
            continue
        st = dict(out)
        _narrowed(st, a, r[0], number)
        if b is not None:
            _narrowed(st, b, r[1], number)
        result.append((target, st))
    return result


# -- the fixed point -----------------------------------------------------------

def _thresholds(fn: IRFunction, body: set[int], consts: dict[int, int]) -> list[int]:
    """The constants the branches of the loop `body` compare with: where an
    interval growing around the loop may stop (_widen)."""
    ks: set[int] = set()
    for b in fn.blocks:
        t = b.term
        if b.id not in body:
            continue
        if t.op == "brcmpi":
            ks.add(t.imm.k & M32)
        elif t.op == "brcmp":
            ks.update(consts[u] for u in t.uses if u in consts)
    return sorted(ks)


def _widen(old: Interval, new: Interval, ks: list[int]) -> Interval:
    """`new` (which holds `old`) with each end that moved pushed to the next
    stop: a compared constant k, one either side of it, or one stride short of
    it (`i += s; if (i != k) continue` keeps i at most k - s); else all the way."""
    grown = _aligned(old, new)
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


def _fixed_point(fn: IRFunction, cfg, pins: dict[int, State], budget: _Budget,
                 tracked: set[int] | None):
    """(block entry states, edge states) with `pins` (header -> vreg -> interval
    proven by trip counts) narrowing the header states; None if it does not settle."""
    preds, rpo, loops = cfg
    by_id = {b.id: b for b in fn.blocks}
    consts = {i.defs[0]: i.imm.value & M32 for b in fn.blocks for i in b.insts
              if i.op == "const"}
    stops = {h: _thresholds(fn, body, consts) for h, body in loops.items()}
    live = _live_in(fn)
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
        return _widen(old, grown, stops[header]) if n <= _MAX_WIDENINGS else TOP

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
                new[v] = _narrower(iv, new.get(v, TOP))
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


def _reducible(fn: IRFunction, cfg) -> bool:
    """Whether every cycle goes through a loop header (the edges that are not
    back edges form no cycle): then a block in no inner loop runs at most once
    per trip around its loop."""
    preds, rpo, loops = cfg
    idom = dominators(fn, preds)[0]
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


def _trip_pins(fn: IRFunction, cfg, entries: dict[int, State],
               edges: dict[tuple[int, int], State | None]) -> dict[int, State]:
    """Header -> vreg -> interval, for vregs that step by a constant every trip.

    A counter c stepping by s whose header interval is (lo, hi) with
    hi - lo + |s| < 2^32 cannot jump the values outside it, so within one
    run of the loop its k-th header value is c0 + k*s without wrapping and k
    is at most (hi - lo) // |s| = K.  Any other stepping vreg j then holds
    j0 + k*t on the k-th trip, j0 its value on the way in."""
    preds, _, loops = cfg
    idom = dominators(fn, preds)[0]
    pins: dict[int, State] = {}
    for header, body in loops.items():
        state = entries.get(header)
        ins_in = [edges.get((p, header)) for p in preds[header] if p not in body]
        ins_in = [e for e in ins_in if e is not None]
        if state is None or not ins_in:
            continue
        steps = _steps(fn, cfg, header, idom)
        trips = [_width(state[c]) // abs(s) for c, s in steps.items()
                 if c in state and _width(state[c]) + abs(s) < WRAP]
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
    spent = _Budget(budget)
    try:
        found = _fixed_point(fn, cfg, {}, spent, tracked)
        if found is None:
            return None
        if not cfg[2] or not _reducible(fn, cfg):
            return found[0]
        pins: dict[int, State] = {}
        for _ in range(_MAX_PIN_ROUNDS):
            more = _trip_pins(fn, cfg, *found)
            if more == pins:
                break
            pins = more
            again = _fixed_point(fn, cfg, pins, spent, tracked)
            if again is None:
                break
            found = again
    except TierFailure:
        return None
    return found[0]
