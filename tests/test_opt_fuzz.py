"""Differential fuzzing of the optimisations that move or drop bounds checks
and rewrite arithmetic (tests/optgen.py says what the programs look like).

Each seed's module runs boundary-value calls at every tier on the emulated
core and in wasmtime; results, traps and the whole linear memory after each
call (trapping ones included) must agree.  A failing seed reproduces with
`python -m tests.optgen SEED` (prints the WAT).  CI runs a slice; `./do test
--all` runs many more seeds on a core with DSP multiplies (M4) and one
without (M3), and under --memory-size.
"""

import pytest

from synth_toolchain.arm.lowering_target import THUMB2
from synth_toolchain.ir.checkmerge import merge_bounds_checks
from tests.difftest import check_module, with_pass_replaced
from tests.optgen import calls, generate

# (cpu, --memory-size, --opt-level): a reservation larger than the declared size
# lets memory.grow succeed and makes the bound a run-time value; z: the size choices
CONFIGS = {"m4": ("cortex-m4", None, "2"), "m3": ("cortex-m3", None, "2"),
           "m4-192K": ("cortex-m4", 3 * 0x10000, "2"), "m4-Oz": ("cortex-m4", None, "z"),
           "m3-192K-Oz": ("cortex-m3", 3 * 0x10000, "z"), "m55": ("cortex-m55", None, "2")}


def _check(seed: int, cfg: str) -> None:
    cpu, memory_size, level = CONFIGS[cfg]
    try:
        check_module(generate(seed), calls(seed), cpu=cpu, memory_size=memory_size,
                     reference_source=generate(seed, export_memory=True),
                     options_extra={"opt_level": level})
    except AssertionError as err:
        raise AssertionError(f"seed {seed} {cfg} (python -m tests.optgen {seed}): "
                             f"{err}") from None


@pytest.mark.parametrize("cfg", sorted(CONFIGS))
@pytest.mark.parametrize("seed", range(12))
def test_opt_fuzz(seed, cfg):
    _check(seed, cfg)


@pytest.mark.slow
@pytest.mark.parametrize("cfg", sorted(CONFIGS))
@pytest.mark.parametrize("seed", range(12, 412))
def test_opt_fuzz_exhaustive(seed, cfg):
    _check(seed, cfg)


STORE_THEN_TRAP = """(module (memory 1 1)
  (func (export "f") (param i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.load (local.get 0))))"""


def test_memory_after_a_trap_is_compared():
    """A merge-checks that lets a load's trap overtake the store before it (here:
    the store is dropped outright) traps like wasmtime; only the memory shows it."""
    def overtaking(fn, ctx):
        merge_bounds_checks(fn, ctx, THUMB2)
        for blk in fn.blocks:
            blk.insts = [i for i in blk.insts if i.op != "store"]
    ladder = with_pass_replaced("merge-checks", overtaking)
    calls = [("f", (0x10000,))]
    check_module(STORE_THEN_TRAP, calls, tiers=("opt",), ladder=ladder)   # results agree
    with pytest.raises(AssertionError, match=r"f\(65536,\): .*memory differs after it: at 0x12"):
        check_module(STORE_THEN_TRAP, calls, tiers=("opt",), ladder=ladder,
                     reference_source=STORE_THEN_TRAP.replace("(memory 1 1)",
                                                              '(memory (export "memory") 1 1)'))
