"""Build one kernel as each variant, with pinned flags, into an emulator ELF.

Each core has its own set of variants (CORES): the Cortex-M4 set, and the
Cortex-M0+ set (gcc -O2/-Os and the synth builds; ARMv6-M, no FPU).

Every variant links into the same image: synth's emulator harness
(synth_toolchain/run/harness.S, emu.ld) plus a two-function C glue,
`bench_init` (instantiate: data segments, wasm2c's runtime) and `bench_run`
(call the kernel once), so the measured call is the same for all of them.

Compile time and peak memory are taken per tool process
(GNU time's %M: ru_maxrss of the tool and the children it waited for, e.g.
cc1 and as under the gcc driver).  The clang front end is shared by the wasm2c and
synth variants and recorded once per kernel, not in either.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from synth_toolchain.errors import SynthError
from synth_toolchain.run import clang_wasm
from synth_toolchain.run.link import link_executable

from .kernels import KERNELS_DIR, Kernel

CPU = "cortex-m4"                       # the default core
M0PLUS = "cortex-m0plus"
FLOAT_ABI = "soft"                      # synth's default (Options.float_abi): the baseline
ARM_GCC = os.environ.get("SYNTH_ARM_GCC", "arm-none-eabi-gcc")
CLANG = os.environ.get("BENCH_CLANG", "clang")
WASM2C = os.environ.get("BENCH_WASM2C", "wasm2c")
TIME = os.environ.get("BENCH_TIME", "/usr/bin/time")         # GNU time, for peak RSS

FPU = "fpv4-sp-d16"                     # the M4's FPU, for the hard-float variants
C_COMMON = ["-ffreestanding", "-std=c11", "-I", str(KERNELS_DIR)]
WASM_MEMORY = 131072                    # 2 pages: data, 16 KiB stack, heap room
# clang -c at one of these levels, then wasm-ld: no post-link wasm-opt, installed or not
# (clang_wasm.py).  -O2 is the speed build, -Oz the size build (the -oz variants).
WASM_LEVELS = ("-O2", "-Oz")
WASM_LDFLAGS = ["--no-entry", "--export=benchmark", f"--initial-memory={WASM_MEMORY}",
                "-z", "stack-size=16384"]
# wasm2c output: NDEBUG drops its asserts (they would pull in newlib's stdio);
# no contraction of a*b+c into a fused multiply-add (VFMA), which wasm forbids
WASM2C_CFLAGS = ["-O2", "-DNDEBUG", "-fno-strict-aliasing", "-ffp-contract=off"]
WASM2C_UNCHECKED = ["-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=1", "-DWASM_RT_SKIP_SIGNAL_RECOVERY=1"]
LINK_LIBS = ("c", "gcc")                # newlib's mem* if gcc calls them, libgcc's soft float
WASM_RT_SOURCE = Path(__file__).resolve().parent / "wasm2c_rt.c"
MODULE = "kernel"                       # wasm2c module name: Z_kernel...
SYNTH = [sys.executable, "-m", "synth_toolchain.cli"]


@dataclass(frozen=True, slots=True)
class Variant:
    """One way of turning a kernel into code for one core."""
    name: str
    kind: str                           # "native" | "wasm2c" | "synth"
    opt: str = "-O2"                    # gcc level (native, and wasm2c's C)
    tier: str | None = None             # synth --tier
    opt_level: str = "2"                # synth --opt-level
    bounds: str = "checked"             # synth --bounds; wasm2c explicit checks or none
    float_abi: str = FLOAT_ABI
    clang_opt: str = "-O2"              # the clang level the wasm is built at (wasm kinds)
    cpu: str = CPU                      # gcc -mcpu=, synth --cpu=, the emulated core

    @property
    def wasm(self) -> bool:
        return self.kind != "native"

    @property
    def wasm_build(self) -> str:
        """Where the module came from, for the CSV: clang level, linker, post-link step."""
        if not self.wasm:
            return ""
        return (f"clang {self.clang_opt}, wasm-ld, "
                f"post-link optimiser {clang_wasm.POST_LINK_OPTIMISER}")

    @property
    def fpu(self) -> str | None:
        return None if self.float_abi == "soft" else FPU

    @property
    def arch(self) -> list[str]:
        flags = [f"-mcpu={self.cpu}", "-mthumb", f"-mfloat-abi={self.float_abi}"]
        return flags + ([f"-mfpu={self.fpu}"] if self.fpu else [])


BASELINE = "gcc-O2"
VARIANTS: tuple[Variant, ...] = (
    Variant(BASELINE, "native", "-O2"),
    Variant("gcc-Os", "native", "-Os"),
    Variant("wasm2c", "wasm2c"),
    Variant("wasm2c-unchecked", "wasm2c", bounds="none"),
    *(Variant(f"synth-{tier}" + ("" if bounds == "checked" else "-unchecked"), "synth",
              tier=tier, bounds=bounds)
      for bounds in ("checked", "none") for tier in ("opt", "opt-nopromote", "baseline")),
    # the same from clang -Oz, synth at --opt-level z: the size comparison against gcc -Os
    Variant("wasm2c-oz", "wasm2c", clang_opt="-Oz"),
    Variant("synth-opt-oz", "synth", tier="opt", clang_opt="-Oz", opt_level="z"),
    Variant("synth-opt-oz-unchecked", "synth", tier="opt", bounds="none", clang_opt="-Oz",
            opt_level="z"),
)
# With the FPU (f32 in hardware, f64 still in libgcc): opt-in, --hard-float.
HARD_VARIANTS: tuple[Variant, ...] = (
    Variant("gcc-O2-hard", "native", float_abi="hard"),
    Variant("wasm2c-hard", "wasm2c", float_abi="hard"),
    Variant("synth-opt-hard", "synth", tier="opt", float_abi="hard"),
)
QUICK_VARIANTS = (BASELINE, "gcc-Os", "wasm2c", "synth-opt", "synth-opt-oz", "synth-baseline")
VARIANT_BY_NAME = {v.name: v for v in (*VARIANTS, *HARD_VARIANTS)}


@dataclass(frozen=True, slots=True)
class CoreSet:
    """The variants of one core: all, the --quick names, the --hard-float ones."""
    cpu: str
    variants: tuple[Variant, ...]
    quick: tuple[str, ...]
    hard: tuple[Variant, ...] = ()

    @property
    def by_name(self) -> dict[str, Variant]:
        return {v.name: v for v in (*self.variants, *self.hard)}


# Cortex-M0+ (ARMv6-M): gcc -O2/-Os and the synth builds of the M4 set, same names
# and levels; no FPU, so no hard-float variants.
M0PLUS_VARIANTS = tuple(replace(v, cpu=M0PLUS) for v in VARIANTS if v.kind != "wasm2c")
CORES = {
    CPU: CoreSet(CPU, VARIANTS, QUICK_VARIANTS, HARD_VARIANTS),
    M0PLUS: CoreSet(M0PLUS, M0PLUS_VARIANTS,
                    tuple(n for n in QUICK_VARIANTS if not n.startswith("wasm2c"))),
}


class BuildError(Exception):
    """A tool failed: the message is its last line, then its command and output."""


@dataclass(slots=True)
class ToolStats:
    seconds: float = 0.0
    peak_rss_kib: int = 0

    def add(self, other: "ToolStats") -> None:
        self.seconds += other.seconds
        self.peak_rss_kib = max(self.peak_rss_kib, other.peak_rss_kib)


@dataclass(slots=True)
class Build:
    variant: Variant
    exe: str
    kernel_objects: list[str]           # whose functions count as the kernel's code
    glue_objects: list[str]             # harness side: not counted
    compile: ToolStats = field(default_factory=ToolStats)


def run_tool(cmd: list[str], cwd: str | None = None) -> ToolStats:
    """Run one tool; wall time, and peak RSS of it and its children.

    The tool runs under GNU time, not as our own child: a process forked
    from this Python process inherits its RSS high-water mark across exec,
    so wait4's ru_maxrss would never read below the runner's own size."""
    with tempfile.TemporaryDirectory(prefix="bench-tool-") as tmp:
        stats_file = os.path.join(tmp, "rusage")
        log_file = os.path.join(tmp, "log")
        start = time.perf_counter()
        with open(log_file, "wb") as log:
            try:
                proc = subprocess.run([TIME, "-f", "%M", "-o", stats_file, *cmd], cwd=cwd,
                                      stdout=log, stderr=subprocess.STDOUT)
            except FileNotFoundError:
                raise BuildError(f"{TIME} not found (Debian package time; ./do bench installs it)"
                                 ) from None
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            out = Path(log_file).read_text(errors="replace").strip()
            # the tool's last line (its error, as a rule) first: the one line the logs show
            last = out.splitlines()[-1] if out else f"exit status {proc.returncode}"
            raise BuildError(f"{last}\n{' '.join(cmd)}\n{out[-3000:]}")
        lines = Path(stats_file).read_text().split()
        return ToolStats(elapsed, int(lines[-1]))


def _gcc_compile(src: Path, obj: Path, arch: list[str], flags: list[str]) -> ToolStats:
    return run_tool([ARM_GCC, *arch, *flags, "-c", str(src), "-o", str(obj)])


def _wasm_rt_include(dest: Path) -> Path:
    """A directory holding only wasm-rt.h (the system include directory that
    has it also has host headers, which must not reach the cross compiler)."""
    for cand in ("/usr/include/wasm-rt.h", "/usr/src/wasm2c/wasm-rt.h",
                 "/usr/local/include/wasm-rt.h"):
        if os.path.exists(cand):
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cand, dest / "wasm-rt.h")
            return dest
    raise BuildError("wasm-rt.h not found (Debian package wabt)")


GLUE = {
    "native": "void bench_init(void) {}\nuint32_t bench_run(void) { return benchmark(); }\n",
    "synth": "void synth_init(void);\nvoid bench_init(void) { synth_init(); }\n"
             "uint32_t bench_run(void) { return benchmark(); }\n",
    "wasm2c": f'#include "{MODULE}.h"\nstatic Z_{MODULE}_instance_t instance;\n'
              f"void bench_init(void) {{ wasm_rt_init(); Z_{MODULE}_init_module(); "
              f"Z_{MODULE}_instantiate(&instance); }}\n"
              f"uint32_t bench_run(void) {{ return Z_{MODULE}Z_benchmark(&instance); }}\n",
}


def _glue(kind: str, workdir: Path, arch: list[str], flags: list[str]) -> Path:
    src = workdir / "glue.c"
    head = "#include <stdint.h>\n" + ("uint32_t benchmark(void);\n" if kind != "wasm2c" else "")
    src.write_text("/* generated by bench/build.py */\n" + head + GLUE[kind])
    obj = workdir / "glue.o"
    _gcc_compile(src, obj, arch, ["-O2", *flags])
    return obj


def build_wasm(kernel: Kernel, workdir: Path, level: str = "-O2") -> tuple[Path, ToolStats]:
    """clang at `level` (one of WASM_LEVELS) to a self-contained wasm32 module
    exporting `benchmark`, in workdir/wasm<level>/ (compile and link times
    summed, peak RSS the larger)."""
    if level not in WASM_LEVELS:
        raise ValueError(f"wasm level {level!r} is not one of {WASM_LEVELS}")
    objdir = workdir / f"wasm{level}"
    objdir.mkdir(parents=True, exist_ok=True)
    wasm = objdir / "kernel.wasm"
    stats = ToolStats()
    cflags = [level, *C_COMMON, "-I", str(kernel.path)]
    for cmd in clang_wasm.commands(kernel.sources, wasm, str(objdir), cflags, WASM_LDFLAGS, CLANG):
        stats.add(run_tool(cmd))
    return wasm, stats


def build_variant(kernel: Kernel, variant: Variant, workdir: Path,
                  wasm: Path | None) -> Build:
    workdir.mkdir(parents=True, exist_ok=True)
    arch = variant.arch
    stats = ToolStats()
    objs: list[Path] = []
    extra: list[Path] = []
    if variant.kind == "native":
        for src in kernel.sources:
            obj = workdir / (src.stem + ".o")
            stats.add(_gcc_compile(src, obj, arch,
                                   [variant.opt, *C_COMMON, "-I", str(kernel.path)]))
            objs.append(obj)
        glue = _glue("native", workdir, arch, [])
    elif variant.kind == "synth":
        assert wasm is not None
        obj = workdir / "kernel.o"
        stats.add(run_tool([*SYNTH, "compile", str(wasm),
                            "-o", str(obj), "--cpu", variant.cpu, "--float-abi", variant.float_abi,
                            "--tier", variant.tier or "opt", "--bounds", variant.bounds,
                            "--opt-level", variant.opt_level, "--no-report"]))
        objs.append(obj)
        glue = _glue("synth", workdir, arch, [])
    elif variant.kind == "wasm2c":
        assert wasm is not None
        csrc = workdir / f"{MODULE}.c"
        stats.add(run_tool([WASM2C, str(wasm), "-n", MODULE, "-o", str(csrc)]))
        inc = _wasm_rt_include(workdir / "include")
        flags = ["-I", str(inc), "-I", str(workdir)]
        if variant.bounds == "none":
            flags += WASM2C_UNCHECKED
        obj = workdir / f"{MODULE}.o"
        stats.add(_gcc_compile(csrc, obj, arch, [*WASM2C_CFLAGS, *flags]))
        objs.append(obj)
        rt = workdir / "wasm2c_rt.o"
        _gcc_compile(WASM_RT_SOURCE, rt, arch, ["-O2", "-DNDEBUG", *flags])
        extra.append(rt)
        glue = _glue("wasm2c", workdir, arch, ["-DNDEBUG", *flags])
    else:
        raise ValueError(f"unknown variant kind {variant.kind}")
    exe = workdir / "bench.elf"
    try:
        link_executable([str(glue), *map(str, objs), *map(str, extra)], str(exe), cpu=variant.cpu,
                        libs=LINK_LIBS, float_abi=variant.float_abi, fpu=variant.fpu)
    except SynthError as err:
        raise BuildError(str(err)) from None
    return Build(variant, str(exe), [str(o) for o in objs], [str(glue)], stats)
