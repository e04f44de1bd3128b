"""Extended constant expressions (wasm 3.0; constexpr.py, runtime.load_const).
Semantics are checked against the spec interpreter's expectations in
tests/wast/extended_const.wast at every tier; here: what is folded at compile
time and what is left to synth_init, and that the object holds the folded
values."""

import io
import subprocess
import sys

import pytest
import wasmtime
from elftools.elf.elffile import ELFFile

from synth_toolchain.constexpr import fold
from synth_toolchain.driver import compile_file
from synth_toolchain.errors import WasmValidationError
from synth_toolchain.options import Options
from synth_toolchain.wasm.decoder import decode
from synth_toolchain.wasm.loader import load_bytes
from synth_toolchain.wasm.validator import validate
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


V3_ONLY = ["(module (global i32 (i32.add (i32.const 1) (i32.const 2))))",
           "(module (global $a i32 (i32.const 1)) (global i32 (global.get $a)))"]


@pytest.mark.parametrize("text, msg", list(zip(V3_ONLY, ["constant expression required",
                                                         "unknown global"])))
def test_wasm_2_0_refuses_what_3_0_added(text, msg):
    m = decode(wasmtime.wat2wasm(text), "v.wasm")
    validate(m, "v.wasm")                           # 3.0, the default
    with pytest.raises(WasmValidationError, match=msg):
        validate(m, "v.wasm", "2.0")


def test_an_older_suites_invalid_module_is_a_skip_that_says_why(tmp_path):
    """2.0's test suite calls these modules invalid: by default the runner skips
    the assertion and names the version; under --wasm 2.0 it passes."""
    script = tmp_path / "old.wast"
    script.write_text("".join(f'(assert_invalid {t} "x")\n' for t in V3_ONLY))
    run = [sys.executable, "-m", "synth_toolchain.cli", "wast", "-v", str(script)]
    r = subprocess.run(run, capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.count("valid since wasm 3.0, invalid in wasm 2.0") == 2
    r = subprocess.run(run + ["--wasm", "2.0"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.splitlines()[-1] == "2 passed, 0 failed"
