"""The command line as a user meets it: diagnostics, outputs, flags, determinism."""

import os
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "hello.wat")


def synth(*args, env=None, cwd=None):
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "synth_toolchain.cli", *args],
                          capture_output=True, text=True, env=full_env, cwd=cwd)


def test_compile_writes_object_and_report(tmp_path):
    out = tmp_path / "hello.o"
    r = synth("compile", EXAMPLE, "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:4] == b"\x7fELF"
    report = yaml.safe_load((tmp_path / "hello.synth.yaml").read_text())
    assert report["version"] == 1
    assert report["summary"]["functions"] == 2
    names = [f["name"] for f in report["functions"]]
    assert names == ["fib", "checksum"]
    for f in report["functions"]:
        assert f["tier"] == "opt" and f["attempts"] == []
        assert f["code_bytes"] > 0 and f["exports"] == [f["name"]]


@pytest.mark.parametrize("level", ["0", "1", "2", "s", "z"])
def test_opt_level_is_recorded(tmp_path, level):
    """--opt-level reaches the report; 0 and 1 compile as 2 (README says so)."""
    r = synth("compile", EXAMPLE, "-o", str(tmp_path / "a.o"), "--opt-level", level)
    assert r.returncode == 0, r.stderr
    report = yaml.safe_load((tmp_path / "a.synth.yaml").read_text())
    assert report["options"]["opt_level"] == level
    synth("compile", EXAMPLE, "-o", str(tmp_path / "b.o"))
    same = (tmp_path / "a.o").read_bytes() == (tmp_path / "b.o").read_bytes()
    assert same == (level in ("0", "1", "2"))


def test_unknown_opt_level_is_an_error(tmp_path):
    r = synth("compile", EXAMPLE, "-o", str(tmp_path / "a.o"), "--opt-level", "3")
    assert r.returncode == 1 and "--opt-level" in r.stderr


def test_report_path_and_no_report(tmp_path):
    r = synth("compile", EXAMPLE, "-o", str(tmp_path / "a.o"), "--report", str(tmp_path / "r.yaml"))
    assert r.returncode == 0 and (tmp_path / "r.yaml").exists()
    r = synth("compile", EXAMPLE, "-o", str(tmp_path / "b.o"), "--no-report")
    assert r.returncode == 0 and not (tmp_path / "b.synth.yaml").exists()


@pytest.mark.parametrize("flags,env,tier", [
    (["--tier", "baseline"], {}, "baseline"),
    (["--tier", "opt-nopromote"], {}, "opt-nopromote"),
    (["--no-local-promote"], {}, "opt-nopromote"),
    ([], {"SYNTH_NO_LOCAL_PROMOTE": "1"}, "opt-nopromote"),
])
def test_tier_flags(tmp_path, flags, env, tier):
    r = synth("compile", EXAMPLE, "-o", str(tmp_path / "x.o"), *flags, env=env)
    assert r.returncode == 0, r.stderr
    report = yaml.safe_load((tmp_path / "x.synth.yaml").read_text())
    assert {f["tier"] for f in report["functions"]} == {tier}
    assert report["summary"]["by_tier"][tier] == 2


def _assert_one_line_error(r, prefix):
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(prefix), lines[0]
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("content,where", [
    (b"\0asm\x01\x00\x00\x00\x01\x05\x01\x60\x00", ":0x"),           # truncated type section
    (b"\0asm\x02\x00\x00\x00", ":0x4: error:"),                      # bad version
    (b"\0asm\x01\x00\x00\x00\x0d\x00", ":0x8: error:"),             # bad section id
])
def test_malformed_binary(tmp_path, content, where):
    src = tmp_path / "bad.wasm"
    src.write_bytes(content)
    out = tmp_path / "bad.o"
    r = synth("compile", str(src), "-o", str(out))
    _assert_one_line_error(r, str(src))
    assert where in r.stderr
    assert not out.exists() and not (tmp_path / "bad.synth.yaml").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.wasm"]


def test_invalid_module_offset(tmp_path):
    src = tmp_path / "inv.wat"
    src.write_text('(module (func (result i32) (i64.const 1)))')
    # text parses, but the body does not validate: reported at the instruction's offset
    r = synth("compile", str(src), "-o", str(tmp_path / "inv.o"))
    _assert_one_line_error(r, f"{src}:")
    assert "error:" in r.stderr
    assert not (tmp_path / "inv.o").exists()


def test_text_syntax_error_line_col(tmp_path):
    src = tmp_path / "syn.wat"
    src.write_text("(module\n  (func (result i32) (i32.const)))\n")
    r = synth("compile", str(src), "-o", str(tmp_path / "syn.o"))
    _assert_one_line_error(r, f"{src}:2:")


def test_missing_input(tmp_path):
    r = synth("compile", str(tmp_path / "nope.wasm"))
    _assert_one_line_error(r, str(tmp_path / "nope.wasm"))


def test_deterministic_across_hash_seeds(tmp_path):
    outs = []
    for seed in ("0", "1", "12345"):
        out = tmp_path / f"o{seed}.o"
        r = synth("compile", EXAMPLE, "-o", str(out), "--report", str(tmp_path / "r.yaml"),
                  env={"PYTHONHASHSEED": seed})
        assert r.returncode == 0
        outs.append((out.read_bytes(), (tmp_path / "r.yaml").read_bytes()))
    assert outs[0] == outs[1] == outs[2]


@pytest.mark.parametrize("fixture,flags", [("memory.wat", ()),
                                           ("float_more.wat", ("--float-abi=hard",))])
def test_deterministic_across_directories_and_umask(tmp_path, fixture, flags):
    """The same object from another working directory, an absolute input path in
    another directory, another umask and hash seed (filetests pin the code itself)."""
    src = os.path.join(ROOT, "tests", "fixtures", fixture)
    runs = [(tmp_path / "a", fixture, 0o022, "0"), (tmp_path, tmp_path / "b" / "deep" / fixture,
                                                    0o077, "1")]
    outs = []
    for k, (cwd, path, umask, seed) in enumerate(runs):
        copy = cwd / path
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(open(src, "rb").read())
        out = tmp_path / f"out{k}.o"
        r = subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile", str(path),
                            *flags, "-o", str(out), "--no-report"], cwd=cwd,
                           env=dict(os.environ, PYTHONHASHSEED=seed),
                           preexec_fn=lambda: os.umask(umask), capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_run_prints_values_and_traps(tmp_path):
    r = synth("run", EXAMPLE, "--invoke", "fib", "20")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "i64:6765 (0x0000000000001a6d)"
    src = tmp_path / "t.wat"
    src.write_text('(module (func (export "d") (param i32) (result i32) '
                   '(i32.div_s (i32.const 1) (local.get 0))))')
    r = synth("run", str(src), "--invoke", "d", "0")
    assert r.returncode == 3                 # a trap: its own status (README)
    assert r.stdout.strip() == "trap: integer divide by zero"
    r = synth("run", str(src), "--invoke", "d", "-1")
    assert r.stdout.strip() == "i32:-1 (0xffffffff)"
    r = synth("run", str(src), "--invoke", "nope")
    _assert_one_line_error(r, str(src))


def test_run_trap_during_init_is_status_3(tmp_path, capsys):
    from synth_toolchain.cli import main
    src = tmp_path / "s.wat"
    src.write_text('(module (func $s unreachable) (start $s) (func (export "f")))')
    assert main(["run", str(src), "--invoke", "f"]) == 3
    assert capsys.readouterr() == ("trap during init: unreachable\n", "")


def test_run_beyond_the_emulators_ram_is_one_line(tmp_path, capsys):
    """A module that compiles (400 MB of null table entries fit the SRAM region)
    but not into the emulator's RAM: one line naming the flags, not ld's output."""
    from synth_toolchain.cli import main
    src = tmp_path / "t.wat"
    src.write_text('(module (table 100000000 funcref) '
                   '(func (export "f") (result i32) table.size 0))')
    assert main(["run", str(src), "--invoke", "f"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == (
        f"{src}: error: the module's memory, tables and data need more than the emulator's "
        "64 MiB of RAM (reserve less with --memory-size / --table-size)\n")


def test_header_output(tmp_path):
    h = tmp_path / "hello.h"
    r = synth("compile", EXAMPLE, "-o", str(tmp_path / "hello.o"), "--header", str(h))
    assert r.returncode == 0
    text = h.read_text()
    assert "int64_t fib(int32_t p0);" in text
    assert "void synth_init(void);" in text


def test_internal_name_equal_to_an_export_name(tmp_path):
    """A name-section name may not steal an export's symbol (func.wast)."""
    src = tmp_path / "dup.wat"
    src.write_text('(module (func $g (result i32) (i32.const 1)) '
                   '(func (export "g") (result i32) (i32.add (call $g) (i32.const 1))))')
    r = synth("run", str(src), "--invoke", "g")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "i32:2 (0x00000002)"


@pytest.mark.parametrize("field", ["synth_init", "synth_memory", "synth_trap", "synth_sig_i_i"])
def test_import_named_like_an_own_symbol_is_an_error(tmp_path, field):
    """An import is the undefined symbol named after its field; one that spells a
    symbol the object defines itself would silently bind to it."""
    src = tmp_path / "imp.wat"
    src.write_text(f'(module (import "env" "{field}" (func (param i32)))'
                   ' (memory 1) (func (export "f") (call 0 (i32.const 1))))')
    r = synth("compile", str(src), "-o", str(tmp_path / "imp.o"))
    _assert_one_line_error(r, str(src))
    assert f"import env.{field}" in r.stderr and "synth's own" in r.stderr
    assert not (tmp_path / "imp.o").exists()


def _limit_memory():
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.mark.parametrize("wat,what", [
    ('(module (table 0xffffffff funcref))', "table 0"),
    ('(module (table 1 funcref) (table 0x10000000 externref))', "table 1"),
    ('(module (memory 65536))', "memory"),
    ('(module (memory 16385))', "memory"),
])
def test_table_or_memory_beyond_the_address_space_is_an_error(tmp_path, wat, what):
    """Valid wasm whose table or memory no Cortex-M can hold: one line, not a
    MemoryError or an ELF field overflow (and no 4 GiB list in the compiler)."""
    src = tmp_path / "big.wat"
    src.write_text(wat)
    r = subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile", str(src),
                        "-o", str(tmp_path / "big.o")], capture_output=True, text=True,
                       preexec_fn=_limit_memory, timeout=120)
    _assert_one_line_error(r, str(src))
    assert what in r.stderr and "1 GiB" in r.stderr
    assert not (tmp_path / "big.o").exists()


def test_memory_size_option_beyond_the_address_space_is_an_error(tmp_path):
    src = tmp_path / "m.wat"
    src.write_text('(module (memory 1))')
    r = synth("compile", str(src), "-o", str(tmp_path / "m.o"), f"--memory-size={1 << 31}")
    _assert_one_line_error(r, str(src))
    assert "memory" in r.stderr and "1 GiB" in r.stderr


@pytest.mark.parametrize("imports,ok", [
    ('(import "env" "f" (func (param i32))) (import "env" "f" (func (param i64)))', False),
    ('(import "env" "g" (global i32)) (import "env" "g" (global (mut i32)))', False),
    ('(import "env" "t" (table 1 funcref)) (import "env" "t" (table 1 externref))', False),
    ('(import "env" "f" (func (param i32))) (import "env" "f" (func (param i32)))', True),
    ('(import "env" "t" (table 1 funcref)) (import "env" "t" (table 2 5 funcref))', True),
])
def test_one_import_twice(tmp_path, imports, ok):
    """The same field imported twice is one symbol: fine when one C definition can
    be both (equal types; table limits may differ), else an error naming both
    rather than a header declaring the symbol twice with conflicting types."""
    src = tmp_path / "dup.wat"
    src.write_text(f"(module {imports})")
    h = tmp_path / "dup.h"
    r = synth("compile", str(src), "-o", str(tmp_path / "dup.o"), "--header", str(h))
    if not ok:
        _assert_one_line_error(r, str(src))
        assert "different types" in r.stderr and "env." in r.stderr
        return
    assert r.returncode == 0, r.stderr
    c = tmp_path / "use.c"
    c.write_text('#include "dup.h"\n')
    cc = subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-Wall", "-Werror",
                         "-c", str(c), "-o", str(tmp_path / "use.o"), "-I", str(tmp_path)],
                        capture_output=True, text=True)
    assert cc.returncode == 0, cc.stderr


def test_header_names_every_reexported_import(tmp_path):
    """Re-exported imported globals, tables and memories get no symbol of their own;
    the header says which import symbol each export is."""
    src = tmp_path / "re.wat"
    src.write_text('(module (import "env" "g" (global (mut externref)))'
                   ' (import "env" "t" (table 1 funcref)) (import "env" "m" (memory 1))'
                   ' (export "g2" (global 0)) (export "t2" (table 0)) (export "m2" (memory 0)))')
    h = tmp_path / "re.h"
    r = synth("compile", str(src), "-o", str(tmp_path / "re.o"), "--header", str(h))
    assert r.returncode == 0, r.stderr
    text = h.read_text()
    assert "extern void *g;  /* env.g */" in text
    for export, imp in (("g2", "g"), ("t2", "t"), ("m2", "m")):
        assert f'/* export "{export}" is the import {imp} above. */' in text


def test_internal_compiler_error_is_one_line_and_leaves_no_output(tmp_path, capsys):
    """A compiler defect in the only tier allowed: gcc's status 4, one line, no .o."""
    from synth_toolchain import cli
    from tests.difftest import with_pass_replaced

    def broken(fn, ctx):
        raise KeyError("v7")
    ladder = with_pass_replaced("thread-jumps", broken)
    out = tmp_path / "x.o"
    assert cli.main(["compile", EXAMPLE, "-o", str(out), "--tier", "opt"], ladder) == 4
    err = capsys.readouterr().err
    assert err == ("synth: internal compiler error: KeyError: 'v7' "
                   "(please report this with the input)\n")
    assert not out.exists()
    # with the ladder, the next tier compiles it and a warning says so
    assert cli.main(["compile", EXAMPLE, "-o", str(out)], ladder) == 0 and out.exists()
    assert "failed with an internal compiler error: KeyError" in capsys.readouterr().err


@pytest.mark.parametrize("argv,prog,message", [
    (["compile", "--bogus"], "synth compile", "unrecognized arguments: --bogus"),
    (["compile", "IN", "--bogus", "-o", "x.o"], "synth compile",
     "unrecognized arguments: --bogus"),
    (["run", "IN", "--bogus"], "synth run", "unrecognized arguments: --bogus"),
    (["run", "IN", "--invoke", "fib", "3", "--bogus"], "synth run",
     "unrecognized arguments: --bogus"),
    (["run"], "synth run", "the following arguments are required: input"),
    (["wast", "--bogus"], "synth wast", "unrecognized arguments: --bogus"),
    (["--bogus"], "synth", "unrecognized arguments: --bogus"),
    ([], "synth", "the following arguments are required: command"),
    (["compile", "IN", "--cpu", "z80"], "synth compile",
     "argument --cpu/-mcpu: invalid choice: 'z80' (choose from 'cortex-m0', 'cortex-m0plus', "
     "'cortex-m1', 'cortex-m23', 'cortex-m3', 'cortex-m33', 'cortex-m4', 'cortex-m7')"),
])
def test_usage_errors_are_one_line_status_1(capsys, argv, prog, message):
    """As the README promises and gcc does for a bad option: one line, exit 1; an
    unknown option is named before anything missing."""
    from synth_toolchain.cli import main
    assert main([EXAMPLE if a == "IN" else a for a in argv]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"{prog}: error: {message} (see '{prog} --help')\n")


# the steps of the opt tier after lowering, in order, as `--dump ir:after=` names them
OPT_STEPS = ["combine", "prune-unreachable", "thread-jumps", "prune-unreachable",
             "fold-constants", "dead-code", "dead-defs", "bounds-checks", "merge-checks",
             "share-limits", "version-loops", "combine-late", "dead-code", "hoist-constants"]
SPLIT_STEPS = ["split-webs", "split-loops"]    # after vfp-class, just before allocation


def _dump(capsys, tmp_path, *flags):
    from synth_toolchain.cli import main
    capsys.readouterr()
    assert main(["compile", EXAMPLE, "-o", str(tmp_path / "x.o"), *flags]) == 0
    return capsys.readouterr().out


def _sections(text: str) -> list[tuple[str, str]]:
    """(header, the IR below it) for each `; function …` header of a dump."""
    parts = text.split("; function ")[1:]
    return [("; function " + p.split("\n", 1)[0], p.split("\n", 1)[1]) for p in parts]


@pytest.mark.parametrize("abi,steps", [
    ("soft", ["lower", *OPT_STEPS, *SPLIT_STEPS]),
    ("hard", ["lower", *OPT_STEPS, "vfp-class", *SPLIT_STEPS]),   # vfp-class: hardware FPU only
])
def test_dump_ir_all_prints_every_step_in_order(capsys, tmp_path, abi, steps):
    """A header naming function, tier and step, then the IR as the printer
    formats it at that moment (recorded here through the ladder's observer)."""
    from dataclasses import replace
    from synth_toolchain.driver import compile_file
    from synth_toolchain.ir.printer import format_function
    from synth_toolchain.options import Options
    from synth_toolchain.tiers import LADDER
    seen = []
    ladder = replace(LADDER, observe=lambda tier, step, fn: seen.append(
        (f"; function {fn.name}, tier {tier}, after {step}", format_function(fn) + "\n")))
    compile_file(EXAMPLE, Options(float_abi=abi), ladder=ladder)
    sections = _sections(_dump(capsys, tmp_path, "--float-abi", abi, "--dump", "ir:all"))
    assert [h for h, _ in sections] == [f"; function {fn}, tier opt, after {s}"
                                        for fn in ("fib", "checksum") for s in steps]
    assert sections == seen


def test_dump_ir_all_ends_with_the_final_ir(capsys, tmp_path):
    """The IR after the last pass is what `--dump ir` prints (what allocation sees)."""
    final = _dump(capsys, tmp_path, "--dump", "ir").split("; tier opt\n")[1:]
    steps = _sections(_dump(capsys, tmp_path, "--dump", "ir:all"))
    assert [ir for h, ir in steps if h.endswith("after split-loops")] == final


@pytest.mark.parametrize("step", ["lower", *dict.fromkeys(OPT_STEPS), "vfp-class", *SPLIT_STEPS])
def test_dump_ir_after_one_pass(capsys, tmp_path, step):
    every = _sections(_dump(capsys, tmp_path, "--float-abi", "hard", "--dump", "ir:all"))
    sections = _sections(_dump(capsys, tmp_path, "--float-abi", "hard",
                               "--dump", f"ir:after={step}"))
    runs = (["lower"] + OPT_STEPS + ["vfp-class"] + SPLIT_STEPS).count(step)
    assert [h for h, _ in sections] == [f"; function {fn}, tier opt, after {step}"
                                        for fn in ("fib", "checksum") for _ in range(runs)]
    assert sections == [s for s in every if s[0].endswith(f" after {step}")]


def test_dump_shows_the_ir_as_each_pass_left_it(capsys, tmp_path):
    """Lowering leaves an unreachable block behind; the dump after
    prune-unreachable is taken after the pass, not a copy from before it."""
    sections = _sections(_dump(capsys, tmp_path, "--dump", "ir:all"))
    steps = [h.rsplit(" after ", 1)[1] for h, _ in sections]
    at = steps.index("prune-unreachable")
    assert sections[at - 1][1] != sections[at][1]


def test_dump_ir_all_shows_the_steps_of_a_tier_that_gave_up(capsys, tmp_path):
    """With no liveness budget, dead-defs fails in both opt tiers: their steps up
    to it appear, then baseline's, each header naming its tier."""
    from synth_toolchain.cli import main
    from synth_toolchain.tiers import Ladder
    argv = ["compile", EXAMPLE, "-o", str(tmp_path / "x.o"), "--dump", "ir:all"]
    assert main(argv, Ladder(max_opt_work=0)) == 0
    headers = [h for h, _ in _sections(capsys.readouterr().out) if "function fib," in h]
    opt_steps = ["lower", *OPT_STEPS[:OPT_STEPS.index("dead-defs")]]
    assert headers == [f"; function fib, tier {t}, after {s}"
                       for t, steps in (("opt", opt_steps), ("opt-nopromote", opt_steps),
                                        ("baseline", ["lower", "combine", "combine-late",
                                                      "prune-unreachable", "dead-code"]))
                       for s in steps]


@pytest.mark.parametrize("value,message", [
    ("ir:after=nope", "unknown pass 'nope' (choose from lower, combine, prune-unreachable, "
                      "thread-jumps, fold-constants, dead-code, dead-defs, bounds-checks, "
                      "merge-checks, share-limits, version-loops, combine-late, hoist-constants, "
                      "vfp-class, "
                      "split-webs, split-loops)"),
    ("ir:before=lower", "invalid dump 'ir:before=lower' (choose from ir, ir:all, asm, "
                        "ir:after=PASS)"),
])
def test_dump_of_an_unknown_pass_is_a_usage_error(capsys, tmp_path, value, message):
    from synth_toolchain.cli import main
    assert main(["compile", EXAMPLE, "-o", str(tmp_path / "x.o"), "--dump", value]) == 1
    out, err = capsys.readouterr()
    assert out == "" and not (tmp_path / "x.o").exists()
    assert err == (f"synth compile: error: argument --dump: {message} "
                   "(see 'synth compile --help')\n")
