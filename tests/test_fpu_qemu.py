"""Double precision in hardware (Cortex-M7 + FPv5-D16), differential in QEMU.

unicorn's Cortex-M models implement single precision only; the emulator
carries out f64 VFP instructions in software (run/vfpdp.py, checked against
QEMU's FPU in tests/test_vfpdp.py).  This test takes the other road as an
independent cross-check: the f64 code of `-mcpu=cortex-m7 -mfpu=fpv5-d16`
runs on QEMU's mps2-an500 (a Cortex-M7 with the double-precision FPU) as
firmware: every sampled call of a
fixture becomes a line of a generated C `main`, traps come back through
setjmp/longjmp, results are printed over semihosting and compared with
wasmtime exactly as tests/difftest.py compares emulator results.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess

import pytest

from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.run.reference import Reference
from synth_toolchain.run.values import CallResult
from synth_toolchain.target import gcc_cpu_option
from synth_toolchain.tiers import TIER_NAMES
from synth_toolchain.wasm.module import ExternKind, ValType
from tests.difftest import POOLS, fixture, results_match, sample_args, to_wasm

HERE = os.path.join(os.path.dirname(__file__), "qemu")
GCC = "arm-none-eabi-gcc"
QEMU = "qemu-system-arm"
pytestmark = pytest.mark.skipif(not (shutil.which(GCC) and shutil.which(QEMU)),
                                reason="needs arm-none-eabi-gcc and qemu-system-arm")

# how a C value of each type is built from, and turned back into, its bit pattern
FROM_BITS = {ValType.I32: "(int32_t)0x{:x}u", ValType.I64: "(int64_t)0x{:x}ull",
             ValType.F32: "F(0x{:x}u)", ValType.F64: "D(0x{:x}ull)"}
TO_BITS = {ValType.I32: "(uint32_t)({})", ValType.I64: "(uint64_t)({})",
           ValType.F32: "uF({})", ValType.F64: "uD({})"}

PRELUDE = r"""
#include <setjmp.h>
#include <stdint.h>
#include "module.h"
void sh_puts(const char *s);
static jmp_buf jb;
void synth_trap(uint32_t code) { longjmp(jb, (int)code); }
static float F(uint32_t u) { union { uint32_t u; float f; } x = { .u = u }; return x.f; }
static double D(uint64_t u) { union { uint64_t u; double f; } x = { .u = u }; return x.f; }
static uint32_t uF(float f) { union { float f; uint32_t u; } x = { .f = f }; return x.u; }
static uint64_t uD(double f) { union { double f; uint64_t u; } x = { .f = f }; return x.u; }
static char line[256];
static int pos;
static void put(const char *s) { while (*s) line[pos++] = *s++; }
static void hex(uint64_t v)
{
    char buf[20]; int n = 0;
    do { buf[n++] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
    line[pos++] = ' ';
    while (n) line[pos++] = buf[--n];
}
static void flush(void) { line[pos++] = '\n'; line[pos] = 0; sh_puts(line); pos = 0; }
int main(void)
{
    volatile int code;
    synth_init();
"""


def c_call(k: int, sym: str, ft, args) -> str:
    actual = ", ".join(FROM_BITS[t].format(a) for t, a in zip(ft.params, args))
    out = [f"    if ((code = setjmp(jb)) == 0) {{"]
    if len(ft.results) > 1:
        out.append(f"        {sym}_result r = {sym}({actual});")
        fields = [TO_BITS[t].format(f"r.r{i}") for i, t in enumerate(ft.results)]
    elif ft.results:
        out.append(f"        __typeof__({sym}({actual})) r = {sym}({actual});")
        fields = [TO_BITS[ft.results[0]].format("r")]
    else:
        out.append(f"        {sym}({actual});")
        fields = []
    out.append(f'        put("{k} v");')
    out += [f"        hex({f});" for f in fields]
    out.append("    } else {")
    out.append(f'        put("{k} t"); hex((uint32_t)code);')
    out.append("    }")
    out.append("    flush();")
    return "\n".join(out)


def run_in_qemu(source: str, float_abi: str, tier: str, tmp, samples: int = 10,
                calls=None, cpu: str = "cortex-m7", machine: str = "mps2-an500"):
    """`calls`: [(export, args)] instead of sampled arguments; `cpu`, `machine`: the
    core and QEMU board (mps3-an547's ITCM and DTCM sit where mps2.ld puts code and data)."""
    wasm = to_wasm(source)
    opts = Options(cpu=cpu, float_abi=float_abi, fpu="fpv5-d16", tier=tier,
                   verify_allocation=True)
    result = compile_file("module.wasm", opts, data=wasm)
    m = result.compiled.module
    lay = result.compiled.layout
    rng = random.Random(1)
    given, calls = calls, []
    for e in m.exports:
        if e.kind == ExternKind.FUNC and given is not None:
            ft = m.func_type(e.index)
            calls += [(e.name, lay.export_symbols(e.index)[0], ft, args)
                      for name, args in given if name == e.name]
        elif e.kind == ExternKind.FUNC:
            ft = m.func_type(e.index)
            rows = sample_args(ft.params, rng, samples if ft.params else 1)
            if len(ft.params) == 1:         # unary: every interesting value, then random ones
                rows = [(v,) for v in POOLS[ft.params[0]]] + rows[:4]
            for args in rows:
                calls.append((e.name, lay.export_symbols(e.index)[0], ft, args))
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "module.o").write_bytes(result.elf)
    (tmp / "module.h").write_text(result.header("module"))
    body = [c_call(k, sym, ft, args) for k, (_, sym, ft, args) in enumerate(calls)]
    (tmp / "main.c").write_text(PRELUDE + "\n".join(body) + "\n    return 0;\n}\n")
    arch = [gcc_cpu_option(cpu), "-mthumb", "-mfpu=fpv5-d16", f"-mfloat-abi={float_abi}"]
    subprocess.run([GCC, *arch, "-O1", "-ffreestanding", "-nostartfiles", "-T",
                    os.path.join(HERE, "mps2.ld"), os.path.join(HERE, "startup.c"),
                    "main.c", "module.o", "-lc", "-lgcc", "-o", "image.elf"],
                   cwd=tmp, check=True, capture_output=True, text=True)
    r = subprocess.run([QEMU, "-M", machine, "-nographic", "-monitor", "none",
                        "-serial", "null", "-semihosting-config", "enable=on,target=native",
                        "-kernel", str(tmp / "image.elf")],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    lines = (r.stdout + r.stderr).splitlines()
    assert r.returncode == 0 and len(lines) == len(calls), "\n".join(lines[-5:])
    ref = Reference(wasm)
    for (name, _, ft, args), text in zip(calls, lines):
        k, kind, *words = text.split()
        vals = [int(w, 16) for w in words]
        got = CallResult(None, vals[0]) if kind == "t" else CallResult(tuple(vals), None)
        expected = ref.call(name, args)
        assert results_match(expected, got, ft.results), \
            f"[{tier}/{float_abi}] {name}{tuple(hex(a) for a in args)}: wasmtime {expected} != {got}"
    return result


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("float_abi", ["hard", "softfp"])
@pytest.mark.parametrize("name", ["f64_ops.wat", "float_more.wat"])
def test_double_precision_fpu(name, float_abi, tier, tmp_path):
    result = run_in_qemu(fixture(name), float_abi, tier, tmp_path)
    # the f64 arithmetic really ran in hardware: no libgcc double helpers
    called = {r.symbol for f in result.compiled.functions for r in f.code.relocs}
    assert not {s for s in called if s.startswith("__aeabi_d")}, called


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("seed", range(3))
def test_random_float_programs_double_fpu(seed, tier, tmp_path):
    from tests.progen import generate
    run_in_qemu(generate(seed, floats=True), "hard", tier, tmp_path, samples=4)


@pytest.mark.slow
@pytest.mark.parametrize("float_abi", ["hard", "softfp"])
@pytest.mark.parametrize("seed", range(3, 63))
def test_random_float_programs_double_fpu_exhaustive(seed, float_abi, tmp_path):
    from tests.progen import generate
    for tier in TIER_NAMES:
        run_in_qemu(generate(seed, floats=True), float_abi, tier, tmp_path / tier, samples=4)
