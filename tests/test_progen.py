"""Differential tests on random valid programs (tests/progen.py) at every tier.

A failing seed reproduces with `python -m tests.progen SEED` (prints the WAT).
CI runs a slice; `./do test --all` runs the exhaustive variant.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.difftest import check_module
from tests.progen import generate


def _check(seed: int, nfuncs: int = 5, depth: int = 6, floats: bool = False,
           tail_calls: bool = False, **cfg) -> None:
    wat = generate(seed, nfuncs, depth, floats, tail_calls)
    try:
        check_module(wat, samples=4, seed=seed, **cfg)
    except AssertionError as err:
        flag = " --floats" * floats + " --tail-calls" * tail_calls
        raise AssertionError(f"seed {seed} {cfg} (python -m tests.progen {seed}{flag}): "
                             f"{err}") from None


# float programs under each float ABI (unicorn models single precision only:
# f64 stays soft on these FPUs; tests/test_fpu_qemu.py covers f64 hardware)
FLOAT_CONFIGS = {
    "soft": {},
    "m4-hard": {"options_extra": {"float_abi": "hard"}},
    "m33-softfp": {"cpu": "cortex-m33", "options_extra": {"float_abi": "softfp"}},
    "m55-hard": {"cpu": "cortex-m55", "options_extra": {"float_abi": "hard"}},
}


@pytest.mark.parametrize("cfg", sorted(FLOAT_CONFIGS))
@pytest.mark.parametrize("seed", range(8))
def test_random_float_program(seed, cfg):
    _check(seed, floats=True, **FLOAT_CONFIGS[cfg])


@pytest.mark.slow
@pytest.mark.parametrize("cfg", sorted(FLOAT_CONFIGS))
@pytest.mark.parametrize("seed", range(8, 208))
def test_random_float_program_exhaustive(seed, cfg):
    _check(seed, floats=True, **FLOAT_CONFIGS[cfg])


@pytest.mark.parametrize("seed", range(24))
def test_random_program(seed):
    _check(seed)


@pytest.mark.parametrize("seed", range(1000, 1004))
def test_random_program_deep(seed):
    _check(seed, nfuncs=3, depth=9)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(24, 524))
def test_random_program_exhaustive(seed):
    _check(seed)


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_random_program_hypothesis(seed):
    _check(seed)
