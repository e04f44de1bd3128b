"""What the CLI does with inputs that are not what their name says, and with
`synth run --invoke` values that look like options (issue 12, item 14)."""

import os
import subprocess

import pytest

from synth_toolchain.cli import main

NEG = ('(module (func (export "f") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))'
       ' (func (export "g") (param i32 f64) (result f64)'
       '   (f64.add (f64.convert_i32_s (local.get 0)) (local.get 1))))')


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv,want", [
    (["--invoke", "f", "-5"], "i32:-10"),
    (["--invoke", "f", "--", "-5"], "i32:-10"),
    (["--invoke", "f", "-0x10"], "i32:-32"),
    (["--invoke", "g", "-5", "-1.5"], "f64:-6.5"),
    (["--invoke", "g", "--", "-5", "-inf"], "f64:-inf"),
    (["--invoke", "g", "-1", "-nan", "--count"], "f64:-nan"),
], ids=["neg", "dashdash", "neg-hex", "neg-float", "dashdash-inf", "nan-then-option"])
def test_negative_invoke_arguments(tmp_path, capsys, argv, want):
    wat = tmp_path / "m.wat"
    wat.write_text(NEG)
    code, out, err = _run(capsys, "run", str(wat), *argv)
    assert code == 0, err
    assert out.splitlines()[0].startswith(want + " ("), out


def test_dashdash_before_the_input_name(tmp_path, capsys):
    wat = tmp_path / "m.wat"
    wat.write_text(NEG)
    code, out, err = _run(capsys, "run", "--invoke", "f", "3", "--stack-check", str(wat))
    assert code == 0, err
    assert out.startswith("i32:6 ")


def _compile(capsys, tmp_path, name, data):
    f = tmp_path / name
    f.write_bytes(data)
    code, _out, err = _run(capsys, "compile", str(f), "-o", str(tmp_path / "out.o"))
    return f, code, err.strip()


def test_text_in_a_wasm_file_is_accepted(tmp_path, capsys):
    f, code, err = _compile(capsys, tmp_path, "app.wasm",
                            b'(module (func (export "f") (result i32) i32.const 4))')
    assert code == 0, err
    assert (tmp_path / "out.o").read_bytes()[:4] == b"\x7fELF"


def test_text_with_a_leading_comment_in_a_c_named_file_is_text(tmp_path, capsys):
    _f, code, err = _compile(capsys, tmp_path, "odd.c", b";; wat\n(module)")
    assert code == 0, err


def _elf_object(tmp_path):
    src = tmp_path / "x.c"
    src.write_text("int x(void) { return 1; }\n")
    obj = tmp_path / "x.o"
    subprocess.run(["arm-none-eabi-gcc", "-mthumb", "-mcpu=cortex-m4", "-c", str(src),
                    "-o", str(obj)], check=True)
    return obj.read_bytes()


@pytest.mark.parametrize("name,data,where,says", [
    ("main.c", b"int main(void) { return 0; }\n", "", "this is C source, not a WebAssembly module; "
     "compile it with arm-none-eabi-gcc or synth-cc"),
    ("start.S", b"  .syntax unified\n", "", "this is assembly source"),
    ("x.o", None, ":0x0", "this is an ELF file (object, library or executable), not a "
     "WebAssembly module; give synth the .wasm or .wat"),
    ("lib.a", b"!<arch>\n", ":0x0", "this is an ar archive (static library)"),
    ("c.wasm", b"\0asm\x0d\0\x01\0", ":0x0", "this is a WebAssembly component"),
    ("bad.wasm", b"\0aSm\1\0\0\0", ":0x2", "not a WebAssembly module: it starts with "
     "00 61 53 6d, not the binary magic 00 61 73 6d"),
    ("img.wasm", b"\x89PNG\r\n\x1a\n", ":0x0", "not a WebAssembly module: it starts with 89"),
    ("empty.wasm", b"", ":0x0", "empty file"),
    ("blank.wat", b" \n", ":0x0", "empty file"),
    ("latin1.wat", b"(module)\n;; caf\xe9\n", ":2:7", "WebAssembly text must be UTF-8"),
], ids=["c", "asm", "elf", "ar", "component", "bad-magic", "png", "empty", "blank",
        "latin1"])
def test_what_the_file_is_and_what_to_do(tmp_path, capsys, name, data, where, says):
    if data is None:
        data = _elf_object(tmp_path)
    f, code, err = _compile(capsys, tmp_path, name, data)
    assert code == 1
    assert err.startswith(f"{f}{where}: error: {says}"), err
    assert len(err.splitlines()) == 1
    assert not os.path.exists(tmp_path / "out.o")


BOM = b"\xef\xbb\xbf"


def test_utf8_bom_before_text_is_skipped(tmp_path, capsys):
    """Editors on Windows start UTF-8 files with a BOM; it is no character of the
    module and takes no column in a diagnostic."""
    ok = b'(module (func (export "f") (result i32) (i32.const 7)))'
    f, code, err = _compile(capsys, tmp_path, "bom.wat", BOM + ok)
    assert (code, err) == (0, "")
    bad = b'(module (func (export "f") (result i32)\n  (i32.add (i32.const 1))))'
    f, code, err = _compile(capsys, tmp_path, "bad.wat", BOM + bad)
    assert code == 1 and err.startswith(f"{f}:2:4: error: type mismatch in i32.add"), err
    f, code, err = _compile(capsys, tmp_path, "bad1.wat", BOM + b"(module (bogus))")
    assert code == 1 and err.startswith(f"{f}:1:10: error: "), err        # at `bogus`


def test_utf8_bom_before_a_wast_script_is_skipped(tmp_path, capsys):
    f = tmp_path / "s.wast"
    f.write_bytes(BOM + b'(module (func (export "f") (result i32) (i32.const 7)))\n'
                        b'(assert_return (invoke "f") (i32.const 7))\n'
                        b'(assert_return (invoke "f") (i32.const 8))\n')
    code, out, _ = _run(capsys, "wast", str(f))
    assert code == 1
    assert f"  {f}:3: FAIL assert_return: expected i32:8" in out, out
    assert out.splitlines()[-1] == "2 passed, 1 failed"
