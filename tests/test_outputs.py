"""How `synth compile` and `synth-cc` write outputs and end (issue 12, items 5, 6, 8, 12,
14, 18): inputs are never overwritten, the outputs of a run appear together or not at all,
their mode follows the umask as gcc's do, `-` is stdin/stdout, SIGINT and a closed pipe
end quietly.  Real subprocesses throughout (through the console-script entry points where
start-up matters)."""

import os
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import threading

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HELLO = os.path.join(ROOT, "examples", "hello.wat")
GCC = "arm-none-eabi-gcc"
needs_gcc = pytest.mark.skipif(shutil.which(GCC) is None, reason=f"{GCC} not installed")


def entry_cmd(prog: str) -> list[str]:
    """What the console script `prog` runs (pyproject.toml [project.scripts])."""
    fn = {"synth": "synth", "synth-cc": "synth_cc"}[prog]
    return [sys.executable, "-c",
            f"import sys; from synth_toolchain.entry import {fn}; sys.exit({fn}())"]


class Run:
    """A finished run: status and captured bytes (subprocess or in-process)."""

    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def synth(*args, cwd=None, input=None):
    """`synth` in this process (fast: no interpreter start-up) from directory `cwd`."""
    from synth_toolchain import cli
    return _in_process(cli.main, args, cwd, input)


def synth_cc(*args, cwd=None, input=None):
    from synth_toolchain.cc import driver
    return _in_process(driver.main, args, cwd, input)


def _in_process(main, args, cwd, input):
    import io
    from _pytest.monkeypatch import MonkeyPatch
    out = io.BytesIO()
    err = io.StringIO()
    with MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        mp.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(input or b"")))
        mp.setattr(sys, "stdout", io.TextIOWrapper(out, write_through=True))
        mp.setattr(sys, "stderr", err)
        code = main(list(args))
        sys.stdout.flush()
        return Run(code, out.getvalue(), err.getvalue().encode())


def synth_process(*args, cwd=None):
    return subprocess.run([*entry_cmd("synth"), *args], capture_output=True, cwd=cwd)


def with_umask(mask, fn, *args, **kw):
    old = os.umask(mask)
    try:
        return fn(*args, **kw)
    finally:
        os.umask(old)


def one_line(r) -> str:
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1, r.stderr.decode()
    return lines[0]


@pytest.fixture
def work(tmp_path):
    shutil.copy(HELLO, tmp_path / "hello.wat")
    from synth_toolchain.wasm.wat import wat_to_wasm
    (tmp_path / "hello.wasm").write_bytes(wat_to_wasm(open(HELLO).read(), HELLO))
    return tmp_path


def listing(d) -> list[str]:
    return sorted(os.listdir(d))


def test_console_scripts_enter_through_the_guard():
    text = open(os.path.join(ROOT, "pyproject.toml")).read()
    assert 'synth = "synth_toolchain.entry:synth"' in text
    assert 'synth-cc = "synth_toolchain.entry:synth_cc"' in text


# -- item 5: never destroy an input --------------------------------------------------------

@pytest.mark.parametrize("src,out", [("hello.wasm", "hello.wasm"), ("hello.wat", "./hello.wat")])
def test_compile_refuses_to_overwrite_its_input(work, src, out):
    before = (work / src).read_bytes()
    r = synth("compile", src, "-o", out, cwd=work)
    assert r.returncode == 1
    assert one_line(r) == f"synth: error: input file '{src}' is the same as output file"
    assert (work / src).read_bytes() == before
    assert listing(work) == ["hello.wasm", "hello.wat"]


def test_refusal_end_to_end(work):
    r = synth_process("compile", "hello.wat", "-o", "hello.wat", cwd=work)
    assert r.returncode == 1
    assert one_line(r) == "synth: error: input file 'hello.wat' is the same as output file"
    assert listing(work) == ["hello.wasm", "hello.wat"]


def test_compile_refuses_input_through_a_symlink(work):
    os.symlink("hello.wat", work / "link.o")
    r = synth("compile", "hello.wat", "-o", "link.o", cwd=work)
    assert r.returncode == 1 and "is the same as output file" in one_line(r)
    assert (work / "hello.wat").read_bytes() == open(HELLO, "rb").read()


@pytest.mark.parametrize("flag", ["--report", "--header"])
def test_compile_refuses_two_outputs_in_one_file(work, flag):
    r = synth("compile", "hello.wat", "-o", "x.o", flag, "./x.o", cwd=work)
    assert r.returncode == 1
    assert one_line(r).startswith("synth: error: the object and the ")
    assert listing(work) == ["hello.wasm", "hello.wat"]


def test_devices_may_take_several_outputs():
    """`-o /dev/null -MF /dev/null` is fine (checked in-process: a pre-fix run as root
    would replace the machine's /dev/null)."""
    from synth_toolchain.outputs import check_distinct
    check_distinct(["x.wat"], [(os.devnull, "object"), (os.devnull, "dependency file")])


@needs_gcc
@pytest.mark.parametrize("args", [
    ["-c", "hello.wat", "-o", "hello.wat"],
    ["-S", "hello.wasm", "-o", "./hello.wasm"],
    ["hello.wat", "-o", "hello.wat"],                       # link mode
])
def test_synth_cc_refuses_to_overwrite_its_input(work, args):
    r = synth_cc(*args, cwd=work)
    assert r.returncode == 1
    src = args[args.index("-o") - 1] if args[0] != "-c" and args[0] != "-S" else args[1]
    assert r.stderr.decode().splitlines() == [
        f"synth-cc: fatal error: input file '{src}' is the same as output file",
        "compilation terminated."]
    assert listing(work) == ["hello.wasm", "hello.wat"]
    assert (work / "hello.wat").read_bytes() == open(HELLO, "rb").read()


def test_synth_cc_refuses_depfile_equal_to_object(work):
    r = synth_cc("-c", "hello.wat", "-o", "h.o", "-MD", "-MF", "h.o", cwd=work)
    assert r.returncode == 1
    assert "the object and the dependency file are both written to 'h.o'" in r.stderr.decode()
    assert listing(work) == ["hello.wasm", "hello.wat"]


# -- items 6 and 12: all outputs or none, errors name the user's path ----------------------

@pytest.mark.parametrize("flag,path", [("--report", "nope/r.yaml"), ("--header", "nope/h.h"),
                                       ("-o", "nope/x.o")])
def test_compile_leaves_nothing_when_an_output_fails(work, flag, path):
    args = ["compile", "hello.wat", "--header", "h.h"]
    if flag != "-o":
        args += ["-o", "x.o"]
    r = synth(*args, flag, path, cwd=work)
    assert r.returncode == 1
    assert one_line(r) == f"synth: error: cannot write '{path}': No such file or directory"
    assert listing(work) == ["hello.wasm", "hello.wat"]


def test_compile_output_onto_a_directory(work):
    (work / "d").mkdir()
    r = synth("compile", "hello.wat", "-o", "x.o", "--report", "d", cwd=work)
    assert one_line(r) == "synth: error: cannot write 'd': Is a directory"
    assert listing(work) == ["d", "hello.wasm", "hello.wat"]


def test_synth_cc_leaves_nothing_when_the_depfile_fails(work):
    r = synth_cc("-c", "hello.wat", "-o", "x.o", "-MD", "-MF", "nodir/x.d", cwd=work)
    assert r.returncode == 1
    assert r.stderr.decode().splitlines() == [
        "synth-cc: fatal error: cannot write 'nodir/x.d': No such file or directory",
        "compilation terminated."]
    assert listing(work) == ["hello.wasm", "hello.wat"]


def test_a_fifo_output_is_written_not_replaced(work):
    fifo = work / "pipe.o"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    r = subprocess.run([*entry_cmd("synth"), "compile", "hello.wat", "-o", "pipe.o",
                        "--no-report"], capture_output=True, cwd=work, timeout=60)
    reader.join(timeout=60)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0][:4] == b"\x7fELF"


# -- item 8: modes follow the umask, as gcc's outputs do -----------------------------------

def gcc_modes(tmp_path, umask) -> set[int]:
    (tmp_path / "g.c").write_text("int g;\n")
    r = subprocess.run([GCC, "-c", "g.c", "-o", "g.o", "-MD"], cwd=tmp_path,
                       preexec_fn=lambda: os.umask(umask), capture_output=True)
    assert r.returncode == 0, r.stderr
    return {stat.S_IMODE(os.stat(tmp_path / n).st_mode) for n in ("g.o", "g.d")}


@needs_gcc
@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600)])
def test_output_modes_follow_the_umask(work, umask, mode):
    assert gcc_modes(work, umask) == {mode}
    r = with_umask(umask, synth, "compile", "hello.wat", "-o", "s.o", "--header", "s.h",
                   cwd=work)
    assert r.returncode == 0, r.stderr
    r = with_umask(umask, synth_cc, "-c", "hello.wat", "-o", "c.o", "-MD",
                   "-fsynth-cache-dir=cache", cwd=work)
    assert r.returncode == 0, r.stderr
    r = with_umask(umask, synth_cc, "-S", "hello.wat", "-o", "l.s", cwd=work)
    assert r.returncode == 0, r.stderr
    names = ["s.o", "s.synth.yaml", "s.h", "c.o", "c.synth.yaml", "c.d", "l.s"]
    for dirpath, _, files in os.walk(work / "cache"):
        names += [os.path.join(dirpath, f) for f in files]
    assert len(names) > 7
    modes = {n: oct(stat.S_IMODE(os.stat(work / n).st_mode)) for n in names}
    assert set(modes.values()) == {oct(mode)}, modes


# -- item 14: `-` is standard output / input -----------------------------------------------

def test_output_dash_is_stdout(work):
    r = synth("compile", "hello.wat", "-o", "-", cwd=work)
    assert r.returncode == 0, r.stderr
    assert synth("compile", "hello.wat", "-o", "f.o", cwd=work).returncode == 0
    assert r.stdout == (work / "f.o").read_bytes()
    assert listing(work) == ["f.o", "f.synth.yaml", "hello.wasm", "hello.wat"]  # no -.synth.yaml
    r = synth("compile", "hello.wat", "-o", "-", "--report", "r.yaml", cwd=work)
    assert r.returncode == 0 and (work / "r.yaml").exists()


@needs_gcc
@pytest.mark.parametrize("mode,suffix", [("-c", ".o"), ("-S", ".s")])
def test_synth_cc_output_dash_is_stdout(work, mode, suffix):
    r = synth_cc(mode, "hello.wat", "-o", "-", "-MD", cwd=work)
    assert r.returncode == 0, r.stderr
    assert listing(work) == ["hello.wasm", "hello.wat"]
    assert synth_cc(mode, "hello.wat", cwd=work).returncode == 0
    assert r.stdout == (work / f"hello{suffix}").read_bytes()


@pytest.mark.parametrize("src", ["hello.wat", "hello.wasm"])
def test_input_dash_is_stdin(work, src):
    r = synth("compile", "-", "-o", "in.o", input=(work / src).read_bytes(), cwd=work)
    assert r.returncode == 0, r.stderr
    assert synth("compile", src, "-o", "f.o", cwd=work).returncode == 0
    assert (work / "in.o").read_bytes() == (work / "f.o").read_bytes()
    assert "input: <stdin>" in (work / "in.synth.yaml").read_text()


def test_input_dash_errors_name_stdin(work):
    r = synth("compile", "-", "-o", "-", input=b"\0asm\x02\0\0\0", cwd=work)
    assert r.returncode == 1 and one_line(r).startswith("<stdin>:0x")
    r = synth("compile", "-", input=b"(module)", cwd=work)
    assert r.returncode == 1 and "needs -o" in one_line(r)
    assert listing(work) == ["hello.wasm", "hello.wat"]


# -- item 18: SIGINT and a closed pipe -----------------------------------------------------

@needs_gcc
@pytest.mark.parametrize("prog,args,last", [
    ("synth", ["compile", "-", "-o", "x.o"], "synth_toolchain.cli"),
    ("synth-cc", ["-x", "c", "-c", "-", "-o", "x.o"], "synth_toolchain.cc.driver"),
])
@pytest.mark.parametrize("when", ["importing", "running"])
def test_sigint_is_quiet_and_130(work, prog, args, last, when):
    """SIGINT while the entry point still imports the compiler, or once it blocks on
    stdin (synth reads the module, gcc the C source): nothing printed, status 130.
    `-X importtime` shows how far start-up got; stdin stays open, so the run cannot
    end before the signal whatever the timing."""
    cmd = entry_cmd(prog)
    cmd.insert(1, "-X")
    cmd.insert(2, "importtime")
    p = subprocess.Popen([*cmd, *args], cwd=work, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    trigger = "synth_toolchain.errors" if when == "importing" else last
    watchdog = threading.Timer(60, p.kill)     # a defect must fail the test, not hang it
    watchdog.start()
    seen = []
    try:
        while True:
            line = p.stderr.readline().decode()
            assert line, "".join(seen)
            seen.append(line)
            if line.startswith("import time:") and line.split("|")[-1].strip() == trigger:
                break
        p.send_signal(signal.SIGINT)
        rc = p.wait(timeout=30)
    finally:
        watchdog.cancel()
    p.stdin.close()                     # lets gcc's orphaned cc1 end
    rest = p.stderr.read().decode()
    p.stdout.close()
    p.stderr.close()
    said = [ln for ln in rest.splitlines() if not ln.startswith("import time:")]
    assert rc == 130, rest
    assert len(said) <= 1 and "Traceback" not in rest, rest


@needs_gcc
@pytest.mark.parametrize("prog,args", [
    ("synth-cc", ["--version"]),
    ("synth", ["--help"]),
    ("synth", ["compile", "-o", "-", "hello.wat"]),
    ("synth-cc", ["-c", "hello.wat", "-o", "-"]),
])
def test_closed_stdout_ends_quietly(work, prog, args):
    """As `… | head -c0`: the reader is gone before anything is written."""
    p = subprocess.Popen([*entry_cmd(prog), *args], cwd=work, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.close()
    err = p.stderr.read().decode()
    rc = p.wait(timeout=60)
    p.stderr.close()
    assert err == "" and rc in (0, 1), (rc, err)
    assert "-" not in listing(work)


@needs_gcc
def test_version_into_head_succeeds_under_pipefail(work):
    """`synth-cc --version | head -1` in a `set -o pipefail` script: the answer is
    written in one piece once known, so head reads it and the pipeline succeeds."""
    cmd = " ".join(shlex.quote(w) for w in entry_cmd("synth-cc"))
    for _ in range(5):
        r = subprocess.run(["bash", "-o", "pipefail", "-c", f"{cmd} --version | head -1"],
                           cwd=work, capture_output=True, text=True, timeout=60)
        assert (r.returncode, r.stderr) == (0, ""), r
        assert r.stdout.startswith("synth-cc (synth) ")


@needs_gcc
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("prog,args", [
    ("synth-cc", ["--version"]),
    ("synth-cc", ["--help"]),
    ("synth-cc", ["-M", "hello.wat"]),
    ("synth", ["--version"]),
    ("synth", ["compile", "hello.wat", "-o", "-"]),
    ("synth", ["run", "hello.wat", "--invoke", "fib", "5"]),
    ("synth", ["wast", "t.wast"]),
])
def test_full_device_is_one_line_error(work, prog, args):
    """Standard output on a full device (`>/dev/full`): one line naming standard output,
    exit 1 -- not an internal error, not a message about a file called None."""
    (work / "t.wast").write_text("(module)\n")
    with open("/dev/full", "wb") as full:
        p = subprocess.run([*entry_cmd(prog), *args], cwd=work, stdout=full,
                           stderr=subprocess.PIPE, timeout=120)
    assert p.stderr.decode() == (f"{prog}: error: cannot write to standard output: "
                                 "No space left on device\n")
    assert p.returncode == 1


# -- an empty output name is an error, not "unset" --------------------------------------

@pytest.mark.parametrize("flag", ["-o", "--report", "--header"])
def test_compile_refuses_an_empty_output_name(work, flag):
    r = synth("compile", "hello.wat", flag, "", cwd=work)
    assert r.returncode == 1
    assert one_line(r) == f"synth: error: empty file name for {flag}"
    assert listing(work) == ["hello.wasm", "hello.wat"]


@pytest.mark.parametrize("args,message", [
    (["-c", "hello.wat", "-o", ""], "output filename may not be empty"),     # gcc's words
    (["-c", "hello.wat", "-MD", "-MF", ""], "dependency file name may not be empty"),
])
def test_synth_cc_refuses_an_empty_output_name(work, args, message):
    r = synth_cc(*args, cwd=work)
    assert r.returncode == 1
    assert r.stderr.decode() == f"synth-cc: fatal error: {message}\ncompilation terminated.\n"
    assert listing(work) == ["hello.wasm", "hello.wat"]


@pytest.mark.parametrize("prog,args", [
    ("synth", ["run", "hello.wat", "--invoke", "fib", "5"]),
    ("synth", ["compile", "hello.wat", "-o", "-"]),
    ("synth-cc", ["-c", "hello.wat", "-o", "-"]),
])
def test_no_stdout_at_all_is_one_line_error(work, prog, args):
    """Started with descriptor 1 closed (`>&-`, Python then has no sys.stdout): as
    ls says, a write error, not an internal compiler error."""
    p = subprocess.run([*entry_cmd(prog), *args], cwd=work, stderr=subprocess.PIPE,
                       preexec_fn=lambda: os.close(1), timeout=60)
    assert p.stderr.decode() == (f"{prog}: error: cannot write to standard output: "
                                 "Bad file descriptor\n")
    assert p.returncode == 1


@pytest.mark.parametrize("tool", ["synth", "synth-cc"])
def test_object_to_a_device_names_no_report_after_it(work, tool):
    """`-o /dev/null` (or any device or FIFO): the object goes there, and no
    report is named after it (/dev/null.synth.yaml)."""
    os.mkfifo(work / "pipe.o")
    reader = subprocess.Popen(["cat", str(work / "pipe.o")], stdout=subprocess.PIPE)
    if tool == "synth":
        r = synth("compile", "hello.wat", "-o", "pipe.o", cwd=work)
    else:
        r = synth_cc("-c", "hello.wat", "-o", "pipe.o", cwd=work)
    data = reader.communicate(timeout=60)[0]
    assert r.returncode == 0 and data.startswith(b"\x7fELF")
    assert not (work / "pipe.synth.yaml").exists()


def test_a_defect_during_start_up_is_one_ice_line(capsys):
    """An exception before main's own net (e.g. while importing the compiler) is
    one internal-compiler-error line with gcc's status 4, not a traceback."""
    from synth_toolchain.guard import run_guarded

    def load():
        raise NameError("name 're' is not defined")
    with pytest.raises(SystemExit) as done:
        run_guarded(load, "synth-cc")
    assert done.value.code == 4
    assert capsys.readouterr().err == ("synth-cc: internal compiler error: NameError: "
                                       "name 're' is not defined\n")


def test_run_reads_the_module_from_stdin(work):
    r = synth("run", "-", "--invoke", "fib", "10", input=(work / "hello.wat").read_bytes(),
              cwd=work)
    assert r.returncode == 0 and r.stdout.decode().startswith("i64:55 ")
