"""Stack overflow in the emulator (issue 12, item 11): with --stack-check the
harness's synth_stack_limit makes runaway recursion trap with code 9; without
it the stack, at the start of RAM, overflows into unmapped memory and faults
before it can reach linear memory or globals."""

import os

import pytest

from synth_toolchain.cli import main
from synth_toolchain.driver import build_executable, compile_file
from synth_toolchain.options import Options
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.values import EmulatorError
from synth_toolchain.traps import Trap
from synth_toolchain.wasm.module import ValType
from tests.difftest import to_wasm

I32 = ValType.I32
# runaway recursion next to a memory with data and a mutable global
WAT = """(module
  (memory (export "mem") 1) (data (i32.const 0) "hello")
  (global $g (mut i32) (i32.const 42))
  (func $r (export "r") (param i32) (result i32)
    (i32.add (i32.const 1) (call $r (i32.add (local.get 0) (i32.const 1)))))
  (func $big (export "big") (param i32) (result i32) (local i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 1 (i64.extend_i32_u (local.get 0)))
    (i32.add (i32.wrap_i64 (local.get 1)) (call $big (i32.add (local.get 0) (i32.const 1)))))
  (func (export "peek") (result i32) (i32.load (i32.const 0)))
  (func (export "g") (result i32) (global.get $g)))"""
HELL = int.from_bytes(b"hell", "little")


def _emulator(tmp_path, **opts):
    options = Options(**opts)
    res = compile_file("r.wat", options, data=to_wasm(WAT))
    emu = Emulator(build_executable(res, str(tmp_path), options))
    assert emu.call(res.compiled.layout.init_symbol, (), (), ()).trap is None
    return emu


def _intact(emu):
    assert emu.call("peek", (), (), (I32,)).values == (HELL,)
    assert emu.call("g", (), (), (I32,)).values == (42,)


@pytest.mark.parametrize("export", ["r", "big"])
def test_overflow_without_stack_check_faults_before_reaching_memory(tmp_path, export):
    emu = _emulator(tmp_path)
    with pytest.raises(EmulatorError, match="stack overflow: write to unmapped address"):
        emu.call(export, (I32,), (0,), (I32,))
    _intact(emu)


@pytest.mark.parametrize("tier", ["opt", "baseline"])
@pytest.mark.parametrize("export", ["r", "big"])
def test_stack_check_traps_with_the_harness_limit(tmp_path, tier, export):
    emu = _emulator(tmp_path, stack_check=True, tier=tier)
    limit = int.from_bytes(emu.read_memory("synth_stack_limit", 4), "little")
    assert emu.stack_bottom < limit < emu.stack_bottom + 4096
    assert emu.call(export, (I32,), (0,), (I32,)).trap == Trap.STACK_EXHAUSTED
    _intact(emu)


def _run(tmp_path, capsys, *flags):
    src = tmp_path / "r.wat"
    src.write_text(WAT)
    code = main(["run", str(src), *flags, "--invoke", "r", "0"])
    out, err = capsys.readouterr()
    return src, code, out, err


def test_synth_run_stack_check_prints_the_trap(tmp_path, capsys):
    _src, code, out, err = _run(tmp_path, capsys, "--stack-check")
    assert (code, out, err) == (3, "trap: call stack exhausted\n", "")


def test_synth_run_without_stack_check_reports_an_overflow(tmp_path, capsys):
    src, code, out, err = _run(tmp_path, capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"{src}: error: r: stack overflow: ") and err.count("\n") == 1, err


# ---- examples/firmware: the stack at the start of RAM, guarded ----

FIRMWARE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "examples", "firmware")
CPUS = {"an386": "cortex-m4", "an505": "cortex-m33"}
OVERFLOW_MAIN = r"""
#include <stdint.h>
#include "semihost.h"
int32_t r_r(int32_t);
void r_synth_init(void);
void synth_trap(uint32_t code) { sh_printf("synth_trap: code %u\n", (unsigned)code); sh_exit(code); }
volatile int c_frames;
static int deep(int n) { volatile char pad[64]; pad[0] = (char)n; c_frames++;
                         return deep(n + 1) + pad[0]; }
int main(void) { r_synth_init(); return WASM ? r_r(0) : deep(0); }
"""


def _firmware(tmp_path, machine, wasm, stack_check):
    """An image of the example's startup code and linker scripts whose main
    recurses without end, in wasm (compiled by synth) or in C."""
    import shutil
    import subprocess
    import sys
    if shutil.which("qemu-system-arm") is None or shutil.which("arm-none-eabi-gcc") is None:
        pytest.skip("needs qemu-system-arm and arm-none-eabi-gcc")
    for f in ("startup.c", "semihost.c", "semihost.h", "mps2-common.ld", f"mps2-{machine}.ld"):
        shutil.copy(os.path.join(FIRMWARE, f), tmp_path / f)
    (tmp_path / "r.wat").write_text(WAT)
    (tmp_path / "main.c").write_text(OVERFLOW_MAIN)
    cpu = CPUS[machine]
    subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile", "r.wat", "--cpu", cpu,
                    "--prefix", "r_", "--no-report", "-o", "r.o",
                    *(["--stack-check"] if stack_check else [])], cwd=tmp_path, check=True)
    subprocess.run(["arm-none-eabi-gcc", f"-mcpu={cpu}", "-mthumb", "-O2", "-ffreestanding",
                    "-Wno-infinite-recursion", f"-DWASM={int(wasm)}", "-nostartfiles",
                    "-T", f"mps2-{machine}.ld", "startup.c", "semihost.c", "main.c", "r.o",
                    "-lgcc", "-o", "fw.elf"], cwd=tmp_path, check=True)
    r = subprocess.run(["qemu-system-arm", "-M", f"mps2-{machine}", "-nographic", "-monitor",
                        "none", "-serial", "null", "-semihosting-config",
                        "enable=on,target=native", "-kernel", "fw.elf"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout + r.stderr


@pytest.mark.parametrize("machine", sorted(CPUS))
def test_firmware_wasm_stack_check_traps(tmp_path, machine):
    """startup.c's synth_stack_limit stops --stack-check code above the guard."""
    status, out = _firmware(tmp_path, machine, wasm=True, stack_check=True)
    assert (status, out) == (9, "synth_trap: code 9\n")


@pytest.mark.parametrize("machine", sorted(CPUS))
@pytest.mark.parametrize("wasm", [True, False], ids=["wasm", "c"])
def test_firmware_overflow_faults_in_the_guard(tmp_path, machine, wasm):
    """Without --stack-check (or in C) the overflow hits the guard at the start
    of RAM: a clean report, not a lockup or a run through the data."""
    status, out = _firmware(tmp_path, machine, wasm=wasm, stack_check=False)
    assert status == 120, out
    assert out.startswith("HardFault: stack overflow (sp=0x"), out
