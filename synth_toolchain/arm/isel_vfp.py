"""Handlers of the IR float ops (hardware float): core words in, VFP work, core words out.

An f32 operand is either in an S register of its own (the optimizing tiers
allocate f32 values there, see arm/regclass.py) or in core words / a slot
like every other value; f64 is always core words.  What is not already in
a VFP register is moved into the scratch registers s12-s14 / d6-d7, which
the allocator never hands out (they are caller-saved argument registers,
free between calls), computed there, and moved back.

The handlers are in this module's `HANDLERS` table, which arm/emit.py
assembles with the other handler modules' tables; `e` is always
arm/emit.py's FunctionEmitter.
"""

from __future__ import annotations

from ..ir.ir import Inst
from ..traps import Trap
from .handlers import S0, S1, HandlerTable, setflag
from .operands import Cond, Imm

HANDLERS = HandlerTable()
handler = HANDLERS.handler

# wasm float comparisons after vcmp + vmrs: an unordered result (a NaN
# operand) sets C and V, which makes every condition but NE false.
FCOND = {"eq": Cond.EQ, "ne": Cond.NE, "lt": Cond.MI, "le": Cond.LS,
         "gt": Cond.GT, "ge": Cond.GE}

# trapping float → i32 truncation: (signed, f64) → ((low bound bits, trap cond),
# (high bound bits, trap cond)); NaN traps separately as an invalid conversion
TRUNC_BOUNDS = {
    (True, False): ((0xCF000000, Cond.MI), (0x4F000000, Cond.GE)),          # [-2^31, 2^31)
    (False, False): ((0xBF800000, Cond.LS), (0x4F800000, Cond.GE)),         # (-1, 2^32)
    (True, True): ((0xC1E0000000200000, Cond.LS), (0x41E0000000000000, Cond.GE)),  # (-2^31-1, 2^31)
    (False, True): ((0xBFF0000000000000, Cond.LS), (0x41F0000000000000, Cond.GE)),
}


def scratch(k: int, double: bool) -> int:
    """Scratch VFP register number k (0-2 single, 0-1 double): s12+k / d6+k."""
    return 6 + k if double else 12 + k


def to_vfp(e, words, k: int, double: bool) -> None:
    """Move a value held in core words into scratch k."""
    k = scratch(k, double)
    if double:
        lo, hi = words
        e.a.vmov_to_d(k, e.src(lo, S0), e.src(hi, S1))
    else:
        e.a.vmov_to_s(k, e.src(words[0], S0))


def from_vfp(e, defs, k: int, double: bool) -> None:
    """Move VFP register k (a register number, not a scratch index) into core words."""
    if double:
        lo, hi = defs
        rl, rh = e.dst(lo, S0), e.dst(hi, S1)
        e.a.vmov_from_d(rl, rh, k)
        e.put(lo, rl, busy=(rh,))
        e.put(hi, rh)
    else:
        rd = e.dst(defs[0], S0)
        e.a.vmov_from_s(rd, k)
        e.put(defs[0], rd)


def _sreg(e, v: int) -> int | None:
    """The S register of a VFP-class vreg (None: in a slot, or a core value)."""
    return e.alloc.reg[v] if v in e.fn.vfp_vregs else None


def _pair(e, words) -> int | None:
    """The D register an f64's words occupy, if they form an aligned pair."""
    lo, hi = (_sreg(e, w) for w in words)
    if lo is not None and hi == lo + 1 and lo % 2 == 0:
        return lo // 2
    return None


def _word_in(e, v: int, s: int) -> None:
    """Put one word of a value into S register s, wherever the value lives."""
    if v in e.fn.vfp_vregs:
        r = e.alloc.reg[v]
        if r is None:
            e.vld_sp(s, e.slot_off(v), S0)
        elif r != s:
            e.a.vfp2("vmov", s, r)
    else:
        e.a.vmov_to_s(s, e.src(v, S0))


def _word_out(e, v: int, s: int) -> None:
    """Store S register s into one word's home."""
    if v in e.fn.vfp_vregs:
        r = e.alloc.reg[v]
        if r is None:
            e.vst_sp(s, e.slot_off(v), S0)
        elif r != s:
            e.a.vfp2("vmov", r, s)
    else:
        rd = e.dst(v, S0)
        e.a.vmov_from_s(rd, s)
        e.put(v, rd)


def fin(e, words, k: int, double: bool) -> int:
    """The VFP register (S, or D when double) holding an operand: its own, or
    scratch k filled from S registers, slots or core words."""
    if double:
        d = _pair(e, words)
        if d is not None:
            return d
        if not any(w in e.fn.vfp_vregs for w in words):
            to_vfp(e, words, k, True)
            return scratch(k, True)
        d = scratch(k, True)
        for i, w in enumerate(words):
            _word_in(e, w, 2 * d + i)
        return d
    r = _sreg(e, words[0])
    if r is not None:
        return r
    k = scratch(k, False)
    _word_in(e, words[0], k)
    return k


def fdst(e, defs, k: int, double: bool) -> int:
    """The VFP register to compute a result into (its own, or scratch k)."""
    if double:
        d = _pair(e, defs)
        return scratch(k, True) if d is None else d
    r = _sreg(e, defs[0])
    return scratch(k, False) if r is None else r


def fput(e, defs, r: int, double: bool) -> None:
    """Finish a result computed into VFP register r (see fdst)."""
    if double:
        if _pair(e, defs) == r:
            return
        if not any(w in e.fn.vfp_vregs for w in defs):
            from_vfp(e, defs, r, True)
            return
        for i, w in enumerate(defs):
            _word_out(e, w, 2 * r + i)
        return
    if _sreg(e, defs[0]) != r:
        _word_out(e, defs[0], r)


def const_to_vfp(e, bits: int, k: int, double: bool) -> int:
    """Build a constant in scratch k; returns its register number."""
    k = scratch(k, double)
    if double:
        e.a.mov_imm32(S0, bits & 0xFFFFFFFF, flags=False)
        e.a.mov_imm32(S1, bits >> 32, flags=False)
        e.a.vmov_to_d(k, S0, S1)
    else:
        e.a.mov_imm32(S0, bits, flags=False)
        e.a.vmov_to_s(k, S0)
    return k


def _split(ins: Inst, double: bool):
    n = 2 if double else 1
    return [ins.uses[i:i + n] for i in range(0, len(ins.uses), n)]


@handler("fbin")
def _fbin(e, ins):
    op, double = ins.imm.op, ins.imm.double
    x, y = _split(ins, double)
    rx = fin(e, x, 0, double)
    ry = fin(e, y, 1, double)
    rd = fdst(e, ins.defs, 0, double)
    e.a.vfp3(op, rd, rx, ry, double)
    fput(e, ins.defs, rd, double)


@handler("fun")
def _fun(e, ins):
    op, double = ins.imm.op, ins.imm.double
    rx = fin(e, ins.uses, 0, double)
    rd = fdst(e, ins.defs, 0, double)
    if op in ("vsqrt", "vabs", "vneg"):
        e.a.vfp2(op, rd, rx, double)
    else:
        e.a.vrint(op, rd, rx, double)
    fput(e, ins.defs, rd, double)


@handler("fminmax")
def _fminmax(e, ins):
    """wasm min/max: a NaN operand gives a NaN (x + y quiets it); of equal
    operands (only ±0 differ) min takes x when x is negative, max when it is not."""
    op, double = ins.imm.op, ins.imm.double
    a = e.a
    x, y = _split(ins, double)
    rx = fin(e, x, 0, double)
    ry = fin(e, y, 1, double)
    rd = fdst(e, ins.defs, 0, double)
    nan, ordered, done = a.new_label(), a.new_label(), a.new_label()

    def select(take_x: Cond) -> None:
        a.it(take_x, "e")
        a.vfp2("vmov", rd, rx, double)
        a.vfp2("vmov", rd, ry, double)
        a.b(done)

    a.vfp2("vcmp", rx, ry, double)
    a.vmrs_nzcv()
    a.b(nan, Cond.VS)
    a.b(ordered, Cond.NE)
    a.vmov_from_s(S0, 2 * rx + 1 if double else rx)      # the sign is in the high word
    a.tst(S0, Imm(0x80000000))                           # NE: x is negative
    select(Cond.NE if op == "min" else Cond.EQ)
    a.bind(ordered)
    select(Cond.MI if op == "min" else Cond.GT)          # x < y / x > y
    a.bind(nan)
    a.vfp3("vadd", rd, rx, ry, double)
    a.bind(done)
    fput(e, ins.defs, rd, double)


def _fcompare(e, ins) -> Cond:
    """Compare as ins.imm says (a FloatCompare or FloatBranch)."""
    cond, double, negate = ins.imm.cond, ins.imm.double, ins.imm.negate
    x, y = _split(ins, double)
    rx = fin(e, x, 0, double)
    ry = fin(e, y, 1, double)
    e.a.vfp2("vcmp", rx, ry, double)
    e.a.vmrs_nzcv()
    return FCOND[cond].invert() if negate else FCOND[cond]


@handler("fsetcc")
def _fsetcc(e, ins):
    setflag(e, ins.defs[0], _fcompare(e, ins))


@handler("brfcmp")
def _brfcmp(e, ins):
    e.branch2(_fcompare(e, ins), ins.imm.then_block, ins.imm.else_block)


@handler("fcvt")
def _fcvt(e, ins):
    op, double = ins.imm.op, ins.imm.double
    a = e.a
    if op.startswith("vcvt_f_"):                 # i32 → f32/f64
        to_vfp(e, ins.uses, 2, False)
        rd = fdst(e, ins.defs, 0, double)
        a.vcvt(op, rd, scratch(2, False), double)
        fput(e, ins.defs, rd, double)
    elif op == "vcvt_fd" and double:             # f64 → f32
        rx = fin(e, ins.uses, 0, True)
        rd = fdst(e, ins.defs, 2, False)
        a.vcvt(op, rd, rx, True)
        fput(e, ins.defs, rd, False)
    elif op == "vcvt_fd":                        # f32 → f64
        rx = fin(e, ins.uses, 2, False)
        a.vcvt(op, scratch(0, True), rx, False)
        fput(e, ins.defs, scratch(0, True), True)
    else:                                        # f32/f64 → i32, saturating
        rx = fin(e, ins.uses, 0, double)
        a.vcvt(op, scratch(2, False), rx, double)
        from_vfp(e, ins.defs, scratch(2, False), False)


@handler("ftrunc")
def _ftrunc(e, ins):
    signed, double = ins.imm.signed, ins.imm.double
    a = e.a
    rx = fin(e, ins.uses, 0, double)
    a.vfp2("vcmp", rx, rx, double)
    a.vmrs_nzcv()
    a.b(e.trap_label(Trap.INVALID_CONVERSION), Cond.VS)
    for bits, cond in TRUNC_BOUNDS[signed, double]:
        bound = const_to_vfp(e, bits, 1, double)
        a.vfp2("vcmp", rx, bound, double)
        a.vmrs_nzcv()
        a.b(e.trap_label(Trap.INTEGER_OVERFLOW), cond)
    a.vcvt("vcvt_s32_f" if signed else "vcvt_u32_f", scratch(2, False), rx, double)
    from_vfp(e, ins.defs, scratch(2, False), False)
