"""Stack usage: the call-graph bound (stackbound.py), the frame sizes it starts
from, gcc's .su files, the budget, and the bound against emulation."""

import glob
import os
import random

import pytest
import yaml
from unicorn import UC_HOOK_CODE
from unicorn import arm_const as A

from synth_toolchain.arm.stackscan import StackScanError, stack_depth
from synth_toolchain.cli import main
from synth_toolchain.driver import build_executable, compile_file
from synth_toolchain.options import Options
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.values import HostFunction
from synth_toolchain.stackbound import (Node, bounds, call_graph, export_bounds, parse_budget,
                                        su_path, su_text)
from synth_toolchain.tiers import TIER_NAMES
from synth_toolchain.wasm.module import ExternKind
from tests.difftest import FIXTURES, sample_args, to_wasm
from tests.progen import generate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIRMWARE = os.path.join(ROOT, "examples", "firmware")


def g(**nodes):
    """A graph from name=(bytes, [callees])."""
    return {n: Node(n, b, tuple(c)) for n, (b, c) in nodes.items()}


# -- the graph cases ----------------------------------------------------------

def test_chain_adds_every_frame():
    b = bounds(g(a=(16, ["b"]), b=(8, ["c"]), c=(24, [])), ["a"], {})["a"]
    assert (b.bytes, b.kind, b.path) == (48, "exact", [("a", 16), ("b", 8), ("c", 24)])


def test_diamond_takes_the_deeper_branch():
    graph = g(top=(8, ["left", "right"]), left=(40, ["leaf"]), right=(16, ["leaf"]),
              leaf=(8, []))
    b = bounds(graph, ["top"], {})["top"]
    assert b.bytes == 56 and [n for n, _ in b.path] == ["top", "left", "leaf"]


def test_path_ends_at_a_stop_callee_and_stays_linear():
    # every node of a chain is a root and a stop (the report's exports calling
    # each other): each path is its own frame and the next root, not the chain
    n = 300
    graph = g(**{f"f{k}": (8, [f"f{k - 1}"] if k else []) for k in range(n)})
    roots = list(graph)
    found = bounds(graph, roots, {}, stop=frozenset(roots))
    assert found[f"f{n - 1}"].bytes == 8 * n        # the bound still counts every frame
    assert found["f5"].path == [("f5", 8), ("f4", 8)] and found["f0"].path == [("f0", 8)]
    assert sum(len(b.path) for b in found.values()) == 2 * n - 1
    assert bounds(graph, ["f5"], {})["f5"].path == [(f"f{k}", 8) for k in range(5, -1, -1)]


def test_self_recursion_is_unbounded_with_its_cycle():
    b = bounds(g(main=(8, ["fact"]), fact=(16, ["fact"])), ["main"], {})["main"]
    assert (b.bytes, b.kind, b.cycle) == (None, "unbounded", ["fact", "fact"])


def test_mutual_recursion_names_the_cycle():
    graph = g(entry=(8, ["even"]), even=(8, ["odd"]), odd=(8, ["even"]), other=(8, []))
    found = bounds(graph, ["entry", "other"], {})
    assert found["entry"].kind == "unbounded"
    assert found["entry"].cycle in (["even", "odd", "even"], ["odd", "even", "odd"])
    assert found["other"].bytes == 8            # not everything is unbounded


def test_import_without_budget_is_a_named_lower_bound():
    b = bounds(g(f=(16, ["sensor_read", "leaf"]), leaf=(8, [])), ["f"], {})["f"]
    assert (b.bytes, b.kind, b.unknown) == (24, "lower", ["sensor_read"])


def test_import_with_budget_is_charged():
    b = bounds(g(f=(16, ["sensor_read", "leaf"]), leaf=(8, [])), ["f"],
               {"sensor_read": 64})["f"]
    assert (b.bytes, b.kind, b.path) == (80, "exact", [("f", 16), ("sensor_read", 64)])


def test_budget_replaces_the_default_trap_handler():
    graph = g(f=(8, ["synth_trap"]), synth_trap=(0, []))
    assert bounds(graph, ["f"], {})["f"].bytes == 8
    assert bounds(graph, ["f"], {"synth_trap": 32})["f"].bytes == 40


INDIRECT = """
(module
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (table $t 4 funcref)
  (elem (table $t) (i32.const 0) func $small $big $other)
  (elem declare func $lone)
  (func $small (type $ii) (local.get 0))
  (func $big (type $ii) (local i32 i32 i32 i32 i32 i32 i32 i32)
    (call $other) (local.get 0))
  (func $other (type $v) (call $unlisted))
  (func $unlisted (type $v))
  (func $lone (type $ii) (local.get 0))
  (func (export "dispatch") (param i32 i32) (result i32)
    (call_indirect (type $ii) (local.get 1) (local.get 0)))
  (func (export "grow") (param i32)
    (drop (table.grow $t (ref.func $lone) (local.get 0)))))
"""


def _symbols(graph, sym):
    return set(graph[sym].calls)


def test_indirect_calls_reach_the_type_compatible_table_entries():
    cm = compile_file("t.wasm", Options(), data=to_wasm(INDIRECT.replace(
        '(func (export "grow") (param i32)\n    (drop (table.grow $t (ref.func $lone) '
        '(local.get 0))))', ""))).compiled
    graph = call_graph(cm)
    lay = cm.layout
    names = {lay.func_symbol(i): cm.module.function_name(i) for i in range(5)}
    callees = {names.get(s, s) for s in _symbols(graph, "dispatch")}
    assert {"small", "big"} <= callees and not {"other", "unlisted", "lone"} & callees
    b = export_bounds(cm, {})["dispatch"]
    assert [n for n, _ in b.path][:2] == ["dispatch", "big"] and b.kind == "exact"


def test_table_grow_opens_the_table_to_every_function_of_the_type():
    cm = compile_file("t.wasm", Options(), data=to_wasm(INDIRECT)).compiled
    graph = call_graph(cm)
    names = {cm.layout.func_symbol(i): cm.module.function_name(i) for i in range(5)}
    callees = {names.get(s, s) for s in _symbols(graph, "dispatch")}
    assert {"small", "big", "lone"} <= callees and "other" not in callees


# -- frames: the emitter's figure is what the code does ------------------------

FIXTURE_FILES = sorted(glob.glob(os.path.join(FIXTURES, "*.wat")))
ABIS = {"soft": {}, "hard": {"float_abi": "hard"}}


@pytest.mark.parametrize("abi", sorted(ABIS))
@pytest.mark.parametrize("tier", TIER_NAMES)
def test_frame_bytes_match_the_prologue_in_every_fixture(tier, abi):
    """frame_bytes (what the bound adds up) is exactly how deep each function's
    code takes sp, read back from the bytes, in every function of every fixture,
    and the runtime the object adds is read the same way without error."""
    seen = 0
    for path in FIXTURE_FILES:
        cm = compile_file(path, Options(tier=tier, **ABIS[abi])).compiled
        for r in [*cm.functions, *cm.runtime_functions]:
            assert stack_depth(r.code.data, r.code.mapping) == r.frame_bytes, \
                (os.path.basename(path), r.symbol)
            seen += 1
        graph = call_graph(cm)
        assert set(graph) >= {r.symbol for r in cm.functions}
    assert seen > 100


def test_stack_scan_refuses_what_it_cannot_model():
    from synth_toolchain.arm.asm import Assembler
    a = Assembler()
    a.mov(13, 0)                   # mov sp, r0
    a.bx(14)
    code = a.finish()
    with pytest.raises(StackScanError):
        stack_depth(code.data, code.mapping)


def test_every_export_name_of_a_function_has_its_bound(tmp_path):
    """A function exported under several names (the later ones are aliases of the
    first symbol), and an exported import (a stub), each get a bound (the official
    suite's exports.wast crashed the report here)."""
    src = ('(module (import "env" "ext" (func $ext (param i32)))'
           ' (func $f (call $g)) (func $g)'
           ' (export "a" (func $f)) (export "b" (func $f)) (export "c" (func $g))'
           ' (export "again" (func $ext)) (export "more" (func $ext)))')
    path = tmp_path / "m.wasm"
    path.write_bytes(to_wasm(src))
    found = export_bounds(compile_file(str(path), Options()).compiled, {})
    assert set(found) == {"a", "b", "c", "again", "more"}
    assert found["a"].bytes == found["b"].bytes
    assert [n for n, _ in found["a"].path] == [n for n, _ in found["b"].path]
    assert found["again"].unknown == found["more"].unknown == ["ext"]


def test_report_path_stops_at_an_exported_callee(tmp_path):
    """A chain of exports calling each other: each record lists its own frame and
    names the export its path continues as, so the report grows linearly."""
    n = 40
    funcs = ['(func $f0 (export "f0") (result i32) (i32.const 1))']
    funcs += [f'(func $f{k} (export "f{k}") (result i32) (i32.add (call $f{k - 1}) (i32.const {k})))'
              for k in range(1, n)]
    path = tmp_path / "chain.wasm"
    path.write_bytes(to_wasm("(module " + " ".join(funcs) + ")"))
    report = compile_file(str(path), Options()).report
    recs = {r["export"]: r for r in report["stack_bounds"]}
    for k in range(2, n):               # (f0 is a leaf of 0 bytes: f1's path ends in f1)
        rec = recs[f"f{k}"]
        assert [p["function"] for p in rec["path"]] == [f"f{k}"] and rec["then"] == f"f{k - 1}"
        assert rec["bytes"] == rec["path"][0]["bytes"] + recs[f"f{k - 1}"]["bytes"]
    assert "then" not in recs["f0"] and "then" not in recs["f1"]


# -- .su files and budgets -----------------------------------------------------

def test_su_lines_are_gccs_format():
    cm = compile_file(os.path.join(FIRMWARE, "ctrl.wasm"), Options()).compiled
    lines = su_text(cm, "ctrl.wasm").splitlines()
    graph = call_graph(cm)
    assert len(lines) == len(graph)
    for line in lines:
        where, size, qual = line.split("\t")
        path, ln, col, name = where.split(":")
        assert (path, qual) == ("ctrl.wasm", "static") and ln.isdigit() and col.isdigit()
        assert int(size) == graph[name].bytes
    step = next(e.index for e in cm.module.exports if e.name == "step")
    offset = cm.module.functions[step - cm.layout.nimported].offset
    assert f"ctrl.wasm:1:{offset}:step\t" in su_text(cm, "ctrl.wasm")  # line 1, column = offset


def test_su_path_is_gccs_name():
    assert su_path("build/x.o") == "build/x.su" and su_path("fw-ctrl.o") == "fw-ctrl.su"


def test_budget_reads_su_lines_and_pairs():
    text = ("main.c:12:6:sensor_read\t24\tstatic\n"
            "# a comment\n\n"
            "libc.c:1:1:memcpy\t16\tdynamic,bounded\n"
            "actuator_write 40\n"
            "sensor_read 8\n")
    assert parse_budget(text) == (("actuator_write", 40), ("memcpy", 16), ("sensor_read", 24))
    with pytest.raises(ValueError, match="b.txt:2"):
        parse_budget("a 1\nnot a line at all\n", "b.txt")


def test_compile_writes_su_beside_the_object(tmp_path, capsys):
    src = os.path.join(FIXTURES, "calls.wat")
    out = tmp_path / "calls.o"
    assert main(["compile", src, "-o", str(out), "--stack-usage"]) == 0
    su = (tmp_path / "calls.su").read_text()
    assert f"{src}:13:3:indirect\t8\tstatic\n" in su
    assert (tmp_path / "calls.su").stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_su_is_written_with_the_object_or_not_at_all(tmp_path, capsys):
    src = os.path.join(FIXTURES, "calls.wat")
    out = tmp_path / "calls.o"
    rc = main(["compile", src, "-o", str(out), "--stack-usage",
               "--header", str(tmp_path / "missing" / "h.h")])
    assert rc == 1 and sorted(os.listdir(tmp_path)) == []


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_report_and_synth_stack_agree_and_take_the_budget(tmp_path, capsys):
    budget = tmp_path / "budget.su"
    budget.write_text("main.c:10:9:ctrl_log\t24\tstatic\nsensor_read 16\n")
    src = os.path.join(FIRMWARE, "ctrl.wasm")
    out = tmp_path / "ctrl.o"
    assert main(["compile", src, "-o", str(out), "--stack-budget", str(budget)]) == 0
    report = yaml.safe_load((tmp_path / "ctrl.synth.yaml").read_text())
    by_export = {r["export"]: r for r in report["stack_bounds"]}
    assert by_export["configure"]["kind"] == "exact"
    assert [p["function"] for p in by_export["configure"]["path"]] == ["configure", "ctrl_log"]
    assert by_export["step"]["kind"] == "lower" and by_export["step"]["unknown"] == \
        ["actuator_write"]
    capsys.readouterr()
    assert main(["stack", src, "--stack-budget", str(budget)]) == 0
    shown = capsys.readouterr().out
    for rec in report["stack_bounds"]:
        head = f"{rec['export']}: " + ("at least " if rec["kind"] == "lower" else "")
        assert f"{head}{rec['bytes']} bytes" in shown
    assert "unknown: actuator_write" in shown


def test_bad_budget_is_one_usage_line(tmp_path, capsys):
    bad = tmp_path / "b.txt"
    bad.write_text("what\n")
    assert main(["stack", os.path.join(FIXTURES, "calls.wat"), "--stack-budget", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "b.txt:1" in err[0]


# -- the bound against emulation ------------------------------------------------

def _deepest(emu: Emulator, symbol: str, params, args, results) -> int:
    """How many bytes below its entry sp a call of `symbol` took the stack."""
    seen: dict = {}

    def on_code(uc, address, size, _):
        sp = uc.reg_read(A.UC_ARM_REG_SP)
        seen.setdefault("entry", sp)
        seen["low"] = min(seen.get("low", sp), sp)
    hook = emu.uc.hook_add(UC_HOOK_CODE, on_code)
    try:
        res = emu.call(symbol, params, args, results)
    finally:
        emu.uc.hook_del(hook)
    return seen["entry"] - seen["low"]      # also when it trapped: the way down counts


def _measure(tmp_path, cm_result, opts, calls, hosts=None):
    """{export symbol: (measured bytes, bound)} over `calls` [(export name, args)]."""
    cm = cm_result.compiled
    found = export_bounds(cm, dict(opts.stack_budget))
    exe = build_executable(cm_result, str(tmp_path), opts)
    emu = Emulator(exe, hosts or {}, cpu=opts.cpu)
    assert emu.call(cm.layout.init_symbol, (), (), ()).trap is None
    out = {}
    for name, args in calls:
        e = next(x for x in cm.module.exports if x.name == name and x.kind == ExternKind.FUNC)
        ft = cm.module.func_type(e.index)
        sym = cm.layout.export_symbol(name)
        depth = _deepest(emu, sym, ft.params, args, ft.results)
        out[name] = (max(depth, out.get(name, (0,))[0]), found[sym])
    return out


def test_firmware_exports_stay_within_their_bounds(tmp_path):
    opts = Options(stack_budget=(("actuator_write", 0), ("ctrl_log", 0), ("sensor_read", 0)))
    result = compile_file(os.path.join(FIRMWARE, "ctrl.wasm"), opts)
    m = result.compiled.module
    hosts = {}
    for i in result.compiled.layout.external_function_imports():
        ft = m.types[m.imports_of(ExternKind.FUNC)[i].desc]
        hosts[result.compiled.layout.func_symbol(i)] = HostFunction(
            ft.params, ft.results, lambda *a, _n=len(ft.results): [7] * _n)
    calls = [("configure", (100, 3, 1)), ("step", ()), ("step", ()), ("average", ()),
             ("energy", ()), ("gain_percent", (50, 200))]
    measured = _measure(tmp_path, result, opts, calls, hosts)
    assert set(measured) == {e for e, _ in calls}
    for name, (depth, b) in measured.items():
        assert b.kind == "exact" and depth <= b.bytes, (name, depth, b)
    assert any(depth == b.bytes and depth > 0 for depth, b in measured.values())


@pytest.mark.parametrize("seed", [0, 2, 4, 7])
def test_generated_programs_stay_within_their_bounds(tmp_path, seed):
    opts = Options()
    result = compile_file("p.wasm", opts, data=to_wasm(generate(seed)))
    cm = result.compiled
    exact = [r["export"] for r in result.report["stack_bounds"] if r["kind"] == "exact"]
    assert exact
    rng = random.Random(seed)
    calls = []
    for name in exact:
        e = next(x for x in cm.module.exports if x.name == name)
        calls += [(name, args) for args in sample_args(cm.module.func_type(e.index).params,
                                                        rng, 6)]
    for name, (depth, b) in _measure(tmp_path, result, opts, calls).items():
        assert 0 < depth <= b.bytes, (name, depth, b.bytes)


CHAIN = """
(module
  (func $leaf (param i32) (result i32) (local i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
    (local.set 2 (i32.add (local.get 1) (local.get 0)))
    (local.set 3 (i32.xor (local.get 2) (local.get 1)))
    (local.set 4 (i32.or (local.get 3) (local.get 2)))
    (local.set 5 (i32.sub (local.get 4) (local.get 3)))
    (local.set 6 (i32.mul (local.get 5) (local.get 4)))
    (local.set 7 (i32.add (local.get 6) (local.get 5)))
    (local.set 8 (i32.xor (local.get 7) (local.get 6)))
    (local.set 9 (i32.add (local.get 8) (local.get 7)))
    (i32.add (i32.add (local.get 9) (local.get 1)) (i32.add (local.get 2) (local.get 3))))
  (func $mid (param i32) (result i32) (local i32)
    (local.set 1 (i32.mul (local.get 0) (i32.const 5)))
    (i32.add (call $leaf (local.get 0)) (local.get 1)))
  (func (export "top") (param i32) (result i32) (local i32)
    (local.set 1 (i32.add (local.get 0) (i32.const 9)))
    (i32.xor (call $mid (local.get 1)) (local.get 1))))
"""


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_straight_line_chain_is_tight(tmp_path, tier):
    opts = Options(tier=tier)
    result = compile_file("chain.wasm", opts, data=to_wasm(CHAIN))
    (depth, b), = _measure(tmp_path, result, opts, [("top", (5,))]).values()
    assert [n for n, _ in b.path] == ["top", "mid", "leaf"]
    assert depth == b.bytes > 0
