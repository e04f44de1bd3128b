"""synth_toolchain/run/clang_wasm.py: C to wasm with clang, never through a
post-link optimiser.  clang's driver runs any `wasm-opt` it finds when it
links with optimisation on; a fake one, first on PATH and in clang's -B
search path, records every call and corrupts its output.  The driver calls
it; the helper (used by the tests and the benchmark) does not, so a machine
with binaryen installed builds the same bytes as one without."""

import os
import shutil
import subprocess

import pytest

from synth_toolchain.run import clang_wasm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CTRL_C = os.path.join(ROOT, "examples", "firmware", "ctrl.c")
CFLAGS = ["-O2", "-fno-builtin"]
LDFLAGS = ["--no-entry", "--strip-all"]

pytestmark = pytest.mark.skipif(shutil.which("clang") is None or shutil.which("wasm-ld") is None,
                                reason="needs clang and wasm-ld")

FAKE_WASM_OPT = """#!/bin/sh
# records its call, then overwrites the module it was asked to write
echo "wasm-opt $*" >> "{log}"
out=
while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
[ -n "$out" ] && printf 'corrupted by the fake wasm-opt' > "$out"
exit 0
"""


@pytest.fixture
def fake(tmp_path):
    """(bin dir holding the fake wasm-opt, its call log, an env with it first on PATH)."""
    bindir = tmp_path / "fakebin"
    bindir.mkdir()
    log = tmp_path / "wasm-opt.log"
    tool = bindir / "wasm-opt"
    tool.write_text(FAKE_WASM_OPT.format(log=log))
    tool.chmod(0o755)
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    return bindir, log, env


def test_clang_driver_would_run_the_fake(fake, tmp_path):
    """The premise: the driver's own link step finds and runs the fake."""
    bindir, log, env = fake
    out = tmp_path / "driver.wasm"
    subprocess.run(["clang", "--target=wasm32", "-B", str(bindir), *CFLAGS, "-nostdlib",
                    *(f"-Wl,{f}" for f in LDFLAGS), "-o", str(out), CTRL_C],
                   env=env, check=True, capture_output=True)
    assert log.exists() and "wasm-opt" in log.read_text()
    assert out.read_bytes() == b"corrupted by the fake wasm-opt"


def test_helper_never_runs_a_post_link_optimiser(fake, tmp_path):
    bindir, log, env = fake
    plain = tmp_path / "plain.wasm"
    clang_wasm.build([CTRL_C], plain, CFLAGS, LDFLAGS)
    faked = tmp_path / "faked.wasm"
    clang_wasm.build([CTRL_C], faked, [*CFLAGS, "-B", str(bindir)], LDFLAGS, env=env)
    assert not log.exists(), log.read_text()
    assert faked.read_bytes() == plain.read_bytes()
    assert plain.read_bytes()[:4] == b"\0asm"
    assert clang_wasm.POST_LINK_OPTIMISER == "none"


def test_commands_compile_then_link(tmp_path):
    cmds = clang_wasm.commands(["a/x.c", "b/x.c"], "m.wasm", "objs", ["-O2"], ["--no-entry"])
    assert [c[0] for c in cmds] == ["clang", "clang", clang_wasm.wasm_ld_for("clang")]
    assert cmds[0][-4:] == ["-c", "a/x.c", "-o", os.path.join("objs", "0-x.o")]
    assert cmds[2][-4:] == [os.path.join("objs", "0-x.o"), os.path.join("objs", "1-x.o"),
                            "-o", "m.wasm"]
    assert "--no-entry" in cmds[2]


def test_failure_names_the_command(tmp_path):
    bad = tmp_path / "bad.c"
    bad.write_text("int f(void) { return }\n")
    with pytest.raises(clang_wasm.ClangWasmError, match=r"clang .*-c .*bad\.c"):
        clang_wasm.build([bad], tmp_path / "bad.wasm")
