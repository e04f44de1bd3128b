"""The kernel benchmark in quick mode: a few kernels (one of them a kernel
directory written here, following the documented convention) built as
native gcc, wasm2c and synth (from the wasm of clang -O2 and -Oz), run on
the emulator, checksums in agreement; the issue-14 tables from made-up results;
the Cortex-M0+ set (`--cpu cortex-m0plus`) and its cycle table, checked on
every ARMv6-M instruction capstone decodes and on a hand-counted trace.
The full benchmark (`./do bench`) is not a test."""

import csv
import os
import shutil
import sys

import pytest
from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs

from bench import build as B
from bench import run as bench_run
from bench.measure import run as measure_run
from bench.report import Result, Table, issue_kernel_lines, issue_summary_lines, markdown
from bench.timing import CORTEX_M0PLUS, CORTEX_M4, TIMINGS, block_cost, classify
from synth_toolchain.run.link import link_executable

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


needs_tools = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS) or
    not os.path.exists(os.environ.get("BENCH_TIME", "/usr/bin/time")),
    reason="clang, wasm2c, GNU time or the Arm toolchain missing (./do bench installs them)")


@needs_tools
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


# ------------------------------------------------------------------ Cortex-M0+

# ARMv7-M's additions to the 16-bit encodings: not ARMv6-M, so not in the M0+ table
V7M_ONLY = {"cbz", "cbnz", "it"}
# the 32-bit instructions of ARMv6-M (halfwords in memory order)
V6M_WIDE = {"bl": (0xF000, 0xF800), "dmb": (0xF3BF, 0x8F5F), "dsb": (0xF3BF, 0x8F4F),
            "isb": (0xF3BF, 0x8F6F), "mrs": (0xF3EF, 0x8008), "msr": (0xF380, 0x8808),
            "udf.w": (0xF7F0, 0xA000)}


def _thumb16():
    """Every 16-bit Thumb encoding capstone decodes (a 32-bit prefix skipped)."""
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    for hw in range(0x10000):
        if hw >> 11 not in (0b11101, 0b11110, 0b11111):
            yield from cs.disasm_lite(hw.to_bytes(2, "little"), 0)


def test_every_v6m_instruction_has_an_m0plus_cost():
    """All of ARMv6-M as capstone prints it (every 16-bit encoding but
    CBZ/CBNZ/IT, and the 32-bit BL, DMB, DSB, ISB, MRS, MSR, UDF.W) is
    classified and costed by the Cortex-M0+ table; the v7-M-only ones are
    not (they would show up as unclassified in a run)."""
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    wide = [next(cs.disasm_lite(b"".join(h.to_bytes(2, "little") for h in hws), 0))
            for hws in V6M_WIDE.values()]
    assert [i[2] for i in wide] == list(V6M_WIDE)
    missing, refused = set(), set()
    for insn in [*_thumb16(), *wide]:
        cls, base, _cond = classify(insn[2])
        unknown = block_cost([insn], CORTEX_M0PLUS).unclassified
        (refused if cls in ("cbz", "it") else missing).update(unknown)
        assert not block_cost([insn], CORTEX_M4).unclassified, insn
    assert missing == set()
    assert refused == V7M_ONLY


@pytest.mark.parametrize("mnemonic, ops, cycles", [
    ("movs", "r0, #1", 1), ("mov", "r8, r1", 1), ("mov", "pc, r1", 2), ("add", "pc, r2", 2),
    ("adds", "r0, r1, r2", 1), ("muls", "r0, r1, r0", 1), ("uxtb", "r0, r1", 1),
    ("ldr", "r0, [r1, #4]", 2), ("ldrsh", "r0, [r1, r2]", 2), ("str", "r0, [sp, #8]", 2),
    ("strb", "r0, [r1]", 2), ("ldm", "r0!, {r1, r2, r3}", 4), ("stm", "r0!, {r1, r2}", 3),
    ("push", "{r4, r5, r6, r7, lr}", 6), ("pop", "{r4, r5}", 3), ("pop", "{r4, pc}", 5),
    ("b", "#0x40", 2), ("bl", "#0x400", 3), ("bx", "lr", 2), ("blx", "r3", 2),
    ("dmb", "sy", 3), ("mrs", "r0, primask", 3), ("msr", "primask, r0", 3), ("wfi", "", 2),
    ("cpsid", "i", 1), ("nop", "", 1),
])
def test_m0plus_costs_are_the_trms(mnemonic, ops, cycles):
    """Cortex-M0+ TRM (ARM DDI 0484C) Table 3-1, row by row (bench/timing.py)."""
    assert block_cost([(0, 2, mnemonic, ops)], CORTEX_M0PLUS).cycles == cycles


def test_m0plus_conditional_branch():
    """B<cc>: 1 when it falls through, 2 when taken (the extra cycle is
    charged by the counter once the next block is known)."""
    cost = block_cost([(0, 2, "cmp", "r0, #1"), (2, 2, "bne", "#0x20")], CORTEX_M0PLUS)
    assert (cost.cycles, cost.taken_extra) == (2, 1)
    assert block_cost([(0, 2, "bne", "#0x20")], CORTEX_M4).taken_extra == 2


# bench_run: a loop of 3 with two loads, a store and a taken branch back, a call,
# a return through pop; 28 from the data {5, 1}.  Per instruction: M0+ | M4 cycles.
TRACE_S = """\
        .syntax unified
        .thumb
        .text
        .global bench_init, bench_run
        .type bench_init, %function
        .thumb_func
bench_init:
        bx      lr
        .type bench_run, %function
        .thumb_func
bench_run:
        push    {r4, lr}          @ 3 | 3
        ldr     r1, =data         @ 2 | 2
        movs    r0, #0            @ 1 | 1
        movs    r4, #3            @ 1 | 1
1:      ldr     r2, [r1]          @ 2 | 2    x3
        ldr     r3, [r1, #4]      @ 2 | 1    x3 (M4: pipelined after a load)
        adds    r0, r0, r2        @ 1 | 1    x3
        adds    r0, r0, r3        @ 1 | 1    x3
        str     r0, [r1]          @ 2 | 1    x3
        subs    r4, #1            @ 1 | 1    x3
        bne     1b                @ 1 | 1    x3, taken twice: +1 | +2
        bl      helper            @ 3 | 3
        pop     {r4, pc}          @ 5 | 5
        .thumb_func
helper:
        adds    r0, #1            @ 1 | 1
        bx      lr                @ 2 | 3
        .ltorg
        .data
        .align 2
data:   .word 5, 1
"""
TRACE_INSTRUCTIONS = 4 + 3 * 7 + 2 + 2
TRACE_CYCLES = {"cortex-m0plus": 7 + 3 * 10 + 2 + 3 + 5 + 3,
                "cortex-m4": 7 + 3 * 8 + 4 + 3 + 5 + 4}


@pytest.mark.skipif(shutil.which("arm-none-eabi-gcc") is None, reason="no Arm toolchain")
@pytest.mark.parametrize("cpu", sorted(TRACE_CYCLES))
def test_hand_counted_trace(tmp_path, cpu):
    """The counter on the emulated core (unicorn's Cortex-M0 model for the
    M0+) against the cycles counted by hand from each core's table."""
    src = tmp_path / "trace.S"
    src.write_text(TRACE_S)
    exe = link_executable([], str(tmp_path / "trace.elf"), cpu=cpu, extra_sources=[str(src)])
    variant = B.Variant("trace", "native", cpu=cpu)
    out = measure_run(B.Build(variant, exe, [], []))
    assert (out.checksum, out.trap, out.unclassified) == (28, None, {})
    assert (out.instructions, out.cycles) == (TRACE_INSTRUCTIONS, TRACE_CYCLES[cpu])
    assert set(TIMINGS) == set(TRACE_CYCLES)


def test_m0plus_variants():
    """The M0+ set: gcc -O2/-Os and the synth variants of the M4 set, at the
    same levels, built for -mcpu=cortex-m0plus (soft float: no FPU)."""
    m4, m0 = B.CORES["cortex-m4"], B.CORES["cortex-m0plus"]
    assert [v.name for v in m0.variants] == \
        [v.name for v in m4.variants if v.kind != "wasm2c"]
    for v in m0.variants:
        same = m4.by_name[v.name]
        assert (v.kind, v.opt, v.tier, v.opt_level, v.bounds, v.clang_opt) == \
            (same.kind, same.opt, same.tier, same.opt_level, same.bounds, same.clang_opt)
        assert v.arch == ["-mcpu=cortex-m0plus", "-mthumb", "-mfloat-abi=soft"]
    assert m0.quick == ("gcc-O2", "gcc-Os", "synth-opt", "synth-opt-oz", "synth-baseline")
    assert bench_run.main(["--cpu", "cortex-m0plus", "--hard-float", "crc32"]) == 2
    assert bench_run.main(["--cpu", "cortex-m0plus", "--variant", "wasm2c", "crc32"]) == 2


def _rows(path):
    return {r["variant"]: r for r in csv.DictReader(open(path))}


@needs_tools
def test_m0plus_synth_failure_is_a_row(tmp_path, monkeypatch):
    """A synth that cannot compile for the core: its rows say "build failed"
    with the tool's error line, the gcc rows are measured on the M0 model,
    the exit status is 1, and the files carry the core's name (an M4 run's
    results.* stay untouched)."""
    refuse = "synth compile: error: no back end for cortex-m0plus"
    monkeypatch.setattr(B, "SYNTH", [sys.executable, "-c", f"import sys; sys.exit({refuse!r})"])
    out = tmp_path / "out"
    (out).mkdir()
    (out / "results.md").write_text("the M4 run\n")
    rc = bench_run.main(["--cpu", "cortex-m0plus", "--variant", "gcc-Os", "--variant",
                         "synth-baseline", "crc32", "--out", str(out), "--repeat", "1"])
    assert rc == 1
    rows = _rows(out / "results-cortex-m0plus.csv")
    assert list(rows) == ["gcc-O2", "gcc-Os", "synth-baseline"]
    assert rows["synth-baseline"]["status"] == "build failed"
    assert rows["synth-baseline"]["detail"].splitlines()[0] == refuse
    for name in ("gcc-O2", "gcc-Os"):
        r = rows[name]
        assert (r["status"], r["checksum"], r["unclassified"]) == ("ok", "7bd779d1", "")
        assert int(r["cycles"]) > int(r["instructions"]) > 0 and int(r["text_bytes"]) > 0
    md = (out / "results-cortex-m0plus.md").read_text()
    assert "Estimated Cortex-M0+ cycles" in md and "DDI 0484C" in md
    assert f"crc32 / synth-baseline: build failed: {refuse}" in md
    assert (out / "results.md").read_text() == "the M4 run\n"
    assert (out / "build-cortex-m0plus" / "crc32" / "gcc-Os" / "bench.elf").exists()


@needs_tools
def test_m0plus_synth_opt(tmp_path):
    """synth-opt for the M0+ with the real synth: the same checksum as gcc on
    the Cortex-M0 model, every executed instruction in the M0+ table."""
    out = tmp_path / "out"
    rc = bench_run.main(["--cpu", "cortex-m0plus", "--variant", "synth-opt", "crc32",
                         "--out", str(out), "--repeat", "1"])
    rows = _rows(out / "results-cortex-m0plus.csv")
    synth = rows["synth-opt"]
    assert (synth["status"], synth["checksum"]) == ("ok", rows["gcc-O2"]["checksum"])
    assert synth["unclassified"] == "" and rc == 0


def test_update_docs_touches_only_the_cores_section(tmp_path):
    docs = tmp_path / "benchmarks.md"
    m4_begin, m4_end = bench_run.markers("cortex-m4")
    m0_begin, m0_end = bench_run.markers("cortex-m0plus")
    docs.write_text(f"intro\n{m4_begin}\nM4 tables\n{m4_end}\nprose\n"
                    f"{m0_begin}\nold M0+\n{m0_end}\nend\n")
    bench_run.update_docs("new M0+", None, "cortex-m0plus", docs=docs)
    assert docs.read_text() == (f"intro\n{m4_begin}\nM4 tables\n{m4_end}\nprose\n"
                                f"{m0_begin}\nnew M0+\n{m0_end}\nend\n")
    assert (m4_begin, m4_end) == (bench_run.BEGIN, bench_run.END)
    assert bench_run.file_tag("cortex-m4") == "" and \
        bench_run.file_tag("cortex-m0plus") == "-cortex-m0plus"
    docs.write_text("no markers\n")
    with pytest.raises(SystemExit):
        bench_run.update_docs("x", None, "cortex-m0plus", docs=docs)
