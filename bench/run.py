"""Build every kernel as every variant, run it on the emulated core (the
Cortex-M4 by default, or the Cortex-M0+), check that all checksums agree,
and write the tables, CSV and chart.

    python -m bench.run                       # all of bench/kernels, all variants
    python -m bench.run --quick crc32 fsm     # a few variants (wasm -O2 and -Oz), no chart
    python -m bench.run path/to/mykernel      # any directory following the convention
    python -m bench.run --update-docs         # also refresh docs/benchmarks.md and docs/bench.png
    python -m bench.run --cpu cortex-m0plus   # the Cortex-M0+ set: results-cortex-m0plus.*

Exit status 1 when any variant failed to build or run, or computed a
checksum different from the others (or from the kernel's `expected` file):
also when synth cannot compile for the chosen core yet (those rows say
"build failed", the others are measured and written all the same).
Status 2 for a usage error (unknown kernel, a variant the core does not have).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from synth_toolchain.run import clang_wasm
from synth_toolchain.run.emulator import EmulatorError

from . import build as B
from .kernels import Kernel, discover, resolve
from .measure import code_sizes, run
from .report import Result, Table, chart, markdown, write_csv
from .timing import TIMINGS

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"     # the Cortex-M4 section


def file_tag(cpu: str) -> str:
    """What the core adds to the output names: nothing for the default core
    (results.md, bench.png, build/), `-<cpu>` for the others."""
    return "" if cpu == B.CPU else f"-{cpu}"


def markers(cpu: str) -> tuple[str, str]:
    """The markers around a core's generated section of docs/benchmarks.md."""
    if cpu == B.CPU:
        return BEGIN, END
    return f"<!-- bench-{cpu}:begin -->", f"<!-- bench-{cpu}:end -->"


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def measure_variant(kernel: Kernel, variant: B.Variant, workdir: Path, wasm: Path | None,
                    repeat: int) -> Result:
    res = Result(kernel.name, variant.name, wasm_build=variant.wasm_build)
    try:
        builds = [B.build_variant(kernel, variant, workdir, wasm) for _ in range(repeat)]
    except B.BuildError as err:
        res.status, res.detail = "build failed", str(err)
        return res
    build = builds[-1]
    res.compile_s = round(min(b.compile.seconds for b in builds), 4)   # least disturbed run
    res.compile_peak_kib = max(b.compile.peak_rss_kib for b in builds)
    res.text_bytes, res.support_bytes = code_sizes(build)
    try:
        out = run(build)
    except EmulatorError as err:
        res.status, res.detail = "emulator error", str(err)
        return res
    res.instructions, res.cycles = out.instructions, out.cycles
    res.unclassified = " ".join(f"{m}:{n}" for m, n in sorted(out.unclassified.items()))
    if out.trap is not None:
        res.status, res.detail = "trap", f"trap code {out.trap}"
    else:
        res.checksum = f"{out.checksum:08x}"
    return res


def build_wasms(kernel: Kernel, kdir: Path, variants: list[B.Variant]
                ) -> dict[str, tuple[Path | None, B.ToolStats | None]]:
    """The kernel's wasm module at each clang level some variant needs."""
    wasms: dict[str, tuple[Path | None, B.ToolStats | None]] = {}
    for level in dict.fromkeys(v.clang_opt for v in variants if v.wasm):
        try:
            wasms[level] = B.build_wasm(kernel, kdir, level)
        except B.BuildError as err:
            log(f"{kernel.name}: clang {level} to wasm failed:\n{err}")
            wasms[level] = (None, None)
    return wasms


def check_checksums(kernel: Kernel, rows: list[Result]) -> None:
    """The reference is the kernel's `expected` file, else gcc -O2, else the
    most common value; every disagreeing variant is marked wrong."""
    done = [r for r in rows if r.ok]
    if not done:
        return
    ref = f"{kernel.expected:08x}" if kernel.expected is not None else None
    if ref is None:
        base = next((r for r in done if r.variant == B.BASELINE), None)
        ref = base.checksum if base else max({r.checksum for r in done},
                                             key=[r.checksum for r in done].count)
    for r in done:
        if r.checksum != ref:
            r.status, r.detail = "wrong checksum", f"got {r.checksum}, expected {ref}"


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
    return out.splitlines()[0] if out else "?"


def context(argv: list[str]) -> dict[str, str]:
    """The machine and tool versions, for the report header."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = _version(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    return {
        "date": datetime.date.today().isoformat(),
        "machine": f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}",
        "synth": f"{commit}, CPython {platform.python_version()}",
        "gcc": _version([B.ARM_GCC, "--version"]),
        "clang": _version([B.CLANG, "--version"]),
        "wasm-ld": _version([clang_wasm.wasm_ld_for(B.CLANG), "--version"]),
        "post-link optimiser": clang_wasm.POST_LINK_OPTIMISER,
        "wasm2c": _version([B.WASM2C, "--version"]),
        "emulator": "unicorn " + __import__("unicorn").__version__,
        "command": " ".join(["python -m bench.run", *argv]),
    }


def update_docs(md: str, chart_path: Path | None, cpu: str = B.CPU,
                docs: Path = DOCS) -> None:
    """Replace the core's generated section of docs/benchmarks.md, nothing
    else (the chart has the same name in out/bench and docs/, so its link holds)."""
    begin, end = markers(cpu)
    text = docs.read_text()
    if begin not in text or end not in text:
        raise SystemExit(f"{docs}: markers {begin} / {end} not found")
    head, rest = text.split(begin, 1)
    _old, tail = rest.split(end, 1)
    docs.write_text(f"{head}{begin}\n{md}\n{end}{tail}")
    if chart_path:
        shutil.copyfile(chart_path, docs.parent / chart_path.name)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("kernels", nargs="*", metavar="KERNEL",
                   help="kernel names from bench/kernels, or kernel directories (default: all)")
    p.add_argument("--kernel-dir", action="append", default=[], metavar="DIR",
                   help="a kernel directory, or a directory of kernel directories")
    p.add_argument("--cpu", choices=list(B.CORES), default=B.CPU,
                   help="the core: compiled for (-mcpu=, --cpu), emulated and timed "
                        f"(default {B.CPU}); {B.M0PLUS}: gcc -O2/-Os and the synth variants")
    names = dict.fromkeys(n for core in B.CORES.values() for n in core.by_name)
    p.add_argument("--variant", action="append", default=[], choices=list(names),
                   help="only these variants (gcc-O2 is always built: it is the reference; "
                        "the -oz ones use the wasm of clang -Oz, the others that of -O2)")
    p.add_argument("--hard-float", action="store_true",
                   help="add " + ", ".join(v.name for v in B.HARD_VARIANTS) +
                        " (-mfloat-abi=hard, FPv4-SP; Cortex-M4 only)")
    p.add_argument("--quick", action="store_true",
                   help=f"variants {', '.join(B.QUICK_VARIANTS)} only (on the M0+: "
                        f"{', '.join(B.CORES[B.M0PLUS].quick)}), one compile, no chart")
    p.add_argument("--repeat", type=int, default=None,
                   help="compile each variant N times and keep the fastest (default 3, quick 1)")
    p.add_argument("--out", type=Path, default=REPO / "out" / "bench", help="output directory")
    p.add_argument("--no-chart", action="store_true")
    p.add_argument("--update-docs", action="store_true",
                   help="write the tables into the core's section of docs/benchmarks.md and "
                        "the chart to docs/bench.png (docs/bench-<cpu>.png for other cores)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    try:
        specs = [*args.kernels, *args.kernel_dir]
        kernels = [k for s in specs for k in resolve(s)] if specs else discover()
    except ValueError as err:
        log(str(err))
        return 2
    core = B.CORES[args.cpu]
    names = list(args.variant or (core.quick if args.quick else
                                  [v.name for v in core.variants]))
    if args.hard_float:
        if not core.hard:
            log(f"--hard-float: {args.cpu} has no FPU variants")
            return 2
        names += [v.name for v in core.hard if v.name not in names]
    if B.BASELINE not in names:
        names = [B.BASELINE, *names]
    missing = [n for n in names if n not in core.by_name]
    if missing:
        log(f"no variant {', '.join(missing)} for {args.cpu} "
            f"(it has: {', '.join(core.by_name)})")
        return 2
    variants = [core.by_name[n] for n in names]
    repeat = args.repeat or (1 if args.quick else 3)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    tag = file_tag(args.cpu)
    timing = TIMINGS[args.cpu]

    results: list[Result] = []
    for kernel in kernels:
        kdir = out / f"build{tag}" / kernel.name
        rows: list[Result] = []
        wasms = build_wasms(kernel, kdir, variants)
        for v in variants:
            wasm, front = wasms.get(v.clang_opt, (None, None)) if v.wasm else (None, None)
            if v.wasm and wasm is None:
                rows.append(Result(kernel.name, v.name, "build failed",
                                   f"clang {v.clang_opt} to wasm failed",
                                   wasm_build=v.wasm_build))
                continue
            r = measure_variant(kernel, v, kdir / v.name, wasm, repeat)
            if front is not None:
                r.frontend_s = round(front.seconds, 4)
            rows.append(r)
        check_checksums(kernel, rows)
        for r in rows:
            shown = (f"{r.checksum} {r.text_bytes:6d} B {r.cycles:9d} cycles"
                     if r.ok else f"{r.status.upper()}: {r.detail.splitlines()[0] if r.detail else ''}")
            log(f"{kernel.name:12} {r.variant:30} {shown}")
        results.extend(rows)

    table = Table(results)
    results_md, results_csv = out / f"results{tag}.md", out / f"results{tag}.csv"
    write_csv(results, results_csv)
    chart_path = None
    if not (args.quick or args.no_chart):
        chart_path = out / f"bench{tag}.png"
        if not chart(table, chart_path, timing):
            log("matplotlib is not installed (pip install -e '.[bench]'): no chart")
            chart_path = None
    md = markdown(table, context(argv), chart_path.name if chart_path else None, timing)
    results_md.write_text(md + "\n")
    log(f"wrote {results_md}, {results_csv}" + (f", {chart_path}" if chart_path else ""))
    if args.update_docs:
        update_docs(md, chart_path, args.cpu)
        log(f"updated {DOCS}" + (f" and docs/{chart_path.name}" if chart_path else ""))
    failures = table.failures()
    for r in failures:
        log(f"FAILED {r.kernel} / {r.variant}: {r.status}: {r.detail}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
