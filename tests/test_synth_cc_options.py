"""synth-cc option checking, -w/-Werror, no-effect notes, --help and -M (issue 12,
items 4 and 13), against the real arm-none-eabi-gcc."""

import os
import shutil
import subprocess
from types import SimpleNamespace

import pytest
import yaml

from synth_toolchain.cc import driver

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "hello.wat")
GCC = "arm-none-eabi-gcc"

pytestmark = pytest.mark.skipif(shutil.which(GCC) is None, reason="needs arm-none-eabi-gcc")

# a module whose compile warns: an export of an imported global gets no symbol
WARNS = """(module
  (import "env" "g" (global i32))
  (export "h" (global 0))
  (func (export "f") (result i32) (global.get 0)))
"""

MAIN_C = """\
extern int fib(int);
void synth_init(void);
int main(void) { synth_init(); return fib(10); }
void _exit(int c) { (void)c; for (;;); }
"""


@pytest.fixture
def cc(capfd, monkeypatch):
    """synth-cc in-process (the CI budget): status and what it wrote to fds 1 and 2."""
    def run(*args, cwd):
        monkeypatch.chdir(cwd)
        capfd.readouterr()
        code = driver.run(list(args))
        out, err = capfd.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)
    return run


def gcc(*args, cwd):
    return subprocess.run([GCC, *args], capture_output=True, text=True, cwd=cwd)


def as_gcc(text):
    """Our diagnostics with gcc's program names (the driver's and cc1's)."""
    return text.replace("synth-cc:", GCC + ":")


@pytest.fixture
def work(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "ctrl.wat")
    (tmp_path / "a.c").write_text("int c_side(int x) { return x + 1; }\n")
    (tmp_path / "main.c").write_text(MAIN_C)
    (tmp_path / "warns.wat").write_text(WARNS)
    return tmp_path


def listing(work):
    return sorted(p.name for p in work.iterdir())


BEFORE = ["a.c", "ctrl.wat", "main.c", "warns.wat"]


# -- unknown options -------------------------------------------------------

@pytest.mark.parametrize("word,hint", [
    ("-msynth-memorysize=4K", "-msynth-memory-size=4K"),
    ("-msynth-stack-chek", "-msynth-stack-check"),
    ("-fsynth-cache-dir", "-fsynth-cache-dir="),
    ("-fno-synth-local-promot", "-fno-synth-local-promote"),
    ("--synth-gc=/x/gcc", "--synth-gcc=/x/gcc"),
    ("-fsynth-xyzzy", None),
])
def test_synth_namespace_is_synths(work, word, hint, cc):
    """-msynth-*/-fsynth-*: synth alone decides; a typo is an error with gcc's
    wording and its 'did you mean' hint, and nothing is written."""
    r = cc(word, "-c", "ctrl.wat", cwd=work)
    want = f"synth-cc: error: unrecognized command-line option '{word}'"
    if hint:
        want += f"; did you mean '{hint}'?"
    assert (r.returncode, r.stderr) == (1, want + "\n")
    assert listing(work) == BEFORE


@pytest.mark.parametrize("word", ["-mbogus", "-fbogus", "-Wbogus", "-fno-commn", "-gbogus",
                                  "-fdiagnostics-color=bogus", "-Werror=bogus", "-std=c77",
                                  "-mfpu=bogus"])
@pytest.mark.parametrize("mode", [["-c"], ["-S"], []])
def test_other_options_judged_by_gcc(work, word, mode, cc):
    """Options synth does not know are gcc's to judge, also with only wasm
    inputs: the same message (and hint) and status as gcc for a C file, and no
    output at all."""
    theirs = gcc(*mode, word, "a.c", cwd=work)
    assert theirs.returncode == 1 and theirs.stderr
    for f in set(listing(work)) - set(BEFORE):
        os.unlink(work / f)
    mine = cc(*mode, word, "ctrl.wat", cwd=work)
    assert mine.returncode == 1
    assert as_gcc(mine.stderr) == theirs.stderr.replace("cc1:", GCC + ":")
    assert listing(work) == BEFORE


@pytest.mark.parametrize("words", [["-pg"], ["-p"], ["--coverage"], ["-H"], ["-traditional-cpp"],
                                   ["--param", "max-inline-insns-single=10"],
                                   ["--param=min-pagesize=0"]])
def test_gcc_options_without_a_row_reach_gcc(work, cc, words):
    """Words no row spells are gcc's to judge, for C inputs and wasm alike
    (Zephyr passes --param=min-pagesize=0 on every compile)."""
    assert cc(*words, "-c", "a.c", cwd=work).returncode == 0
    r = cc(*words, "-c", "ctrl.wat", cwd=work)
    assert r.returncode == 0, r.stderr
    assert cc("-bogus", "-c", "a.c", cwd=work).returncode == 1


def test_gcc_options_accepted_with_wasm_only(work, cc):
    flags = ["-mcpu=cortex-m33", "-mthumb", "-mfloat-abi=soft", "-mno-unaligned-access",
             "-mcmse", "-march=armv8-m.main", "-ffunction-sections", "-fdata-sections",
             "-fno-common", "-ffreestanding", "-fno-rtti", "-std=c11", "-Wall", "-Wextra",
             "-Wno-bogus", "-Wl,--bogus", "-Wa,-mbogus", "-Wp,-bogus", "-fdiagnostics-color=always",
             "-fdump-tree-original", "-pedantic", "-DX=1", "-Iinc", "-include", "missing.h",
             "-msynth-memory-size=4K"]
    assert gcc("-c", "a.c", "-o", "a.o", cwd=work).returncode == 0
    g = gcc("-c", *flags[:-1], "a.o", cwd=work)     # gcc accepts them too (linker input unused)
    os.unlink(work / "a.o")
    assert g.returncode == 0 and "bogus" not in g.stderr, g.stderr
    r = cc("-c", *flags, "ctrl.wat", cwd=work)
    assert (r.returncode, r.stderr) == (0, "")
    assert listing(work) == sorted(BEFORE + ["ctrl.o", "ctrl.synth.yaml"])


@pytest.mark.parametrize("inputs", [["main.c", "ctrl.wat"], ["ctrl.wat"]])
def test_bogus_linker_option_fails_the_link(work, inputs, cc):
    """-Wl,… is the linker's to judge: ignored with -c (as gcc), fatal when linking."""
    r = cc("-mcpu=cortex-m4", "-mthumb", "--specs=nosys.specs", *inputs,
           "-Wl,--bogus", "-o", "fw.elf", cwd=work)
    assert r.returncode == 1
    assert "unrecognized option '--bogus'" in r.stderr
    assert not (work / "fw.elf").exists()


# -- -w, -Werror -------------------------------------------------------------

WARNING = ('warns.wat: warning: export "h" re-exports the imported global \'g\', '
           "which gets no symbol of its own; C uses 'g'\n")


@pytest.mark.parametrize("flags,status,stderr,outputs", [
    ([], 0, WARNING, True),
    (["-w"], 0, "", True),
    (["-Werror"], 1, WARNING.replace(": warning: ", ": error: ").replace("\n", " [-Werror]\n")
     + "synth-cc: all warnings being treated as errors\n", False),
    (["-Werror", "-Wno-error"], 0, WARNING, True),
    (["-Werror", "-w"], 0, "", True),
    (["-Werror=unused"], 0, WARNING, True),
])
def test_w_and_werror(work, flags, status, stderr, outputs, cc):
    r = cc("-c", "warns.wat", *flags, cwd=work)
    assert (r.returncode, r.stderr) == (status, stderr)
    made = sorted(set(listing(work)) - set(BEFORE))
    assert made == (["warns.o", "warns.synth.yaml"] if outputs else [])


def test_werror_fails_a_link_before_gcc_runs(work, cc):
    r = cc("-Werror", "-mthumb", "main.c", "warns.wat", "-o", "fw.elf", cwd=work)
    assert r.returncode == 1 and "[-Werror]" in r.stderr
    assert listing(work) == BEFORE


# -- options without effect on wasm yet: one note each ----------------------

def test_no_effect_options_noted_once(work, cc):
    shutil.copy(work / "ctrl.wat", work / "two.wat")
    r = cc("-c", "-Os", "-O0", "-g", "-g3", "-Werror", "-w",
           "-fdiagnostics-color=never", "ctrl.wat", "two.wat", cwd=work)
    assert r.returncode == 0
    assert r.stderr.splitlines() == [
        "synth-cc: warning: '-O0' has no effect on WebAssembly inputs yet "
        "(synth optimises every module at these levels as at -O2)"]
    assert (work / "ctrl.o").exists() and (work / "two.o").exists()


def test_stack_usage_writes_su_like_gcc(work, cc):
    """-fstack-usage: x.su beside x.o, gcc's line format, for wasm and C alike;
    -msynth-stack-budget= charges the imports in the report's bounds."""
    (work / "budget.txt").write_text("env_log 24\n")
    r = cc("-c", "-fstack-usage", "-msynth-stack-budget=budget.txt", "ctrl.wat", "a.c",
           "-mcpu=cortex-m4", cwd=work)
    assert (r.returncode, r.stderr) == (0, "")
    ours, theirs = (work / "ctrl.su").read_text(), (work / "a.su").read_text()
    for text in (ours, theirs):
        for line in text.splitlines():
            where, size, qual = line.split("\t")
            assert where.count(":") == 3 and size.isdigit() and qual.startswith("static")
    assert "ctrl.wat:" in ours and "a.c:1:5:c_side\t" in theirs


def test_stack_usage_o_names_the_su(work, cc):
    r = cc("-c", "-fstack-usage", "ctrl.wat", "-o", "out.obj", cwd=work)
    assert r.returncode == 0 and (work / "out.su").exists()


def test_bad_stack_budget_is_an_error(work, cc):
    r = cc("-c", "-msynth-stack-budget=missing.txt", "ctrl.wat", cwd=work)
    assert r.returncode == 1 and "missing.txt" in r.stderr
    assert listing(work) == BEFORE


@pytest.mark.parametrize("flags", [["-g", "-g0"], ["-gdwarf-4", "-g0", "-gz"],
                                   ["-grecord-gcc-switches"], ["-gno-column-info"],
                                   ["-fdiagnostics-color=always"]])
def test_cancelled_or_presentational_options_are_silent(work, flags, cc):
    r = cc("-c", *flags, "ctrl.wat", cwd=work)
    assert (r.returncode, r.stderr) == (0, "")


@pytest.mark.parametrize("level", ["-O", "-O1", "-O2", "-O3", "-Ofast"])
def test_speed_levels_are_what_synth_does(work, cc, level):
    """A Makefile's -O2 gets no warning on every wasm compile: synth's code is fast code."""
    r = cc("-c", level, "ctrl.wat", cwd=work)
    assert (r.returncode, r.stderr) == (0, "")


@pytest.mark.parametrize("level, synth_level", [
    (None, "2"), ("-O0", "2"), ("-Og", "2"), ("-O3", "2"), ("-Os", "s"), ("-Oz", "z")])
def test_o_level_is_synth_opt_level(work, cc, level, synth_level):
    """-Os/-Oz compile for size (--opt-level s/z), every other level as -O2;
    the report records the level synth used."""
    r = cc("-c", *([level] if level else []), "-w", "ctrl.wat", cwd=work)
    assert r.returncode == 0
    report = yaml.safe_load((work / "ctrl.synth.yaml").read_text())
    assert report["options"]["opt_level"] == synth_level


def test_o_level_is_part_of_the_cache_key(work, cc):
    """An object cached at -O2 is not handed out for -Oz."""
    r = cc("-c", "-O2", "-fsynth-cache-dir=cache", "ctrl.wat", cwd=work)
    assert r.returncode == 0
    r = cc("-c", "-Oz", "-fsynth-cache-dir=cache", "ctrl.wat", cwd=work)
    assert r.returncode == 0
    report = yaml.safe_load((work / "ctrl.synth.yaml").read_text())
    assert report["options"]["opt_level"] == "z"
    assert len(list((work / "cache").rglob("*.entry"))) == 2


def test_no_effect_note_only_for_wasm(work, cc):
    r = cc("-c", "-O2", "-g", "a.c", cwd=work)
    assert (r.returncode, r.stderr) == (0, "")


# -- --help -------------------------------------------------------------------

def test_help_lists_synth_options_first(work, cc):
    from synth_toolchain.cc.flags import OPTION_TABLE
    r = cc("--help", cwd=work)
    assert r.returncode == 0
    theirs = gcc("--help", cwd=work).stdout
    assert r.stdout.endswith(theirs)
    ours = r.stdout[:-len(theirs)]
    assert ours.startswith("Usage: synth-cc [options] file...\n")
    lines = ours.splitlines()
    for row in OPTION_TABLE:
        if row.synth_only:      # an option and its meaning, long ones on two lines (as gcc)
            i = next(i for i, ln in enumerate(lines) if ln.strip().startswith(row.spelling))
            assert row.help in (lines[i] + " " + lines[i + 1]).split(None, 1)[1], lines[i]
    for word in ("-O", "-g", "-fstack-usage", "-w", "-Werror"):
        assert f"  {word}" in ours


@pytest.mark.parametrize("query", [["--help=warnings"], ["-Q", "--help=optimizers"]])
def test_help_variants_pass_to_gcc(work, query, cc):
    r = cc(*query, cwd=work)
    assert r.returncode == 0 and r.stdout == gcc(*query, cwd=work).stdout


# -- -M / -MM -----------------------------------------------------------------

@pytest.mark.parametrize("stem", ["mod", "my mod"])
@pytest.mark.parametrize("flags", [
    ["-M"], ["-MM"], ["-M", "-MF", "dep.txt"], ["-MM", "-MT", "foo$bar", "-MQ", "q$x y"],
    ["-M", "-MP"], ["-M", "-o", "out/x.d"], ["-M", "-o", "-"], ["-M", "-MD"],
    ["-MM", "-MMD", "-MF", "dep.txt", "-o", "out/z.o"], ["-M", "-c"], ["-M", "-S"],
    ["-MM", "-MG", "-E"], ["-M", "-MF", "-"],
])
def test_dependency_rule_like_gcc(work, flags, stem, cc):
    """-M/-MM on a wasm input print (or write) the rule gcc prints for a C file
    of the same name, and compile nothing."""
    for d in ("out", "c", "w"):
        (work / d).mkdir()
    shutil.copy(work / "a.c", work / "c" / f"{stem}.c")
    shutil.copy(work / "ctrl.wat", work / "w" / f"{stem}.wat")

    def run(tool, src):
        before = set(work.rglob("*"))
        p = tool(*flags, src, cwd=work)
        files = {f.relative_to(work): f.read_text() for f in set(work.rglob("*")) - before}
        for f in files:
            os.unlink(work / f)
        return p, files

    g, gfiles = run(gcc, f"c/{stem}.c")
    m, mfiles = run(cc, f"w/{stem}.wat")
    assert (m.returncode, m.stderr) == (g.returncode, g.stderr) == (0, "")
    esc = stem.replace(" ", "\\ ")
    assert m.stdout == g.stdout.replace(f"c/{esc}.c", f"w/{esc}.wat")
    assert mfiles == {k: v.replace(f"c/{esc}.c", f"w/{esc}.wat") for k, v in gfiles.items()}
    assert g.stdout or gfiles


def test_dependency_rules_mixed_inputs(work, cc):
    r = cc("-M", "a.c", "ctrl.wat", cwd=work)
    assert r.returncode == 0, r.stderr
    assert sorted(r.stdout.splitlines()) == ["a.o: a.c", "ctrl.o: ctrl.wat"]
    assert listing(work) == BEFORE


def test_dependency_rule_missing_input(work, cc):
    r = cc("-M", "nope.wat", cwd=work)
    assert r.returncode == 1
    assert r.stderr == "nope.wat: error: cannot read input file: No such file or directory\n"
    assert r.stdout == ""


def test_gcc_verdict_names_no_scratch_file(work, cc):
    """An option gcc rejects while reading its scratch input is reported as the
    option's fault, without the temporary file's path (item 12 of the issue)."""
    r = cc("-c", "-fauto-profile=nowhere", "ctrl.wat", cwd=work)
    assert r.returncode == 1
    assert r.stderr.startswith("synth-cc: error: ") and "empty.c" not in r.stderr
    assert "/tmp" not in r.stderr and "synth-cc-" not in r.stderr
