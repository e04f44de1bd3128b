"""ARMv6-M (Cortex-M0/M0+/M1): the differential fixtures, the optimisation and
i64 fuzzers, at every tier on unicorn's Cortex-M0 model (which rejects
Thumb-2 instructions), against wasmtime.  The CI slice runs every fixture at
every tier and a few fuzz seeds; `-m slow` runs many more seeds."""

import pytest

from synth_toolchain.tiers import TIER_NAMES
from tests.difftest import check_module, fixture
from tests.optgen import calls, generate, generate_i64
from tests.test_fixtures_diff import FIXTURES

V6M = "cortex-m0plus"


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_v6m(name, tier):
    check_module(fixture(name), tiers=(tier,), samples=16, cpu=V6M, **FIXTURES[name])


@pytest.mark.parametrize("cpu", ["cortex-m0", "cortex-m1"])
def test_other_v6m_cores(cpu):
    check_module(fixture("i32_ops.wat"), tiers=("opt",), cpu=cpu, samples=6)


def _fuzz(seed: int, gen, level: str = "2", memory_size=None) -> None:
    try:
        check_module(gen(seed), calls(seed), cpu=V6M, memory_size=memory_size,
                     reference_source=gen(seed, export_memory=True),
                     options_extra={"opt_level": level})
    except AssertionError as err:
        raise AssertionError(f"seed {seed} {gen.__name__} {level}: {err}") from None


@pytest.mark.parametrize("seed", range(3))
def test_opt_fuzz_v6m(seed):
    _fuzz(seed, generate)


@pytest.mark.parametrize("seed", range(3, 5))
def test_opt_fuzz_v6m_size(seed):
    _fuzz(seed, generate, "z", 3 * 0x10000)


@pytest.mark.parametrize("seed", range(3))
def test_i64_fuzz_v6m(seed):
    _fuzz(seed, generate_i64)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5, 205))
def test_opt_fuzz_v6m_exhaustive(seed):
    _fuzz(seed, generate, "2" if seed % 2 else "z", None if seed % 3 else 3 * 0x10000)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3, 103))
def test_i64_fuzz_v6m_exhaustive(seed):
    _fuzz(seed, generate_i64)


def test_unaligned_accesses_v6m():
    """Every access width at every address alignment, at every tier: the
    emulator faults on an unaligned word or halfword access for v6-M cores
    (as the hardware does), so a width the code does not split shows up."""
    calls = [(n, (a,)) for a in range(12)
             for n in ("ld32", "ld16u", "ld16s", "ld64", "ld64_32s", "rmw")]
    calls += [(n, (a, 0x8899AABB)) for a in range(10) for n in ("st32", "st16")]
    calls += [("st64", (a, 0x1122334455667788)) for a in range(10)] + [("const_addr", ())]
    check_module(fixture("unaligned.wat"), calls, cpu=V6M)


def _long_module() -> str:
    """Branches beyond b<cond>'s ±256 B and b's ±2 KiB, constants beyond the
    literal pool's 1 KiB reach (inline literals), a 300-entry br_table (a
    compare chain), and trap exits far from their checks."""
    body = "\n".join(f"      (local.set 1 (i32.xor (i32.add (local.get 1) (i32.const {0x10000 + i * 7919})) "
                     f"(i32.div_u (local.get 1) (i32.or (local.get 0) (i32.const 1)))))"
                     for i in range(150))
    targets = " ".join(f"$b{i % 3}" for i in range(300))
    return f'''(module
  (func (export "long_loop") (param i32 i32) (result i32)
    (loop $l
{body}
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1))
  (func (export "table") (param i32) (result i32)
    (block $b2 (block $b1 (block $b0
      (br_table {targets} $b2 (local.get 0)))
      (return (i32.const 100)))
      (return (i32.const 101)))
    (i32.const 102)))
'''


def test_long_function_v6m():
    calls = [("long_loop", (n, k)) for n in (1, 2, 3) for k in (0, 5, 0xFFFFFFFF)]
    calls += [("table", (i,)) for i in (0, 1, 2, 255, 256, 299, 300, 301, 0xFFFFFFFF)]
    check_module(_long_module(), calls, cpu=V6M)


# ARMv8-M Baseline (cortex-m23): v6-M code with sdiv/udiv, run on unicorn's
# M33 model (there is no M23 model; the M33 runs a superset), with the same
# unaligned-access fault as the M0.
@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("name", ["i32_ops.wat", "i64_ops.wat", "adversarial.wat", "calls.wat"])
def test_fixture_m23(name, tier):
    check_module(fixture(name), tiers=(tier,), samples=12, cpu="cortex-m23", **FIXTURES[name])


def test_unaligned_accesses_m23():
    calls = [(n, (a,)) for a in range(6) for n in ("ld32", "ld16s", "ld64", "rmw")]
    calls += [(n, (a, 0x8899AABB)) for a in range(6) for n in ("st32", "st16")]
    check_module(fixture("unaligned.wat"), calls, cpu="cortex-m23")


@pytest.mark.parametrize("tier", ["opt", "baseline"])
@pytest.mark.parametrize("export", ["r", "big"])
def test_stack_check_traps_on_v6m(tmp_path, tier, export):
    """--stack-check's prologue test (cmp sp, r7: the high-register compare)."""
    from synth_toolchain.driver import build_executable, compile_file
    from synth_toolchain.options import Options
    from synth_toolchain.run.emulator import Emulator
    from synth_toolchain.traps import Trap
    from synth_toolchain.wasm.module import ValType
    from tests.difftest import to_wasm
    from tests.test_stack_guard import HELL, WAT
    i32 = ValType.I32
    options = Options(cpu=V6M, stack_check=True, tier=tier)
    res = compile_file("r.wat", options, data=to_wasm(WAT))
    emu = Emulator(build_executable(res, str(tmp_path), options), cpu=V6M)
    assert emu.call(res.compiled.layout.init_symbol, (), (), ()).trap is None
    assert emu.call(export, (i32,), (0,), (i32,)).trap == Trap.STACK_EXHAUSTED
    assert emu.call("peek", (), (), (i32,)).values == (HELL,)
