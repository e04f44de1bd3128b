"""Double-precision VFP instructions in software, for unicorn's Cortex-M models.

unicorn (QEMU 5.0) gives its Cortex-M cores a single-precision FPU only, so
the f64 code synth emits for `-mfpu=fpv5-d16` (Cortex-M7) stops there with
an invalid-instruction fault.  `DoubleFPU` is installed as the emulator's
UC_HOOK_INSN_INVALID handler: it decodes the faulting instruction, carries
it out on the D registers (each the S pair s2n/s2n+1 in unicorn) following
the ARMv7-M pseudocode (FPProcessNaNs, default NaN, FPSCR flags of VCMP, IT
blocks), and resumes after it.  Data transfers (VLDR/VSTR/VMOV to core
registers) are valid on single-precision FPUs and never reach it.

Covered: VADD/VSUB/VMUL/VDIV, VMOV (register)/VABS/VNEG/VSQRT, VCMP,
VCVT between f32/f64 and to/from 32-bit integers (round toward zero),
VRINTZ/A/N/P/M, all `.F64`.  FPSCR.RMode must be round-to-nearest and FZ
clear (their reset values, which synth's code never changes); anything else
is left invalid, so an unexpected instruction still stops the run.

The QEMU test (tests/test_fpu_qemu.py) runs the same code on a real
double-precision model (mps2-an500); this module lets the fast unicorn path,
`synth run` and `synth wast` cover Cortex-M7 too.
"""

from __future__ import annotations

import math
import struct
from typing import Callable

from unicorn import arm_const as A

_D = [getattr(A, f"UC_ARM_REG_D{k}") for k in range(16)]
_S = [getattr(A, f"UC_ARM_REG_S{k}") for k in range(32)]

M64 = (1 << 64) - 1
SIGN64 = 1 << 63
QUIET64 = 1 << 51
EXP64 = 0x7FF << 52
DEFAULT_NAN64 = 0x7FF8000000000000
DEFAULT_NAN32 = 0x7FC00000

FPSCR_DN = 1 << 25
FPSCR_FZ = 1 << 24
FPSCR_RMODE = 3 << 22

# ARM condition codes (for instructions inside an IT block): flags → taken?
_CONDITIONS: dict[int, Callable[[int, int, int, int], bool]] = {
    0x0: lambda n, z, c, v: z == 1, 0x1: lambda n, z, c, v: z == 0,
    0x2: lambda n, z, c, v: c == 1, 0x3: lambda n, z, c, v: c == 0,
    0x4: lambda n, z, c, v: n == 1, 0x5: lambda n, z, c, v: n == 0,
    0x6: lambda n, z, c, v: v == 1, 0x7: lambda n, z, c, v: v == 0,
    0x8: lambda n, z, c, v: c == 1 and z == 0, 0x9: lambda n, z, c, v: c == 0 or z == 1,
    0xA: lambda n, z, c, v: n == v, 0xB: lambda n, z, c, v: n != v,
    0xC: lambda n, z, c, v: z == 0 and n == v, 0xD: lambda n, z, c, v: z == 1 or n != v,
    0xE: lambda n, z, c, v: True,
}


# -- bit patterns ---------------------------------------------------------------

def _f(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def _bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def is_nan64(b: int) -> bool:
    return (b & EXP64) == EXP64 and b & ((1 << 52) - 1) != 0


def is_snan64(b: int) -> bool:
    return is_nan64(b) and not b & QUIET64


class _DefaultNaN:
    """FPSCR.DN: whether NaN results are the default NaN."""

    def __init__(self, on: bool):
        self.on = on

    def quiet(self, b: int) -> int:
        return DEFAULT_NAN64 if self.on else b | QUIET64


def process_nans(ops: tuple[int, ...], dn: _DefaultNaN) -> int | None:
    """FPProcessNaNs: the NaN result of an operation with NaN operands, or None.
    A signalling NaN wins over a quiet one, the first operand over the second."""
    for b in ops:
        if is_snan64(b):
            return dn.quiet(b)
    for b in ops:
        if is_nan64(b):
            return dn.quiet(b)
    return None


def _result(x: float) -> int:
    """A NaN computed from non-NaN operands (an invalid operation) is the default NaN."""
    return DEFAULT_NAN64 if math.isnan(x) else _bits(x)


def arith(op: str, a: int, b: int, dn: _DefaultNaN) -> int:
    nan = process_nans((a, b), dn)
    if nan is not None:
        return nan
    x, y = _f(a), _f(b)
    if op == "vadd":
        return _result(x + y)
    if op == "vsub":
        return _result(x - y)
    if op == "vmul":
        return _result(x * y)
    if y == 0.0:                       # vdiv: Python raises where IEEE gives ±inf / NaN
        if x == 0.0:
            return DEFAULT_NAN64
        return (EXP64 | ((a ^ b) & SIGN64))
    return _result(x / y)


def sqrt(a: int, dn: _DefaultNaN) -> int:
    nan = process_nans((a,), dn)
    if nan is not None:
        return nan
    x = _f(a)
    if x == 0.0:
        return a                        # sqrt(-0) = -0
    if x < 0.0:
        return DEFAULT_NAN64
    return _bits(math.sqrt(x))          # correctly rounded (IEEE 754 requires it)


def compare_flags(a: int, b: int) -> int:
    """NZCV of VCMP: unordered 0011, equal 0110, less 1000, greater 0010."""
    if is_nan64(a) or is_nan64(b):
        return 0b0011
    x, y = _f(a), _f(b)
    if x == y:
        return 0b0110
    return 0b1000 if x < y else 0b0010


def round_integral(mode: str, a: int, dn: _DefaultNaN) -> int:
    """VRINT{Z,A,N,P,M}: round to an integral value, keeping the sign of zero."""
    nan = process_nans((a,), dn)
    if nan is not None:
        return nan
    x = _f(a)
    if math.isinf(x) or x == 0.0 or abs(x) >= 2.0 ** 52:
        return a                        # already integral
    lo = math.floor(x)
    frac = x - lo                       # exact below 2^52
    if mode == "z":
        r = math.trunc(x)
    elif mode == "p":
        r = math.ceil(x)
    elif mode == "m":
        r = lo
    elif frac != 0.5:
        r = lo + (1 if frac > 0.5 else 0)
    elif mode == "a":
        r = lo + 1 if x > 0 else lo     # ties away from zero
    else:
        r = lo + (lo & 1)               # ties to even
    return _bits(math.copysign(float(r), x))


def f64_to_f32(a: int, dn: _DefaultNaN) -> int:
    if is_nan64(a):
        if dn.on:
            return DEFAULT_NAN32
        return ((a >> 32) & 0x80000000) | 0x7FC00000 | ((a >> 29) & 0x3FFFFF)
    x = _f(a)
    try:
        return struct.unpack("<I", struct.pack("<f", x))[0]   # rounds to nearest, even
    except OverflowError:               # rounded beyond the largest f32: infinity
        return 0xFF800000 if x < 0 else 0x7F800000


def f32_to_f64(s: int, dn: _DefaultNaN) -> int:
    if (s & 0x7F800000) == 0x7F800000 and s & 0x7FFFFF:
        if dn.on:
            return DEFAULT_NAN64
        return ((s & 0x80000000) << 32) | EXP64 | QUIET64 | ((s & 0x3FFFFF) << 29)
    return _bits(struct.unpack("<f", struct.pack("<I", s))[0])   # exact


def to_int(a: int, signed: bool) -> int:
    """VCVT.{S32,U32}.F64 (round toward zero): saturating, NaN gives 0."""
    if is_nan64(a):
        return 0
    x = _f(a)
    lo, hi = (-(1 << 31), (1 << 31) - 1) if signed else (0, (1 << 32) - 1)
    if math.isinf(x):
        v = hi if x > 0 else lo
    else:
        v = max(lo, min(hi, math.trunc(x)))
    return v & 0xFFFFFFFF


def from_int(w: int, signed: bool) -> int:
    if signed and w & 0x80000000:
        w -= 1 << 32
    return _bits(float(w))               # exact: every 32-bit integer is an f64


# -- decoding -------------------------------------------------------------------

def _dreg(hi_bit: int, four: int) -> int:
    return hi_bit << 4 | four            # D registers: D:Vd


def _sreg(hi_bit: int, four: int) -> int:
    return four << 1 | hi_bit            # S registers: Vd:D


def decode(hw1: int, hw2: int):
    """(operation, operands) of a double-precision VFP instruction, or None.

    Operands are ("d", n) / ("s", n) register references, destination first."""
    D, Vd = hw1 >> 6 & 1, hw2 >> 12
    M, Vm = hw2 >> 5 & 1, hw2 & 15
    if hw1 & 0xFFBF == 0xEEB7 and hw2 & 0x0FD0 == 0x0AC0:   # VCVT.F64.F32 (sz=0)
        return "cvt_f64", (("d", _dreg(D, Vd)), ("s", _sreg(M, Vm)))
    if (hw2 & 0x0F00) != 0x0B00:          # coprocessor 11 with sz=1 (.F64)
        return None
    N, Vn = hw2 >> 7 & 1, hw1 & 15
    dd, dm, dn = ("d", _dreg(D, Vd)), ("d", _dreg(M, Vm)), ("d", _dreg(N, Vn))
    if hw1 & 0xFFB0 == 0xFEB0 and hw2 & 0x00D0 == 0x0040:
        rm = hw1 >> 0 & 3                # VRINT{A,N,P,M} (unconditional encoding)
        if hw1 & 0x000C != 0x0008:
            return None
        return "vrint" + "anpm"[rm], (dd, dm)
    if hw1 & 0xFF00 != 0xEE00 or hw2 & 0x0010:
        return None
    o1, o2, o3 = hw1 >> 7 & 1, hw1 >> 4 & 3, hw2 >> 6 & 1
    if o1 == 1 and o2 == 3:              # "other" data processing: opc2 in Vn
        if not o3:
            return None                   # VMOV immediate (not emitted)
        o4, op7 = Vn, hw2 >> 7 & 1
        two = {(0b0000, 0): "vmov", (0b0000, 1): "vabs", (0b0001, 0): "vneg",
               (0b0001, 1): "vsqrt", (0b0100, 0): "vcmp", (0b0100, 1): "vcmp",
               (0b0110, 1): "vrintz"}
        if (o4, op7) in two:
            return two[o4, op7], (dd, dm)
        if (o4, op7) == (0b0111, 1):     # VCVT.F32.F64
            return "cvt_f32", (("s", _sreg(D, Vd)), dm)
        if o4 == 0b1000:                 # VCVT.F64.{U32,S32}
            return ("cvt_from_s32" if op7 else "cvt_from_u32"), (dd, ("s", _sreg(M, Vm)))
        if o4 in (0b1100, 0b1101) and op7:   # VCVT.{U32,S32}.F64, round toward zero
            return ("cvt_to_s32" if o4 & 1 else "cvt_to_u32"), (("s", _sreg(D, Vd)), dm)
        return None
    three = {(0, 3, 0): "vadd", (0, 3, 1): "vsub", (0, 2, 0): "vmul", (1, 0, 0): "vdiv"}
    op = three.get((o1, o2, o3))
    return None if op is None else (op, (dd, dn, dm))


# -- the hook -------------------------------------------------------------------

class DoubleFPU:
    """UC_HOOK_INSN_INVALID handler carrying out f64 VFP instructions."""

    def __init__(self):
        self.executed = 0
        self._decoded: dict[tuple[int, int], tuple | None] = {}

    @staticmethod
    def activate_fp_context(uc, scratch: int) -> None:
        """Run one single-precision instruction (`vmov.f32 s0, s0`) at `scratch`.

        The first FP instruction a Cortex-M executes creates the FP context
        (CONTROL.FPCA; FPSCR loaded from FPDSCR).  Were that first instruction
        one of ours, the FPSCR flags written by a software VCMP would be
        reset by the VMRS that reads them."""
        saved = bytes(uc.mem_read(scratch, 4))
        uc.mem_write(scratch, bytes.fromhex("b0ee400a"))
        try:
            uc.emu_start(scratch | 1, scratch + 4, count=1)
        finally:
            uc.mem_write(scratch, saved)

    def _read(self, uc, ref) -> int:
        kind, n = ref
        if kind == "s":
            return uc.reg_read(_S[n])
        return uc.reg_read(_S[2 * n]) | uc.reg_read(_S[2 * n + 1]) << 32

    def _write(self, uc, ref, v: int) -> None:
        kind, n = ref
        if kind == "s":
            uc.reg_write(_S[n], v & 0xFFFFFFFF)
        else:
            uc.reg_write(_S[2 * n], v & 0xFFFFFFFF)
            uc.reg_write(_S[2 * n + 1], v >> 32 & 0xFFFFFFFF)

    def __call__(self, uc, _user) -> bool:
        pc = uc.reg_read(A.UC_ARM_REG_PC) & ~1
        halfwords = struct.unpack("<HH", uc.mem_read(pc, 4))
        op = self._decoded.get(halfwords, False)     # keyed by encoding: code may change
        if op is False:
            op = self._decoded[halfwords] = decode(*halfwords)
        if op is None:
            return False                  # not ours: a genuinely invalid instruction
        fpscr = uc.reg_read(A.UC_ARM_REG_FPSCR)
        if fpscr & (FPSCR_FZ | FPSCR_RMODE):
            return False                  # flush-to-zero / directed rounding: not modelled
        xpsr = uc.reg_read(A.UC_ARM_REG_XPSR)
        it = (xpsr >> 8 & 0xFC) | (xpsr >> 25 & 3)
        if it & 0xF and not _CONDITIONS[it >> 4](xpsr >> 31 & 1, xpsr >> 30 & 1,
                                                 xpsr >> 29 & 1, xpsr >> 28 & 1):
            pass                           # condition failed: the instruction is skipped
        else:
            self._execute(uc, op, fpscr)
        if it & 0xF:                       # ITAdvance
            it = 0 if it & 7 == 0 else (it & 0xE0) | (it << 1 & 0x1F)
            xpsr = (xpsr & ~(0xFC << 8 | 3 << 25)) | (it & 0xFC) << 8 | (it & 3) << 25
            uc.reg_write(A.UC_ARM_REG_XPSR, xpsr)
        uc.reg_write(A.UC_ARM_REG_PC, (pc + 4) | 1)
        self.executed += 1
        return True

    def _execute(self, uc, decoded, fpscr: int) -> None:
        name, refs = decoded
        dn = _DefaultNaN(bool(fpscr & FPSCR_DN))
        dst, srcs = refs[0], [self._read(uc, r) for r in refs[1:]]
        if name == "vcmp":                 # compares Dd with Dm; writes FPSCR.NZCV
            nzcv = compare_flags(self._read(uc, dst), srcs[0])
            uc.reg_write(A.UC_ARM_REG_FPSCR, (fpscr & 0x0FFFFFFF) | nzcv << 28)
            return
        self._write(uc, dst, _OPERATIONS[name](dn, *srcs))


# operation name (from `decode`) → result bits, given FPSCR.DN and the source operands
_OPERATIONS: dict[str, Callable[..., int]] = {
    **{op: (lambda op: lambda dn, a, b: arith(op, a, b, dn))(op)
       for op in ("vadd", "vsub", "vmul", "vdiv")},
    **{"vrint" + m: (lambda m: lambda dn, a: round_integral(m, a, dn))(m) for m in "zanpm"},
    "vmov": lambda dn, a: a,
    "vabs": lambda dn, a: a & ~SIGN64,
    "vneg": lambda dn, a: a ^ SIGN64,
    "vsqrt": lambda dn, a: sqrt(a, dn),
    "cvt_f64": lambda dn, s: f32_to_f64(s, dn),
    "cvt_f32": lambda dn, a: f64_to_f32(a, dn),
    "cvt_from_s32": lambda dn, w: from_int(w, True),
    "cvt_from_u32": lambda dn, w: from_int(w, False),
    "cvt_to_s32": lambda dn, a: to_int(a, True),
    "cvt_to_u32": lambda dn, a: to_int(a, False),
}
