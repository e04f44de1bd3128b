"""examples/firmware: real Cortex-M images built with Make, SCons and CMake,
run in qemu-system-arm (mps2-an386: Cortex-M4, mps2-an505: Cortex-M33,
mps3-an547: Cortex-M55 with hard float on its FPv5-D16; microbit: Cortex-M0, ARMv6-M).

Each build works in a temporary copy of the example.  The images print over
semihosting and exit with status 0 when every check passed: the deliberate
divide-by-zero trap at the end reaches the C `synth_trap` handler (main.c),
which ends the run.  The run targets of the three builds pass that status on.

The whole matrix (three build systems x two machines, plus the committed
ctrl.wasm without clang) takes about 10 s, so none of it is marked slow.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from synth_toolchain.run import clang_wasm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "firmware")
QEMU = "qemu-system-arm"
GCC = "arm-none-eabi-gcc"
CPUS = {"an386": "cortex-m4", "an505": "cortex-m33", "an547": "cortex-m55",
        "microbit": "cortex-m0"}
BOARDS = {"an386": "mps2-an386", "an505": "mps2-an505", "an547": "mps3-an547",
          "microbit": "microbit"}
PASS_STATUS = 0

pytestmark = pytest.mark.skipif(shutil.which(GCC) is None or shutil.which(QEMU) is None,
                                reason="needs arm-none-eabi-gcc and qemu-system-arm")

# Everything the firmware prints after its first line (which names the core).
EXPECTED = """\
filter: 8-tap FIR ready
filter: step response 0 0 63 156 313 500 688 844 938 1000 1000 1000
filter: output clipped
filter: saturated output 32767
filter: matches C reference
ctrl: configured, setpoint 2000
ctrl: saturated at 4095
ctrl: saturated at 4095
ctrl: step 8 drive 2288 level 1824
ctrl: step 16 drive 2060 level 1984
ctrl: settled after steps 20
ctrl: step 24 drive 2039 level 1999
ctrl: step 32 drive 2036 level 2000
ctrl: step 40 drive 2036 level 2000
ctrl: average of last 16 readings 1999, drive energy 211426458
fw: all checks passed; dividing by zero inside wasm on purpose
synth_trap: code 3 (integer divide by zero)
fw: done, exit status 0
""".splitlines()

# ctrl.c to ctrl.wasm as the example's build files do it: clang -c, then wasm-ld
# (synth_toolchain/run/clang_wasm.py: no wasm-opt, whether binaryen is installed or not)
WASM_CFLAGS = ["-O2", "-fno-builtin"]
WASM_LDFLAGS = ["--no-entry", "--strip-all", "--stack-first", "-z", "stack-size=4096",
                "--initial-memory=65536"]


def have_clang():
    return shutil.which("clang") is not None and shutil.which("wasm-ld") is not None


def is_clang14():
    """ctrl.wasm was made with clang 14: only its output can be compared byte for byte."""
    version = subprocess.run(["clang", "--version"], capture_output=True, text=True).stdout
    return re.search(r"clang version 14\.", version) is not None


def check_ctrl_wasm(elf):
    """A build from source made the committed ctrl.wasm (no wasm-opt ran, even if installed)."""
    if have_clang() and is_clang14():
        with open(os.path.join(EXAMPLE, "ctrl.wasm"), "rb") as f:
            assert (elf.parent / "ctrl.wasm").read_bytes() == f.read()


@pytest.fixture(scope="module")
def toolenv(tmp_path_factory):
    """PATH with a `synth-cc` that runs this tree's driver."""
    bindir = tmp_path_factory.mktemp("bin")
    wrapper = bindir / "synth-cc"
    wrapper.write_text('#!/bin/sh\nexec "%s" -m synth_toolchain.cc.driver "$@"\n' % sys.executable)
    wrapper.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = str(bindir) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


def copy_example(dest):
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("build"))
    return dest


def sh(cmd, cwd, env, timeout=300):
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=timeout)
    assert r.returncode == 0, "%s failed (%d):\n%s\n%s" % (cmd, r.returncode, r.stdout, r.stderr)
    return r


def run_qemu(elf, machine):
    """Run an image; semihosting output comes on stdout or stderr depending on
    the QEMU version, so both are taken."""
    r = subprocess.run([QEMU, "-M", BOARDS[machine], "-nographic", "-monitor", "none",
                        "-serial", "null", "-semihosting-config", "enable=on,target=native",
                        "-kernel", str(elf)],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    return r.returncode, (r.stdout + r.stderr).splitlines()


# the hard-float image's rms.wat, after the filter lines
RMS_LINE = "rms: of 8 samples on the FPU 15802.627"
HARD_FLOAT = {"an547"}


def expected_lines(machine):
    lines = list(EXPECTED)
    if machine in HARD_FLOAT:
        lines.insert(lines.index("filter: matches C reference") + 1, RMS_LINE)
    return ["fw: synth firmware on " + CPUS[machine]] + lines


def check_run(elf, machine):
    status, lines = run_qemu(elf, machine)
    assert lines == expected_lines(machine), "\n".join(lines)
    assert status == PASS_STATUS, "\n".join(lines)
    return lines


# ---- the three build systems ----

def build_make(src, machine, env, wasm_from=None):
    cmd = ["make", "-j4", "MACHINE=" + machine]
    if wasm_from:
        cmd.append("WASM_FROM=" + wasm_from)
    sh(cmd, src, env)
    return src / "build" / machine / "fw.elf"


def build_scons(src, machine, env):
    if shutil.which("scons") is None:
        pytest.skip("needs scons")
    sh(["scons", "-Q", "-j4", "MACHINE=" + machine, "SYNTH_ROOT=" + ROOT], src, env)
    return src / "build" / ("scons-" + machine) / "fw.elf"


def build_cmake(src, machine, env):
    if shutil.which("cmake") is None:
        pytest.skip("needs cmake")
    build = src / "build" / ("cmake-" + machine)
    gen = ["-G", "Ninja"] if shutil.which("ninja") else []
    sh(["cmake", "-S", ".", "-B", str(build), *gen, "-DMACHINE=" + machine,
        "-DSYNTH_ROOT=" + ROOT], src, env)
    sh(["cmake", "--build", str(build)], src, env)
    return build / "fw.elf"


BUILDERS = {"make": build_make, "scons": build_scons, "cmake": build_cmake}

# each build system's run target (built already: it only runs the image)
RUN_TARGETS = {
    "make": lambda machine: ["make", "MACHINE=" + machine, "run"],
    "scons": lambda machine: ["scons", "-Q", "MACHINE=" + machine, "SYNTH_ROOT=" + ROOT, "run=1"],
    "cmake": lambda machine: ["cmake", "--build", "build/cmake-" + machine, "-t", "run"],
}


def run_target(system, src, machine, env):
    return subprocess.run(RUN_TARGETS[system](machine), cwd=src, env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=300)


def break_a_check(src):
    """The firmware of `src` fails one check (and so exits with status 1)."""
    main = src / "main.c"
    text = main.read_text()
    assert "check(big == 32767," in text
    main.write_text(text.replace("check(big == 32767,", "check(big == 0,"))


@pytest.fixture(scope="module")
def make_an386(tmp_path_factory, toolenv):
    src = copy_example(tmp_path_factory.mktemp("fw") / "firmware")
    elf = build_make(src, "an386", toolenv)
    return src, elf, check_run(elf, "an386")


def test_make_an386(make_an386):
    src, elf, _ = make_an386
    build = src / "build" / "an386"
    # -MMD dependency files for C and for the wasm modules
    for stem in ("main", "startup", "semihost", "ctrl", "filter"):
        assert (build / (stem + ".d")).is_file(), stem
    assert (build / "ctrl.synth.yaml").is_file()
    check_ctrl_wasm(elf)


def test_make_is_incremental(make_an386, toolenv):
    src, _, _ = make_an386
    q = ["make", "-q", "MACHINE=an386"]
    assert subprocess.run(q, cwd=src, env=toolenv, capture_output=True).returncode == 0
    os.utime(src / "filter.wat")
    assert subprocess.run(q, cwd=src, env=toolenv, capture_output=True).returncode == 1
    r = sh(["make", "MACHINE=an386"], src, toolenv)
    assert "filter.wat" in r.stdout and "main.c" not in r.stdout


def test_make_an505_prebuilt_wasm(tmp_path, toolenv):
    """Cortex-M33 in the Secure state, and the committed ctrl.wasm (no clang)."""
    src = copy_example(tmp_path / "firmware")
    elf = build_make(src, "an505", toolenv, wasm_from="prebuilt")
    check_run(elf, "an505")


def test_make_run_target_passes_the_firmware_status_on(make_an386, tmp_path, toolenv):
    """`make run` succeeds when the firmware passes and fails when it does not."""
    src, _, _ = make_an386
    r = run_target("make", src, "an386", toolenv)
    assert r.returncode == 0, r.stdout + r.stderr
    broken = tmp_path / "firmware"
    shutil.copytree(src, broken, symlinks=True)
    break_a_check(broken)
    r = run_target("make", broken, "an386", toolenv)
    assert r.returncode != 0 and "FAIL: filter saturates" in r.stdout + r.stderr


@pytest.mark.parametrize("system", ["scons", "cmake"])
def test_an386(system, tmp_path, toolenv):
    src = copy_example(tmp_path / "firmware")
    elf = BUILDERS[system](src, "an386", toolenv)
    check_run(elf, "an386")
    check_ctrl_wasm(elf)
    r = run_target(system, src, "an386", toolenv)
    assert r.returncode == 0, r.stdout + r.stderr
    break_a_check(src)
    r = run_target(system, src, "an386", toolenv)
    assert r.returncode != 0 and "FAIL: filter saturates" in r.stdout + r.stderr


@pytest.mark.parametrize("system", ["make", "scons", "cmake"])
def test_an505(system, tmp_path, toolenv):
    src = copy_example(tmp_path / "firmware")
    check_run(BUILDERS[system](src, "an505", toolenv), "an505")


@pytest.mark.parametrize("system", ["make", "scons", "cmake"])
def test_an547_hard_float(system, tmp_path, toolenv):
    """Cortex-M55 (ARMv8.1-M) with -mfloat-abi=hard: rms.wat's f64 function runs on
    the FPv5-D16, its arguments in d0-d7 and on the stack, its result in d0; the run
    target passes the status on."""
    src = copy_example(tmp_path / "firmware")
    elf = BUILDERS[system](src, "an547", toolenv)
    check_run(elf, "an547")
    attrs = subprocess.run(["arm-none-eabi-readelf", "-A", str(elf)], capture_output=True,
                           text=True).stdout
    assert "Tag_ABI_VFP_args: VFP registers" in attrs and "v8.1-M.mainline" in attrs
    dis = subprocess.run(["arm-none-eabi-objdump", "-d", str(elf)], capture_output=True,
                         text=True).stdout
    rms = dis[dis.index("<rms_rms8>:"):]
    rms = rms[:rms.index("\n\n")]
    assert "vsqrt.f64" in rms and "vmul.f64\td0," in rms and "vldr" in rms
    r = run_target(system, src, "an547", toolenv)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("system", ["make", "scons", "cmake"])
def test_microbit(system, tmp_path, toolenv):
    """ARMv6-M: the same firmware on the micro:bit's Cortex-M0 (16 KiB of RAM)."""
    src = copy_example(tmp_path / "firmware")
    check_run(BUILDERS[system](src, "microbit", toolenv), "microbit")


# ---- the example's sources ----

@pytest.mark.skipif(not have_clang(), reason="needs clang and wasm-ld")
def test_prebuilt_ctrl_wasm_is_current(tmp_path):
    """The committed ctrl.wasm is exactly what clang makes of ctrl.c (with or
    without binaryen's wasm-opt installed: the helper never runs it)."""
    if not is_clang14():
        version = subprocess.run(["clang", "--version"], capture_output=True, text=True).stdout
        pytest.skip("ctrl.wasm was made with clang 14; this is " + version.splitlines()[0])
    out = tmp_path / "ctrl.wasm"
    clang_wasm.build([os.path.join(EXAMPLE, "ctrl.c")], out, WASM_CFLAGS, WASM_LDFLAGS)
    with open(os.path.join(EXAMPLE, "ctrl.wasm"), "rb") as f:
        assert out.read_bytes() == f.read(), \
            "regenerate with: make -C examples/firmware check-wasm (see its README)"


def prototypes(text):
    """name -> (result type, parameter types) for each one-line C prototype."""
    protos = {}
    for m in re.finditer(r"^(?:extern\s+)?(\w+)\s+(\w+)(\(([^)]*)\)|\[\d+\]);", text, re.M):
        ret, name, rest, params = m.groups()
        if params is None:
            protos[name] = (ret, rest)
        else:
            types = [] if params.strip() in ("", "void") else [p.split()[0] for p in params.split(",")]
            protos[name] = (ret, types)
    return protos


def test_modules_h_matches_generated_headers(tmp_path):
    """modules.h declares what `synth compile --header` writes for both modules."""
    with open(os.path.join(EXAMPLE, "modules.h")) as f:
        ours = prototypes(f.read())
    for module, prefix, size in (("ctrl.wasm", "ctrl_", "16K"), ("filter.wat", "flt_", "4K"),
                                 ("rms.wat", "rms_", None)):
        header = tmp_path / (module + ".h")
        subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile",
                        os.path.join(EXAMPLE, module), "-o", str(tmp_path / (module + ".o")),
                        "--prefix", prefix, *(["--memory-size", size] if size else []), "--header", str(header),
                        "--no-report"], check=True, cwd=ROOT)
        generated = prototypes(header.read_text())
        assert generated, module
        for name, proto in generated.items():
            assert ours.get(name) == proto, (module, name, proto, ours.get(name))


HOST_HARNESS = r"""
#include <stdio.h>
#include <stdint.h>
void configure(int32_t, int32_t, int32_t);
int32_t step(void);
int32_t average(void);
int64_t energy(void);
static int32_t level, drive;
int32_t sensor_read(int32_t c) { return c == 0 ? level : -1; }
void actuator_write(int32_t c, int32_t v) {
    if (c) return;
    drive = v; level += (drive - level) / 8 - 4; if (level < 0) level = 0;
}
void ctrl_log(int32_t e, int32_t v) {
    static const char *const names[] = {"?", "configured, setpoint", "saturated at",
                                        "settled after steps"};
    printf("ctrl: %s %d\n", e > 0 && e < 4 ? names[e] : names[0], v);
}
int main(void) {
    configure(2000, 640, 128);
    for (int i = 1; i <= 40; i++) {
        int32_t d = step();
        if (i % 8 == 0) printf("ctrl: step %d drive %d level %d\n", i, d, level);
    }
    printf("ctrl: average of last 16 readings %d, drive energy %lld\n",
           average(), (long long)energy());
    return 0;
}
"""


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a host C compiler")
def test_ctrl_agrees_with_a_host_build(make_an386, tmp_path):
    """ctrl.c compiled natively for the host, with the same simulated plant,
    prints the same controller lines as the wasm module running on Cortex-M."""
    _, _, lines = make_an386
    (tmp_path / "harness.c").write_text(HOST_HARNESS)
    exe = tmp_path / "host"
    subprocess.run(["cc", "-O2", "-w", "-o", str(exe), str(tmp_path / "harness.c"),
                    os.path.join(EXAMPLE, "ctrl.c")], check=True)
    host = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    assert [l for l in lines if l.startswith("ctrl:")] == host.splitlines()
