"""ARMv6-M code: every instruction synth emits for cortex-m0plus is one GNU as
accepts for that core (which rejects Thumb-2), byte for byte, and the new
Thumb-1 forms (mrs/msr, used by the helpers) match GNU as."""

import pytest

from synth_toolchain.arm.asm_v6m import V6MAssembler
from synth_toolchain.driver import compile_file
from synth_toolchain.errors import EncodingError
from synth_toolchain.listing import _assemble_check, _listing
from synth_toolchain.options import Options
from synth_toolchain.tiers import TIER_NAMES
from tests.difftest import fixture, to_wasm
from tests.test_arm_encoding import gnu_assemble, needs_as

FIXTURES = ["i32_ops.wat", "i64_ops.wat", "control.wat", "memory.wat", "calls.wat",
            "f64_ops.wat", "adversarial.wat", "unaligned.wat"]


@needs_as
@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("name", FIXTURES)
def test_listing_assembles_for_cortex_m0plus(name, tier):
    """The mnemonic listing of the whole object (functions, runtime, helpers)
    assembles with -mcpu=cortex-m0plus and reproduces every section."""
    opts = Options(cpu="cortex-m0plus", tier=tier, memory_size=4 * 65536)
    obj = compile_file(name, opts, to_wasm(fixture(name))).compiled.obj
    text, _ = _listing(obj, opts, set(), False)
    bad, ok = _assemble_check(text, obj, opts, "arm-none-eabi-gcc")
    assert ok, "GNU as -mcpu=cortex-m0plus rejected the listing"
    assert not bad, [obj.sections[i].name for i in sorted(bad)]


@needs_as
def test_mrs_msr_match_gnu_as():
    a = V6MAssembler()
    a.mrs_apsr(3)
    a.msr_apsr(2)
    ours = a.finish().data
    (gnu,) = gnu_assemble(["mrs r3, apsr\nmsr apsr_nzcvq, r2"])
    assert ours.hex() == gnu["data"].hex()


def test_thumb2_encodings_are_refused():
    a = V6MAssembler()
    with pytest.raises(EncodingError):
        a.movw(0, 1)
    with pytest.raises(EncodingError):
        a._ins(bytes.fromhex("00f1010c"))        # add.w ip, r0, #1
