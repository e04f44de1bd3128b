"""Differential fuzzing of the i64 selections (umlal/smlal for an i64 add of
a widening product, one compare for a select on an i64 compare) and of the
allocation of i64 accumulators around loops: tests/optgen.py `I64Gen` says
what the programs look like.  Each seed runs boundary-value calls at every
tier on the emulated core and in wasmtime, with the allocation checker on;
results, traps and linear memory must agree.  A failing seed reproduces with
`python -m tests.optgen SEED i64`.
"""

import pytest

from tests.difftest import check_module
from tests.optgen import calls, generate_i64


def _check(seed: int, cpu: str) -> None:
    try:
        check_module(generate_i64(seed), calls(seed), cpu=cpu,
                     reference_source=generate_i64(seed, export_memory=True))
    except AssertionError as err:
        raise AssertionError(f"seed {seed} {cpu} (python -m tests.optgen {seed} i64): "
                             f"{err}") from None


@pytest.mark.parametrize("seed", range(8))
def test_i64_fuzz(seed):
    _check(seed, "cortex-m4")


@pytest.mark.slow
@pytest.mark.parametrize("cpu", ["cortex-m4", "cortex-m3"])
@pytest.mark.parametrize("seed", range(8, 208))
def test_i64_fuzz_exhaustive(seed, cpu):
    _check(seed, cpu)
