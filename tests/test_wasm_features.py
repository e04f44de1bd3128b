"""What later versions of WebAssembly add and synth does not implement is
refused with one line naming it (wasm/features.py), where it would
otherwise be "illegal opcode 0xfb" or "invalid section id 13"; under
`--wasm 2.0` the same bytes are malformed, as that version's suite says."""

import subprocess
import sys

import pytest
import wasmtime

from synth_toolchain.errors import UnsupportedError, WasmDecodeError
from synth_toolchain.wasm.loader import load_bytes

CASES = {
    "tag": ("(module (tag $e))", "exception handling", "section id 0x0d"),
    "throw": ("(module (tag $e) (func (throw $e)))", "exception handling", "section id 0x0d"),
    "memory64": ("(module (memory i64 1))", "64-bit memories", "memory limits flags 0x04"),
    "table64": ("(module (table i64 1 funcref))", "64-bit tables", "table limits flags 0x04"),
    "struct": ("(module (type (struct (field i32))))", "garbage-collected types", "type form 0x5f"),
    "anyref": ("(module (func (param anyref)))", "garbage-collected types", "parameter type 0x6e"),
    "typed ref": ("(module (func (param (ref func))))", "typed function references",
                  "parameter type 0x64"),
    "v128": ("(module (func (result v128) (v128.const i64x2 0 0)))", "SIMD", "result type 0x7b"),
}


def _wasm(text: str) -> bytes:
    return wasmtime.wat2wasm(text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_later_feature_is_named(name):
    text, feature, where = CASES[name]
    with pytest.raises(UnsupportedError) as ei:
        load_bytes(_wasm(text), "m.wasm")
    line = ei.value.format()
    assert line.startswith("m.wasm:0x") and "\n" not in line
    assert feature in line and where in line and "not supported" in line


@pytest.mark.parametrize("name", ["tag", "memory64", "struct"])
def test_under_wasm_2_0_they_are_malformed(name):
    with pytest.raises(WasmDecodeError):
        load_bytes(_wasm(CASES[name][0]), "m.wasm", "2.0")


TAIL_CALLS = {
    "return_call": ("(module (func $f (return_call $f)))", 0x12),
    "return_call_indirect": ("(module (table 1 funcref) (func (return_call_indirect "
                             "(i32.const 0))))", 0x13),
}


@pytest.mark.parametrize("name", sorted(TAIL_CALLS))
def test_tail_calls_are_3_0_and_illegal_opcodes_in_2_0(name):
    """Implemented (tests/wast/return_call*.wast); the 2.0 suite calls the bytes malformed."""
    text, code = TAIL_CALLS[name]
    assert load_bytes(_wasm(text), "m.wasm").functions[0].body[-2].op == name
    with pytest.raises(WasmDecodeError, match=f"illegal opcode 0x{code:02x}"):
        load_bytes(_wasm(text), "m.wasm", "2.0")


def test_custom_page_sizes_flag_is_malformed_under_2_0():
    """The custom-page-sizes proposal (limits flag bit 3) is accepted by default
    (validator.WASM_VERSIONS) and malformed under 2.0, as its suite says."""
    data = _wasm("(module (memory 1 2 (pagesize 1)))")
    assert load_bytes(data, "m.wasm").memories[0].page_size == 1
    with pytest.raises(WasmDecodeError, match="malformed memory limits flags 0x09"):
        load_bytes(data, "m.wasm", "2.0")


def test_memory64_with_a_page_size_is_named_memory64():
    with pytest.raises(UnsupportedError, match=r"64-bit memories .*limits flags 0x0c"):
        load_bytes(_wasm("(module (memory i64 1 (pagesize 1)))"), "m.wasm")


def test_shared_memory_is_malformed_not_named():
    """Threads are no part of 3.0: its test suite calls limits flags 0x03 malformed."""
    with pytest.raises(WasmDecodeError, match="limits flags 0x03"):
        load_bytes(_wasm("(module (memory 1 2 shared))"), "m.wasm")


def test_the_cli_says_it_in_one_line(tmp_path):
    f = tmp_path / "tag.wasm"
    f.write_bytes(_wasm(CASES["tag"][0]))
    r = subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile", str(f),
                        "-o", str(tmp_path / "tag.o")], capture_output=True, text=True)
    assert r.returncode != 0 and not (tmp_path / "tag.o").exists()
    assert r.stderr.count("\n") == 1 and "exception handling (wasm 3.0)" in r.stderr


def test_ref_null_func_is_funcref_spelled_long():
    """3.0 writes funcref/externref also as `(ref null func|extern)` (0x63 then the
    heap type): the same types, so they are read as them; 2.0 has no 0x63."""
    types = bytes([1, 0x60, 2, 0x63, 0x70, 0x63, 0x6F, 0])    # [(ref null func) (ref null extern)] -> []
    wasm = b"\0asm\1\0\0\0" + bytes([1, len(types)]) + types
    m = load_bytes(wasm, "m.wasm")
    assert [t.text for t in m.types[0].params] == ["funcref", "externref"]
    with pytest.raises(WasmDecodeError, match="0x63"):
        load_bytes(wasm, "m.wasm", "2.0")


def test_a_table_initialiser_is_read_and_only_in_3_0():
    m = load_bytes(_wasm("(module (func $f) (table 3 funcref (ref.func $f)))"), "m.wasm")
    assert [i.op for i in m.tables[0].init] == ["ref.func"]
    with pytest.raises(WasmDecodeError):
        load_bytes(_wasm("(module (func $f) (table 3 funcref (ref.func $f)))"), "m.wasm", "2.0")
    bad = bytearray(_wasm("(module (table 1 funcref (ref.null func)))"))
    at = bad.index(b"\x40\x00")
    bad[at + 1] = 1
    with pytest.raises(WasmDecodeError, match="0x40 must be followed by 0x00"):
        load_bytes(bytes(bad), "m.wasm")
