"""The kernel benchmark in quick mode: a few kernels (one of them a kernel
directory written here, following the documented convention) built as
native gcc, wasm2c and synth (from the wasm of clang -O2 and -Oz), run on
the emulator, checksums in agreement; the issue-14 tables from made-up results.
The full benchmark (`./do bench`) is not a test."""

import csv
import os
import shutil

import pytest

from bench import run as bench_run
from bench.report import Result, Table, issue_kernel_lines, issue_summary_lines, markdown
from bench.timing import block_cost, classify

TOOLS = ("clang", "wasm2c", "arm-none-eabi-gcc")

USER_KERNEL = """\
#include <stdint.h>
static uint16_t buf[300];
uint32_t benchmark(void) {
    uint32_t x = 7, h = 0;
    for (int i = 0; i < 300; i++) { x = x * 1103515245u + 12345u; buf[i] = (uint16_t)(x >> 16); }
    for (int i = 1; i < 300; i++) h = h * 33 + (uint32_t)(buf[i] / (buf[i - 1] | 1));
    return h;
}
"""


@pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS) or
                    not os.path.exists(os.environ.get("BENCH_TIME", "/usr/bin/time")),
                    reason="clang, wasm2c, GNU time or the Arm toolchain missing (./do bench installs them)")
def test_quick_checksums_agree(tmp_path):
    mine = tmp_path / "mykernel"
    mine.mkdir()
    (mine / "k.c").write_text(USER_KERNEL)
    out = tmp_path / "out"
    rc = bench_run.main(["--quick", "crc32", "biquad", str(mine), "--out", str(out)])
    rows = list(csv.DictReader(open(out / "results.csv")))
    assert rc == 0, [(r["kernel"], r["variant"], r["status"], r["detail"]) for r in rows
                     if r["status"] != "ok"]
    by_kernel: dict[str, set[str]] = {}
    for r in rows:
        assert r["status"] == "ok"
        assert int(r["text_bytes"]) > 0 and int(r["cycles"]) >= int(r["instructions"]) > 0
        by_kernel.setdefault(r["kernel"], set()).add(r["checksum"])
    assert set(by_kernel) == {"crc32", "biquad", "mykernel"}
    assert all(len(sums) == 1 for sums in by_kernel.values()), by_kernel
    assert len(rows) == 3 * 6    # quick: gcc-O2/Os, wasm2c, synth opt (wasm -O2 and -Oz), baseline
    wasm_from = {r["variant"]: r["wasm_build"] for r in rows if r["kernel"] == "crc32"}
    assert wasm_from["gcc-Os"] == ""
    assert wasm_from["synth-opt"] == "clang -O2, wasm-ld, post-link optimiser none"
    assert wasm_from["synth-opt-oz"] == "clang -Oz, wasm-ld, post-link optimiser none"
    builds = out / "build" / "crc32"
    assert (builds / "wasm-O2" / "kernel.wasm").read_bytes() != \
        (builds / "wasm-Oz" / "kernel.wasm").read_bytes()
    md = (out / "results.md").read_text()
    assert "geomean" in md and "| synth, bounds checked | " in md


def test_cycle_model():
    assert classify("bne.w") == ("cbranch", "b", True)
    assert classify("lsls")[:2] == ("alu", "lsl")
    assert classify("popeq") == ("multi", "pop", True)
    # ldr 2, pipelined ldr 1, str after a load 1, push 1+3, pop with pc 1+2+P
    cost = block_cost([(0, 2, "ldr", "r0, [r1]"), (2, 2, "ldr", "r2, [r3]"),
                       (4, 2, "str", "r2, [r0]"), (6, 2, "push", "{r4, r5, lr}"),
                       (8, 2, "pop", "{r4, pc}")])
    assert (cost.instructions, cost.cycles, cost.cond_branch_end) == (5, 2 + 1 + 1 + 4 + 5, False)
    assert block_cost([(0, 2, "cmp", "r0, #1"), (2, 2, "bne", "#0x20")]).cond_branch_end


def test_multiplies_cost_what_the_m4_trm_gives():
    """Cortex-M4 TRM r0p1 Table 3-1: MLA, MLS and the long multiplies are 1
    cycle on the M4 (2 and 3-7 are the Cortex-M3's), bench/timing.py."""
    for m in ("mul", "mla", "mls", "smull", "umull", "smlal", "umlal"):
        assert block_cost([(0, 4, m, "r0, r1, r2, r3")]).cycles == 1, m


def _result(kernel, variant, size, cycles):
    return Result(kernel, variant, text_bytes=size, cycles=cycles, instructions=cycles)


def test_issue_table_ratios():
    """Cycles against gcc -O2 from the -O2 wasm, size against gcc -O2 and gcc -Os
    from the -O2 wasm and against gcc -Os from the -Oz wasm, per kernel and as
    geomeans, for synth checked and unchecked (wasm2c as the reference row)."""
    rows = []
    for k, scale in (("a", 1), ("b", 4)):
        rows += [_result(k, "gcc-O2", 100 * scale, 1000), _result(k, "gcc-Os", 80 * scale, 1100),
                 _result(k, "synth-opt", 300 * scale, 1300),
                 _result(k, "synth-opt-oz", 200 * scale, 1500),
                 _result(k, "synth-opt-unchecked", 250 * scale, 1200),
                 _result(k, "synth-opt-oz-unchecked", 160 * scale, 1400)]
    rows[-4].cycles = 1690                      # kernel b, synth-opt: 1.69×, geomean 1.48×
    t = Table(rows)
    per_kernel = issue_kernel_lines(t)
    assert per_kernel[0].startswith("| kernel |") and "--bounds none" in per_kernel[0]
    # a: checked 1.30× cycles, 3.00× size vs -O2, 3.75× vs -Os, 2.50× (-Oz) vs -Os; then none
    assert per_kernel[2] == ("| a | 1.30× | 3.00× | 3.75× | 2.50× "
                             "| 1.20× | 2.50× | 3.12× | 2.00× |")
    assert per_kernel[-2].startswith("| **geomean** | 1.48× | 3.00× | 3.75× | 2.50× | 1.20× |")
    assert per_kernel[-1].startswith("| **worst** | 1.69× (b) |")
    summary = issue_summary_lines(t)
    assert summary[2].startswith("| synth, bounds checked | 1.48× | 3.00× | 3.75× | 2.50× |")
    assert summary[4] == "| wasm2c + gcc -O2 | – | – | – | – |"   # its variants did not run
    md = markdown(t, {"post-link optimiser": "none"}, None)
    assert "\n".join(summary) in md and "post-link optimiser none" in md
