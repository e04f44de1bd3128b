"""The package as users get it: a wheel built from a copy of the tree,
installed into a fresh virtual environment (no system site-packages, so a
missing dependency or data file shows), used from directories outside the
repository with nothing but the installed files.

CI runs the build, the install, a float module compiled and run under both
float ABIs, `synth wast` on a float script, the shipped docs and the CMake
package found through CMAKE_PREFIX_PATH (about 10 s).  Building the firmware
example with Make, SCons and CMake from the installation is slow.
"""

import email
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from synth_toolchain import __version__

# one worker builds and installs the wheel once for the module (./do test: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("wheel")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEM_PATH = "/usr/bin:/bin"
# what a build of the tree must not pick up
JUNK = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                              "*.pyc", ".pytest_cache", ".hypothesis", "out")

FLOAT_WAT = """\
(module
  (func (export "to_int") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "hyp") (param f64 f64) (result f64)
    (f64.sqrt (f64.add (f64.mul (local.get 0) (local.get 0))
                       (f64.mul (local.get 1) (local.get 1))))))
"""


def run(cmd, cwd, env=None, ok=True, timeout=300):
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=timeout)
    if ok:
        assert r.returncode == 0, f"{cmd} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
    return r


class Installed:
    """A wheel and the virtual environment it is installed in."""

    def __init__(self, wheel, venv, outside):
        self.wheel, self.venv, self.outside = wheel, venv, outside
        self.bin = venv / "bin"
        self.env = {"PATH": f"{self.bin}:{SYSTEM_PATH}", "HOME": str(outside),
                    "LANG": "C.UTF-8"}

    def synth(self, *args, cwd, ok=True):
        return run([str(self.bin / "synth"), *args], cwd, self.env, ok=ok)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel from a clean copy of the tree (a stale build/ of the
    checkout cannot leak in) and install it with its dependencies."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    shutil.copytree(ROOT, src, symlinks=True, ignore=JUNK)
    dist = base / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)],
        base)
    (wheel,) = dist.glob("*.whl")
    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base)
    run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
         "-q", str(wheel)], base)
    outside = base / "work"
    outside.mkdir()
    return Installed(wheel, venv, outside)


def tracked_package_files():
    r = subprocess.run(["git", "-C", ROOT, "ls-files", "synth_toolchain"],
                       capture_output=True, text=True)
    if r.returncode == 0 and r.stdout:
        return r.stdout.split()
    return [os.path.relpath(os.path.join(d, f), ROOT)
            for d, dirs, files in os.walk(os.path.join(ROOT, "synth_toolchain"))
            for f in files if "__pycache__" not in d]


def test_wheel_holds_every_package_file(installed):
    """Everything under synth_toolchain/ is read at run time by someone:
    runtime.wat, the emulator's harness and linker script, the build-system
    files; and the CMake package is also where CMake searches a prefix."""
    with zipfile.ZipFile(installed.wheel) as z:
        names = set(z.namelist())
        meta = email.message_from_bytes(
            z.read(f"synth_toolchain-{__version__}.dist-info/METADATA"))
    missing = [f for f in tracked_package_files() if f not in names]
    assert not missing, missing
    data = f"synth_toolchain-{__version__}.data/data/"
    for f in os.listdir(os.path.join(ROOT, "synth_toolchain", "buildsys", "cmake")):
        assert data + "share/cmake/synth/" + f in names, f
    assert data + "share/doc/synth-toolchain/README.md" in names
    assert meta["Summary"] and meta["Description-Content-Type"] == "text/markdown"
    assert "# synth" in meta.get_payload()
    assert meta["License-Expression"] or meta["License"]


def test_float_module_outside_the_repository(installed):
    """The soft-float runtime (runtime.wat) is compiled on demand: the
    trapping truncation needs it even with an FPU."""
    d = installed.outside / "float"
    d.mkdir()
    (d / "f.wat").write_text(FLOAT_WAT)
    for abi in ("hard", "soft"):
        installed.synth("compile", "f.wat", "--float-abi", abi, "-o", f"f-{abi}.o", cwd=d)
        assert (d / f"f-{abi}.synth.yaml").is_file()
        r = installed.synth("run", "f.wat", "--float-abi", abi, "--invoke", "to_int", "-7.9",
                            cwd=d)
        assert r.stdout.startswith("i32:-7 "), r.stdout
        r = installed.synth("run", "f.wat", "--float-abi", abi, "--invoke", "to_int", "1e10",
                            cwd=d, ok=False)
        assert "trap: integer overflow" in r.stdout and r.returncode == 3, r


WASI_WAT = """\
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\\10\\00\\00\\00\\03\\00\\00\\00")   ;; one iovec: 3 bytes at 16
  (data (i32.const 16) "hi\\n")
  (func (export "_start")
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 32)))
    (call $exit (i32.const 3))))
"""


def test_wasi_program_outside_the_repository(installed):
    """The WASI shim (wasi/shim.c) ships in the wheel and `synth run` links it."""
    d = installed.outside / "wasi"
    d.mkdir()
    (d / "hi.wat").write_text(WASI_WAT)
    r = installed.synth("run", "hi.wat", cwd=d, ok=False)
    assert (r.stdout, r.returncode) == ("hi\n", 3), r
    shim = installed.synth("--wasi-shim", cwd=d).stdout.strip()
    assert shim.startswith(str(installed.venv)) and os.path.isfile(shim)


def test_wast_float_script_outside_the_repository(installed):
    d = installed.outside / "wast"
    d.mkdir()
    shutil.copy(os.path.join(ROOT, "tests", "wast", "floats.wast"), d)
    r = installed.synth("wast", "floats.wast", cwd=d)
    assert re.search(r"\b[1-9]\d* passed, 0 failed", r.stdout), r.stdout


def markdown_links(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return [m.group(1) for m in re.finditer(r"\]\(([^)\s]+)\)", text)]


def test_docs_ship_and_their_links_resolve(installed):
    """The README the metadata carries links docs/…; the wheel installs both
    under share/doc/synth-toolchain so every relative link resolves there."""
    doc = installed.venv / "share" / "doc" / "synth-toolchain"
    pages = [doc / "README.md", *sorted((doc / "docs").glob("*.md"))]
    assert {p.name for p in pages} >= {"README.md", "abi.md", "report.md"}
    for page in pages:
        for link in markdown_links(page):
            if re.match(r"[a-z]+:", link) or link.startswith("#"):
                continue
            target = (page.parent / link.split("#")[0]).resolve()
            assert target.exists(), f"{page.name} links {link}, which is not installed"


CMAKE_PROJECT = """\
cmake_minimum_required(VERSION 3.20)
project(p C)
find_package(synth 0.1 CONFIG REQUIRED)
message(STATUS "synth package: ${synth_DIR}")
add_executable(fw.elf main.c)
synth_add_wasm_object(fw.elf f.wat PREFIX m_ OPTIONS -O2)
target_link_options(fw.elf PRIVATE -nostartfiles -Wl,-e,main)
"""
MAIN_C = """\
#include <stdint.h>
int32_t m_to_int(float);
void m_synth_init(void);
int main(void) { m_synth_init(); return m_to_int(2.5f); }
"""


@pytest.mark.skipif(not (shutil.which("cmake") and shutil.which("arm-none-eabi-gcc")),
                    reason="needs cmake and arm-none-eabi-gcc")
def test_cmake_finds_the_package_through_the_prefix(installed):
    """Only CMAKE_PREFIX_PATH names the environment, and its bin is not on PATH."""
    d = installed.outside / "cmake"
    d.mkdir()
    (d / "CMakeLists.txt").write_text(CMAKE_PROJECT)
    (d / "f.wat").write_text(FLOAT_WAT)
    (d / "main.c").write_text(MAIN_C)
    toolchain = installed.venv / "share" / "cmake" / "synth" / "arm-none-eabi.cmake"
    env = {"PATH": SYSTEM_PATH, "HOME": str(installed.outside)}
    r = run(["cmake", "-S", ".", "-B", "build", f"-DCMAKE_PREFIX_PATH={installed.venv}",
             f"-DCMAKE_TOOLCHAIN_FILE={toolchain}",
             "-DCMAKE_C_FLAGS=-mcpu=cortex-m4 -mthumb -mfloat-abi=hard"], d, env)
    assert f"synth package: {installed.venv}/share/cmake/synth" in r.stdout, r.stdout
    run(["cmake", "--build", "build"], d, env)
    assert (d / "build" / "fw.elf").is_file()


# ---- the firmware example with nothing but the installed package (slow) ----

def copy_firmware(installed, name):
    dest = installed.outside / name
    shutil.copytree(os.path.join(ROOT, "examples", "firmware"), dest,
                    ignore=shutil.ignore_patterns("build"))
    return dest


def run_image(elf, machine="an386"):
    return subprocess.run(["qemu-system-arm", "-M", "mps2-" + machine, "-nographic",
                           "-monitor", "none", "-serial", "null", "-semihosting-config",
                           "enable=on,target=native", "-kernel", str(elf)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=60)


needs_firmware_tools = pytest.mark.skipif(
    not (shutil.which("arm-none-eabi-gcc") and shutil.which("qemu-system-arm")),
    reason="needs arm-none-eabi-gcc and qemu-system-arm")


@pytest.mark.slow
@needs_firmware_tools
@pytest.mark.parametrize("system", ["make", "scons", "cmake"])
def test_firmware_example_from_the_installation(installed, system):
    if shutil.which(system) is None:
        pytest.skip("needs " + system)
    src = copy_firmware(installed, "fw-" + system)
    env = dict(installed.env)
    if system == "make":
        run(["make", "-j2", "WASM_FROM=prebuilt"], src, env)
        run(["make", "WASM_FROM=prebuilt", "run"], src, env)
        elf = src / "build" / "an386" / "fw.elf"
    elif system == "scons":
        run(["scons", "-Q", "-j2", "WASM_FROM=prebuilt", "run=1"], src, env)
        elf = src / "build" / "scons-an386" / "fw.elf"
    else:
        env["PATH"] = SYSTEM_PATH            # the package through the prefix alone
        run(["cmake", "-S", ".", "-B", "build", "-DFW_WASM_FROM=prebuilt",
             f"-DCMAKE_PREFIX_PATH={installed.venv}"], src, env)
        run(["cmake", "--build", "build"], src, env)
        run(["cmake", "--build", "build", "-t", "run"], src, env)
        elf = src / "build" / "fw.elf"
    r = run_image(elf)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "fw: all checks passed" in r.stdout + r.stderr
