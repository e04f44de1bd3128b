"""Tests for synth_toolchain.run: linking, the Cortex-M emulator, the wasmtime
reference runner and the shared value helpers.

The compiler is not used here: objects are compiled from C with
arm-none-eabi-gcc so the emulator's AAPCS marshalling is checked against
a real C compiler's conventions.
"""

from __future__ import annotations

import shutil
import struct
import subprocess

import pytest

from synth_toolchain.errors import SynthError
from synth_toolchain.run.emulator import Emulator, marshal_arguments, struct_layout
from synth_toolchain.run.link import link_executable
from synth_toolchain.run.reference import InstantiationTrap, Reference
from synth_toolchain.run.values import (CallResult, EmulatorError, HostFunction, HostTrap,
                                        ReferenceError_, f32_bits, f64_bits, format_result,
                                        format_value, parse_value, to_signed)
from synth_toolchain.traps import Trap
from synth_toolchain.wasm.module import ValType

I32, I64, F32, F64 = ValType.I32, ValType.I64, ValType.F32, ValType.F64
M32, M64 = (1 << 32) - 1, (1 << 64) - 1

needs_gcc = pytest.mark.skipif(shutil.which("arm-none-eabi-gcc") is None,
                               reason="arm-none-eabi-gcc not installed")

C_SOURCE = r"""
#include <stdint.h>
extern void synth_trap(uint32_t code);

#define MIX(r, x) ((r) = (r) * 1000003u + (uint64_t)(x))

/* every AAPCS layout of i32/i64 arguments */
uint64_t l_i_ll(int32_t a, int64_t b) { uint64_t r = 7; MIX(r, a); MIX(r, b); return r; }
uint64_t l_ll_i(int64_t a, int32_t b) { uint64_t r = 7; MIX(r, a); MIX(r, b); return r; }
uint64_t l_i_i_ll(int32_t a, int32_t b, int64_t c) { uint64_t r = 7; MIX(r, a); MIX(r, b); MIX(r, c); return r; }
uint64_t l_i_ll_i(int32_t a, int64_t b, int32_t c) { uint64_t r = 7; MIX(r, a); MIX(r, b); MIX(r, c); return r; }
uint64_t l_iii_ll(int32_t a, int32_t b, int32_t c, int64_t d) { uint64_t r = 7; MIX(r, a); MIX(r, b); MIX(r, c); MIX(r, d); return r; }
uint64_t l_iii_ll_i(int32_t a, int32_t b, int32_t c, int64_t d, int32_t e) { uint64_t r = 7; MIX(r, a); MIX(r, b); MIX(r, c); MIX(r, d); MIX(r, e); return r; }
uint64_t l_iiiii_ll(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int64_t f) { uint64_t r = 7; MIX(r, a); MIX(r, b); MIX(r, c); MIX(r, d); MIX(r, e); MIX(r, f); return r; }
uint64_t l_ll_ll_ll(int64_t a, int64_t b, int64_t c) { uint64_t r = 7; MIX(r, a); MIX(r, b); MIX(r, c); return r; }
uint32_t l_8i(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e, uint32_t f, uint32_t g, uint32_t h) {
    uint32_t r = 7; MIX(r, a); MIX(r, b); MIX(r, c); MIX(r, d); MIX(r, e); MIX(r, f); MIX(r, g); MIX(r, h); return r; }
int32_t ret_i(void) { return -5; }
void nothing(void) { }

/* soft-float: floats travel in core registers (libgcc does the arithmetic) */
float f_add(float a, double b) { return a + (float)b; }
double d_mul(int32_t k, double b) { return k * b; }
uint32_t f_bits_id(float a) { union { float f; uint32_t u; } x = { a }; return x.u; }

/* multi-value results: a struct returned through a hidden pointer in r0 */
struct r_il { int32_t a; int64_t b; };
struct r_ii { int32_t a; int32_t b; };
struct r_lil { int64_t a; int32_t b; int64_t c; };
struct r_il ret_il(int32_t x, int64_t y) { struct r_il r = { x + 1, y * 2 }; return r; }
struct r_ii ret_ii(int32_t x, int32_t y) { struct r_ii r = { y, x }; return r; }
struct r_lil ret_lil(int64_t x, int32_t y, int64_t z) { struct r_lil r = { z, y, x }; return r; }

/* traps */
int32_t maybe_trap(int32_t x) { if (x > 10) synth_trap(5); return x + 1; }

/* 64-bit division through libgcc */
int64_t sdiv64(int64_t a, int64_t b) { return a / b; }
uint64_t urem64(uint64_t a, uint64_t b) { return a % b; }
int32_t popcnt(uint32_t x) { return __builtin_popcount(x); }

/* runaway and faults */
void spin(void) { for (;;) __asm__ volatile (""); }
int32_t load_bad(void) { return *(volatile int32_t *)0x40000000; }
void store_flash(void) { *(volatile int32_t *)0x100 = 1; }

/* loops for instruction counting */
int32_t loop_n(int32_t n) { int32_t s = 0; for (volatile int32_t i = 0; i < n; i++) s += i; return s; }

/* memory persists across calls */
int32_t counter = 40;
int32_t bump(void) { return ++counter; }

/* imports implemented in Python */
extern int32_t host_mul(int32_t a, int64_t b);
extern int64_t host_stack(int32_t a, int32_t b, int32_t c, int64_t d, int32_t e);
extern struct r_il host_pair(int32_t x);
extern void host_void(int32_t x);
int32_t call_mul(int32_t a, int64_t b) { return host_mul(a, b) + 1; }
int64_t call_stack(int32_t x) { return host_stack(x, x + 1, x + 2, (int64_t)x << 32, x + 4) - 1; }
int64_t call_pair(int32_t x) { struct r_il r = host_pair(x); return r.a + r.b; }
int32_t call_void(int32_t x) { host_void(x); return x; }
"""

IMPORTS = ["host_mul", "host_stack", "host_pair", "host_void"]


def mix(*vals: int, bits: int = 64) -> int:
    r = 7
    m = (1 << bits) - 1
    for v in vals:
        r = (r * 1000003 + (v & M64)) & m
    return r


def compile_c(src: str, path, name: str) -> str:
    c = path / f"{name}.c"
    c.write_text(src)
    o = path / f"{name}.o"
    subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-O2", "-c", str(c),
                    "-o", str(o)], check=True, capture_output=True)
    return str(o)


@pytest.fixture(scope="module")
def elf(tmp_path_factory):
    if shutil.which("arm-none-eabi-gcc") is None:
        pytest.skip("arm-none-eabi-gcc not installed")
    d = tmp_path_factory.mktemp("emu")
    obj = compile_c(C_SOURCE, d, "prog")
    return link_executable([obj], str(d / "prog.elf"), imports=IMPORTS)


class HostLog:
    def __init__(self):
        self.calls = []


@pytest.fixture
def host():
    log = HostLog()

    def mul(a, b):
        log.calls.append(("mul", a, b))
        if a == 77:
            raise HostTrap(Trap.INTEGER_OVERFLOW)
        return (to_signed(a, I32) * to_signed(b, I64)) & M32

    def stack(a, b, c, d, e):
        log.calls.append(("stack", a, b, c, d, e))
        return mix(a, b, c, d, e)

    def pair(x):
        return (x + 100, (x << 40) | 5)

    def void(x):
        log.calls.append(("void", x))
        if x == 13:
            raise RuntimeError("unlucky")

    fns = {
        "host_mul": HostFunction((I32, I64), (I32,), mul),
        "host_stack": HostFunction((I32, I32, I32, I64, I32), (I64,), stack),
        "host_pair": HostFunction((I32,), (I32, I64), pair),
        "host_void": HostFunction((I32,), (), void),
    }
    return log, fns


@pytest.fixture
def emu(elf, host):
    return Emulator(elf, host[1])


# ------------------------------------------------------------------ AAPCS model

def test_marshal_model():
    assert marshal_arguments([I32, I64], False) == ([("reg", 0, 1), ("reg", 2, 2)], 0)
    assert marshal_arguments([I32, I32, I32, I64], False)[0][3] == ("stack", 0, 2)
    locs, n = marshal_arguments([I32, I64, I32], False)
    assert locs == [("reg", 0, 1), ("reg", 2, 2), ("stack", 0, 1)] and n == 4
    locs, n = marshal_arguments([I32, I32, I32, I64, I32], False)
    assert locs[3:] == [("stack", 0, 2), ("stack", 8, 1)] and n == 12
    locs, n = marshal_arguments([I32] * 5 + [I64], False)
    assert locs[4:] == [("stack", 0, 1), ("stack", 8, 2)] and n == 16
    # hidden struct-return pointer shifts everything by one register
    assert marshal_arguments([I64], True)[0] == [("reg", 2, 2)]
    assert struct_layout([I32, I64]) == ([0, 8], 16)
    assert struct_layout([I32, I32]) == ([0, 4], 8)
    assert struct_layout([I64, I32, I64]) == ([0, 8, 16], 24)


# ------------------------------------------------------------------ emulator

ARGS32 = [0x12345678, 0xFFFFFFFE, 3, 0x80000000, 9, 10, 11, 0xDEADBEEF]
ARGS64 = [0x1122334455667788, 0xFFFFFFFFFFFFFFFD, 0x8000000000000001]


@pytest.mark.parametrize("name, params", [
    ("l_i_ll", [I32, I64]),
    ("l_ll_i", [I64, I32]),
    ("l_i_i_ll", [I32, I32, I64]),
    ("l_i_ll_i", [I32, I64, I32]),
    ("l_iii_ll", [I32, I32, I32, I64]),
    ("l_iii_ll_i", [I32, I32, I32, I64, I32]),
    ("l_iiiii_ll", [I32] * 5 + [I64]),
    ("l_ll_ll_ll", [I64, I64, I64]),
])
def test_aapcs_layouts(emu, name, params):
    it32, it64 = iter(ARGS32), iter(ARGS64)
    args = [next(it64) if t is I64 else next(it32) for t in params]
    # the C code sign-extends int32 arguments before mixing
    expect = mix(*[to_signed(a, t) for a, t in zip(args, params)])
    assert emu.call(name, params, args, [I64]) == CallResult((expect,), None)


def test_many_args_and_simple_returns(emu):
    res = emu.call("l_8i", [I32] * 8, ARGS32, [I32])
    assert res == CallResult((mix(*ARGS32, bits=32),), None)
    assert emu.call("ret_i", [], [], [I32]).values == ((-5) & M32,)
    assert emu.call("nothing", [], [], []) == CallResult((), None)


def test_soft_float_marshalling(emu):
    r = emu.call("f_add", [F32, F64], [f32_bits(1.5), f64_bits(2.25)], [F32])
    assert r.values == (f32_bits(3.75),)
    r = emu.call("d_mul", [I32, F64], [(-3) & M32, f64_bits(0.5)], [F64])
    assert r.values == (f64_bits(-1.5),)
    # bit patterns reach the callee untouched (a signalling NaN)
    assert emu.call("f_bits_id", [F32], [0x7F800001], [I32]).values == (0x7F800001,)


def test_struct_returns(emu):
    r = emu.call("ret_il", [I32, I64], [41, 0x100000000], [I32, I64])
    assert r == CallResult((42, 0x200000000), None)
    r = emu.call("ret_ii", [I32, I32], [1, 0xFFFFFFFF], [I32, I32])
    assert r == CallResult((0xFFFFFFFF, 1), None)
    r = emu.call("ret_lil", [I64, I32, I64], [ARGS64[0], 7, ARGS64[1]], [I64, I32, I64])
    assert r == CallResult((ARGS64[1], 7, ARGS64[0]), None)


def test_trap(emu):
    assert emu.call("maybe_trap", [I32], [3], [I32]) == CallResult((4,), None)
    assert emu.call("maybe_trap", [I32], [11], [I32]) == CallResult(None, 5)
    # the emulator is reusable after a trap
    assert emu.call("maybe_trap", [I32], [4], [I32]) == CallResult((5,), None)


def test_libgcc_division(elf, emu):
    syms = subprocess.run(["arm-none-eabi-nm", elf], capture_output=True, text=True).stdout
    assert "__aeabi_ldivmod" in syms and "__aeabi_uldivmod" in syms
    for a, b in [(-100, 7), (1 << 62, -3), (-(1 << 63), 1), (12345678901234, 1000)]:
        q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
        assert emu.call("sdiv64", [I64, I64], [a & M64, b & M64], [I64]).values == (q & M64,)
    assert emu.call("urem64", [I64, I64], [M64, 10], [I64]).values == (M64 % 10,)
    assert emu.call("popcnt", [I32], [0xF0F0F0F1], [I32]).values == (17,)


def test_host_functions(emu, host):
    log, _ = host
    r = emu.call("call_mul", [I32, I64], [6, (-7) & M64], [I32])
    assert r.values == ((-41) & M32,)
    assert log.calls[-1] == ("mul", 6, (-7) & M64)
    r = emu.call("call_stack", [I32], [0x10], [I64])
    assert log.calls[-1] == ("stack", 0x10, 0x11, 0x12, 0x10 << 32, 0x14)
    assert r.values == ((mix(0x10, 0x11, 0x12, 0x10 << 32, 0x14) - 1) & M64,)
    r = emu.call("call_pair", [I32], [3], [I64])
    assert r.values == (103 + ((3 << 40) | 5),)
    assert emu.call("call_void", [I32], [9], [I32]).values == (9,)
    assert log.calls[-1] == ("void", 9)


def test_host_trap_and_exception(emu):
    assert emu.call("call_mul", [I32, I64], [77, 1], [I32]) == \
        CallResult(None, int(Trap.INTEGER_OVERFLOW))
    with pytest.raises(RuntimeError, match="unlucky"):
        emu.call("call_void", [I32], [13], [I32])
    assert emu.call("call_void", [I32], [14], [I32]).values == (14,)


def test_infinite_loop(emu):
    with pytest.raises(EmulatorError, match="max_instructions"):
        emu.call("spin", [], [], [], max_instructions=10_000)


def test_faults_report_pc(emu):
    start = emu.symbol_address("load_bad") & ~1
    with pytest.raises(EmulatorError) as ei:
        emu.call("load_bad", [], [], [I32])
    assert start <= ei.value.pc < start + 16
    msg = str(ei.value)
    assert "0x40000000" in msg and f"pc=0x{ei.value.pc:08x}" in msg and "ldr" in msg
    with pytest.raises(EmulatorError, match="write"):
        emu.call("store_flash", [], [], [])
    assert emu.call("ret_i", [], [], [I32]).values == ((-5) & M32,)


def test_memory_persists(emu):
    assert emu.read_memory("counter", 4) == struct.pack("<i", 40)
    assert emu.call("bump", [], [], [I32]).values == (41,)
    assert emu.call("bump", [], [], [I32]).values == (42,)
    emu.write_memory("counter", struct.pack("<i", 100))
    assert emu.call("bump", [], [], [I32]).values == (101,)
    assert emu.read_memory(emu.symbol_address("counter"), 4) == struct.pack("<i", 101)


def test_instruction_counting(elf):
    e = Emulator(elf, count_instructions=True)
    counts = []
    for n in (10, 20, 30):
        assert e.call("loop_n", [I32], [n], [I32]).values == (sum(range(n)),)
        counts.append(e.instructions_executed)
    assert 0 < counts[0] < counts[1] < counts[2]
    assert counts[2] - counts[1] == counts[1] - counts[0]
    assert e.call("nothing", [], [], []) and e.instructions_executed == 1   # bx lr
    # exact: agrees with a per-instruction hook, traps excluded the handler
    from unicorn import UC_HOOK_CODE
    stepped = []
    e.uc.hook_add(UC_HOOK_CODE, lambda uc, a, s, _: stepped.append(a))
    for fn, p, a, r in [("sdiv64", [I64, I64], [(-100) & M64, 7], [I64]),
                        ("maybe_trap", [I32], [11], [I32])]:
        stepped.clear()
        e.call(fn, p, a, r)
        handler = e.symbol_address("synth_trap") & ~1
        assert e.instructions_executed == len([x for x in stepped if x != handler]) > 0
    plain = Emulator(elf)
    plain.call("nothing", [], [], [])
    assert plain.instructions_executed is None


def test_bad_arguments(emu):
    with pytest.raises(EmulatorError):
        emu.call("l_i_ll", [I32, I64], [1], [I64])
    with pytest.raises(EmulatorError, match="no symbol"):
        emu.call("does_not_exist", [], [], [])


# ------------------------------------------------------------------ linking

@needs_gcc
def test_link_errors_and_determinism(tmp_path):
    bad = compile_c("extern int missing(void); int f(void) { return missing(); }", tmp_path, "bad")
    with pytest.raises(SynthError, match="missing"):
        link_executable([bad], str(tmp_path / "bad.elf"))
    dup = compile_c("void synth_trap(unsigned c) { for (;;); }", tmp_path, "dup")
    with pytest.raises(SynthError, match="synth_trap"):
        link_executable([dup], str(tmp_path / "dup.elf"))
    ok = compile_c("int f(int x) { return x * 3; }", tmp_path, "ok")
    a = link_executable([ok], str(tmp_path / "a.elf"), imports=["weird.name$1"])
    b = link_executable([ok], str(tmp_path / "b.elf"), imports=["weird.name$1"])
    assert open(a, "rb").read() == open(b, "rb").read()
    e = Emulator(a)
    assert e.call("f", [I32], [5], [I32]).values == (15,)
    assert e.symbol_address("weird.name$1") & 1


@needs_gcc
def test_extra_sources_and_cpu(tmp_path):
    helper = tmp_path / "helper.c"
    helper.write_text("int helper(int x) { return x + 1000; }")
    main = compile_c("extern int helper(int); int g(int x) { return helper(x) * 2; }",
                     tmp_path, "main")
    exe = link_executable([main], str(tmp_path / "m.elf"), cpu="cortex-m3",
                          extra_sources=[str(helper)])
    assert Emulator(exe, cpu="cortex-m3").call("g", [I32], [1], [I32]).values == (2002,)
    with pytest.raises(EmulatorError, match="unsupported CPU"):
        Emulator(exe, cpu="cortex-a9")


# ------------------------------------------------------------------ reference

REF_WAT = r"""
(module
  (import "env" "h" (func $h (param i32 f32) (result f32 i64)))
  (import "env" "log" (func $log (param i64)))
  (type $v_i (func (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $one $id)
  (memory (export "memory") 1)
  (global (export "gf") f32 (f32.const nan:0x200001))
  (func $one (result i32) (i32.const 1))
  (func $id (param i32) (result i32) (local.get 0))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "sub64") (param i64 i64) (result i64) (i64.sub (local.get 0) (local.get 1)))
  (func (export "fid") (param f32 f64) (result f64 f32) (local.get 1) (local.get 0))
  (func (export "fneg") (param f32) (result f32) (f32.neg (local.get 0)))
  (func (export "fadd") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
  (func (export "unreachable") (unreachable))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "ci") (param i32) (result i32) (call_indirect (type $v_i) (local.get 0)))
  (func (export "tget") (param i32) (drop (table.get 0 (local.get 0))))
  (func $rec (export "rec") (call $rec))
  (func (export "spin") (loop (br 0)))
  (func (export "callh") (param i32 f32) (result f32 i64) (call $h (local.get 0) (local.get 1)))
  (func (export "logit") (param i64) (call $log (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
)
"""


@pytest.fixture(scope="module")
def ref_log():
    return []


@pytest.fixture(scope="module")
def ref(ref_log):
    def h(a, f):
        if a == 99:
            raise HostTrap(Trap.UNREACHABLE)
        if a == 98:
            raise KeyError("host bug")
        return f, a * 2

    return Reference(REF_WAT, {
        ("env", "h"): HostFunction((I32, F32), (F32, I64), h),
        "log": HostFunction((I64,), (), lambda v: ref_log.append(v)),
    }, fuel=5_000_000)


def test_reference_values(ref):
    assert ref.call("add", [0xFFFFFFFF, 2]) == CallResult((1,), None)
    assert ref.call("sub64", [0, 1]) == CallResult((M64,), None)
    assert ref.export_type("fid") == ((F32, F64), (F64, F32))
    assert ref.call("fadd", [f64_bits(0.1), f64_bits(0.2)]).values == (f64_bits(0.1 + 0.2),)
    ref.call("store", [8, 0xCAFEBABE])
    assert ref.read_memory(8, 4) == struct.pack("<I", 0xCAFEBABE)


@pytest.mark.parametrize("f32, f64", [
    (0x7F800001, 0x7FF0000000000001),      # signalling NaNs, minimal payloads
    (0xFFA00005, 0xFFF4000000000123),      # negative sNaNs with payloads
    (0x7FC00000, 0x7FF8000000000000),      # canonical quiet NaNs
    (0x80000000, 0x8000000000000000),      # -0
])
def test_reference_float_bits_exact(ref, f32, f64):
    assert ref.call("fid", [f32, f64]) == CallResult((f64, f32), None)
    assert ref.call("fneg", [f32]).values == (f32 ^ 0x80000000,)


def test_reference_global_bits(ref):
    assert ref.global_value("gf") == 0x7FA00001


@pytest.mark.parametrize("export, args, trap", [
    ("unreachable", [], Trap.UNREACHABLE),
    ("div_s", [0x80000000, 0xFFFFFFFF], Trap.INTEGER_OVERFLOW),
    ("div_s", [1, 0], Trap.INTEGER_DIVIDE_BY_ZERO),
    ("trunc", [0x7FC00000], Trap.INVALID_CONVERSION),
    ("trunc", [f32_bits(3e9)], Trap.INTEGER_OVERFLOW),
    ("load", [65534], Trap.OUT_OF_BOUNDS_MEMORY),
    ("ci", [4], Trap.UNDEFINED_ELEMENT),
    ("ci", [2], Trap.UNINITIALIZED_ELEMENT),
    ("ci", [1], Trap.INDIRECT_CALL_TYPE_MISMATCH),
    ("rec", [], Trap.STACK_EXHAUSTED),
    ("tget", [4], Trap.OUT_OF_BOUNDS_TABLE),
])
def test_reference_traps(ref, export, args, trap):
    assert ref.call(export, args) == CallResult(None, int(trap))


def test_reference_call_indirect_ok(ref):
    assert ref.call("ci", [0]) == CallResult((1,), None)


def test_reference_host_functions(ref, ref_log):
    # a signalling NaN goes to Python and back bit-exactly
    assert ref.call("callh", [21, 0xFF800002]) == CallResult((0xFF800002, 42), None)
    assert ref.call("callh", [99, 0]) == CallResult(None, int(Trap.UNREACHABLE))
    with pytest.raises(KeyError, match="host bug"):
        ref.call("callh", [98, 0])
    ref.call("logit", [M64])
    assert ref_log[-1] == M64
    assert ref.call("callh", [1, 0]).values == (0, 2)       # still usable


def test_reference_runaway_and_errors(ref):
    with pytest.raises(ReferenceError_, match="fuel"):
        ref.call("spin", [])
    with pytest.raises(ReferenceError_, match="no export"):
        ref.call("nope", [])
    with pytest.raises(ReferenceError_, match="unresolved import"):
        Reference(REF_WAT)
    with pytest.raises(ReferenceError_, match="signature"):
        Reference('(module (import "m" "f" (func (param i32))))',
                  {"f": HostFunction((I64,), (), lambda x: None)})
    with pytest.raises(InstantiationTrap) as ei:
        Reference(b'(module (func $s unreachable) (start $s))')
    assert ei.value.code == Trap.UNREACHABLE


@needs_gcc
def test_emulator_matches_reference(emu):
    """The same computation through both runners gives equal CallResults."""
    ref = Reference(r"""(module
      (func (export "sdiv64") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
      (func (export "ret_il") (param i32 i64) (result i32 i64)
        (i32.add (local.get 0) (i32.const 1)) (i64.mul (local.get 1) (i64.const 2))))""")
    for a, b in [(-100, 7), (5, -2)]:
        args = [a & M64, b & M64]
        assert emu.call("sdiv64", [I64, I64], args, [I64]) == ref.call("sdiv64", args)
    assert emu.call("ret_il", [I32, I64], [9, 1 << 40], [I32, I64]) == \
        ref.call("ret_il", [9, 1 << 40])


# ------------------------------------------------------------------ values

@pytest.mark.parametrize("text, t, bits", [
    ("-1", I32, 0xFFFFFFFF), ("4294967295", I32, 0xFFFFFFFF), ("0x80000000", I32, 0x80000000),
    ("-9223372036854775808", I64, 1 << 63), ("0xffff_ffff_ffff_ffff", I64, M64),
    ("1.5", F32, 0x3FC00000), ("0.1", F32, 0x3DCCCCCD), ("-0", F32, 0x80000000),
    ("inf", F64, 0x7FF0000000000000), ("-inf", F32, 0xFF800000),
    ("nan", F32, 0x7FC00000), ("-nan", F64, 0xFFF8000000000000),
    ("nan:0x1", F32, 0x7F800001), ("0x7fa00001", F32, 0x7FA00001),
    ("0x1.8p1", F64, 0x4008000000000000), ("1e39", F32, 0x7F800000),
    ("1.4e-45", F32, 0x00000001), ("0.1", F64, f64_bits(0.1)),
])
def test_parse_value(text, t, bits):
    assert parse_value(text, t) == bits


@pytest.mark.parametrize("text, t", [("4294967296", I32), ("-2147483649", I32), ("x", I64),
                                     ("1.5", I32), ("nan:0x800000", F32), ("0x1ffffffff", F32)])
def test_parse_value_errors(text, t):
    with pytest.raises(SynthError):
        parse_value(text, t)


def test_format_value():
    assert format_value(0xFFFFFFFF, I32) == "i32:-1 (0xffffffff)"
    assert format_value(5, I64) == "i64:5 (0x0000000000000005)"
    assert format_value(0x3DCCCCCD, F32) == "f32:0.1 (0x3dcccccd)"
    assert format_value(0x7FC00000, F32) == "f32:nan (0x7fc00000)"
    assert format_value(0xFF800001, F32) == "f32:-nan:0x1 (0xff800001)"
    assert format_value(f64_bits(-2.5), F64) == "f64:-2.5 (0xc004000000000000)"
    assert format_result(CallResult(None, 3), []) == "trap 3: integer divide by zero"
    assert format_result(CallResult((1, 2), None), [I32, I64]) == \
        "i32:1 (0x00000001), i64:2 (0x0000000000000002)"
    for bits in (0x00000001, 0x7F7FFFFF, 0x3EAAAAAB, 0x80800000):
        text = format_value(bits, F32).split(":", 1)[1].split(" ")[0]
        assert parse_value(text, F32) == bits
