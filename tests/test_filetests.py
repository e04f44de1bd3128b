"""Codegen filetests (tests/filetests/README.md): every file × `test:` line is one test.

After an intended change, re-bless the expected outputs in place and review the diff:

    .venv/bin/python -m pytest tests/test_filetests.py --bless
"""

import difflib
import os
import re
from pathlib import Path

import pytest

from synth_toolchain.cli import main
from synth_toolchain.ir.pipeline import PassContext
from synth_toolchain.options import Options
from synth_toolchain.tiers import TIER_NAMES
from tests import filetest
from tests.difftest import FIXTURES

FILETESTS = Path(__file__).parent / "filetests"
PATHS = sorted(p for p in FILETESTS.rglob("*") if p.suffix in filetest.COMMENT)
CASES = [(path, config.spec) for path in PATHS for config in filetest.parse(path).configs]
BLESS_HINT = "if intended, re-bless with `.venv/bin/python -m pytest tests/test_filetests.py --bless`"


def _id(case) -> str:
    path, spec = case
    return f"{path.relative_to(FILETESTS)}:{spec}"


@pytest.mark.parametrize("path,spec", CASES, ids=[_id(c) for c in CASES])
def test_filetest(path, spec, bless):
    ft = filetest.parse(path)
    config = next(c for c in ft.configs if c.spec == spec)
    got = filetest.actual(ft, config)
    if bless:
        if filetest.bless(path, spec, got):
            pytest.skip(f"{_id((path, spec))} re-blessed")
        return
    if spec not in ft.expected:
        pytest.fail(f"{path}: no expected output for `{spec}` yet; {BLESS_HINT}", pytrace=False)
    want = ft.expected[spec]
    if got != want:
        diff = difflib.unified_diff(want.split("\n"), got.split("\n"), "expected", "actual",
                                    lineterm="")
        pytest.fail(f"{path} `{spec}`: output differs; {BLESS_HINT}\n" + "\n".join(diff),
                    pytrace=False)


# the configurations the retired hash goldens pinned: every fixture at every tier on the
# default core without an FPU, and the float fixtures also with hardware float
FLOAT_FIXTURES = ("f32_ops.wat", "f64_ops.wat", "float_more.wat")
FLOAT_OPTIONS = (Options(cpu="cortex-m4", float_abi="hard"),
                 Options(cpu="cortex-m7", float_abi="softfp"))


def test_filetests_cover_every_fixture_at_every_tier():
    covered = {(ft.input, c.options) for ft in map(filetest.parse, PATHS) for c in ft.configs
               if c.output == "asm"}
    wanted = {(Path(FIXTURES, name).resolve(), Options(cpu="cortex-m4", tier=tier))
              for name in os.listdir(FIXTURES) if name.endswith(".wat") for tier in TIER_NAMES}
    wanted |= {(Path(FIXTURES, name).resolve(), Options(cpu=o.cpu, float_abi=o.float_abi,
                                                         tier=tier))
               for name in FLOAT_FIXTURES for tier in TIER_NAMES for o in FLOAT_OPTIONS}
    missing = sorted(f"{path.name} {opts}" for path, opts in wanted - covered)
    assert not missing, "fixtures without a filetest (add a `test:` line in "\
        "tests/filetests/fixtures/):\n" + "\n".join(missing)


# ---------------------------------------------------------------------------
# the filetest format itself

ADD = ("(module (func (export \"add\") (param i32 i32) (result i32)\n"
       "  (i32.add (local.get 0) (local.get 1))))\n")


def _write(tmp_path, text: str, name: str = "t.wat") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_bless_writes_expected_blocks_that_then_match(tmp_path):
    path = _write(tmp_path, ";; test: asm --tier=opt\n;; test: asm --tier=baseline\n" + ADD)
    ft = filetest.parse(path)
    assert ft.expected == {}
    for config in ft.configs:
        assert filetest.bless(path, config.spec, filetest.actual(ft, config))
    ft = filetest.parse(path)
    assert ft.source == ";; test: asm --tier=opt\n;; test: asm --tier=baseline\n" + ADD
    assert set(ft.expected) == {"asm --tier=opt", "asm --tier=baseline"}
    for config in ft.configs:
        assert ft.expected[config.spec] == filetest.actual(ft, config)
        assert not filetest.bless(path, config.spec, ft.expected[config.spec])
    assert "add:  global func" in ft.expected["asm --tier=opt"]


def test_bless_drops_the_block_of_a_removed_test_line(tmp_path):
    path = _write(tmp_path, ";; test: asm --tier=opt\n;; test: asm --tier=baseline\n" + ADD)
    ft = filetest.parse(path)
    for config in ft.configs:
        filetest.bless(path, config.spec, filetest.actual(ft, config))
    path.write_text(path.read_text().replace(";; test: asm --tier=baseline\n", ""))
    ft = filetest.parse(path)
    filetest.bless(path, "asm --tier=opt", ft.expected["asm --tier=opt"])
    assert list(filetest.parse(path).expected) == ["asm --tier=opt"]


def test_blessing_one_configuration_leaves_the_others_unwritten(tmp_path):
    path = _write(tmp_path, ";; test: asm --tier=opt\n;; test: asm --tier=baseline\n" + ADD)
    ft = filetest.parse(path)
    filetest.bless(path, "asm --tier=baseline", filetest.actual(ft, ft.configs[1]))
    assert list(filetest.parse(path).expected) == ["asm --tier=baseline"]


def test_input_line_names_the_file_to_compile(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "add.wat").write_text(ADD)
    path = _write(tmp_path, ";; input: src/add.wat\n;; test: asm -mcpu=cortex-m7 --bounds=none\n")
    ft = filetest.parse(path)
    assert ft.input == (tmp_path / "src" / "add.wat").resolve()
    assert ft.configs[0].options == Options(cpu="cortex-m7", bounds="none")


@pytest.mark.parametrize("text,message", [
    (ADD, "no `;; test: asm ...` line"),
    (";; test: run dead-code\n" + ADD, "unknown output 'run'"),
    (";; test: ir:after=fold\n" + ADD, "unknown pass 'fold'"),
    (";; test: objdump\n" + ADD, "unknown output 'objdump'"),
    (";; test: asm --tier=fast\n" + ADD, "invalid choice: 'fast'"),
    (";; test: asm\n;; test: asm\n" + ADD, "repeated"),
    (";; test: asm\n" + ADD + ";; ==== asm ====\n(module)\n", "is not a comment"),
])
def test_malformed_filetests_say_what_is_wrong(tmp_path, text, message):
    with pytest.raises(filetest.FiletestError, match=re.escape(message)):
        filetest.parse(_write(tmp_path, text))


def test_ir_after_prints_what_dump_ir_after_prints(tmp_path, capsys):
    path = _write(tmp_path, ";; test: ir:after=dead-code --tier=opt-nopromote\n" + ADD)
    ft = filetest.parse(path)
    got = filetest.actual(ft, ft.configs[0])
    assert main(["compile", str(path), "-o", str(tmp_path / "t.o"), "--no-report",
                 "--tier=opt-nopromote", "--dump", "ir:after=dead-code"]) == 0
    assert got == capsys.readouterr().out.rstrip("\n")
    assert got.startswith("; function add, tier opt-nopromote, after dead-code\n")


def test_ir_after_a_step_that_never_ran_is_an_error(tmp_path):
    path = _write(tmp_path, ";; test: ir:after=vfp-class --tier=opt\n" + ADD)
    ft = filetest.parse(path)
    with pytest.raises(filetest.FiletestError, match="no function ran `vfp-class`"):
        filetest.actual(ft, ft.configs[0])


# .ir files: IR text, `; test: run PASS... [--PASSCONTEXT-FIELD=N]`

ZERO_ADD = """\
function f(i v0) -> (i)
    num_vregs 3
b0:
    v1 = const 0
    v2 = add v0, v1
    ret v2
"""


def _write_ir(tmp_path, text: str) -> Path:
    return _write(tmp_path, text, "t.ir")


def test_ir_file_runs_the_named_passes_in_order(tmp_path):
    path = _write_ir(tmp_path, "; test: run dead-code fold-constants\n"
                               "; test: run fold-constants dead-code\n" + ZERO_ADD)
    ft = filetest.parse(path)
    assert filetest.actual(ft, ft.configs[0]) == ZERO_ADD.replace("add v0, v1", "mov v0") \
        .rstrip("\n")
    assert filetest.actual(ft, ft.configs[1]) == ZERO_ADD.replace(
        "    v1 = const 0\n", "").replace("add v0, v1", "mov v0").rstrip("\n")
    for config in ft.configs:
        filetest.bless(path, config.spec, filetest.actual(ft, config))
    assert "; ==== run dead-code fold-constants ====\n; function f(i v0) -> (i)\n" \
        in path.read_text()
    assert filetest.parse(path).expected[ft.configs[1].spec] == filetest.actual(ft, ft.configs[1])


def test_ir_file_options_are_the_pass_context(tmp_path):
    path = _write_ir(tmp_path, "; test: run bounds-checks --static-memory-bound=0x10000 "
                               "--memory-min-bytes=65536 --max-opt-work=7\n" + ZERO_ADD)
    assert filetest.parse(path).configs[0].context == PassContext(
        max_opt_work=7, static_memory_bound=0x10000, memory_min_bytes=65536)
    path = _write_ir(tmp_path, "; test: run bounds-checks\n" + ZERO_ADD)
    assert filetest.parse(path).configs[0].context == PassContext()


IR_HEADER_ERRORS = [
    ("", "no `; test: run ...` line"),
    ("; test: asm\n", "unknown output 'asm'"),
    ("; test: run\n", "the following arguments are required: PASS"),
    ("; test: run lower\n", "invalid choice: 'lower'"),
    ("; test: run dead-code --memory-min-bytes=lots\n", "invalid integer value"),
    ("; test: run dead-code --bounds=none\n", "unrecognized arguments: --bounds"),
]


@pytest.mark.parametrize("header,message", IR_HEADER_ERRORS)
def test_malformed_ir_filetest_headers_say_what_is_wrong(tmp_path, header, message):
    with pytest.raises(filetest.FiletestError, match=re.escape(message)):
        filetest.parse(_write_ir(tmp_path, header + ZERO_ADD))


@pytest.mark.parametrize("text,message", [
    (ZERO_ADD.replace("add v0", "ad v0"), "/t.ir:7:10: error: unknown op 'ad'"),
    (ZERO_ADD.replace("num_vregs 3", "num_vregs 2"), "uses v2: write `num_vregs 3`"),
    ("", "no `function`"),
])
def test_malformed_ir_says_where(tmp_path, text, message):
    path = _write_ir(tmp_path, "; test: run dead-code\n\n" + text)
    ft = filetest.parse(path)
    with pytest.raises(filetest.FiletestError, match=re.escape(message)):
        filetest.actual(ft, ft.configs[0])


def test_labels_are_numbered_per_function_in_code_order():
    lines = ["\tb.n\t.Ls3_1c", ".Ls3_a:", "\tcbz\tr0, .Ls3_1c", ".Ls3_1c:", "\tbx\tlr"]
    assert [filetest._tidy(x) for x in filetest._number_labels(lines, [".Ls3_a", ".Ls3_1c"])] \
        == ["    b.n     .L1", ".L0:", "    cbz     r0, .L1", ".L1:", "    bx      lr"]
