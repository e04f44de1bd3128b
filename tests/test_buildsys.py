"""The SCons tool and the CMake package with the real tools, in temporary
projects: first builds, no-op rebuilds, rebuilding only what a changed
module touches, parallel builds, a new compiler version, the minimal PATH
SCons gives commands, CMake's first-class SYNTH language, and ccache in
front of synth-cc."""

import os
import shutil
import subprocess
import sys

import pytest
import wasmtime

from synth_toolchain import __version__, buildsys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYNTH_CC = os.path.join(os.path.dirname(sys.executable), "synth-cc")
MINIMAL_PATH = "/usr/bin:/bin"          # what SCons hands commands; no virtual environment

MAIN_C = """\
#include <stdint.h>
int32_t a_value(void);
int32_t b_value(void);
void a_synth_init(void);
void b_synth_init(void);
int main(void) { a_synth_init(); b_synth_init(); return a_value() + b_value(); }
"""
A_WAT = '(module (func (export "value") (result i32) (i32.const {})))\n'
B_WAT = '(module (memory 1) (func (export "value") (result i32) (i32.load (i32.const 0))))\n'
ARCH = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft"]
LINK = ["-nostartfiles", "-Wl,-e,main"]

needs = pytest.mark.skipif(not (shutil.which("arm-none-eabi-gcc") and os.path.exists(SYNTH_CC)),
                           reason="needs arm-none-eabi-gcc and an installed synth-cc")


def run(cmd, cwd, env=None, ok=True):
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=300)
    if ok:
        assert r.returncode == 0, f"{cmd} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
    return r


def minimal_env(**extra):
    env = {"PATH": MINIMAL_PATH, "HOME": os.environ.get("HOME", "/tmp")}
    env.update(extra)
    return env


def write_project(d, value=7):
    d.mkdir(parents=True, exist_ok=True)
    (d / "main.c").write_text(MAIN_C)
    (d / "a.wat").write_text(A_WAT.format(value))
    (d / "b.wasm").write_bytes(wasmtime.wat2wasm(B_WAT))
    return d


# ------------------------------------------------------------------ packaging

def test_printed_directories_hold_the_integrations():
    for flag, path, name in (("--scons-dir", buildsys.scons_dir(), "synth.py"),
                             ("--cmake-dir", buildsys.cmake_dir(), "synthConfig.cmake")):
        r = run([sys.executable, "-m", "synth_toolchain.cli", flag], ROOT)
        assert r.stdout.strip() == path
        assert os.path.isfile(os.path.join(path, name))


def test_repository_paths_are_the_packaged_files():
    """site_scons/site_tools/synth.py and cmake/ are the files the package ships."""
    assert os.path.samefile(os.path.join(ROOT, "site_scons", "site_tools", "synth.py"),
                            os.path.join(buildsys.scons_dir(), "synth.py"))
    assert os.path.samefile(os.path.join(ROOT, "cmake"), buildsys.cmake_dir())


def test_cmake_package_version_is_the_python_version():
    with open(os.path.join(buildsys.cmake_dir(), "synthConfigVersion.cmake")) as f:
        assert f'set(PACKAGE_VERSION "{__version__}")' in f.read()


# what the wheel ships, installed outside the checkout: tests/test_wheel.py


# ---------------------------------------------------------------------- SCons

SCONSTRUCT = """\
env = Environment(tools=['gcc', 'gnulink', 'synth'], toolpath=[{toolpath!r}],
                  CC='arm-none-eabi-gcc', LINK='arm-none-eabi-gcc',
                  CCFLAGS={arch!r}, LINKFLAGS={arch!r} + {link!r}, PROGSUFFIX='.elf')
if ARGUMENTS.get('version'):
    env['SYNTHCCVERSION'] = ARGUMENTS['version']      # as if synth-cc had been upgraded
a = env.Object('a.wat', SYNTHCCFLAGS=['-O2', '-msynth-prefix=a_', '-fsynth-report-html'])
b = env.Object('b.wasm', SYNTHCCFLAGS='-msynth-prefix=b_')
env.Program('fw', ['main.c', a, b])
"""


def scons(d, *args, ok=True):
    return run(["scons", "-Q", *args], d, minimal_env(), ok=ok)


@pytest.fixture
def scons_project(tmp_path):
    if shutil.which("scons") is None:
        pytest.skip("needs scons")
    d = write_project(tmp_path / "sc")
    (d / "SConstruct").write_text(SCONSTRUCT.format(toolpath=buildsys.scons_dir(), arch=ARCH,
                                                    link=LINK))
    return d


def built(out: str) -> set[str]:
    """The targets a build's command lines wrote (-o X)."""
    names = set()
    for line in out.splitlines():
        words = line.split()
        if "-o" in words:
            names.add(os.path.basename(words[words.index("-o") + 1]))
    return names


@needs
def test_scons_builds_rebuilds_only_what_changed(scons_project):
    d = scons_project
    first = scons(d, "-j2")
    assert built(first.stdout) == {"a.o", "b.o", "main.o", "fw.elf"}
    # synth-cc was found although PATH has no virtual environment in it
    assert SYNTH_CC in first.stdout
    assert "-mcpu=cortex-m4 -mthumb -mfloat-abi=soft" in first.stdout   # from CCFLAGS
    assert (d / "a.synth.yaml").exists() and (d / "b.synth.yaml").exists()
    assert (d / "a.synth.html").exists() and not (d / "b.synth.html").exists()
    assert scons(d, "-q", ok=False).returncode == 0                     # up to date
    assert built(scons(d).stdout) == set()                              # no-op rebuild
    (d / "a.wat").write_text(A_WAT.format(8))
    assert built(scons(d).stdout) == {"a.o", "fw.elf"}
    # a new compiler version rebuilds every wasm object and nothing else; the
    # objects come out the same bytes here, so SCons's content signatures skip the link
    assert built(scons(d, "version=synth-cc 9.9").stdout) == {"a.o", "b.o"}
    scons(d, "-c", "version=synth-cc 9.9")
    assert not (d / "a.synth.yaml").exists() and not (d / "a.o").exists()
    assert not (d / "a.synth.html").exists()


@needs
def test_scons_image_links_both_modules(scons_project):
    d = scons_project
    scons(d)
    syms = run(["arm-none-eabi-nm", "fw.elf"], d).stdout
    assert " T a_value" in syms and " T b_value" in syms


@needs
def test_scons_cachedir_serves_a_clean_build(scons_project):
    """SCons's own shared cache: a second clean build retrieves the wasm objects
    (deterministic bytes, same signatures) instead of running synth-cc."""
    d = scons_project
    with open(d / "SConstruct", "a") as f:
        f.write("CacheDir('cache')\n")
    scons(d)
    scons(d, "-c")
    again = scons(d)
    assert "Retrieved `a.o' from cache" in again.stdout
    assert "Retrieved `b.o' from cache" in again.stdout
    assert "synth-cc" not in again.stdout


# ---------------------------------------------------------------------- CMake

CMAKELISTS = """\
cmake_minimum_required(VERSION 3.20)
project(t C)
find_package(synth 0.1 CONFIG REQUIRED)
add_executable(fw.elf main.c)
target_link_options(fw.elf PRIVATE {link})
synth_add_wasm_object(fw.elf a.wat PREFIX a_ OPTIONS -O2 -fsynth-report-html)
synth_add_wasm_object(fw.elf b.wasm PREFIX b_)
"""

CMAKELISTS_LANGUAGE = """\
cmake_minimum_required(VERSION 3.20)
project(t C)
find_package(synth CONFIG REQUIRED)
enable_language(SYNTH)
add_executable(fw.elf main.c a.wat b.wasm)
set_source_files_properties(a.wat PROPERTIES COMPILE_OPTIONS "-msynth-prefix=a_")
set_source_files_properties(b.wasm PROPERTIES COMPILE_OPTIONS "-msynth-prefix=b_")
target_link_options(fw.elf PRIVATE {link})
"""

GENERATORS = {"ninja": ["-G", "Ninja"], "make": ["-G", "Unix Makefiles"]}


def cmake_configure(d, generator):
    if shutil.which("cmake") is None or (generator == "ninja" and not shutil.which("ninja")):
        pytest.skip("needs cmake (and ninja)")
    cm = buildsys.cmake_dir()
    run(["cmake", "-S", ".", "-B", "build", *GENERATORS[generator],
         f"-DCMAKE_TOOLCHAIN_FILE={cm}/arm-none-eabi.cmake", f"-Dsynth_DIR={cm}",
         "-DCMAKE_C_FLAGS=" + " ".join(ARCH)], d, minimal_env())


def cmake_build(d, *args):
    return run(["cmake", "--build", "build", "-v", *args], d, minimal_env())


def compiled(out: str) -> set[str]:
    """Sources the build compiled (synth-cc or gcc with -c)."""
    names = set()
    for line in out.splitlines():
        words = line.split()
        if "-c" in words and ("synth-cc" in line or "gcc" in line):
            names.add(os.path.basename(words[words.index("-c") + 1]))
    return names


@needs
@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_cmake_function_builds_incrementally(tmp_path, generator):
    d = write_project(tmp_path / "cm")
    (d / "CMakeLists.txt").write_text(CMAKELISTS.format(link=" ".join(LINK)))
    cmake_configure(d, generator)
    first = cmake_build(d, "-j2")
    assert compiled(first.stdout) == {"a.wat", "b.wasm", "main.c"}
    assert "-mcpu=cortex-m4 -mthumb -mfloat-abi=soft" in first.stdout   # from CMAKE_C_FLAGS
    # object and report where CMake puts a C object (as the SYNTH language does)
    report = d / "build" / "CMakeFiles" / "fw.elf.dir" / "a.wat.synth.yaml"
    assert report.exists() and report.with_suffix(".html").exists()
    assert not (report.parent / "b.wasm.synth.html").exists()
    assert compiled(cmake_build(d).stdout) == set()                      # no-op
    if generator == "ninja":
        assert "no work to do" in run(["ninja", "-C", "build", "-n"], d).stdout
    (d / "a.wat").write_text(A_WAT.format(9))
    assert compiled(cmake_build(d).stdout) == {"a.wat"}
    syms = run(["arm-none-eabi-nm", "build/fw.elf"], d).stdout
    assert " T a_value" in syms and " T b_value" in syms


@needs
@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_cmake_synth_language(tmp_path, generator):
    d = write_project(tmp_path / "lang")
    (d / "CMakeLists.txt").write_text(CMAKELISTS_LANGUAGE.format(link=" ".join(LINK)))
    cmake_configure(d, generator)
    first = cmake_build(d, "-j2")
    assert compiled(first.stdout) == {"a.wat", "b.wasm", "main.c"}
    assert "-MD -MT" in first.stdout and "-mcpu=cortex-m4" in first.stdout
    assert (d / "build" / "CMakeFiles" / "fw.elf.dir" / "a.wat.synth.yaml").exists()
    assert compiled(cmake_build(d).stdout) == set()
    (d / "b.wasm").write_bytes((d / "b.wasm").read_bytes())              # touch
    os.utime(d / "b.wasm", (os.path.getmtime(d / "b.wasm") + 5,) * 2)
    assert compiled(cmake_build(d).stdout) == {"b.wasm"}
    syms = run(["arm-none-eabi-nm", "build/fw.elf"], d).stdout
    assert " T a_value" in syms and " T b_value" in syms


CMAKELISTS_LATE_FLAGS = """\
cmake_minimum_required(VERSION 3.20)
project(t C)
find_package(synth CONFIG REQUIRED)
enable_language(SYNTH)
add_executable(lang.elf main.c a.wat b.wasm)
set_source_files_properties(a.wat PROPERTIES COMPILE_OPTIONS "-msynth-prefix=a_")
set_source_files_properties(b.wasm PROPERTIES COMPILE_OPTIONS "-msynth-prefix=b_")
add_executable(func.elf main.c)
synth_add_wasm_object(func.elf a.wat PREFIX a_)
synth_add_wasm_object(func.elf b.wasm PREFIX b_)
target_link_options(lang.elf PRIVATE {link})
target_link_options(func.elf PRIVATE {link})
add_subdirectory(late)
add_subdirectory(own)
# after both routes were set up, as projects often set their C flags
string(REPLACE cortex-m4 cortex-m33 CMAKE_C_FLAGS "${{CMAKE_C_FLAGS}}")
"""
# a subdirectory that changes its C flags after adding its target
CMAKELISTS_LATE = """\
add_library(late STATIC c.wat)
synth_add_wasm_object(late d.wat)
string(REPLACE cortex-m4 cortex-m3 CMAKE_C_FLAGS "${CMAKE_C_FLAGS}")
"""
# one whose CMAKE_SYNTH_FLAGS name a core: they win over the C flags' one
CMAKELISTS_OWN = """\
set(CMAKE_SYNTH_FLAGS "${CMAKE_SYNTH_FLAGS} -mcpu=cortex-m3")
add_library(own STATIC c.wat)
"""


def cpu_arch(obj):
    out = run(["arm-none-eabi-readelf", "-A", str(obj)], obj.parent).stdout
    return out.split("Tag_CPU_arch: ")[1].split()[0]


@needs
def test_cmake_target_options_are_the_final_c_flags(tmp_path):
    """Both routes take -mcpu= & co. from each directory's C flags as they are at
    the end of configuration, not when find_package/enable_language ran; both
    put object and report where CMake puts a C object."""
    d = write_project(tmp_path / "late")
    (d / "CMakeLists.txt").write_text(CMAKELISTS_LATE_FLAGS.format(link=" ".join(LINK)))
    for sub, text in (("late", CMAKELISTS_LATE), ("own", CMAKELISTS_OWN)):
        (d / sub).mkdir()
        (d / sub / "CMakeLists.txt").write_text(text)
        (d / sub / "c.wat").write_text(A_WAT.format(3))
    (d / "late" / "d.wat").write_text(A_WAT.format(4).replace('"value"', '"other"'))
    cmake_configure(d, "ninja" if shutil.which("ninja") else "make")
    cmake_build(d)
    b = d / "build"
    for target in ("lang.elf", "func.elf"):
        objdir = b / "CMakeFiles" / (target + ".dir")
        for src in ("a.wat", "b.wasm"):
            assert cpu_arch(objdir / (src + ".o")) == "v8-M.mainline", (target, src)
            assert (objdir / (src + ".synth.yaml")).is_file(), (target, src)
        (main_o,) = objdir.glob("main.c.o*")            # .obj: CMake's Generic system
        assert cpu_arch(main_o) == "v8-M.mainline"
    late = b / "late" / "CMakeFiles" / "late.dir"
    assert cpu_arch(late / "c.wat.o") == "v7" and cpu_arch(late / "d.wat.o") == "v7"
    assert cpu_arch(b / "own" / "CMakeFiles" / "own.dir" / "c.wat.o") == "v7"


# --------------------------------------------------------------------- ccache

@needs
def test_ccache_in_front_of_synth_cc(tmp_path):
    """ccache caches only languages it knows: a bare .wasm/.wat is "unsupported
    source language" and always compiles; after `-x cpp-output` (synth-cc keeps
    the input WebAssembly) ccache hashes the module itself and the second clean
    compile, in another directory, is a hit with the same object bytes.  The
    report is not among what ccache restores."""
    if shutil.which("ccache") is None:
        pytest.skip("needs ccache")
    env = dict(os.environ, CCACHE_DIR=str(tmp_path / "cache"))

    def stats():
        out = run(["ccache", "--print-stats"], tmp_path, env).stdout
        return {k: int(v) for k, v in (ln.split("\t", 1) for ln in out.splitlines()
                                        if "\t" in ln and ln.split("\t")[1].isdigit())}

    d = write_project(tmp_path / "plain")
    run(["ccache", SYNTH_CC, *ARCH, "-c", "a.wat", "-o", "a.o"], d, env)
    assert stats()["unsupported_source_language"] == 1
    objs = []
    for k in range(2):
        d = write_project(tmp_path / f"build{k}")
        run(["ccache", SYNTH_CC, *ARCH, "-x", "cpp-output", "-c", "a.wat", "-o", "a.o"], d, env)
        objs.append((d / "a.o").read_bytes())
    s = stats()
    assert s["cache_miss"] == 1 and s["direct_cache_hit"] + s["preprocessed_cache_hit"] == 1, s
    assert objs[0] == objs[1]
    assert (tmp_path / "build0" / "a.synth.yaml").exists()
    assert not (tmp_path / "build1" / "a.synth.yaml").exists()


# ----------------------------------------------------------- synth-cc's cache

@needs
def test_synth_cc_cache_serves_identical_results(tmp_path):
    """-fsynth-cache-dir=: the second compile of the same bytes with the same
    options is a hit, wherever the file is; outputs equal a fresh compile."""
    d = write_project(tmp_path / "c1")
    other = tmp_path / "c2"
    other.mkdir()
    (other / "renamed.wat").write_text((d / "a.wat").read_text())
    cache = str(tmp_path / "cache")
    flags = [*ARCH, "-O2", f"-fsynth-cache-dir={cache}", "-v"]
    first = run([SYNTH_CC, *flags, "-c", "a.wat", "-o", "a.o"], d)
    assert "from the cache" not in first.stderr
    second = run([SYNTH_CC, *flags, "-MD", "-c", "renamed.wat", "-o", "r.o"], other)
    assert "from the cache" in second.stderr
    assert (other / "r.o").read_bytes() == (d / "a.o").read_bytes()
    assert (other / "r.d").read_text() == "r.o: renamed.wat\n"
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "renamed.wat").write_text((d / "a.wat").read_text())
    run([SYNTH_CC, *ARCH, "-O2", "-c", "renamed.wat", "-o", "r.o"], fresh)
    assert (other / "r.synth.yaml").read_text() == (fresh / "r.synth.yaml").read_text()
    # another option, another entry
    third = run([SYNTH_CC, *flags, "-msynth-prefix=x_", "-c", "a.wat", "-o", "x.o"], d)
    assert "from the cache" not in third.stderr


@needs
def test_cmake_clean_build_from_synth_cc_cache(tmp_path):
    d = write_project(tmp_path / "lang")
    (d / "CMakeLists.txt").write_text(CMAKELISTS_LANGUAGE.format(link=" ".join(LINK)))
    if shutil.which("cmake") is None or not shutil.which("ninja"):
        pytest.skip("needs cmake and ninja")
    cm = buildsys.cmake_dir()
    cache = tmp_path / "cache"
    for k in range(2):
        build = f"build{k}"
        run(["cmake", "-S", ".", "-B", build, "-G", "Ninja",
             f"-DCMAKE_TOOLCHAIN_FILE={cm}/arm-none-eabi.cmake", f"-Dsynth_DIR={cm}",
             "-DCMAKE_C_FLAGS=" + " ".join(ARCH),
             f"-DCMAKE_SYNTH_FLAGS={' '.join(ARCH)} -fsynth-cache-dir={cache} -v"],
            d, minimal_env())
        out = run(["cmake", "--build", build], d, minimal_env())
        hits = out.stdout.count("from the cache") + out.stderr.count("from the cache")
        assert hits == (2 if k else 0), out.stdout + out.stderr
    assert (d / "build0" / "fw.elf").read_bytes() == (d / "build1" / "fw.elf").read_bytes()
