"""Tables, CSV and chart of a benchmark run.

Ratios are against native gcc -O2 (BASELINE) on the same kernel; summaries
are geometric means over the kernels where both the variant and the
baseline ran correctly, so one failure does not hide the other numbers.
"""

from __future__ import annotations

import csv
import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Iterable, Sequence

from .build import BASELINE
from .timing import CORTEX_M4, CoreTiming


@dataclass(slots=True)
class Result:
    kernel: str
    variant: str
    status: str = "ok"              # ok | build failed | trap | emulator error | wrong checksum
    detail: str = ""
    checksum: str = ""
    text_bytes: int | None = None
    support_bytes: int | None = None
    instructions: int | None = None
    cycles: int | None = None
    compile_s: float | None = None
    compile_peak_kib: int | None = None
    frontend_s: float | None = None     # clang to wasm, shared by the wasm variants
    unclassified: str = ""
    wasm_build: str = ""                # clang level, linker and post-link optimiser

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def geomean(values: Iterable[float]) -> float | None:
    vals = [v for v in values if v and v > 0]
    if not vals:
        return None
    return math.exp(sum(math.log(v) for v in vals) / len(vals))


class Table:
    """Results indexed by (kernel, variant), in run order."""

    def __init__(self, results: Sequence[Result]):
        self.results = list(results)
        self.kernels = list(dict.fromkeys(r.kernel for r in results))
        self.variants = list(dict.fromkeys(r.variant for r in results))
        self.cell = {(r.kernel, r.variant): r for r in results}

    def ratio(self, kernel: str, variant: str, metric: str,
              baseline: str = BASELINE) -> float | None:
        r, b = self.cell.get((kernel, variant)), self.cell.get((kernel, baseline))
        if not (r and b and r.ok and b.ok):
            return None
        num, den = getattr(r, metric), getattr(b, metric)
        return num / den if num and den else None

    def geomean_ratio(self, variant: str, metric: str,
                      baseline: str = BASELINE) -> tuple[float | None, int]:
        ratios = [self.ratio(k, variant, metric, baseline) for k in self.kernels]
        ratios = [x for x in ratios if x is not None]
        return geomean(ratios), len(ratios)

    def failures(self) -> list[Result]:
        return [r for r in self.results if not r.ok]


# ------------------------------------------------------------------ CSV

def write_csv(results: Sequence[Result], path: Path) -> None:
    names = [f.name for f in fields(Result)]
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=names)
        w.writeheader()
        for r in results:
            w.writerow(asdict(r))


# ------------------------------------------------------------------ Markdown

def _fmt_ratio(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}×"


def _fmt_count(n: int) -> str:
    return f"{n / 1e6:.2f}M" if n >= 1e6 else f"{n / 1e3:.0f}k"


def _cell(t: Table, kernel: str, variant: str, metric: str, fmt) -> str:
    r = t.cell.get((kernel, variant))
    if r is None:
        return ""
    if not r.ok:
        return f"**{r.status}**"
    value = fmt(getattr(r, metric))
    return value if variant == BASELINE else f"{value} ({_fmt_ratio(t.ratio(kernel, variant, metric))})"


def _metric_table(t: Table, metric: str, fmt) -> list[str]:
    head = "| kernel | " + " | ".join(t.variants) + " |"
    lines = [head, "|---|" + "---:|" * len(t.variants)]
    for k in t.kernels:
        lines.append(f"| {k} | " + " | ".join(_cell(t, k, v, metric, fmt) for v in t.variants) + " |")
    gm = []
    for v in t.variants:
        g, n = t.geomean_ratio(v, metric)
        note = "" if n == len(t.kernels) else f" ({n}/{len(t.kernels)})"
        gm.append("1.00×" if v == BASELINE else _fmt_ratio(g) + note)
    lines.append("| **geomean** | " + " | ".join(gm) + " |")
    return lines


def _compile_table(t: Table) -> list[str]:
    lines = ["| kernel | " + " | ".join(t.variants) + " |", "|---|" + "---:|" * len(t.variants)]
    for k in t.kernels:
        cells = []
        for v in t.variants:
            r = t.cell.get((k, v))
            ok = r is not None and r.compile_s is not None
            cells.append(f"{r.compile_s:.2f} s, {r.compile_peak_kib / 1024:.0f} MiB" if ok else "–")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return lines


def summary_lines(t: Table) -> list[str]:
    lines = ["| variant | code size | est. cycles | instructions | compile time (all kernels) "
             "| peak compile RSS | failed |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for v in t.variants:
        rows = [t.cell[(k, v)] for k in t.kernels if (k, v) in t.cell]
        secs = sum(r.compile_s or 0 for r in rows)
        rss = max((r.compile_peak_kib or 0 for r in rows), default=0)
        bad = sum(not r.ok for r in rows)
        cols = [_fmt_ratio(t.geomean_ratio(v, m)[0]) for m in ("text_bytes", "cycles",
                                                                 "instructions")]
        lines.append(f"| {v} | " + " | ".join(cols) +
                     f" | {secs:.2f} s | {rss / 1024:.0f} MiB | {bad} |")
    return lines


# The comparison issue 14 asks for.  Columns: (label, metric, baseline, from the -Oz wasm).
ISSUE_COLUMNS = (
    ("cycles vs gcc -O2", "cycles", BASELINE, False),
    ("size vs gcc -O2", "text_bytes", BASELINE, False),
    ("size vs gcc -Os", "text_bytes", "gcc-Os", False),
    ("size (wasm -Oz) vs gcc -Os", "text_bytes", "gcc-Os", True),
)
# Rows: (label, short label, variant from the clang -O2 wasm, the same from clang -Oz);
# the per-kernel table has the synth rows only.
ISSUE_ROWS = (
    ("synth, bounds checked", "checked", "synth-opt", "synth-opt-oz"),
    ("synth, `--bounds none`", "`--bounds none`", "synth-opt-unchecked", "synth-opt-oz-unchecked"),
    ("wasm2c + gcc -O2", "wasm2c", "wasm2c", "wasm2c-oz"),
)
ISSUE_KERNEL_ROWS = ISSUE_ROWS[:2]


def _issue_ratios(t: Table, row: tuple[str, str, str, str],
                  column: tuple[str, str, str, bool]) -> list[tuple[str, float | None]]:
    _label, _short, o2, oz = row
    _clabel, metric, baseline, from_oz = column
    return [(k, t.ratio(k, oz if from_oz else o2, metric, baseline)) for k in t.kernels]


def issue_summary_lines(t: Table) -> list[str]:
    """Geomean per synth build (and wasm2c) in the issue's columns."""
    lines = ["| geomean | " + " | ".join(c[0] for c in ISSUE_COLUMNS) + " |",
             "|---|" + "---:|" * len(ISSUE_COLUMNS)]
    for row in ISSUE_ROWS:
        cells = [_fmt_ratio(geomean(x for _k, x in _issue_ratios(t, row, c) if x is not None))
                 for c in ISSUE_COLUMNS]
        lines.append(f"| {row[0]} | " + " | ".join(cells) + " |")
    return lines


def issue_kernel_lines(t: Table) -> list[str]:
    """The same per kernel for synth checked and unchecked, then the geomean
    and the worst kernel of each column."""
    pairs = [(row, col) for row in ISSUE_KERNEL_ROWS for col in ISSUE_COLUMNS]
    columns = [_issue_ratios(t, row, col) for row, col in pairs]
    lines = ["| kernel | " + " | ".join(f"{row[1]}: {col[0]}" for row, col in pairs) + " |",
             "|---|" + "---:|" * len(pairs)]
    for i, k in enumerate(t.kernels):
        lines.append(f"| {k} | " + " | ".join(_fmt_ratio(c[i][1]) for c in columns) + " |")
    gms = [_fmt_ratio(geomean(x for _k, x in c if x is not None)) for c in columns]
    lines.append("| **geomean** | " + " | ".join(gms) + " |")
    worst = []
    for c in columns:
        known = [(x, k) for k, x in c if x is not None]
        worst.append(f"{max(known)[0]:.2f}× ({max(known)[1]})" if known else "–")
    lines.append("| **worst** | " + " | ".join(worst) + " |")
    return lines


def markdown(t: Table, context: dict[str, str], chart: str | None,
             timing: CoreTiming = CORTEX_M4) -> str:
    out = [f"Run {context.get('date', '')} on {context.get('machine', '')}.",
           "",
           *([] if timing is CORTEX_M4 else
             [f"Core: {timing.label}, run on {timing.emulator}; estimated cycles from the "
              f"{timing.source}.",
              ""]),
           "Tools: " + "; ".join(f"{k} {v}" for k, v in context.items()
                                 if k not in ("date", "machine", "command")) + ".",
           "",
           f"Command: `{context.get('command', '')}`",
           "",
           "Geometric means of the ratio to native `gcc -O2` (lower is better):",
           "", *summary_lines(t), ""]
    if any(v in t.variants for row in ISSUE_ROWS for v in row[2:]):
        out += ["Synth against native gcc (issue 14): estimated cycles and size from the wasm "
                "of clang -O2 against gcc -O2 and gcc -Os, and size from the wasm of clang -Oz "
                "(the `-oz` variants) against gcc -Os; geometric means (lower is better):", "",
                *issue_summary_lines(t), "", "Per kernel:", "", *issue_kernel_lines(t), ""]
    if chart:
        out += [f"![code size and estimated cycles relative to gcc -O2]({chart})", ""]
    out += ["Code size: bytes of the kernel's functions (ratio to gcc -O2):", "",
            *_metric_table(t, "text_bytes", str), "",
            f"Estimated {timing.label} cycles of one `benchmark()` call (ratio to gcc -O2):", "",
            *_metric_table(t, "cycles", _fmt_count), "",
            "Executed instructions (ratio to gcc -O2):", "",
            *_metric_table(t, "instructions", _fmt_count), ""]
    out += ["Compile time and peak memory per kernel (from .c for gcc, from .wasm for wasm2c "
            "and synth; wasm2c = wasm2c + gcc):", "", *_compile_table(t), ""]
    failures = t.failures()
    if failures:
        out += ["Failures:", ""]
        out += [f"- {r.kernel} / {r.variant}: {r.status}: "
                f"{r.detail.splitlines()[0] if r.detail else ''}" for r in failures]
        out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------ chart

def chart(t: Table, path: Path, timing: CoreTiming = CORTEX_M4) -> bool:
    """Grouped bars of the size and cycle ratios per kernel (log scale).
    Returns False when matplotlib is not installed (`pip install .[bench]`)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        return False
    variants = [v for v in t.variants if v != BASELINE]
    groups = t.kernels + ["geomean"]
    fig, axes = plt.subplots(2, 1, figsize=(18, 9), sharex=True)
    width = 0.85 / max(1, len(variants))
    cmap = plt.get_cmap("tab20")            # pairs of shades: a variant dark, unchecked light
    families = list(dict.fromkeys(v.removesuffix("-unchecked") for v in variants))
    colours = {v: cmap((2 * families.index(v.removesuffix("-unchecked"))
                        + v.endswith("-unchecked")) % 20) for v in variants}
    for ax, metric, title in ((axes[0], "text_bytes", "code size / gcc -O2"),
                              (axes[1], "cycles", f"estimated {timing.label} cycles / gcc -O2")):
        for i, v in enumerate(variants):
            vals = [t.ratio(k, v, metric) for k in t.kernels] + [t.geomean_ratio(v, metric)[0]]
            xs = [g + (i - (len(variants) - 1) / 2) * width for g in range(len(groups))]
            ax.bar(xs, [x or math.nan for x in vals], width, label=v, color=colours[v])
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_yscale("log")
        lo, hi = ax.get_ylim()
        ax.set_yticks([2.0 ** e for e in range(-4, 8) if lo <= 2.0 ** e <= hi])
        ax.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
        ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_ylabel(title)
        ax.grid(axis="y", which="both", alpha=0.3)
    axes[1].set_xticks(range(len(groups)))
    axes[1].set_xticklabels(groups, rotation=30, ha="right")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=(len(variants) + 1) // 2, fontsize=9,
               bbox_to_anchor=(0.5, 0.955))
    fig.suptitle(f"synth vs native gcc and wasm2c on an emulated {timing.label}, "
                 "relative to gcc -O2 (lower is better)")
    fig.tight_layout(rect=(0, 0, 1, 0.89))
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True
