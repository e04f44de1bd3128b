"""The software double-precision VFP of the emulator (synth_toolchain/run/vfpdp.py).

Three oracles: GNU `as` for the decoder (every form assembled, decoded back
to the operation and registers we wrote), QEMU's own double-precision FPU for
the semantics (unicorn's A-profile `max` CPU runs the same T32 encodings in
hardware emulation; results and NZCV must agree bit for bit on special and
random operands), and the Cortex-M models for the premise (f64 instructions
really are invalid there, so the hook is needed and is what executes them).
"""

from __future__ import annotations

import functools
import struct

import pytest
from hypothesis import given, settings, strategies as st
from unicorn import (UC_ARCH_ARM, UC_ERR_INSN_INVALID, UC_HOOK_INSN_INVALID, UC_MODE_MCLASS,
                     UC_MODE_THUMB, Uc, UcError)
from unicorn import arm_const as A

from synth_toolchain.run import vfpdp
from synth_toolchain.run.vfpdp import DoubleFPU, decode
from tests.test_arm_encoding import gnu_assemble, needs_as

# (assembly, expected decode).  Registers cover the D (D:Vd) and S (Vd:D) bit
# splits: d0, d15, d8 / s0, s31, s1.
DECODE_FORMS = [
    ("vadd.f64 d0, d1, d2", ("vadd", (("d", 0), ("d", 1), ("d", 2)))),
    ("vsub.f64 d15, d8, d7", ("vsub", (("d", 15), ("d", 8), ("d", 7)))),
    ("vmul.f64 d3, d15, d9", ("vmul", (("d", 3), ("d", 15), ("d", 9)))),
    ("vdiv.f64 d8, d0, d15", ("vdiv", (("d", 8), ("d", 0), ("d", 15)))),
    ("vmov.f64 d9, d14", ("vmov", (("d", 9), ("d", 14)))),
    ("vabs.f64 d1, d10", ("vabs", (("d", 1), ("d", 10)))),
    ("vneg.f64 d12, d3", ("vneg", (("d", 12), ("d", 3)))),
    ("vsqrt.f64 d15, d15", ("vsqrt", (("d", 15), ("d", 15)))),
    ("vcmp.f64 d2, d11", ("vcmp", (("d", 2), ("d", 11)))),
    ("vcmpe.f64 d13, d4", ("vcmp", (("d", 13), ("d", 4)))),
    ("vrintz.f64 d5, d6", ("vrintz", (("d", 5), ("d", 6)))),
    ("vrinta.f64 d7, d8", ("vrinta", (("d", 7), ("d", 8)))),
    ("vrintn.f64 d9, d10", ("vrintn", (("d", 9), ("d", 10)))),
    ("vrintp.f64 d11, d12", ("vrintp", (("d", 11), ("d", 12)))),
    ("vrintm.f64 d13, d14", ("vrintm", (("d", 13), ("d", 14)))),
    ("vcvt.f64.f32 d15, s31", ("cvt_f64", (("d", 15), ("s", 31)))),
    ("vcvt.f32.f64 s31, d15", ("cvt_f32", (("s", 31), ("d", 15)))),
    ("vcvt.f64.s32 d8, s1", ("cvt_from_s32", (("d", 8), ("s", 1)))),
    ("vcvt.f64.u32 d1, s16", ("cvt_from_u32", (("d", 1), ("s", 16)))),
    ("vcvt.s32.f64 s17, d9", ("cvt_to_s32", (("s", 17), ("d", 9)))),
    ("vcvt.u32.f64 s0, d12", ("cvt_to_u32", (("s", 0), ("d", 12)))),
]

# valid on the M models' single-precision FPU, or never emitted: not decoded
NOT_OURS = ["vadd.f32 s0, s1, s2", "vmov.f32 s3, s4",
            "vmov.f64 d0, #1.0", "vcvtr.s32.f64 s0, d1", "vldr d0, [r0]",
            "vmov r0, r1, d5", "vcvt.s32.f32 s0, s1", "vsqrt.f32 s2, s3"]


@functools.lru_cache(maxsize=None)
def _assembled(lines: tuple[str, ...]) -> list[bytes]:
    return [c["data"] for c in gnu_assemble(list(lines))]


def _halfwords(code: bytes) -> tuple[int, int]:
    return struct.unpack("<HH", code[:4])


@needs_as
def test_decode_matches_gnu_as():
    codes = _assembled(tuple(asm for asm, _ in DECODE_FORMS))
    for (asm, expected), code in zip(DECODE_FORMS, codes):
        assert len(code) == 4, asm
        assert decode(*_halfwords(code)) == expected, asm


@needs_as
def test_single_precision_and_unused_forms_are_not_decoded():
    for asm, code in zip(NOT_OURS, _assembled(tuple(NOT_OURS))):
        assert decode(*_halfwords(code)) is None, asm


# -- the premise: unicorn's Cortex-M FPUs have no f64 -----------------------------

_CODE = 0x10000


def _machine(cpu: str) -> Uc:
    mclass = cpu.startswith("cortex-m")
    uc = Uc(UC_ARCH_ARM, UC_MODE_THUMB | (UC_MODE_MCLASS if mclass else 0))
    uc.ctl_set_cpu_model(getattr(A, {"cortex-m4": "UC_CPU_ARM_CORTEX_M4",
                                     "cortex-m7": "UC_CPU_ARM_CORTEX_M7",
                                     "a-max": "UC_CPU_ARM_MAX"}[cpu]))
    uc.mem_map(_CODE, 0x1000)
    if not mclass:                        # A profile: CPACR cp10/cp11 full access, FPEXC.EN
        uc.reg_write(A.UC_ARM_REG_C1_C0_2, uc.reg_read(A.UC_ARM_REG_C1_C0_2) | 0xF << 20)
        uc.reg_write(A.UC_ARM_REG_FPEXC, 1 << 30)
    return uc


@needs_as
@pytest.mark.parametrize("cpu", ["cortex-m4", "cortex-m7"])
def test_cortex_m_models_lack_double_precision(cpu):
    """If a unicorn upgrade brings f64 to its M models, the hook becomes dead code."""
    uc = _machine(cpu)
    uc.mem_write(_CODE, _assembled(("vadd.f64 d0, d1, d2",))[0])
    with pytest.raises(UcError) as err:
        uc.emu_start(_CODE | 1, _CODE + 4)
    assert err.value.errno == UC_ERR_INSN_INVALID


# -- semantics against QEMU's double-precision FPU ---------------------------------

# register layout of each semantic case: d1/d2 (s2..s5) in, d0/s0 out
SEMANTIC_FORMS = [
    "vadd.f64 d0, d1, d2", "vsub.f64 d0, d1, d2", "vmul.f64 d0, d1, d2", "vdiv.f64 d0, d1, d2",
    "vmov.f64 d0, d1", "vabs.f64 d0, d1", "vneg.f64 d0, d1", "vsqrt.f64 d0, d1",
    "vcmp.f64 d1, d2\n vmrs APSR_nzcv, fpscr", "vcmpe.f64 d1, d2\n vmrs APSR_nzcv, fpscr",
    "vrintz.f64 d0, d1", "vrinta.f64 d0, d1", "vrintn.f64 d0, d1", "vrintp.f64 d0, d1",
    "vrintm.f64 d0, d1", "vcvt.f64.f32 d0, s4", "vcvt.f32.f64 s0, d1",
    "vcvt.f64.s32 d0, s4", "vcvt.f64.u32 d0, s4", "vcvt.s32.f64 s0, d1", "vcvt.u32.f64 s0, d1",
]


def _b(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


SPECIAL64 = [0, vfpdp.SIGN64, _b(1.0), _b(-1.0), _b(0.5), _b(-0.5), _b(1.5), _b(2.5), _b(-2.5),
             _b(3.5), 0x7FF0000000000000, 0xFFF0000000000000, vfpdp.DEFAULT_NAN64,
             0x7FF0000000000001, 0xFFF4000000000abc, 0x7FFC00000000dead, 1, 0x800FFFFFFFFFFFFF,
             _b(2.0 ** 31), _b(2.0 ** 31 - 0.5), _b(-(2.0 ** 31) - 1.0), _b(2.0 ** 32),
             _b(4294967295.5), _b(-0.99), _b(2.0 ** 52 + 1), _b(3.4028235677973366e38),
             _b(3.4028235e38 * 1.0000001), _b(1e-310), _b(1.401298464324817e-45),
             0x7FEFFFFFFFFFFFFF]

bits64 = st.one_of(st.sampled_from(SPECIAL64), st.integers(0, (1 << 64) - 1),
                   st.floats(allow_nan=False, width=64).map(_b))
bits32 = st.one_of(st.sampled_from([0, 0x80000000, 0x7FC00000, 0x7F800001, 0xFFA00001,
                                    0x7F800000, 1, 0x7FFFFFFF, 0xFFFFFFFF]),
                   st.integers(0, (1 << 32) - 1))


_placed: dict[int, tuple[Uc, dict[bytes, int]]] = {}   # id → (machine kept alive, code → address)


def _place(uc: Uc, code: bytes) -> int:
    """Each snippet gets an address of its own on each machine: overwriting
    code that unicorn has already translated can run the stale translation."""
    _uc, where = _placed.setdefault(id(uc), (uc, {}))
    if code not in where:
        where[code] = _CODE + 0x40 * len(where)
        uc.mem_write(where[code], code)
    return where[code]


def _run(uc: Uc, code: bytes, d1: int, d2: int, s4: int, fpscr: int) -> tuple:
    addr = _place(uc, code)
    uc.reg_write(A.UC_ARM_REG_D0, 0x0123456789ABCDEF)
    uc.reg_write(A.UC_ARM_REG_D1, d1)
    uc.reg_write(A.UC_ARM_REG_D2, d2)
    uc.reg_write(A.UC_ARM_REG_S4, s4)
    uc.reg_write(A.UC_ARM_REG_FPSCR, fpscr)
    uc.emu_start(addr | 1, addr + len(code))
    flags = (uc.reg_read(A.UC_ARM_REG_CPSR) if uc.ctl_get_mode() & UC_MODE_MCLASS == 0
             else uc.reg_read(A.UC_ARM_REG_XPSR)) >> 28
    return uc.reg_read(A.UC_ARM_REG_D0), uc.reg_read(A.UC_ARM_REG_FPSCR) >> 28, flags


def _m7_with_hook() -> tuple[Uc, DoubleFPU]:
    m7, dfpu = _machine("cortex-m7"), DoubleFPU()
    m7.hook_add(UC_HOOK_INSN_INVALID, dfpu)
    m7.mem_map(0x20000000, 0x1000)
    dfpu.activate_fp_context(m7, 0x20000000)
    return m7, dfpu


@functools.lru_cache(maxsize=None)
def _machines() -> tuple[Uc, Uc, DoubleFPU]:
    """Shared by the tests whose runs all complete (an aborted run leaves the
    core mid-exception, so the refusal test below gets a machine of its own)."""
    m7, dfpu = _m7_with_hook()
    return m7, _machine("a-max"), dfpu


@needs_as
@settings(max_examples=400, deadline=None)
@given(form=st.sampled_from(range(len(SEMANTIC_FORMS))), d1=bits64, d2=bits64, s4=bits32,
       default_nan=st.booleans())
def test_matches_qemu_double_precision(form, d1, d2, s4, default_nan):
    m7, ref, dfpu = _machines()
    code = _assembled(tuple(SEMANTIC_FORMS))[form]
    fpscr = vfpdp.FPSCR_DN if default_nan else 0
    before = dfpu.executed
    got = _run(m7, code, d1, d2, s4, fpscr)
    assert dfpu.executed == before + 1            # the hook, not the M7 model, did it
    want = _run(ref, code, d1, d2, s4, fpscr)
    if "vmrs" in SEMANTIC_FORMS[form]:
        assert got[1:] == want[1:], (SEMANTIC_FORMS[form], hex(d1), hex(d2))
    else:
        assert got[0] == want[0], (SEMANTIC_FORMS[form], hex(d1), hex(d2), hex(s4),
                                   hex(got[0]), hex(want[0]))


@needs_as
def test_conditional_execution_in_it_block():
    """`it eq; vaddeq.f64`: skipped when Z is clear, executed when set; the IT
    state advances either way so the instruction after the block runs unconditionally."""
    m7, _, _ = _machines()
    code = _assembled(("cmp r0, r1\n it eq\n vaddeq.f64 d0, d1, d2\n adds r2, r2, #1",))[0]
    for r0, expect in ((1, 0x0123456789ABCDEF), (2, _b(3.0))):
        m7.reg_write(A.UC_ARM_REG_R0, r0)
        m7.reg_write(A.UC_ARM_REG_R1, 2)
        m7.reg_write(A.UC_ARM_REG_R2, 0)
        d0, _, _ = _run(m7, code, _b(1.0), _b(2.0), 0, 0)
        assert d0 == expect
        assert m7.reg_read(A.UC_ARM_REG_R2) == 1


@needs_as
def test_directed_rounding_is_refused():
    """FPSCR.RMode other than round-to-nearest is not modelled: the instruction stays invalid."""
    m7, _ = _m7_with_hook()
    with pytest.raises(UcError) as err:
        _run(m7, _assembled(("vadd.f64 d0, d1, d2",))[0], _b(1.0), _b(2.0), 0, 3 << 22)
    assert err.value.errno == UC_ERR_INSN_INVALID
