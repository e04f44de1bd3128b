"""The kernel benchmark in quick mode: a few kernels (one of them a kernel
directory written here, following the documented convention) built as
native gcc, wasm2c and synth, run on the emulator, checksums in agreement.
The full benchmark (`./do bench`) is not a test."""

import csv
import os
import shutil

import pytest

from bench import run as bench_run
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
    assert len(rows) == 3 * 4                        # quick: gcc-O2, wasm2c, synth opt/baseline
    assert "geomean" in (out / "results.md").read_text()


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
