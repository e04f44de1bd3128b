"""The C-facing ABI through the real toolchain: gcc compiles C against the
generated header, GNU ld links it with the object, the image runs on the
emulated Cortex-M."""

import os
import subprocess
import sys

import pytest

from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.link import link_executable
from synth_toolchain.tiers import TIER_NAMES
from synth_toolchain.wasm.module import ValType

MODULE = r'''
(module
  (import "env" "host_add" (func $host_add (param i32 i64) (result i64)))
  (memory 1)
  (global $g (export "counter") (mut i32) (i32.const 7))
  (data (i32.const 100) "hello")
  (func (export "mix") (param i32 i64 i32 i64 i32) (result i64)
    (i64.add (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1))
      (i64.add (i64.mul (i64.extend_i32_u (local.get 2)) (local.get 3))
               (i64.extend_i32_s (local.get 4)))))
  (func (export "divmod") (param i32 i32) (result i32 i32 i64)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1))
    (i64.const -5))
  (func (export "call_host") (param i32) (result i64)
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (call $host_add (local.get 0) (i64.const 0x100000000)))
  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
'''

MAIN_C = r'''
#include <stdint.h>
#include "mod.h"

int64_t host_add(int32_t a, int64_t b) { return (int64_t)a + b + 1000; }

int32_t test_main(void) {
    synth_init();
    int32_t fails = 0;
    if (mix(-1, 0x100000000LL, 3, 5, -2) != 0x100000000LL - 1 + 15 - 2) fails |= 1;
    divmod_result r = divmod(17, 5);
    if (r.r0 != 3 || r.r1 != 2 || r.r2 != -5) fails |= 2;
    if (call_host(5) != 0x100000000LL + 5 + 1000) fails |= 4;
    if (counter != 8) fails |= 8;
    if (synth_memory[100] != 'h' || peek(104) != 'o') fails |= 16;
    synth_memory[200] = 42;
    if (peek(200) != 42) fails |= 32;
    return fails;
}
'''


def _gcc(*args):
    r = subprocess.run(["arm-none-eabi-gcc", *args], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stderr, r.stderr


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_c_calls_exports(tmp_path, tier):
    src = tmp_path / "mod.wat"
    src.write_text(MODULE)
    _run_c_main(tmp_path, compile_file(str(src), Options(tier=tier)), MAIN_C)


def _run_c_main(tmp_path, res, main_c: str, link_flags=()) -> None:
    """Compile main_c against the module's header, link, run test_main: 0 = all checks pass."""
    (tmp_path / "mod.o").write_bytes(res.elf)
    (tmp_path / "mod.h").write_text(res.header("mod.h"))
    (tmp_path / "main.c").write_text(main_c)
    _gcc("-mcpu=cortex-m4", "-mthumb", "-O2", "-Wall", "-Wextra", "-Werror", "-c",
         str(tmp_path / "main.c"), "-o", str(tmp_path / "main.o"), "-I", str(tmp_path))
    exe = str(tmp_path / "fw.elf")
    link_executable([str(tmp_path / "mod.o"), str(tmp_path / "main.o")], exe,
                    extra_flags=list(link_flags))
    result = Emulator(exe).call("test_main", (), (), (ValType.I32,))
    assert result.trap is None
    assert result.values == (0,), f"failed checks bitmask {result.values[0]:#x}"


def test_gc_sections_drops_unused_functions(tmp_path):
    src = tmp_path / "m.wat"
    src.write_text('(module (func $unused (result i32) (i32.const 1)) '
                   '(func (export "used") (result i32) (i32.const 2)))')
    res = compile_file(str(src), Options())
    (tmp_path / "m.o").write_bytes(res.elf)
    exe = str(tmp_path / "m.elf")
    link_executable([str(tmp_path / "m.o")], exe, gc_sections=True,
                    extra_flags=["-Wl,--undefined=used"])
    syms = subprocess.run(["arm-none-eabi-nm", exe], capture_output=True, text=True).stdout
    assert " used" in syms
    assert "unused" not in syms


def test_objdump_shows_thumb_code(tmp_path):
    src = tmp_path / "m.wat"
    src.write_text('(module (func (export "add") (param i32 i32) (result i32) '
                   '(i32.add (local.get 0) (local.get 1))))')
    res = compile_file(str(src), Options())
    obj = tmp_path / "m.o"
    obj.write_bytes(res.elf)
    dis = subprocess.run(["arm-none-eabi-objdump", "-d", str(obj)], capture_output=True,
                         text=True).stdout
    body = dis.split("<add>:")[1].split("\n\n")[0]
    assert "adds\tr0, r0, r1" in body or "add\tr0, r1" in body
    assert "bx\tlr" in body or "pop" in body


def test_mapping_symbols_mark_code_and_jump_tables(tmp_path):
    """$t before code, $d before an inline jump table, so objdump and ld see data."""
    src = tmp_path / "m.wat"
    src.write_text('(module (func (export "sw") (param i32) (result i32) '
                   '(block (block (block (br_table 0 1 2 (local.get 0))) '
                   '(return (i32.const 1))) (return (i32.const 2))) (i32.const 3)))')
    res = compile_file(str(src), Options())
    obj = tmp_path / "m.o"
    obj.write_bytes(res.elf)
    syms = subprocess.run(["arm-none-eabi-readelf", "-s", str(obj)], capture_output=True,
                          text=True).stdout
    assert " $t" in syms and " $d" in syms
    dis = subprocess.run(["arm-none-eabi-objdump", "-d", str(obj)], capture_output=True,
                         text=True).stdout
    assert "tbb" in dis
    assert any(directive in dis for directive in (".word", ".short", ".byte"))


IMPORTS_MODULE = r'''
(module
  (import "env" "gain" (global $gain (mut i32)))
  (import "env" "offset" (global $off i64))
  (import "env" "shared_mem" (memory 1))
  (import "env" "ops" (table 2 funcref))
  (import "env" "log_value" (func $log (param i32)))
  (type $binop (func (param i32 i32) (result i32)))
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (elem (table 0) (i32.const 0) func $add $sub)
  (data (i32.const 8) "\07\00\00\00")
  (func (export "scaled") (param i32) (result i64)
    (global.set $gain (i32.add (global.get $gain) (i32.const 1)))
    (i64.add (i64.extend_i32_s (i32.mul (local.get 0) (global.get $gain))) (global.get $off)))
  (func (export "apply") (param i32 i32 i32) (result i32)
    (call_indirect (type $binop) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "mem_word") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "add_ref") (result funcref) (ref.func $add))
  (export "log_too" (func $log))
  (func (export "a-b") (result i32) (i32.const 1))
  (func (export "a_b") (result i32) (i32.const 2))
)
'''

IMPORTS_C = r'''
#include <stdint.h>
#include "mod.h"

int32_t gain = 2;
const int64_t offset = 0x100000000LL;
/* header [0, grow limit, pages, bytes] then the memory; shared_mem = mem_block + 16 */
uint32_t mem_block[(16 + 65536) / 4] __attribute__((aligned(8))) = {0, 1, 1, 65536};
uint32_t ops[2 + 2] = {2, 2, 0, 0};
static int32_t logged;
void log_value(int32_t v) { logged = v; }

int32_t test_main(void) {
    int32_t fails = 0;
    synth_init();
    if (ops[2] == 0 || ops[3] == 0) fails |= 1;            /* the element segment */
    if (mem_word(8) != 7 || ((uint8_t *)mem_block)[16 + 8] != 7) fails |= 2;
    if (scaled(5) != 15 + 0x100000000LL || gain != 3) fails |= 4;
    if (apply(0, 5, 3) != 8 || apply(1, 5, 3) != 2) fails |= 8;
    /* a funcref is a descriptor whose first word is a callable Thumb address */
    const uint32_t *ref = add_ref();
    int32_t (*fn)(int32_t, int32_t) = (int32_t (*)(int32_t, int32_t))ref[0];
    if (fn(40, 2) != 42 || ref != (const uint32_t *)ops[2]) fails |= 16;
    log_too(99);
    if (logged != 99) fails |= 32;
    if (a_b() != 2 || a_b_2() != 1) fails |= 64;
    return fails;
}
'''


@pytest.mark.parametrize("tier", ["opt", "baseline"])
def test_c_provides_imported_globals_memory_and_table(tmp_path, tier):
    """Globals, a memory and a table defined in C and imported by wasm; funcrefs
    called from C; a re-exported import; colliding export names."""
    src = tmp_path / "mod.wat"
    src.write_text(IMPORTS_MODULE)
    res = compile_file(str(src), Options(tier=tier))
    assert res.compiled.warnings == []
    # the memory symbol is 16 bytes into the C block, past the header
    _run_c_main(tmp_path, res, IMPORTS_C, ["-Wl,--defsym=shared_mem=mem_block+16"])


def test_reexported_imported_global_warns(tmp_path):
    src = tmp_path / "m.wat"
    src.write_text('(module (import "env" "g" (global i32)) (export "h" (global 0)))')
    r = subprocess.run([sys.executable, "-m", "synth_toolchain.cli",
                        "compile", str(src), "-o", str(tmp_path / "m.o")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == (f"{src}: warning: export \"h\" re-exports the imported global "
                                "'g', which gets no symbol of its own; C uses 'g'")
    assert "re-exports the imported global" in (tmp_path / "m.synth.yaml").read_text()
