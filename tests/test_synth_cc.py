"""synth-cc against the real arm-none-eabi-gcc, in temporary directories."""

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from synth_toolchain.cc.flags import OPTION_TABLE, Form, make_quote, parse, split_response
from synth_toolchain.cc.remarks import register_yaml_tags

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "hello.wat")
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
GCC = "arm-none-eabi-gcc"

pytestmark = pytest.mark.skipif(shutil.which(GCC) is None, reason="needs arm-none-eabi-gcc")

MAIN_C = """\
#include <stdint.h>
extern int64_t fib(int32_t);
void synth_init(void);
int main(void) { synth_init(); return (int)fib(10); }
void _exit(int c) { (void)c; for (;;); }
"""


def cc(*args, cwd, env=None):
    full = dict(os.environ, **(env or {}))
    full["PYTHONPATH"] = ROOT + os.pathsep + full.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "synth_toolchain.cc.driver", *args],
                          capture_output=True, text=True, cwd=cwd, env=full)


def gcc(*args, cwd):
    return subprocess.run([GCC, *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def work(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "ctrl.wat")
    (tmp_path / "a.c").write_text("int c_side(int x) { return x + 1; }\n")
    (tmp_path / "main.c").write_text(MAIN_C)
    return tmp_path


def nm(path):
    out = subprocess.run(["arm-none-eabi-nm", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return {line.split()[-1]: line.split()[-2] for line in out.splitlines() if line.strip()}


# -- the flag table -------------------------------------------------------

@pytest.mark.parametrize("words,check", [
    (["-o", "x.o"], lambda f: f.output == "x.o"),
    (["-ox.o"], lambda f: f.output == "x.o"),
    (["-O0"], lambda f: f.opt_level == "0"), (["-Os"], lambda f: f.opt_level == "s"),
    (["-Oz"], lambda f: f.opt_level == "z"), (["-Og"], lambda f: f.opt_level == "g"),
    (["-O"], lambda f: f.opt_level == "1"), (["-O3"], lambda f: f.opt_level == "3"),
    (["-mcpu=cortex-m7"], lambda f: f.cpu == "cortex-m7"),
    (["-mthumb"], lambda f: not f.arm_mode), (["-marm"], lambda f: f.arm_mode),
    (["-mfpu=fpv4-sp-d16"], lambda f: f.fpu == "fpv4-sp-d16"),
    (["-mfloat-abi=softfp"], lambda f: f.float_abi == "softfp"),
    (["-g3"], lambda f: True), (["-ffunction-sections"], lambda f: True),
    (["-Wall", "-Werror", "-Wl,--gc-sections"], lambda f: True),
    (["-DX=1", "-D", "Y", "-Iinc", "-I", "inc2", "-U", "Z"], lambda f: True),
    (["-MD"], lambda f: f.deps), (["-MMD"], lambda f: f.deps), (["-MP"], lambda f: f.dep_phony),
    (["-MF", "d.d"], lambda f: f.dep_file == "d.d"), (["-MFd.d"], lambda f: f.dep_file == "d.d"),
    (["-MT", "t"], lambda f: f.dep_targets == ["t"]), (["-MTt"], lambda f: f.dep_targets == ["t"]),
    (["-MQ", "a$b"], lambda f: f.dep_targets == ["a$$b"]),
    (["-MQa b"], lambda f: f.dep_targets == ["a\\ b"]),
    (["-msynth-tier=baseline"], lambda f: f.tier == "baseline"),
    (["-msynth-bounds=none"], lambda f: f.bounds == "none"),
    (["-msynth-memory-size=16K"], lambda f: f.memory_sizes == [(0, 16384)]),
    (["-msynth-memory-size=1=4K"], lambda f: f.memory_sizes == [(1, 4096)]),
    (["-msynth-prefix=p_"], lambda f: f.prefix == "p_"),
    (["-fno-synth-local-promote"], lambda f: f.local_promote is False),
    (["-fsave-optimization-record"], lambda f: f.save_opt_record),
    (["--synth-gcc=/x/gcc"], lambda f: f.gcc == "/x/gcc"),
    (["-v"], lambda f: f.verbose), (["-###"], lambda f: f.dry_run),
    (["--version"], lambda f: f.version),
    (["-T", "x.ld", "-Lsub", "-lm", "-nostdlib"], lambda f: len(f.inputs) == 2),
])
def test_flag_forms(words, check):
    fl = parse([*words, "m.wasm"])
    assert check(fl)
    assert sum(len(a.words) for a in fl.args) == len(words) + 1


def test_table_has_every_form():
    assert {r.form for r in OPTION_TABLE} == set(Form)
    for spelling in ("-c", "-S", "-E", "-o", "-O", "-mcpu=", "-mthumb", "-mfpu=", "-mfloat-abi=",
                     "-g", "-f", "-W", "-D", "-I", "-MD", "-MMD", "-MP", "-MF", "-MT", "-MQ",
                     "-v", "-###", "--version"):
        assert any(r.spelling == spelling for r in OPTION_TABLE), spelling


def test_response_file_syntax():
    assert split_response("a 'b c' \"d e\" f\\ g h\\\"i\n\tj") == \
        ["a", "b c", "d e", "f g", 'h"i', "j"]
    assert make_quote("a b$#") == "a\\ b$$\\#"


def test_response_files_recursive(work):
    (work / "inner.rsp").write_text("-o 'out dir/c.o' -msynth-tier=baseline\n")
    (work / "outer.rsp").write_text("-c ctrl.wat @inner.rsp\n")
    (work / "out dir").mkdir()
    r = cc("@outer.rsp", cwd=work)
    assert r.returncode == 0, r.stderr
    report = yaml.safe_load((work / "out dir" / "c.synth.yaml").read_text())
    assert {f["tier"] for f in report["functions"]} == {"baseline"}


# -- compile / link ---------------------------------------------------------

def test_compile_writes_object_and_report(work):
    r = cc("-c", "ctrl.wat", "-mcpu=cortex-m33", "-mthumb", "-O2", "-g", "-Wall",
           "-ffunction-sections", "-DX", "-I.", cwd=work)
    assert r.returncode == 0, r.stderr
    assert (work / "ctrl.o").read_bytes()[:4] == b"\x7fELF"
    report = yaml.safe_load((work / "ctrl.synth.yaml").read_text())
    assert report["target"] == "cortex-m33"


def test_mixed_compile(work):
    r = cc("-c", "a.c", "ctrl.wat", "-mcpu=cortex-m4", "-mthumb", cwd=work)
    assert r.returncode == 0, r.stderr
    assert nm(work / "a.o")["c_side"] == "T"
    assert nm(work / "ctrl.o")["fib"] == "T"


def test_mixed_link(work):
    (work / "sub").mkdir()
    r = cc("-mcpu=cortex-m4", "-mthumb", "main.c", "ctrl.wat", "-o", "sub/fw.elf",
           "--specs=nosys.specs", "-O2", cwd=work)
    assert r.returncode == 0, r.stderr
    syms = nm(work / "sub" / "fw.elf")
    assert syms["main"] == "T" and syms["fib"] == "T"
    assert (work / "sub" / "fw-ctrl.synth.yaml").exists()
    assert sorted(p.name for p in work.iterdir()) == ["a.c", "ctrl.wat", "main.c", "sub"]


def test_link_order_preserved(work):
    r = cc("-###", "-mcpu=cortex-m4", "main.c", "ctrl.wat", "-o", "fw.elf", "-T", "x.ld",
           cwd=work)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines[0].startswith(" synth compile ctrl.wat -o ")
    tmp_obj = lines[0].split(" -o ")[1].split()[0]
    collect = [ln for ln in lines if "collect2" in ln or ln.strip().endswith("x.ld")]
    assert collect and tmp_obj in collect[-1]


def test_o_with_multiple_inputs(work):
    mine = cc("-c", "a.c", "ctrl.wat", "-o", "x.o", cwd=work)
    theirs = gcc("-c", "a.c", "main.c", "-o", "x.o", cwd=work)
    assert mine.returncode == theirs.returncode == 1
    assert mine.stderr.replace("synth-cc", GCC) == theirs.stderr
    assert not (work / "x.o").exists()


@pytest.mark.parametrize("args", [["-bogus"], ["-fbogus-but-f-family-ok", "-qux"], []])
def test_errors_like_gcc(work, args):
    mine = cc(*args, cwd=work)
    theirs = gcc(*args, cwd=work)
    assert mine.returncode == theirs.returncode == 1
    assert mine.stderr.replace("synth-cc", GCC) == theirs.stderr


def test_mcpu_and_float_abi_errors(work):
    r = cc("-c", "ctrl.wat", "-mcpu=cortex-m99", cwd=work)
    assert r.returncode == 1
    assert r.stderr.startswith("synth-cc: error: unrecognized -mcpu target: cortex-m99\n"
                               "synth-cc: note: valid arguments")
    r = cc("-c", "ctrl.wat", "-mcpu=cortex-m0plus", "-mfloat-abi=softfp", cwd=work)
    assert r.returncode == 1
    assert r.stderr == "synth-cc: error: '-mfloat-abi=softfp': selected architecture lacks an FPU\n"
    r = cc("-c", "ctrl.wat", "-mcpu=cortex-m3", "-mfloat-abi=hard", cwd=work)
    assert r.returncode == 1
    assert r.stderr == "synth-cc: error: '-mfloat-abi=hard': selected architecture lacks an FPU\n"
    r = cc("-c", "ctrl.wat", "-mfloat-abi=hard", "-mfpu=neon", cwd=work)
    assert r.returncode == 1 and "-mfpu=neon is not supported" in r.stderr
    r = cc("-c", "ctrl.wat", "-mfloat-abi=bogus", cwd=work)
    g = gcc("-c", "a.c", "-mfloat-abi=bogus", cwd=work)
    assert r.stderr.replace("synth-cc", GCC) == g.stderr
    # hard float with C only: gcc's business
    r = cc("-c", "a.c", "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard",
           "-mfpu=fpv4-sp-d16", cwd=work)
    assert r.returncode == 0, r.stderr
    assert not list(work.glob("ctrl.*o"))


def test_float_abis_match_gcc_attributes(work):
    """A hard-float wasm object links with hard-float C and refuses soft-float C,
    exactly as two C objects would."""
    for abi, fpu in (("hard", "fpv4-sp-d16"), ("softfp", "fpv4-sp-d16")):
        r = cc("-c", "ctrl.wat", "-o", f"w_{abi}.o", "-mcpu=cortex-m4", "-mthumb",
               f"-mfloat-abi={abi}", f"-mfpu={fpu}", cwd=work)
        assert r.returncode == 0, r.stderr
        g = gcc("-c", "a.c", "-o", f"c_{abi}.o", "-mcpu=cortex-m4", "-mthumb",
                f"-mfloat-abi={abi}", f"-mfpu={fpu}", cwd=work)
        assert g.returncode == 0, g.stderr
        ours = subprocess.run(["arm-none-eabi-readelf", "-A", str(work / f"w_{abi}.o")],
                              capture_output=True, text=True).stdout
        theirs = subprocess.run(["arm-none-eabi-readelf", "-A", str(work / f"c_{abi}.o")],
                                capture_output=True, text=True).stdout
        for tag in ("Tag_FP_arch", "Tag_ABI_VFP_args", "Tag_ABI_HardFP_use"):
            mine = [l for l in ours.splitlines() if tag in l]
            assert mine == [l for l in theirs.splitlines() if tag in l], (abi, tag, ours)
    g = gcc("-c", "a.c", "-o", "c_soft.o", "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft",
            cwd=work)
    assert g.returncode == 0
    mixed = subprocess.run(["arm-none-eabi-ld", "-r", "-o", str(work / "mixed.o"),
                            str(work / "w_hard.o"), str(work / "c_soft.o")],
                           capture_output=True, text=True)
    assert mixed.returncode != 0 and "VFP register arguments" in mixed.stderr, mixed.stderr


def test_no_partial_object(work):
    (work / "bad.wasm").write_bytes(b"\0asm\x01\x00\x00\x00\x01\x05\x01\x60\x00")
    r = cc("-c", "bad.wasm", "-MD", "-fsave-optimization-record", cwd=work)
    assert r.returncode == 1
    assert r.stderr.startswith("bad.wasm:0x") and ": error: " in r.stderr
    assert sorted(p.name for p in work.iterdir()) == ["a.c", "bad.wasm", "ctrl.wat", "main.c"]


def test_exit_status_propagates(work):
    fake = work / "fakegcc"
    fake.write_text("#!/bin/sh\necho \"fake $*\" >&2\nexit 7\n")
    fake.chmod(0o755)
    r = cc("-c", "a.c", cwd=work, env={"SYNTH_CC_GCC": str(fake)})
    assert r.returncode == 7 and "fake -c a.c" in r.stderr
    r = cc(f"--synth-gcc={fake}", "-c", "a.c", "-msynth-tier=opt", cwd=work)
    assert r.returncode == 7 and "fake -c a.c\n" in r.stderr   # synth flags not passed on
    r = cc("-c", "a.c", cwd=work, env={"SYNTH_CC_GCC": str(work / "missing")})
    assert r.returncode == 1 and "fatal error: cannot execute" in r.stderr


def test_c_compile_error_status(work):
    (work / "broken.c").write_text("int f( {\n")
    mine = cc("-c", "broken.c", "ctrl.wat", cwd=work)
    assert mine.returncode == 1 and "broken.c:1" in mine.stderr
    assert (work / "ctrl.o").exists()          # as gcc: the other inputs still compile


# -- dependency files ------------------------------------------------------

@pytest.mark.parametrize("flags", [
    ["-MD"], ["-MMD", "-MP"], ["-MD", "-o", "out/x.o"], ["-MD", "-MF", "dep.txt"],
    ["-MD", "-MT", "foo$bar", "-MQ", "q$x y"], ["-MMD", "-MQ", "o/x.o", "-o", "out/y.o"],
    ["-MD", "-MT", "a-very-long-target-name-that-goes-on-and-on.o",
     "-MT", "another-very-long-target-name-that-goes-on.o"],
])
def test_dependency_files_like_gcc(work, flags):
    (work / "out").mkdir()
    (work / "c").mkdir()
    (work / "w").mkdir()
    shutil.copy(work / "a.c", work / "c" / "mod.c")
    shutil.copy(work / "ctrl.wat", work / "w" / "mod.wat")
    g = gcc("-c", "c/mod.c", *flags, cwd=work)
    assert g.returncode == 0, g.stderr
    gcc_files = {p.relative_to(work): p.read_text() for p in work.rglob("*.d")}
    gcc_files.update({p.relative_to(work): p.read_text() for p in work.glob("dep.txt")})
    for p in gcc_files:
        (work / p).unlink()
    r = cc("-c", "w/mod.wat", *flags, cwd=work)
    assert r.returncode == 0, r.stderr
    mine = {p.relative_to(work): p.read_text() for p in work.rglob("*.d")}
    mine.update({p.relative_to(work): p.read_text() for p in work.glob("dep.txt")})
    assert mine.keys() == gcc_files.keys()
    for p in mine:
        assert mine[p] == gcc_files[p].replace("c/mod.c", "w/mod.wat")


# -- -S listing -------------------------------------------------------------

@pytest.mark.parametrize("fixture,cpu,abi", [("f32_ops.wat", "cortex-m4", "hard"),
                                             ("f64_ops.wat", "cortex-m7", "softfp")])
def test_listing_of_hardware_float_code_is_instructions(work, fixture, cpu, abi):
    """VFP code lists as mnemonics that GNU as assembles back to the same symbols,
    not as the `.inst` fallback a failed assembly check produces."""
    shutil.copy(os.path.join(FIXTURES, fixture), work / fixture)
    flags = [f"-mcpu={cpu}", "-mthumb", f"-mfloat-abi={abi}"]
    r = cc("-S", fixture, *flags, cwd=work)
    assert r.returncode == 0, r.stderr
    text = (work / (fixture[:-4] + ".s")).read_text()
    assert "\tvadd.f" in text and "\tvmul.f" in text
    assert ".inst" not in text
    a = gcc("-c", *flags, fixture[:-4] + ".s", "-o", "from_s.o", cwd=work)
    assert a.returncode == 0, a.stderr
    assert cc("-c", fixture, *flags, "-o", "direct.o", cwd=work).returncode == 0
    mapping = {"t", "d", "$t", "$d"}
    direct, from_s = nm(work / "direct.o"), nm(work / "from_s.o")
    assert {k: v for k, v in direct.items() if k not in mapping} == \
        {k: v for k, v in from_s.items() if k not in mapping}


@pytest.mark.parametrize("fixture,cpu", [("hello.wat", "cortex-m4"), ("control.wat", "cortex-m3"),
                                         ("memory.wat", "cortex-m33"), ("calls.wat", "cortex-m7")])
def test_listing_assembles_and_links(work, fixture, cpu):
    src = EXAMPLE if fixture == "hello.wat" else os.path.join(FIXTURES, fixture)
    shutil.copy(src, work / fixture)
    r = cc("-S", fixture, f"-mcpu={cpu}", "-mthumb", cwd=work)
    assert r.returncode == 0, r.stderr
    listing = work / (fixture[:-4] + ".s")
    text = listing.read_text()
    assert ".thumb_func" in text and ".global" in text
    a = gcc("-c", f"-mcpu={cpu}", "-mthumb", listing.name, "-o", "from_s.o", cwd=work)
    assert a.returncode == 0, a.stderr
    r = cc("-c", fixture, f"-mcpu={cpu}", "-o", "direct.o", cwd=work)
    assert r.returncode == 0
    # mapping symbols aside (the ELF writer currently names them 't'/'d', not '$t'/'$d')
    mapping = {"t", "d", "$t", "$d"}
    direct, from_s = nm(work / "direct.o"), nm(work / "from_s.o")
    assert {k: v for k, v in direct.items() if k not in mapping} == \
        {k: v for k, v in from_s.items() if k not in mapping}
    if fixture == "hello.wat":
        link = cc(f"-mcpu={cpu}", "-mthumb", "main.c", "from_s.o", "-o", "fw.elf",
                  "--specs=nosys.specs", cwd=work)
        assert link.returncode == 0, link.stderr
        assert nm(work / "fw.elf")["fib"] == "T"


# -- reports -------------------------------------------------------------

class _RemarkLoader(yaml.SafeLoader):
    pass


register_yaml_tags(_RemarkLoader)


def test_optimization_record(work):
    r = cc("-c", "ctrl.wat", "-o", "o.o", "-fsave-optimization-record", cwd=work)
    assert r.returncode == 0, r.stderr
    text = (work / "o.opt.yaml").read_text()
    docs = list(yaml.load_all(text, Loader=_RemarkLoader))
    passed = [d for d in docs if d["Kind"] == "Passed"]
    assert [d["Function"] for d in passed] == ["fib", "checksum"]
    for d in passed:
        assert d["Pass"] == "synth-tier" and d["Name"] == "TierSelected"
        assert d["Args"] == [{"String": "compiled by tier "}, {"Tier": "opt"}]
    assert all(d["Kind"] in ("Passed", "Analysis") for d in docs)
    r = cc("-c", "ctrl.wat", "-o", "o2.o", "-fsave-optimization-record", cwd=work)
    assert (work / "o2.opt.yaml").read_text() == text


def test_missed_remarks_for_failed_tiers(work, monkeypatch):
    from synth_toolchain.cc.remarks import build_remarks
    from synth_toolchain.driver import compile_file
    from synth_toolchain.options import Options
    res = compile_file(EXAMPLE, Options())
    res.compiled.functions[0].attempts = [("opt", "out of registers: it's full")]
    docs = list(yaml.load_all(build_remarks(res.compiled), Loader=_RemarkLoader))
    missed = docs[0]
    assert missed["Kind"] == "Missed" and missed["Name"] == "TierFailed"
    assert {"Reason": "out of registers: it's full"} in missed["Args"]
    assert {"Tier": "opt"} in missed["Args"]


@pytest.mark.parametrize("flags,env,tier", [
    (["-O0"], {}, "opt"), (["-Og"], {}, "opt"), (["-Os"], {}, "opt"),
    (["-msynth-tier=baseline"], {}, "baseline"),
    (["-fno-synth-local-promote"], {}, "opt-nopromote"),
    ([], {"SYNTH_NO_LOCAL_PROMOTE": "1"}, "opt-nopromote"),
    (["-fsynth-local-promote"], {"SYNTH_NO_LOCAL_PROMOTE": "1"}, "opt"),
])
def test_tier_selection(work, flags, env, tier):
    r = cc("-c", "ctrl.wat", *flags, cwd=work, env=env)
    assert r.returncode == 0, r.stderr
    report = yaml.safe_load((work / "ctrl.synth.yaml").read_text())
    assert {f["tier"] for f in report["functions"]} == {tier}


def test_synth_options_reach_the_object(work):
    r = cc("-c", "ctrl.wat", "-msynth-prefix=m1_", "-msynth-bounds=none",
           "-msynth-memory-size=1M", cwd=work)
    assert r.returncode == 0, r.stderr
    syms = nm(work / "ctrl.o")
    assert "m1_fib" in syms and "m1_synth_memory" in syms
    report = yaml.safe_load((work / "ctrl.synth.yaml").read_text())
    assert report["options"]["bounds"] == "none"
    assert report["options"]["memory_size"] == 1024 * 1024


# -- -v, -###, --version, queries ---------------------------------------------

def test_dry_run(work):
    r = cc("-###", "-c", "ctrl.wat", "-o", "x y.o", "-msynth-prefix=p$", cwd=work)
    assert r.returncode == 0
    assert r.stderr == ' synth compile ctrl.wat -o "x y.o" "--cpu=cortex-m4" "--prefix=p\\$"\n'
    assert sorted(p.name for p in work.iterdir()) == ["a.c", "ctrl.wat", "main.c"]


def test_verbose(work):
    r = cc("-v", "-c", "ctrl.wat", cwd=work)
    assert r.returncode == 0
    assert r.stderr.splitlines()[:2] == [
        "synth-cc (synth) 0.1.0", " synth compile ctrl.wat -o ctrl.o \"--cpu=cortex-m4\""]
    assert (work / "ctrl.o").exists()


def test_version_and_queries(work):
    r = cc("--version", cwd=work)
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "synth-cc (synth) 0.1.0"
    assert lines[1] == "wrapping: " + gcc("--version", cwd=work).stdout.splitlines()[0]
    for q in (["-print-libgcc-file-name"], ["-dumpversion"], ["-mcpu=cortex-m4", "-print-multi-directory"]):
        assert cc(*q, cwd=work).stdout == gcc(*q, cwd=work).stdout


def test_preprocess_only(work):
    r = cc("-E", "a.c", "ctrl.wat", "-DX=3", cwd=work)
    assert r.returncode == 0
    assert "c_side" in r.stdout
    assert "ctrl.wat: WebAssembly input file unused" in r.stderr


def test_cpp_output_language_keeps_wasm(work):
    """`-x cpp-output` (what ccache needs to cache a compile) leaves a .wat
    input WebAssembly; in link mode its object is not read as preprocessed C."""
    r = cc("-mcpu=cortex-m4", "-x", "cpp-output", "-c", "ctrl.wat", "-o", "ctrl.o", cwd=work)
    assert r.returncode == 0, r.stderr
    assert "fib" in nm(work / "ctrl.o")
    r = cc("-mcpu=cortex-m4", "-mthumb", "-x", "cpp-output", "ctrl.wat", "-x", "none",
           "main.c", "-o", "fw.elf", "--specs=nosys.specs", cwd=work)
    assert r.returncode == 0, r.stderr
    assert nm(work / "fw.elf")["fib"] == "T"
    # any other language hands the file to gcc, as gcc would
    r = cc("-x", "assembler", "-c", "ctrl.wat", "-o", "bad.o", cwd=work)
    assert r.returncode != 0 and not (work / "bad.o").exists()
