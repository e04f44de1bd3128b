"""Handlers of the IR float ops (hardware float): core words in, VFP work, core words out.

Float values live in core registers or slots like every other value (see
ir/hardfloat.py); a handler moves its operands into the VFP scratch
registers s0-s3 / d0-d1, computes, and moves the result back.  No VFP
register is live between IR instructions, so calls, the tiers and the
allocator see nothing new.
"""

from __future__ import annotations

from ..ir.ir import Inst
from ..traps import Trap
from .asm import Cond
from .emit import S0, S1, FunctionEmitter, _setflag, handler

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


def to_vfp(e: FunctionEmitter, words, k: int, double: bool) -> None:
    """Move a value (1 or 2 core words) into s<k> / d<k>."""
    if double:
        lo, hi = words
        e.a.vmov_to_d(k, e.src(lo, S0), e.src(hi, S1))
    else:
        e.a.vmov_to_s(k, e.src(words[0], S0))


def from_vfp(e: FunctionEmitter, defs, k: int, double: bool) -> None:
    """Move s<k> / d<k> into the result vreg(s)."""
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


def const_to_vfp(e: FunctionEmitter, bits: int, k: int, double: bool) -> None:
    if double:
        e.a.mov_imm32(S0, bits & 0xFFFFFFFF, flags=False)
        e.a.mov_imm32(S1, bits >> 32, flags=False)
        e.a.vmov_to_d(k, S0, S1)
    else:
        e.a.mov_imm32(S0, bits, flags=False)
        e.a.vmov_to_s(k, S0)


def _split(ins: Inst, double: bool):
    n = 2 if double else 1
    return [ins.uses[i:i + n] for i in range(0, len(ins.uses), n)]


@handler("fbin")
def _fbin(e, ins):
    op, double = ins.imm
    x, y = _split(ins, double)
    to_vfp(e, x, 0, double)
    to_vfp(e, y, 1, double)
    e.a.vfp3(op, 0, 0, 1, double)
    from_vfp(e, ins.defs, 0, double)


@handler("fun")
def _fun(e, ins):
    op, double = ins.imm
    to_vfp(e, ins.uses, 0, double)
    if op == "vsqrt":
        e.a.vfp2(op, 0, 0, double)
    else:
        e.a.vrint(op, 0, 0, double)
    from_vfp(e, ins.defs, 0, double)


def _fcompare(e, ins) -> Cond:
    cond, double = ins.imm
    x, y = _split(ins, double)
    to_vfp(e, x, 0, double)
    to_vfp(e, y, 1, double)
    e.a.vfp2("vcmp", 0, 1, double)
    e.a.vmrs_nzcv()
    return FCOND[cond]


@handler("fsetcc")
def _fsetcc(e, ins):
    _setflag(e, ins.defs[0], _fcompare(e, ins))


@handler("fcvt")
def _fcvt(e, ins):
    op, double = ins.imm
    a = e.a
    if op.startswith("vcvt_f_"):                 # i32 → f32/f64
        to_vfp(e, ins.uses, 2, False)
        a.vcvt(op, 0, 2, double)
        from_vfp(e, ins.defs, 0, double)
    elif op == "vcvt_fd" and double:             # f64 → f32
        to_vfp(e, ins.uses, 0, True)
        a.vcvt(op, 2, 0, True)
        from_vfp(e, ins.defs, 2, False)
    elif op == "vcvt_fd":                        # f32 → f64
        to_vfp(e, ins.uses, 2, False)
        a.vcvt(op, 0, 2, False)
        from_vfp(e, ins.defs, 0, True)
    else:                                        # f32/f64 → i32, saturating
        to_vfp(e, ins.uses, 0, double)
        a.vcvt(op, 2, 0, double)
        from_vfp(e, ins.defs, 2, False)


@handler("ftrunc")
def _ftrunc(e, ins):
    signed, double = ins.imm
    a = e.a
    to_vfp(e, ins.uses, 0, double)
    a.vfp2("vcmp", 0, 0, double)
    a.vmrs_nzcv()
    a.b(e.trap_label(Trap.INVALID_CONVERSION), Cond.VS)
    for bits, cond in TRUNC_BOUNDS[signed, double]:
        const_to_vfp(e, bits, 1, double)
        a.vfp2("vcmp", 0, 1, double)
        a.vmrs_nzcv()
        a.b(e.trap_label(Trap.INTEGER_OVERFLOW), cond)
    a.vcvt("vcvt_s32_f" if signed else "vcvt_u32_f", 2, 0, double)
    from_vfp(e, ins.defs, 2, False)
