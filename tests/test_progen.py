"""Differential tests on random valid programs (tests/progen.py) at every tier.

A failing seed reproduces with `python -m tests.progen SEED` (prints the WAT).
CI runs a slice; `./do test --all` runs the exhaustive variant.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.difftest import check_module
from tests.progen import generate


def _check(seed: int, nfuncs: int = 5, depth: int = 6) -> None:
    wat = generate(seed, nfuncs, depth)
    try:
        check_module(wat, samples=4, seed=seed)
    except AssertionError as err:
        raise AssertionError(f"seed {seed} (python -m tests.progen {seed}): {err}") from None


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
