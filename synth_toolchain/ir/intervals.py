"""Intervals of 32-bit values with a stride, and what instructions and
branches do to them: the domain of the range analysis (ir/loopranges.py).

An interval (lo, hi, m) stands for the 32-bit values x mod 2^32 with
lo <= x <= hi and x = lo (mod m), m = 0 for the one value lo; 0 <= lo < 2^32
and hi - lo < 2^32 - 1 (wider is TOP): `i` counting down to 0 from -60 by 4
is (2^32 - 60, 2^32, 4), and `i + 1102` is then the plain (1042, 1102, 4).
The stride is what lets `i += 4; if (i != 32) continue` stop at 28.  Every
rule holds modulo 2^32 (a sum of representatives is a representative of
the sum), so wrap-around is not an exception but part of the model: a
result too wide to say anything is TOP.  A vreg missing from a state is TOP.
"""

from __future__ import annotations

from itertools import count
from math import gcd
from typing import Callable

from .conds import INVERT
from .imm import Branch
from .ir import Inst
from .ranges import UPPER_RULES

M32 = 0xFFFFFFFF
WRAP = 1 << 32
HALF = 1 << 31
Interval = tuple[int, int, int]          # lo, hi, stride (0: one value)
State = dict[int, Interval]
TOP: Interval = (0, M32, 1)
_SIGNED_TOP: Interval = (-HALF, HALF - 1, 1)


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


def width(iv: Interval) -> int:
    """How far apart the ends are (TOP's is the largest)."""
    return iv[1] - iv[0]


def _shift(iv: Interval, k: int) -> Interval:
    return make(iv[0] + k, iv[1] + k, iv[2])


def join(a: Interval, b: Interval) -> Interval:
    """The narrowest interval holding both (of the three ways to line them up)."""
    best = TOP
    for shift in (0, WRAP, -WRAP):
        lo, hi = min(a[0], b[0] + shift), max(a[1], b[1] + shift)
        c = make(lo, hi, gcd(a[2], b[2], a[0] - b[0] - shift))
        if width(c) < width(best):
            best = c
    return best


def aligned(inner: Interval, outer: Interval) -> Interval | None:
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
            if width(c) < width(best):
                best = c
    return best


def _add(a: Interval, b: Interval) -> Interval:
    return make(a[0] + b[0], a[1] + b[1], gcd(a[2], b[2]))


def _neg(a: Interval) -> Interval:
    return make(-a[1], -a[0], a[2])


def _shr(iv: Interval, k: int) -> Interval:
    return make(iv[0] >> k, iv[1] >> k, iv[2] >> k if iv[2] % (1 << k) == 0 else 1)


_SHIFT_KINDS = {"shli": "lsl", "shri_u": "lsr", "shri_s": "asr"}


def _shifted(iv: Interval, shift: str, k: int) -> Interval:
    """iv SHIFT k, for the shift kinds of a shifted operand (ir/imm.py ShiftedOperand)."""
    if shift == "lsl":
        return _product(iv, point(1 << k))
    return _shr(unsigned(iv) if shift == "lsr" else signed(iv), k)


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
            b = _shifted(b, ins.imm.shift, ins.imm.amount & 31)
        return _add(a, _neg(b) if op in ("sub", "subsh") else b)
    if op == "mul":
        return _product(get(u[0]), get(u[1]))
    if op == "mla":
        return _add(_product(get(u[0]), get(u[1])), get(u[2]))
    if op in _SHIFT_KINDS:
        return _shifted(get(u[0]), _SHIFT_KINDS[op], ins.imm.amount & 31)
    if op in ("sxtb", "sxth"):
        limit = 0x80 if op == "sxtb" else 0x8000
        iv = signed(get(u[0]))
        return make(*iv) if -limit <= iv[0] and iv[1] < limit else make(-limit, limit - 1)
    if op == "load" and ins.imm.kind in ("sb", "sh"):
        limit = 0x80 if ins.imm.kind == "sb" else 0x8000
        return make(-limit, limit - 1)
    if op == "andi" and _low_bits_cleared(ins.imm.value):
        return _rounded_down(unsigned(get(u[0])), -ins.imm.value & M32)
    rule = UPPER_RULES.get(op)
    if rule is not None:
        return make(0, rule(ins, lambda v: unsigned(get(v))[1]))
    return TOP


def _low_bits_cleared(mask: int) -> bool:
    """Whether `x & mask` rounds x down to a power of two (mask = ~(2^k - 1))."""
    low = -mask & M32
    return low > 1 and low & (low - 1) == 0


def _rounded_down(iv: Interval, align: int) -> Interval:
    """x rounded down to a multiple of `align` (a power of two) for x in `iv`:
    monotone, so the ends round and the result steps by `align`
    (`n & ~7` of n in 480..512 is 480..512 by 8: an exact trip count for i += 8)."""
    if iv == TOP:
        return make(0, M32 // align * align, align)
    return make(iv[0] // align * align, iv[1] // align * align, align)


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
                iv = narrower(iv, self._given(value, b, r[1]))
            out = iv if out is None else join(out, iv)
        return TOP if out is None else out

    def _given(self, v: int, tested: int, iv: Interval) -> Interval:
        """v's interval when `tested` is known to be within iv."""
        if v == tested:
            return narrower(iv, self.get(v))
        src, k = self.offsets.get(v, (None, 0))
        if src == tested:
            return narrower(_shift(iv, k), self.get(v))
        return self.get(v)


def narrower(a: Interval, b: Interval) -> Interval:
    return a if width(a) < width(b) else b


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
        if width(iv) < width(state.get(w, TOP)):
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
