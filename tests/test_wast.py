"""`synth wast`: our own script files through the CLI at every tier, plus the reader."""

import glob
import os
import re
import subprocess
import sys

import pytest

from synth_toolchain.wasm.sexpr import Atom, List, ParseError, Str, parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = sorted(glob.glob(os.path.join(ROOT, "tests", "wast", "*.wast")))
TOTAL = re.compile(r"^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$")
PER_FILE = re.compile(r"^(.+\.wast): (\d+) passed, (\d+) failed, (\d+) skipped$")


def synth(*args):
    return subprocess.run([sys.executable, "-m", "synth_toolchain.cli", *args],
                          capture_output=True, text=True, cwd=ROOT)


def _check_output(r):
    lines = r.stdout.splitlines()
    per_file = [PER_FILE.match(ln) for ln in lines if PER_FILE.match(ln)]
    assert len(per_file) == len(SCRIPTS), r.stdout
    total = TOTAL.match(lines[-1])
    assert total, r.stdout
    passed, failed = int(total.group(1)), int(total.group(2))
    skipped = int(total.group(3) or 0)
    assert failed == 0, r.stdout
    assert r.returncode == 0, r.stdout + r.stderr
    assert passed == sum(int(m.group(2)) for m in per_file)
    assert skipped == sum(int(m.group(4)) for m in per_file)
    skips = [ln for ln in lines if " SKIP " in ln]
    assert len(skips) == skipped
    for ln in skips:                      # every skip says why
        assert re.search(r":\d+: SKIP [a-z_]+: \S", ln), ln
    return passed, skipped, skips


@pytest.mark.parametrize("tier", ["opt", "opt-nopromote", "baseline"])
def test_scripts_at_each_tier(tier):
    assert SCRIPTS
    r = synth("wast", "-v", "--tier", tier, *SCRIPTS)
    passed, skipped, skips = _check_output(r)
    assert passed >= 120
    # without --stack-check the exhaustion test is skipped with the documented reason
    assert any("compiled without stack-limit checks (run with --stack-check)" in s for s in skips)
    assert skipped == 1, skips


@pytest.mark.parametrize("cfg", [
    pytest.param(["--cpu", "cortex-m0plus", "--tier", "opt"], id="m0plus-opt"),
    pytest.param(["--cpu", "cortex-m0plus", "--tier", "baseline"], id="m0plus-baseline",
                 marks=pytest.mark.slow),
    pytest.param(["--cpu", "cortex-m23"], id="m23")])
def test_scripts_on_v6m(cfg):
    """Every script on the Thumb-1 cores (the init's constant expressions,
    tail calls, several memories: code the v6-M assembler must legalise)."""
    r = synth("wast", "-v", *cfg, *SCRIPTS)
    passed, skipped, skips = _check_output(r)
    assert passed >= 120 and skipped == 1, skips


MULTI_MEMORY = sorted(glob.glob(os.path.join(ROOT, "tests", "wast", "multi_memory", "*.wast")))
# the quick slice: one memory's bounds per access kind, grow/size of imported and
# defined memories side by side, copy/init between memories, imports of several
MULTI_MEMORY_QUICK = ("memory_trap1", "memory_copy1", "memory_grow", "imports4")


def _all_pass(r, scripts):
    lines = r.stdout.splitlines()
    assert r.returncode == 0 and len(lines) == len(scripts) + 1, r.stdout + r.stderr
    total = TOTAL.match(lines[-1])
    assert total and total.group(2) == "0" and not total.group(3), r.stdout
    return int(total.group(1))


def test_official_multi_memory_scripts_quick():
    """Official 3.0 scripts with several memories (tests/wast/multi_memory/): no
    failure and no skip (all of them at every tier: -m slow)."""
    scripts = [s for s in MULTI_MEMORY if os.path.basename(s)[:-5] in MULTI_MEMORY_QUICK]
    assert len(scripts) == len(MULTI_MEMORY_QUICK)
    assert _all_pass(synth("wast", "--tier", "opt", *scripts), scripts) >= 240


@pytest.mark.slow
@pytest.mark.parametrize("tier", ["opt", "opt-nopromote", "baseline"])
def test_official_multi_memory_scripts_all(tier):
    assert _all_pass(synth("wast", "--tier", tier, *MULTI_MEMORY), MULTI_MEMORY) >= 1055


CUSTOM_PAGE_SIZES = sorted(glob.glob(os.path.join(ROOT, "tests", "wast", "proposals",
                                                  "custom-page-sizes", "*.wast")))


@pytest.mark.parametrize("tier", ["opt", "opt-nopromote", "baseline"])
def test_custom_page_sizes_proposal(tier):
    """The proposal's official files: nothing fails; a skip names a 64-bit
    memory (refused), never the page size nor several memories (two page sizes
    side by side, memory.copy between them, linking across page sizes pass)."""
    from synth_toolchain.wasm.features import MEMORY64
    assert len(CUSTOM_PAGE_SIZES) == 5
    r = synth("wast", "-v", "--tier", tier, *CUSTOM_PAGE_SIZES)
    lines = r.stdout.splitlines()
    total = TOTAL.match(lines[-1])
    assert total and total.group(2) == "0" and r.returncode == 0, r.stdout + r.stderr
    assert int(total.group(1)) >= 190
    for ln in (ln for ln in lines if " SKIP " in ln):
        assert MEMORY64 in ln, ln


def test_stack_check_makes_exhaustion_pass():
    r = synth("wast", "-v", "--stack-check", os.path.join(ROOT, "tests", "wast", "control.wast"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 failed" in r.stdout and "skipped" not in r.stdout.splitlines()[-1]


def test_failures_are_reported(tmp_path):
    bad = tmp_path / "bad.wast"
    bad.write_text('(module (func (export "f") (result i32) (i32.const 1)))\n'
                   '(assert_return (invoke "f") (i32.const 2))\n'
                   '(assert_trap (invoke "f") "unreachable")\n'
                   '(assert_invalid (module (func)) "type mismatch")\n'
                   '(assert_return (invoke "f") (i32.const 1))\n')
    r = synth("wast", "-v", str(bad))
    assert r.returncode == 1
    assert f"{bad}: 2 passed, 3 failed, 0 skipped" in r.stdout
    assert f"{bad}:2: FAIL assert_return: expected i32:2" in r.stdout
    assert f"{bad}:4: FAIL assert_invalid" in r.stdout
    assert r.stdout.splitlines()[-1] == "2 passed, 3 failed"


def test_failures_are_listed_without_verbose(tmp_path):
    """Every failing assertion is listed (file:line, command, expected, got) without -v;
    skips only with -v."""
    bad = tmp_path / "wrong.wast"
    bad.write_text('(module (func (export "f") (result i32) (i32.const 1))\n'
                   '  (func (export "g") (result i32) (i32x4.extract_lane 0\n'
                   '    (v128.const i32x4 1 2 3 4))))\n'
                   '(module (func (export "f") (result i32) (i32.const 1)))\n'
                   '(assert_return (invoke "f") (i32.const 7))\n'
                   '(assert_trap (invoke "f") "unreachable")\n'
                   '(assert_return (invoke "f") (i32.const 1))\n')
    r = synth("wast", str(bad))
    assert r.returncode == 1
    out = r.stdout.splitlines()
    one = "i32:1 (0x00000001)"
    assert f"  {bad}:5: FAIL assert_return: expected i32:7 (0x00000007), got {one}" in out, out
    assert f"  {bad}:6: FAIL assert_trap: expected trap 'unreachable', got {one}" in out
    assert not [ln for ln in out if " SKIP " in ln], r.stdout
    assert out[-1] == "2 passed, 2 failed, 1 skipped"
    assert any(" SKIP module" in ln for ln in synth("wast", "-v", str(bad)).stdout.splitlines())


def test_outcome_carries_expected_and_got(tmp_path):
    from synth_toolchain.options import Options
    from synth_toolchain.wast import run_file
    bad = tmp_path / "wrong.wast"
    bad.write_text('(module (func (export "f") (result i32) (i32.const 1)))\n'
                   '(assert_return (invoke "f") (i32.const 7))\n'
                   '(assert_trap (invoke "f") "unreachable")\n'
                   '(assert_invalid (module (func)) "type mismatch")\n')
    fails = [o for o in run_file(str(bad), Options()).outcomes if o.status == "fail"]
    assert [(o.line, o.expected, o.got) for o in fails] == [
        (2, "i32:7 (0x00000007)", "i32:1 (0x00000001)"),
        (3, "trap 'unreachable'", "i32:1 (0x00000001)"),
        (4, "invalid module rejected ('type mismatch')", "module accepted")]


def test_unsupported_module_skips_its_commands(tmp_path):
    f = tmp_path / "g.wast"
    f.write_text('(module (func (export "g") (result i32)\n'
                 '  (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))\n'
                 '(assert_return (invoke "g") (i32.const 1))\n')
    r = synth("wast", "-v", str(f))
    assert r.returncode == 0
    assert r.stdout.splitlines()[-1] == "0 passed, 0 failed, 2 skipped"
    assert "SIMD" in r.stdout


def test_script_of_bare_module_fields_is_one_module(tmp_path):
    f = tmp_path / "inline.wast"
    f.write_text('(func) (memory 0) (func (export "f") (result i32) (i32.const 3))\n')
    r = synth("wast", "-v", str(f))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[-1] == "1 passed, 0 failed"


def test_confusable_characters_in_strings_and_comments(tmp_path):
    """wasmtime's parser refuses bidi overrides; the text format allows them."""
    f = tmp_path / "bidi.wat"
    f.write_text('(module ;; \u202e comment\n'
                 '  (func (export "\u202eab") (result i32) (i32.const 1)))\n', encoding="utf-8")
    r = synth("compile", str(f), "-o", str(tmp_path / "bidi.o"))
    assert r.returncode == 0, r.stderr


def test_reader():
    nodes = parse('(; a (; nested ;) comment ;) ;; line\n'
                  '(module $m (@ann "x" (y)) (func))\n'
                  '(x "a\\n\\t\\"\\\\\\41\\u{263a}" 0x1_0)')
    assert len(nodes) == 2
    m = nodes[0]
    assert isinstance(m, List) and m.head() == "module" and m.line == 2
    assert [type(x) for x in m] == [Atom, Atom, List]
    s = nodes[1][1]
    assert isinstance(s, Str) and s.value == b'a\n\t"\\A' + "\u263a".encode()
    assert str(nodes[1][2]) == "0x1_0"
    src = '(module (func))'
    assert src[parse(src)[0][1].start:parse(src)[0][1].end] == "(func)"
    for bad in ('(a', '"abc', '(; x', '(a "\\q")', ')'):
        with pytest.raises(ParseError):
            parse(bad)


@pytest.mark.parametrize("cfg", [["--float-abi", "hard"],
                                 ["--cpu", "cortex-m33", "--float-abi", "softfp"],
                                 ["--cpu", "cortex-m7", "--float-abi", "hard"],
                                 ["--cpu", "cortex-m55", "--float-abi", "hard"]],
                         ids=["m4-hard", "m33-softfp", "m7-hard-f64", "m55-hard-f64"])
def test_scripts_with_fpu(cfg):
    """Every script (floats.wast: NaN payloads, rounding, conversions) with the FPU
    doing the float work; the skips are those of the soft-float run."""
    r = synth("wast", "-v", *cfg, *SCRIPTS)
    passed, _, _ = _check_output(r)
    assert passed >= 120


class _Hung(Exception):
    pass


def _within(seconds, fn, *args):
    """fn(*args), or _Hung after `seconds` (a reader that stops making progress)."""
    import signal

    def alarm(*_):
        raise _Hung(f"{fn.__name__}{args!r} did not end within {seconds} s")
    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("text", [";", "(module) ;", "int main(void){return 0;}", "a;b",
                                  "(a ;)", ";)"])
def test_reader_rejects_lone_semicolon(text):
    """A `;` that starts neither `;;` nor `(;` is no token: a syntax error, never a hang."""
    with pytest.raises(ParseError, match="unexpected character ';'"):
        _within(1, parse, text)


def test_wast_syntax_error_is_one_line(tmp_path, capsys):
    from synth_toolchain.cli import main
    f = tmp_path / "w.wast"
    f.write_text("(module)\n(module) ;\n")
    assert _within(10, main, ["wast", str(f)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{f}: 0 passed, 1 failed, 0 skipped",
                   f"  {f}:2: FAIL file: syntax error: unexpected character ';'",
                   "0 passed, 1 failed"]


def test_reader_fuzz_terminates():
    """Short texts from the reader's own alphabet: each parses or raises ParseError, quickly."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    @settings(max_examples=300, deadline=500, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(alphabet='();" \nab@$\\', max_size=24))
    def one(text):
        try:
            _within(1, parse, text)
        except ParseError:
            pass
    one()


def test_unreadable_script_is_one_error_line(tmp_path, capsys, monkeypatch):
    """A script that cannot be read: `PATH: error: …` on stderr with the path as given,
    counted as a failure; the other scripts still run."""
    from synth_toolchain.cli import main
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.wast").write_text('(module (func (export "f") (result i32) (i32.const 1)))\n'
                                      '(assert_return (invoke "f") (i32.const 1))\n')
    (tmp_path / "latin1.wast").write_bytes(b'(module)\n;; caf\xe9\n')
    (tmp_path / "dir.wast").mkdir()
    assert main(["wast", "nonexist.wast", "ok.wast", "latin1.wast", "dir.wast"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "nonexist.wast: error: cannot read: No such file or directory",
        "latin1.wast:2:7: error: WebAssembly text must be UTF-8: byte 0xe9 is not",
        "dir.wast: error: cannot read: is a directory"]
    assert out.splitlines() == ["ok.wast: 2 passed, 0 failed, 0 skipped",
                                "2 passed, 3 failed"]
