"""Differential runs of the hand-written fixtures at every tier."""

import pytest

from synth_toolchain.tiers import TIER_NAMES
from tests.difftest import check_module, fixture

FIXTURES = {
    "i32_ops.wat": {},
    "i64_ops.wat": {},
    "control.wat": {},
    "memory.wat": {"memory_size": 4 * 65536},
    "calls.wat": {},
    "dense.wat": {},
    "f32_ops.wat": {},
    "f64_ops.wat": {},
}


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture(name, tier):
    check_module(fixture(name), tiers=(tier,), samples=16, **FIXTURES[name])


def test_dense_fixture_reports_its_tier():
    """The density that broke the other compiler compiles in the first tier."""
    results = check_module(fixture("dense.wat"), tiers=(None,))
    report = results[None].report
    (fn,) = report["functions"]
    assert fn["tier"] == "opt"
    assert fn["attempts"] == []
    assert report["summary"]["by_tier"]["opt"] == 1


@pytest.mark.parametrize("cpu", ["cortex-m3", "cortex-m7", "cortex-m33"])
def test_other_cores(cpu):
    """The same Thumb-2 code runs on every supported core (emulated per core model)."""
    for name in ("i64_ops.wat", "control.wat"):
        check_module(fixture(name), tiers=("opt",), cpu=cpu, samples=6)
