"""Tail calls (wasm 3.0 return_call, return_call_indirect; docs/abi.md "Tail
calls"): constant stack through deep mutual recursion at every tier, the
same results and traps as wasmtime with hardware float too, the tail calls
that must stay a call and a return named in the report and the remarks,
stack bounds without the caller's frame, and C calling tail-calling exports
through the header as plain functions."""

import os
import shutil
import tempfile

import pytest
import yaml
from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs

from synth_toolchain.arm.asm import Assembler
from synth_toolchain.arm.operands import LR, PC, SP, Imm
from synth_toolchain.arm.stackscan import stack_depth
from synth_toolchain.cc.remarks import build_remarks, register_yaml_tags
from synth_toolchain.driver import build_executable, compile_file
from synth_toolchain.options import Options
from synth_toolchain.run import clang_wasm
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.reference import Reference
from synth_toolchain.run.values import HostFunction
from synth_toolchain.stackbound import Node, bounds, export_bounds
from synth_toolchain.tiers import TIER_NAMES
from synth_toolchain.traps import Trap
from synth_toolchain.wasm.module import ValType
from tests.difftest import FIXTURES, check_module, fixture, to_wasm
from tests.progen import generate
from tests.test_progen import _check as check_program
from tests.test_link_c import _run_c_main

I32, I64, F64 = ValType.I32, ValType.I64, ValType.F64

EVEN_ODD = """
(module
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 44))
      (else (CALL $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (export "odd") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 99))
      (else (CALL $even (i64.sub (local.get 0) (i64.const 1)))))))
"""


def _run(source: str, export: str, params, args, results, **options):
    opts = Options(**options)
    res = compile_file("m.wasm", opts, data=to_wasm(source))
    with tempfile.TemporaryDirectory(prefix="synth-tail-") as tmp:
        emu = Emulator(build_executable(res, tmp, opts), {}, cpu=opts.cpu,
                       float_abi=opts.float_abi)
        assert emu.call(res.compiled.layout.init_symbol, (), (), ()).trap is None
        return emu.call(export, params, args, results, max_instructions=200_000_000)


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_a_million_mutual_tail_calls_run_in_constant_stack(tier):
    """1,000,001 tail calls between even and odd, with the stack check on; the
    same functions with `call` exhaust the 1 MiB stack long before."""
    got = _run(EVEN_ODD.replace("CALL", "return_call"), "even", [I64], [1_000_001], [I32],
               tier=tier, stack_check=True)
    assert got.trap is None and got.values == (99,)
    deep = _run(EVEN_ODD.replace("CALL", "call"), "even", [I64], [1_000_001], [I32],
                tier=tier, stack_check=True)
    assert deep.trap == Trap.STACK_EXHAUSTED


@pytest.mark.parametrize("cpu,float_abi", [("cortex-m4", "hard"), ("cortex-m33", "hard"),
                                           ("cortex-m4", "softfp")])
def test_fixture_with_hardware_float(cpu, float_abi):
    """f32/f64 arguments in s/d registers (AAPCS-VFP) across tail calls."""
    check_module(fixture("tailcalls.wat"), cpu=cpu, samples=10,
                 options_extra={"float_abi": float_abi})


@pytest.mark.parametrize("cfg", [{"options_extra": {"opt_level": "z"}},
                                 {"options_extra": {"opt_level": "s", "stack_check": True}},
                                 {"cpu": "cortex-m3"}, {"cpu": "cortex-m7"}])
def test_fixture_at_size_levels_and_other_cores(cfg):
    """Literal pools after the jumps, the stack check's prologue, cores without DSP."""
    check_module(fixture("tailcalls.wat"), samples=6, tiers=("opt", "baseline"), **cfg)


DISPATCH_CALLS = [("dispatch", (i, 1000, 7)) for i in (0, 1, 2, 3, 4, 5, 6, 7, 8, 0x7FFFFFFF,
                                                       0xFFFFFFFF)]


def test_return_call_indirect_traps_as_call_indirect():
    """Entries 3-5 have the type; 0-2 not, 6-7 are null, 8 on is outside."""
    ref = Reference(to_wasm(fixture("tailcalls.wat")))
    expected = [ref.call(name, args) for name, args in DISPATCH_CALLS]
    assert [e.trap for e in expected] == (
        [Trap.INDIRECT_CALL_TYPE_MISMATCH] * 3 + [None] * 3
        + [Trap.UNINITIALIZED_ELEMENT] * 2 + [Trap.UNDEFINED_ELEMENT] * 3)
    check_module(fixture("tailcalls.wat"), DISPATCH_CALLS)


def test_stack_arguments_beyond_the_callers_are_a_call_and_a_return():
    """`widen` (2 register arguments) tail-calls spin8 (5 stack words): named in
    the report and the remarks; every other tail call is a jump."""
    res = compile_file("m.wasm", Options(), data=to_wasm(fixture("tailcalls.wat")))
    funcs = {f["name"]: f for f in res.report["functions"]}
    widened = {n: f["tail_calls_as_calls"] for n, f in funcs.items() if f["tail_calls_as_calls"]}
    assert list(widened) == ["widen"] and len(widened["widen"]) == 1
    loader = type("L", (yaml.SafeLoader,), {})
    register_yaml_tags(loader)
    remarks = [d for d in yaml.load_all(build_remarks(res.compiled), Loader=loader)
               if d["Name"] == "TailCallAsCall"]
    assert [(r["Kind"], r["Function"]) for r in remarks] == [("Missed", "widen")]
    assert remarks[0]["Args"][1]["Offset"] == widened["widen"][0]


def test_stack_bound_of_tail_calls():
    """A tail call's callee runs without the caller's frame; a cycle of tail calls
    alone is bounded, one through a call is not."""
    tail = bounds({"f": Node("f", 32, (), ("g",)), "g": Node("g", 8, ("h",)),
                   "h": Node("h", 16, ())}, ["f"], {})["f"]
    assert (tail.bytes, tail.path, tail.tail) == (32, [("f", 32)], set())
    deeper = bounds({"f": Node("f", 8, (), ("g",)), "g": Node("g", 24, ("h",)),
                     "h": Node("h", 16, ())}, ["f"], {})["f"]
    assert (deeper.bytes, deeper.path, deeper.tail) == (40, [("f", 0), ("g", 24), ("h", 16)],
                                                        {0})
    cycle = {"a": Node("a", 16, ("leaf",), ("b",)), "b": Node("b", 8, (), ("a",)),
             "leaf": Node("leaf", 4, ())}
    found = bounds(cycle, ["a", "b"], {})
    assert (found["a"].bytes, found["a"].kind) == (20, "exact")
    assert (found["b"].bytes, found["b"].path) == (20, [("b", 0), ("a", 16), ("leaf", 4)])
    called = dict(cycle, b=Node("b", 8, ("a",)))
    assert bounds(called, ["a"], {})["a"].kind == "unbounded"


def test_stack_bound_of_the_compiled_even_odd():
    src = EVEN_ODD.replace("CALL", "return_call")
    for tier in TIER_NAMES:
        res = compile_file("m.wasm", Options(tier=tier), data=to_wasm(src))
        found = export_bounds(res.compiled, {})
        frames = {r.symbol: r.frame_bytes for r in res.compiled.functions}
        assert found["even"].kind == "exact" and found["even"].bytes == max(frames.values())
    called = compile_file("m.wasm", Options(), data=to_wasm(EVEN_ODD.replace("CALL", "call")))
    assert export_bounds(called.compiled, {})["even"].kind == "unbounded"


def test_stack_scan_after_a_tail_calls_epilogue():
    """Code after a tail call's epilogue is reached at the depth before it."""
    a = Assembler()
    a.push([4, LR])
    a.sub(SP, SP, Imm(8))
    a.add(SP, SP, Imm(8))
    a.pop([4, LR])
    a.b_symbol("callee")
    a.push([0])                     # the other path, with the frame still there
    a.pop([0])
    a.add(SP, SP, Imm(8))
    a.pop([4, PC])
    code = a.finish()
    assert stack_depth(code.data, code.mapping) == 20


C_MODULE = """
(module
  (import "env" "host_sum" (func $host (param i32 i32 i32 i32 i32 i32) (result i32)))
  (func $count (param i32 i64) (result i64)
    (if (result i64) (i32.eqz (local.get 0)) (then (local.get 1))
      (else (return_call $count (i32.sub (local.get 0) (i32.const 1))
                                (i64.add (local.get 1) (i64.const 0x100000000))))))
  (func (export "count") (param i32 i64) (result i64)
    (return_call $count (local.get 0) (local.get 1)))
  (func (export "to_host") (param i32 i32 i32 i32 i32 i32) (result i32)
    (return_call $host (local.get 5) (local.get 4) (local.get 3) (local.get 2)
                       (local.get 1) (local.get 0)))
  (func $pair (param i32) (result i32 i64)
    (local.get 0) (i64.extend_i32_s (local.get 0)))
  (func (export "pair") (param i32) (result i32 i64)
    (return_call $pair (i32.mul (local.get 0) (i32.const 3)))))
"""

C_MAIN = r"""
#include <stdint.h>
#include "mod.h"

int32_t host_sum(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f) {
    return a + 10 * b + 100 * c + 1000 * d + 10000 * e + 100000 * f;
}

int32_t test_main(void) {
    synth_init();
    int32_t fails = 0;
    if (count(100000, 5) != 100000LL * 0x100000000LL + 5) fails |= 1;
    if (to_host(1, 2, 3, 4, 5, 6) != 123456) fails |= 2;
    pair_result r = pair(-7);
    if (r.r0 != -21 || r.r1 != -21) fails |= 4;
    return fails;
}
"""


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_c_calls_tail_calling_exports_through_the_header(tmp_path, tier):
    """Exports keep the plain AAPCS prototype; a tail call reaches a C import."""
    src = tmp_path / "mod.wat"
    src.write_text(C_MODULE)
    res = compile_file(str(src), Options(tier=tier))
    header = res.header("mod.h")
    assert "int64_t count(int32_t p0, int64_t p1);" in header
    assert "int32_t to_host(int32_t p0, int32_t p1, int32_t p2, int32_t p3, int32_t p4, " \
        "int32_t p5);" in header
    assert "pair_result pair(int32_t p0);" in header
    _run_c_main(tmp_path, res, C_MAIN)


def test_frame_table_after_a_tail_call_through_a_register(tmp_path):
    """The code after `bx rN` (the trap stubs) has the frame the prologue made:
    its CFI is not the torn-down state of the tail call."""
    from synth_toolchain.debuginfo.frames import frame_states
    src = tmp_path / "t.wat"
    src.write_text("""(module (type $t (func (param i32) (result i32)))
      (import "env" "f" (func $f (param i32) (result i32)))
      (table 1 funcref)
      (func (export "g") (param i32 i32) (result i32)
        (return_call_indirect (type $t) (call $f (local.get 0)) (local.get 1))))""")
    res = compile_file(str(src), Options(debug=True))
    (fn,) = res.compiled.functions
    code = fn.code
    states = frame_states(code.data, code.mapping)
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    (jump,) = [i for i in cs.disasm(code.data, 0) if i.mnemonic == "bx" and i.op_str != "lr"]
    after = jump.address + jump.size
    assert after < len(code.data)
    framed = [s for a, s in states if a <= after][-1]
    assert framed.depth == fn.frame_bytes > 0, states


def _big_frame_module(nlocals: int) -> str:
    """`big` keeps nlocals i32 locals live (a frame beyond 4 KiB at baseline: the
    incoming stack arguments past the reach of `str rt, [sp, #imm12]`, the frame
    size no immediate), then tail-calls with five stack words, directly and
    through the table."""
    sets = "".join(f"(local.set {k + 6} (i32.add (local.get {k % 6}) (i32.const {k})))"
                   for k in range(nlocals))
    total = "(local.get 6)" + "".join(f"(i32.xor (local.get {k + 6}))"
                                      for k in range(1, nlocals, 97))
    return f"""(module
      (type $t6 (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
      (table 1 funcref) (elem (i32.const 0) $sink)
      (func $sink (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
        (i32.add (i32.mul (local.get 0) (i32.const 3))
          (i32.sub (i32.xor (local.get 4) (local.get 8)) (i32.rotl (local.get 7) (local.get 5)))))
      (func (export "big") (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
        (local {' i32' * nlocals})
        {sets}
        (if (i32.and (local.get 0) (i32.const 1))
          (then (return_call_indirect (type $t6) {total} (local.get 8) (local.get 7)
            (local.get 6) (local.get 5) (local.get 4) (local.get 3) (local.get 2)
            (local.get 1) (i32.and (local.get 0) (i32.const 2)))))
        (return_call $sink (local.get 8) {total} (local.get 7) (local.get 6) (local.get 5)
          (local.get 4) (local.get 3) (local.get 2) (local.get 1))))"""


def test_tail_calls_from_a_frame_beyond_4k():
    results = check_module(_big_frame_module(1100), samples=8, tiers=("baseline", "opt"))
    assert max(f.frame_bytes for f in results["baseline"].compiled.functions) > 4096


KEEP = """(module
  (import "env" "h" (func $h (param f64) (result f64)))
  (import "env" "g" (func $g (param i32) (result i32)))
  (func $to4 (param f32 i32 i32 i32 i32) (result f32)
    (f32.add (local.get 0) (f32.convert_i32_s (i32.sub (i32.add (local.get 1) (local.get 2))
                                                        (i32.xor (local.get 3) (local.get 4))))))
  (func (export "keep_f32") (param $a f32) (param $c i32) (result f32)
    (local $r i32)
    (local.set $r (call $g (local.get $c)))
    (return_call $to4 (f32.mul (local.get $a) (local.get $a)) (local.get $r) (local.get $c)
                      (local.get $r) (i32.const 7)))
  (func $to (param f64 f32 i32 i32 i32 i32) (result f64)
    (f64.add (f64.mul (local.get 0) (f64.promote_f32 (local.get 1)))
      (f64.convert_i32_s (i32.sub (i32.add (local.get 2) (local.get 3))
                                  (i32.xor (local.get 4) (local.get 5))))))
  (func (export "keep") (param $a f64) (param $b f32) (param $c i32) (param $d i32)
                        (param $e i32) (param $f i32) (result f64)
    (local $x f64) (local $y f32)
    (local.set $x (call $h (local.get $a)))
    (local.set $y (f32.demote_f64 (call $h (f64.promote_f32 (local.get $b)))))
    (return_call $to (local.get $x) (local.get $y) (local.get $f) (local.get $e)
                     (local.get $d) (local.get $c))))"""


@pytest.mark.parametrize("float_abi", ["soft", "hard"])
def test_tail_call_after_calls_with_values_kept(float_abi):
    """Callee-saved core and S registers restored (vpop) before the jump, r3
    carrying an argument past the alignment push (keep_f32 with hard float:
    `vpop {s16}; add sp, #4; pop.w {r4, lr}; b.w`)."""
    hosts = {"h": HostFunction((F64,), (F64,), lambda bits: bits ^ (1 << 63)),   # negation
             "g": HostFunction((I32,), (I32,), lambda x: (x * 3 + 1) & 0xFFFFFFFF)}
    check_module(KEEP, hosts=hosts, samples=12, options_extra={"float_abi": float_abi})


def _random_program(seed: int, floats: bool = False, **cfg) -> None:
    check_program(seed, floats=floats, tail_calls=True, **cfg)


def test_random_programs_have_tail_calls():
    for floats, seeds in ((False, range(4)), (True, range(2))):
        for seed in seeds:
            assert "return_call" in generate(seed, floats=floats, tail_calls=True)


@pytest.mark.parametrize("seed", range(4))
def test_random_programs_with_tail_calls(seed):
    _random_program(seed)


@pytest.mark.parametrize("seed", range(2))
def test_random_float_programs_with_tail_calls(seed):
    _random_program(seed, floats=True, options_extra={"float_abi": "hard"})


@pytest.mark.slow
@pytest.mark.parametrize("floats", [False, True])
@pytest.mark.parametrize("seed", range(4, 154))
def test_random_programs_with_tail_calls_exhaustive(seed, floats):
    _random_program(seed, floats=floats,
                    options_extra={"float_abi": "hard"} if floats else None)


CLANG = shutil.which("clang")


@pytest.mark.skipif(CLANG is None, reason="clang is not installed (./do installs it)")
def test_clang_musttail_interpreter(tmp_path):
    """C handlers that `musttail`-call each other through a table (clang
    -mtail-call: return_call_indirect), 90,000 dispatches in the long run."""
    out = tmp_path / "interp.wasm"
    clang_wasm.build([os.path.join(FIXTURES, "c", "interp_musttail.c")], out,
                     ["-O2", "-mtail-call"], ["--no-entry"], clang=CLANG)
    wasm = out.read_bytes()
    assert b"\x13" in wasm
    check_module(wasm, [("run", (n,)) for n in (0, 1, 7, 30_000)])


# ARMv6-M: pop cannot name lr and the handlers' ip is r7, which the epilogue
# restores; the emulator checks r4-r11 after every call
@pytest.mark.parametrize("tier", TIER_NAMES)
def test_v6m_tail_calls_run_in_constant_stack(tier):
    got = _run(EVEN_ODD.replace("CALL", "return_call"), "even", [I64], [300_001], [I32],
               tier=tier, stack_check=True, cpu="cortex-m0plus")
    assert got.trap is None and got.values == (99,)


@pytest.mark.parametrize("cpu", ["cortex-m0plus", "cortex-m23"])
def test_v6m_tail_calls_keep_the_callers_registers(cpu):
    """Values kept in r4-r7 across calls before the tail call, direct and
    through the table, from a frame beyond add sp's reach (508 bytes)."""
    hosts = {"h": HostFunction((F64,), (F64,), lambda bits: bits ^ (1 << 63)),
             "g": HostFunction((I32,), (I32,), lambda x: (x * 3 + 1) & 0xFFFFFFFF)}
    check_module(KEEP, hosts=hosts, samples=8, cpu=cpu)
    check_module(fixture("tailcalls.wat"), DISPATCH_CALLS, cpu=cpu)
    check_module(_big_frame_module(200), samples=4, tiers=("baseline", "opt"), cpu=cpu)
