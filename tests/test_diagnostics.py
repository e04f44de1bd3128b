"""Every diagnostic for a binary module is one line `file:0xOFFSET: error: …`
(issue 12, item 12): targeted invalid modules for the errors that had no
offset, and mutated modules checked against the format."""

import random
import re

import pytest

from synth_toolchain.driver import compile_file
from synth_toolchain.errors import SynthError
from synth_toolchain.options import Options
from synth_toolchain.wasm.loader import load_bytes
from synth_toolchain.wasm.wat import assemble
from tests.difftest import fixture

BINARY_ERROR = re.compile(r"^[^:]+:0x([0-9a-f]+): error: .+$")


def _diagnostic(data: bytes, *, compile_too: bool = False) -> tuple[str, int] | None:
    """(the error line, its offset), or None when the module is accepted."""
    try:
        if compile_too:
            compile_file("m.wasm", Options(), data=data)
        else:
            load_bytes(data, "m.wasm")
    except SynthError as err:
        line = err.format()
        m = BINARY_ERROR.match(line)
        assert m and "\n" not in line, line
        off = int(m.group(1), 16)
        assert 0 <= off <= len(data), line
        return line, off
    return None


# (module text, what the message says, the byte at the offset starts: limits / index)
INVALID = {
    "table-limits": ("(table 5 2 funcref)", "size minimum must not be greater than maximum"),
    "memory-limits": ("(memory 3 2)", "size minimum must not be greater than maximum"),
    "memory-pages": ("(memory 70000)", "memory size must be at most 65536 pages"),
    "memory-max-pages": ("(memory 1 70000)", "memory size must be at most 65536 pages"),
    "data-unknown-memory": ('(memory 1) (memory 1) (data (memory 2) (i32.const 0) "")',
                            "unknown memory 2"),
    "start-unknown": ("(func) (start 3)", "unknown function 3 as start function"),
    "start-type": ("(func (param i32)) (start 0)", "start function must have type [] -> []"),
    "second-table-limits": ("(table 1 funcref) (table 9 3 funcref)",
                            "size minimum must not be greater than maximum"),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_module_level_errors_have_offsets(name):
    text, says = INVALID[name]
    data = assemble(f"(module {text})")
    line, off = _diagnostic(data)
    assert says in line
    assert off >= 8                     # inside a section, not the header
    if "table" in name:
        off += data[off] == 0x70            # the table type: funcref, then its limits
    if "limits" in name or "pages" in name:
        assert data[off] in (0, 1, 4, 5)     # a limits flags byte
    if name == "second-table-limits":
        assert data[off + 1] == 9           # the second table's minimum


@pytest.mark.parametrize("text,says", [
    ("(memory 20000)", "memory needs"),
    ("(table 300000000 funcref)", "table 0 declares"),
])
def test_reservation_errors_have_offsets(text, says):
    data = assemble(f"(module {text})")
    line, off = _diagnostic(data, compile_too=True)
    assert says in line and off >= 8


SEEDS = [assemble(t) for t in (
    "(module (memory 1 2) (table 1 4 funcref) (func (export \"f\")) (start 0))",
    '(module (import "a" "m" (memory 1 3)) (table 2 2 funcref) (elem (i32.const 0) 0)'
    " (func (result i32) (i32.load (i32.const 0))))",
    fixture("control.wat"), fixture("memory.wat"),
)]


@pytest.mark.parametrize("seed", range(4))
def test_mutated_modules_diagnose_with_an_offset(seed):
    """Byte flips, deletions, insertions and duplications of small modules:
    whatever the decoder or validator says is one line with an offset."""
    rng = random.Random(seed)
    base = SEEDS[seed]
    errors = 0
    for _ in range(1500):
        data = bytearray(base)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(8, len(data))
            k = rng.random()
            if k < 0.5:
                data[i] = rng.randrange(256)
            elif k < 0.7:
                data[i] = rng.choice((0, 1, 2, 3, 0x40, 0x7f, 0x80, 0xff))
            elif k < 0.85:
                del data[i]
            else:
                data.insert(i, rng.randrange(256))
        errors += _diagnostic(bytes(data)) is not None
    assert errors > 500


# ---- text input: every diagnostic is file:LINE:COL, at the offending text ----

TEXT_ERROR = re.compile(r"^[^:]+:(\d+):(\d+): error: (.+)$")


def _text_diagnostic(text: str, tmp_path) -> tuple[int, int, str]:
    f = tmp_path / "m.wat"
    f.write_text(text)
    with pytest.raises(SynthError) as info:
        compile_file(str(f), Options())
    line = info.value.format()
    m = TEXT_ERROR.match(line)
    assert m and line.startswith(f"{f}:") and "\n" not in line, line
    return int(m.group(1)), int(m.group(2)), m.group(3)


def _where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """LINE:COL of the nth occurrence of `needle` (marked `@` in the case)."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


TEXT_CASES = {
    "flat-body": ("(module\n  (func (param i32) (result i32)\n    local.get 0\n"
                  "    f32.const 1\n    i32.add))", "i32.add", 0, "type mismatch in i32.add"),
    "folded-body": ("(module\n  (func (result i32)\n    (i32.const 0) drop\n    (i32.add\n"
                    "      (i32.const 1)\n      (f64.const 2))))", "i32.add", 0,
                    "type mismatch in i32.add"),
    "second-function": ("(module (func)\n  (func $two (result i32)\n    (i32.const 1)\n"
                        "    (i64.eqz (i32.const 2))))", "i64.eqz", 0, "type mismatch in i64.eqz"),
    "unknown-function": ("(module\n  (func\n    nop\n    (call 7)))", "call", 0,
                         "unknown function 7"),
    "if-arms": ("(module (func (result i32)\n  (if (result i32) (i32.const 1)\n"
                "    (then (i32.const 2))\n    (else (i64.const 3)))))", ")))", 2,
                "type mismatch"),          # at the `)` that ends the if
    "flat-block": ("(module (func\n  block $b (result i32)\n    i32.const 1\n    i32.const 2\n"
                   "    br_if $b\n    f32.neg\n  end drop))", "f32.neg", 0, "type mismatch"),
    "global-init": ("(module\n  (global $ok i32 (i32.const 0))\n"
                    "  (global $g i32 (f32.const 1)))", "(global $g", 0,
                    "type mismatch in global initializer"),
    "duplicate-export": ('(module (memory 1)\n  (export "a" (func 0)) (func)\n'
                         '  (export "a" (memory 0)))', '(export "a"', 1,
                         'duplicate export name "a"'),
    "inline-export": ('(module\n  (func (export "a"))\n  (func (export "a")))', '(export "a"', 1,
                      'duplicate export name "a"'),
    "data-unknown-memory": ('(module\n  (memory 1)\n  (data (memory 1) (i32.const 0) ""))',
                            "(data", 0, "unknown memory 1"),
    "start-type": ("(module\n  (func $f (param i32))\n  (start $f))", "(start", 0,
                   "start function must have type"),
    "table-limits": ("(module\n  (func)\n  (table 4 2 funcref))", "(table", 0,
                     "size minimum must not be greater than maximum"),
    "elem-table-type": ("(module\n  (table 1 externref)\n  (func $f)\n"
                        "  (elem (i32.const 0) func $f))", "(elem", 0, "type mismatch"),
    "reservation": ("(module\n  (func)\n  (memory 20000))", "(memory", 0, "memory needs"),
    "bare-fields": ("(func)\n(func (result i32)\n  (i32.add (i32.const 1) (i64.const 2)))",
                    "i32.add", 0, "type mismatch in i32.add"),
    "syntax": ("(module\n  (func\n    i32.bogus))", "i32.bogus", 0, "unknown operator"),
}


@pytest.mark.parametrize("name", sorted(TEXT_CASES))
def test_text_errors_point_at_the_text(tmp_path, name):
    text, needle, nth, says = TEXT_CASES[name]
    line, col, message = _text_diagnostic(text, tmp_path)
    assert says in message
    assert (line, col) == _where(text, needle, nth), message


def test_unsupported_text_points_at_the_function(tmp_path):
    """SIMD is refused while decoding, before instructions can be paired: the
    position of the function is found from the code section's sizes."""
    text = ("\n(module\n  (func (drop (i32.const 0)))\n"
            "  (func $s (drop (v128.const i32x4 1 2 3 4))))")
    line, col, message = _text_diagnostic(text, tmp_path)
    assert "SIMD" in message and (line, col) == _where(text, "(func $s")


def test_deeply_nested_text_keeps_its_positions(tmp_path):
    """3,000 nested blocks are a valid module shape: the reader does not recurse,
    and an error inside still points at its function, not at 1:1."""
    depth = 3000
    text = ("(module\n  (func $ok)\n  (func (result i32)\n"
            + "(block " * depth + "(i64.const 1)" + ")" * depth + "))\n")
    line, col, message = _text_diagnostic(text, tmp_path)
    assert (line, col) == (3, 3) and "type mismatch" in message
