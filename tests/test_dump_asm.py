"""`synth compile --dump asm`: every instruction of every function, beside the
IR instruction (or prologue, epilogue, trap stub) that produced it."""

import re

import yaml

from tests.difftest import FIXTURES
from tests.test_cli import EXAMPLE, synth

# "     1a:  f8d0 c004  ldr.w ip, [r0, #4]      ; v7 = load ..."
_LINE = re.compile(r"^ +([0-9a-f]+):  ((?:[0-9a-f]{4} ?)+) +(\S.*?) +; (.+)$")


def _dump(tmp_path, src: str, *flags) -> tuple[dict[str, list[tuple[int, int, str, str]]], dict]:
    """Compile a .wat path or text: function symbol → [(offset, size, instruction,
    origin)], and the report."""
    if src.startswith("(module"):
        (tmp_path / "m.wat").write_text(src)
        src = str(tmp_path / "m.wat")
    r = synth("compile", src, "-o", str(tmp_path / "m.o"), "--report", str(tmp_path / "m.yaml"),
              "--dump", "asm", *flags)
    assert r.returncode == 0, r.stderr
    funcs: dict[str, list] = {}
    current = None
    for line in r.stdout.splitlines():
        if line.startswith("; "):
            current = funcs.setdefault(line[2:].split(":")[0], [])
        elif re.fullmatch(r"b\d+:", line):
            continue
        else:
            m = _LINE.match(line)
            assert m and current is not None, f"unexpected line {line!r}"
            size = len(m.group(2).replace(" ", "")) // 2
            current.append((int(m.group(1), 16), size, m.group(3), m.group(4)))
    return funcs, yaml.safe_load((tmp_path / "m.yaml").read_text())


def test_every_instruction_of_every_function_has_an_origin(tmp_path):
    for src in (EXAMPLE, f"{FIXTURES}/control.wat", f"{FIXTURES}/memory.wat"):
        funcs, report = _dump(tmp_path, src)
        assert sorted(funcs) == sorted(f["symbol"] for f in report["functions"])
        for f in report["functions"]:
            lines = funcs[f["symbol"]]
            offset = 0
            for off, size, _, origin in lines:      # contiguous: no byte left out
                assert off == offset and origin != "?"
                offset += size
            assert offset == f["code_bytes"]


ADD = """(module (func (export "f") (param i32 i32) (result i32)
  (i32.add (local.get 0) (local.get 1))))"""


def test_an_add_is_attributed_to_the_ir_add(tmp_path):
    funcs, _ = _dump(tmp_path, ADD)
    (lines,) = funcs.values()
    assert any(ins.startswith("add") and re.search(r"= add v\d+, v\d+", origin)
               for _, _, ins, origin in lines), lines
    assert lines[-1][2:] == ("bx lr", "epilogue")       # a leaf


DIVIDE = """(module (func $g (param i32) (result i32) (local.get 0))
  (func (export "f") (param i32 i32) (result i32)
    (i32.div_s (call $g (local.get 0)) (local.get 1))))"""


def test_prologue_epilogue_and_trap_stubs_are_labelled(tmp_path):
    funcs, _ = _dump(tmp_path, DIVIDE, "--stack-check")
    lines = funcs["f"]                                  # calls: not a leaf
    origins = [origin for _, _, _, origin in lines]
    assert origins[0] == "prologue" and "epilogue" in origins
    stub = [ins for _, _, ins, origin in lines if origin == "trap stub"]
    assert stub and stub[-1].startswith("bl ") and stub[-1].endswith("<synth_trap>")
    assert any(ins.startswith("sdiv") and "= div_s" in origin for _, _, ins, origin in lines)


# the branch around the block only reaches as a 32-bit b<cond>.w: relaxation grows
# it after the origins were recorded
FAR = """(module (memory 1) (func (export "f") (param i32 i32) (result i32)
  (if (local.get 0) (then {body}))
  (i32.add (local.get 0) (local.get 1))))""".format(
    body=" ".join(f"(i32.store offset={4 * k} (local.get 1) (local.get 0))" for k in range(120)))


def test_offsets_survive_branch_relaxation(tmp_path):
    funcs, _ = _dump(tmp_path, FAR, "--bounds", "none")
    (lines,) = funcs.values()
    assert any(re.match(r"(cbz|b\w*)\.w ", ins) for _, _, ins, _ in lines[:8])
    for _, _, ins, origin in lines:
        if ins.startswith("str"):
            assert "store" in origin, (ins, origin)
    assert any(ins.startswith("add") and "= add" in origin for _, _, ins, origin in lines)
