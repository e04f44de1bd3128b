"""The tier ladder: fall-through, reporting, stability of tier-1 code, and stress
cases that each tier must compile (huge frames, deep stacks, big tables)."""

from dataclasses import replace

import pytest

from synth_toolchain.arm.stackscan import stack_depth
from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.tiers import TIER_NAMES, TIERS, Ladder
from tests.difftest import check_module, fixture, to_wasm, with_pass_replaced


def test_fall_through_to_baseline_is_reported_and_correct():
    over_budget = Ladder(max_opt_work=0)                  # the optimizing allocator refuses all
    results = check_module(fixture("control.wat"), tiers=(None,), ladder=over_budget)
    report = results[None].report
    n = report["summary"]["functions"]
    assert n > 10
    assert report["summary"]["by_tier"] == {"opt": 0, "opt-nopromote": 0, "baseline": n}
    assert report["summary"]["fell_through"] == n
    for f in report["functions"]:
        assert f["tier"] == "baseline"
        assert [a["tier"] for a in f["attempts"]] == ["opt", "opt-nopromote"]
        assert all("too large for the optimizing allocator" in a["reason"] for a in f["attempts"])


def test_a_defect_in_an_optimising_tier_falls_through_with_a_warning():
    """A compiler bug (here: RecursionError in an IR pass of the opt tiers) costs
    the function its optimisation, not its compilation; the report and a
    warning name it.  In the last tier there is no net: the error surfaces."""
    def broken(fn, ctx):
        raise RecursionError("maximum recursion depth exceeded")
    ladder = with_pass_replaced("thread-jumps", broken)
    res = compile_file("x.wasm", Options(), data=to_wasm(fixture("calls.wat")), ladder=ladder)
    funcs = res.report["functions"]
    assert funcs and all(f["tier"] == "baseline" for f in funcs)
    for f in funcs:
        assert [a["tier"] for a in f["attempts"]] == ["opt", "opt-nopromote"]
        assert all(a["reason"].startswith("internal compiler error: RecursionError")
                   for a in f["attempts"])
    assert len(res.compiled.warnings) == 2 * len(funcs)
    assert "compiled by tier baseline instead (please report this)" in res.compiled.warnings[0]
    with pytest.raises(RecursionError):
        compile_file("x.wasm", Options(tier="opt"), data=to_wasm(fixture("calls.wat")),
                     ladder=ladder)


def test_no_local_promote_skips_promoting_tiers():
    res = compile_file("x.wasm", Options(local_promote=False), data=to_wasm(fixture("dense.wat")))
    assert [f["tier"] for f in res.report["functions"]] == ["opt-nopromote"]


def test_tier1_code_is_independent_of_lower_tiers():
    wasm = to_wasm(fixture("calls.wat"))
    before = compile_file("x.wasm", Options(), data=wasm)
    changed = Ladder(tiers=TIERS[:-1] + (replace(TIERS[-1], spare=(0, 1)),))
    after = compile_file("x.wasm", Options(), data=wasm, ladder=changed)
    assert before.elf == after.elf


def test_forced_tier_is_the_only_one_tried():
    res = compile_file("x.wasm", Options(tier="baseline"), data=to_wasm(fixture("dense.wat")))
    (f,) = res.report["functions"]
    assert f["tier"] == "baseline" and f["attempts"] == []
    assert f["promoted_locals"] == []


def test_dense_function_promotes_locals():
    res = compile_file("x.wasm", Options(), data=to_wasm(fixture("dense.wat")))
    (f,) = res.report["functions"]
    assert f["tier"] == "opt"
    assert len(f["promoted_locals"]) == 5


def _many_locals(n: int) -> str:
    body = []
    for i in range(n):
        body.append(f"(local.set {i + 1} (i32.add (local.get 0) (i32.const {i * 7 + 1})))")
    total = "(local.get 1)"
    for i in range(2, n + 1):
        total = f"(i32.xor (i32.mul {total} (i32.const 3)) (local.get {i}))"
    locals_ = " ".join(["i32"] * n)
    return (f'(module (func (export "f") (param i32) (result i32) (local {locals_}) '
            f'{" ".join(body)} {total}))')


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_thousand_live_locals(tier):
    """Every local live at once: spills everywhere, baseline frame far beyond 4 KiB."""
    results = check_module(_many_locals(1100), tiers=(tier,), samples=3)
    f = results[tier].report["functions"][0]
    assert f["frame_bytes"] > 4096


def _deep_stack(depth: int) -> str:
    expr = "(local.get 0)"
    for i in range(depth):
        expr = f"(i32.add (i32.mul (local.get 0) (i32.const {i + 2})) {expr})"
    return f'(module (func (export "f") (param i32) (result i32) {expr}))'


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_deep_expression_stack(tier):
    check_module(_deep_stack(300), tiers=(tier,), samples=4)


def _big_table(n: int) -> str:
    targets = " ".join(f"$b{i % 40}" for i in range(n))
    blocks_open = "".join(f"(block $b{i} " for i in range(40))
    cases = "".join(f") (local.set 1 (i32.add (local.get 1) (i32.const {i + 1}))) (br $loop)"
                    for i in range(40))
    return (f'(module (func (export "f") (param i32) (result i32) (local i32 i32) '
            f'(local.set 2 (i32.and (local.get 0) (i32.const 7))) '
            f'(block $exit (loop $loop '
            f'(br_if $exit (i32.eqz (local.get 2))) '
            f'(local.set 2 (i32.sub (local.get 2) (i32.const 1))) '
            f'{blocks_open}(br_table {targets} $exit (i32.add (local.get 0) (local.get 2))) '
            f'{cases})) (local.get 1)))')


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_large_br_table_with_backward_targets(tier):
    check_module(_big_table(300), tiers=(tier,), samples=10)


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_stack_check_traps_runaway_recursion(tmp_path, tier):
    from synth_toolchain.driver import build_executable
    from synth_toolchain.run.emulator import Emulator
    from synth_toolchain.traps import Trap
    from synth_toolchain.wasm.module import ValType
    wat = ('(module (func $r (export "r") (param i32) (result i32) '
           '(i32.add (i32.const 1) (call $r (i32.add (local.get 0) (i32.const 1))))))')
    opts = Options(tier=tier, stack_check=True)
    res = compile_file("r.wasm", opts, data=to_wasm(wat))
    emu = Emulator(build_executable(res, str(tmp_path), opts))   # harness sets the limit
    r = emu.call("r", (ValType.I32,), (0,), (ValType.I32,))
    assert r.trap == Trap.STACK_EXHAUSTED


def _dense_f32(n: int) -> str:
    """n f32 locals all live across a call and a loop: more than the 28 S registers."""
    locs = " ".join(f"(local $x{i} f32)" for i in range(n))
    init = " ".join(f"(local.set $x{i} (f32.mul (local.get $a) (f32.const {i + 1}.5)))"
                    for i in range(n))
    total = "(f32.const 0)"
    for i in range(n):
        total = f"(f32.add {total} (f32.mul (local.get $x{i}) (local.get $x{(i * 7) % n})))"
    return f"""(module
      (func $id (param f32) (result f32) (local.get 0))
      (func (export "dense") (param $a f32) (param $n i32) (result f32) {locs}
        {init}
        (loop $l
          (local.set $x0 (call $id (f32.add (local.get $x0) (local.get $x{n - 1}))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        {total}))"""


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("abi", ["hard", "softfp"])
def test_vfp_pressure_spills_and_stays_correct(tier, abi):
    """40 live f32 values (28 allocatable S registers) and a call: S registers
    spill, callee-saved ones are saved, every tier agrees with wasmtime."""
    wat = _dense_f32(40)
    results = check_module(wat, [("dense", (0x3FC00000, 3)), ("dense", (0xC0200000, 1))],
                           tiers=(tier,), options_extra={"float_abi": abi})
    fn = next(f for f in results[tier].report["functions"] if f["name"] == "dense")
    assert fn["tier"] == tier
    if tier == "opt":
        assert fn["spills"] > 0


def _many_i64_locals(n: int) -> str:
    """The shape of the spec's skip-stack-guard-page.wast: a page and more of
    i64 locals loaded from memory, then folded, so frame offsets pass 4 KiB
    while every register of an i64 pair is busy."""
    loads = " ".join(f"(local.set {i} (i64.load offset={i} align=1 (i32.const 0)))"
                     for i in range(1, n + 1))
    total = "(local.get 1)"
    for i in range(2, n + 1):
        total = f"(i64.add (i64.rotl {total} (i64.const 7)) (local.get {i}))"
    return (f'(module (memory 1) (data (i32.const 0) "\\01\\23\\45\\67\\89\\ab\\cd\\ef\\fe\\dc") '
            f'(func (export "f") (param i32) (result i64) (local {" i64" * n}) '
            f'{loads} (i64.store offset=8 (local.get 0) {total}) (i64.load (i32.const 8))))')


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_i64_locals_beyond_4k(tier):
    results = check_module(_many_i64_locals(600), tiers=(tier,), samples=3)
    assert results[tier].report["functions"][0]["frame_bytes"] > 4096
    r = results[tier].compiled.functions[0]
    assert stack_depth(r.code.data, r.code.mapping) == r.frame_bytes
