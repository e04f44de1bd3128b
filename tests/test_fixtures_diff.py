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
    "float_more.wat": {},
    "loops.wat": {},
    "adversarial.wat": {},
    "adversarial_memory.wat": {},
    "adversarial_fixedmem.wat": {},
    "tailcalls.wat": {},
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


@pytest.mark.parametrize("cpu", ["cortex-m3", "cortex-m7", "cortex-m33", "cortex-m55"])
def test_other_cores(cpu):
    """The same Thumb-2 code runs on every supported core (emulated per core model)."""
    for name in ("i64_ops.wat", "control.wat"):
        check_module(fixture(name), tiers=("opt",), cpu=cpu, samples=6)


# Hardware float: (cpu, float ABI, FPU).  unicorn's Cortex-M models implement
# single precision only; on the M7 the emulator carries out f64 instructions
# in software (run/vfpdp.py), and tests/test_fpu_qemu.py runs the same code on
# QEMU's double-precision M7 as a cross-check.
FLOAT_CONFIGS = [
    ("cortex-m4", "softfp", None),
    ("cortex-m4", "hard", None),
    ("cortex-m33", "hard", None),
    ("cortex-m7", "hard", "fpv5-sp-d16"),
    ("cortex-m7", "hard", "fpv5-d16"),
    ("cortex-m7", "softfp", "fpv5-d16"),
    ("cortex-m55", "hard", None),          # v8.1-M on the M33 model, f64 as on the M7
    ("cortex-m85", "softfp", None),
]


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("cfg", FLOAT_CONFIGS, ids=lambda c: "-".join(filter(None, c)))
@pytest.mark.parametrize("name", ["f32_ops.wat", "f64_ops.wat", "float_more.wat", "calls.wat"])
def test_float_abis(name, cfg, tier):
    cpu, abi, fpu = cfg
    check_module(fixture(name), tiers=(tier,), cpu=cpu, samples=16,
                 options_extra={"float_abi": abi, "fpu": fpu})


def test_bulk_memory_alignments_and_overlaps():
    """Word-at-a-time copy/fill against wasmtime: every dst/src alignment pair,
    both overlap directions, short and long lengths, and out-of-bounds traps."""
    import random
    rng = random.Random(7)
    calls = []
    for d in range(4):
        for s in range(4):
            for base_d, base_s in ((100, 300), (300, 100), (200, 203), (203, 200)):
                n = rng.choice([0, 1, 3, 7, 8, 9, 15, 16, 33, 250])
                calls.append(("copy", (base_d + d, base_s + s, n)))
        calls.append(("fill", (500 + d, rng.getrandbits(32), rng.choice([0, 5, 8, 9, 64, 301]))))
    calls += [("copy", (65530, 0, 7)), ("copy", (0, 65535, 2)), ("fill", (65534, 1, 3)),
              ("copy", (10, 20, 0xFFFFFFFF)), ("fill", (65536, 0, 0))]
    check_module(fixture("bulk.wat"), calls, tiers=("opt",))
