"""ARMv6-M code: every instruction synth emits for cortex-m0plus is one GNU as
accepts for that core (which rejects Thumb-2), byte for byte, and the new
Thumb-1 forms (mrs/msr, used by the helpers) match GNU as."""

import os

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


CONFIGS = [("cortex-m0plus", tier) for tier in TIER_NAMES] + [("cortex-m23", "opt")]


@needs_as
@pytest.mark.parametrize("cpu,tier", CONFIGS)
@pytest.mark.parametrize("name", FIXTURES)
def test_listing_assembles_for_the_core(name, cpu, tier):
    """The mnemonic listing of the whole object (functions, runtime, helpers)
    assembles with -mcpu=cortex-m0plus (or cortex-m23) and reproduces every
    section: GNU as rejects any instruction the core does not have."""
    opts = Options(cpu=cpu, tier=tier, memory_size=4 * 65536)
    obj = compile_file(name, opts, to_wasm(fixture(name))).compiled.obj
    text, _ = _listing(obj, opts, set(), False)
    bad, ok = _assemble_check(text, obj, opts, "arm-none-eabi-gcc")
    assert ok, f"GNU as -mcpu={cpu} rejected the listing"
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


GCC = "arm-none-eabi-gcc"


@needs_as
@pytest.mark.parametrize("cpu", ["cortex-m0", "cortex-m0plus", "cortex-m1", "cortex-m23"])
def test_objects_link_with_gcc_for_the_core_without_warnings(tmp_path, cpu):
    """`arm-none-eabi-gcc -mcpu=<core>` links a v6-M object (with libgcc's
    divide and multiply helpers) next to C compiled for that core, silently."""
    import subprocess
    wat = tmp_path / "m.wat"
    wat.write_text(fixture("i64_ops.wat"))
    obj = tmp_path / "m.o"
    r = subprocess.run([".venv/bin/synth-cc" if os.path.exists(".venv/bin/synth-cc") else "synth-cc",
                        f"-mcpu={cpu}", "-O2", "-c", str(wat), "-o", str(obj)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    c = tmp_path / "main.c"
    c.write_text("void synth_trap(int c) { for (;;); }\nint main(void) { return 0; }\n")
    r = subprocess.run([GCC, f"-mcpu={cpu}", "-mthumb", "--specs=nosys.specs", str(c), str(obj),
                        "-o", str(tmp_path / "a.elf")], capture_output=True, text=True)
    assert r.returncode == 0 and not r.stderr, r.stderr


@pytest.mark.parametrize("abi", ["hard", "softfp"])
def test_hard_float_is_refused_on_v6m(abi):
    opts = Options(cpu="cortex-m0plus", float_abi=abi)
    with pytest.raises(Exception, match="no FPU"):
        compile_file("m.wat", opts, to_wasm("(module)"))
