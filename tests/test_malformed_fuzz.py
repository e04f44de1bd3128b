"""Malformed input never produces a traceback: mutated modules either compile
or fail with a one-line SynthError."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth_toolchain.driver import compile_file
from synth_toolchain.errors import SynthError
from synth_toolchain.options import Options
from tests.difftest import fixture, to_wasm

SEEDS = [to_wasm(fixture(n)) for n in ("control.wat", "memory.wat", "calls.wat", "i64_ops.wat")]


def _compile_or_diagnose(data: bytes) -> None:
    try:
        compile_file("fuzz.wasm", Options(), data=data)
    except SynthError as err:
        line = err.format()
        assert "\n" not in line and line.startswith("fuzz.wasm")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEEDS) - 1), st.integers(0, 2**32 - 1), st.integers(1, 8))
def test_mutated_modules(which, seed, flips):
    rng = random.Random(seed)
    data = bytearray(SEEDS[which])
    for _ in range(flips):
        kind = rng.random()
        i = rng.randrange(8, len(data))
        if kind < 0.6:
            data[i] = rng.randrange(256)
        elif kind < 0.8:
            del data[i]
        else:
            data.insert(i, rng.randrange(256))
    _compile_or_diagnose(bytes(data))


@pytest.mark.parametrize("cut", range(9, 120, 7))
def test_truncated_modules(cut):
    _compile_or_diagnose(SEEDS[0][:cut])
