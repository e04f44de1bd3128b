"""Extended constant expressions (wasm 3.0; constexpr.py, runtime.load_const).
Semantics are checked against the spec interpreter's expectations in
tests/wast/extended_const.wast at every tier; here: what is folded at compile
time and what is left to synth_init, and that the object holds the folded
values."""

import io

from elftools.elf.elffile import ELFFile

from synth_toolchain.constexpr import fold
from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.wasm.loader import load_bytes
from tests.difftest import to_wasm

MODULE = """(module
  (import "env" "g" (global $g i32))
  (global $a i32 (i32.const 0x7fffffff))
  (global $b i32 (i32.add (global.get $a) (i32.const 2)))
  (global $c i64 (i64.mul (i64.const 0x1_0000_0003) (i64.const 0x2_0000_0005)))
  (global $d i32 (i32.sub (global.get $g) (global.get $b)))
  (global $e i32 (i32.mul (global.get $d) (i32.const 2)))
  (func $f)
  (global $r funcref (ref.func $f))
  (func (export "d") (result i32) (global.get $d)))"""


def _module():
    return load_bytes(to_wasm(MODULE), "t.wasm")


def test_folded_unless_an_import_is_read():
    m = _module()
    values = [fold(g.init, m) for g in m.globals]
    assert values == [0x7FFFFFFF, 0x80000001, 0xB0000000F, None, None, None]
    assert fold(m.globals[1].init) is None          # without the module: a read of a global


def test_folded_values_are_data_the_rest_synth_init_stores():
    res = compile_file("t.wasm", Options(), data=to_wasm(MODULE))
    elf = ELFFile(io.BytesIO(res.elf))
    data = elf.get_section_by_name(".data.synth_globals").data()
    lay = res.compiled.layout
    word = {i: int.from_bytes(data[lay.global_slots[i].offset:][:4], "little")
            for i in range(1, 7)}
    assert (word[1], word[2], word[3]) == (0x7FFFFFFF, 0x80000001, 0xF)   # $c's low word
    assert (word[4], word[5]) == (0, 0)             # synth_init computes them
    assert ".rel.data.synth_globals" in [s.name for s in elf.iter_sections()]   # ref.func
