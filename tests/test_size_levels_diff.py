"""Differential runs at --opt-level z (the size choices, options.SIZE): the
fixtures at every tier, generated programs, and a function longer than the
literal pool's 16-bit reach, against wasmtime."""

import pytest

from synth_toolchain.tiers import TIER_NAMES
from tests.difftest import check_module, fixture
from tests.test_fixtures_diff import FIXTURES
from tests.test_progen import _check

SIZE = {"opt_level": "z"}


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_at_oz(name, tier):
    cfg = dict(FIXTURES[name])
    check_module(fixture(name), tiers=(tier,), samples=8, options_extra=SIZE, **cfg)


@pytest.mark.parametrize("name", ["f64_ops.wat", "calls.wat"])
def test_hard_float_at_oz(name):
    check_module(fixture(name), tiers=("opt",), samples=8,
                 options_extra={**SIZE, "float_abi": "hard"})


@pytest.mark.parametrize("seed", range(12))
def test_random_program_at_oz(seed):
    _check(seed, options_extra=SIZE)


@pytest.mark.parametrize("seed", range(3))
def test_random_float_program_at_oz(seed):
    _check(seed, floats=True, options_extra=SIZE)


def _far_constants(n: int) -> str:
    """A function whose 32-bit constants sit further from its pool than a
    16-bit ldr reaches (and, with n large, than ldr.w reaches)."""
    body = "".join(f"(local.set 1 (i32.xor (local.get 1) (i32.mul (local.get 0) "
                   f"(i32.const {0x12345678 + 0x10001 * k}))))" for k in range(n))
    return f"""(module (func (export "f") (param i32) (result i32) (local i32)
      {body} (i32.add (local.get 1) (i32.const 0x7eadbeef))))"""


@pytest.mark.parametrize("n", [40, 400])
def test_constants_out_of_pool_reach(n):
    check_module(_far_constants(n), tiers=("opt", "baseline"), samples=6, options_extra=SIZE)
