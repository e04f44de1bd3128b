"""Bounds checks that loop counters (ir/intervals.py) or a merged check
(ir/checkmerge.py) make unnecessary, and the ones that must stay.

Structural: which accesses of each function keep a check after the opt
tier's passes.  Semantic: every function run at every tier against
wasmtime, at the boundaries (the last valid byte, one past it, a loop whose
last iteration is out of bounds, stores before a failing access, memory.grow
in the loop), and the memory read back afterwards, so a check that moved
too early (a store skipped) or went missing (a store that should have
trapped) shows up."""

from __future__ import annotations

import pytest

from synth_toolchain.ir.intervals import TOP, join, make, refine
from synth_toolchain.ir.loopranges import block_entry_ranges
from synth_toolchain.ir.parser import parse_function
from tests.difftest import check_module, opt_ir


def _loop(init: str, body: str, step: str, cond: str, locals_: str = "") -> str:
    """`i = init; do { body; i = step } while (cond)`; returns the sum of body's loads."""
    return (f"(param $p i32) (result i32) (local $i i32) (local $s i32) {locals_}"
            f"(local.set $i {init}) (loop $l {body} (local.set $i {step}) (br_if $l {cond}))"
            f"(local.get $s)")


def _acc(load: str) -> str:
    return f"(local.set $s (i32.add (local.get $s) {load}))"


def _nest(j0: str) -> str:
    """j = j0; for i < 12 { for k < 3: s += u16[j + 2k]; for k < 2: s += u8[j + k + 1]; j += 512 }"""
    k = "(local.get $k)"
    return ("(param $p i32) (result i32) (local $i i32) (local $j i32) (local $k i32) "
            f"(local $s i32) (local.set $j {j0})"
            "(loop $l (local.set $k (i32.const 0))"
            "(loop $m " + _acc(f"(i32.load16_u (i32.add (local.get $j) (i32.shl {k} (i32.const 1))))")
            + f"(local.set $k (i32.add {k} (i32.const 1))) (br_if $m (i32.lt_u {k} (i32.const 3))))"
            "(local.set $k (i32.const 0))"
            "(loop $n " + _acc(f"(i32.load8_u offset=1 (i32.add (local.get $j) {k}))")
            + f"(local.set $k (i32.add {k} (i32.const 1))) (br_if $n (i32.lt_u {k} (i32.const 2))))"
            "(local.set $j (i32.add (local.get $j) (i32.const 512)))"
            "(local.set $i (i32.add (local.get $i) (i32.const 1)))"
            "(br_if $l (i32.ne (local.get $i) (i32.const 12))))"
            "(local.get $s)")


I = "(local.get $i)"
def _with_n(n: str, i0: int) -> str:
    """An initial value of i that first sets the loop bound $n (outside the loop)."""
    return f"(block (result i32) (local.set $n {n}) (i32.const {i0}))"


_N8 = ("(i32.and (i32.add (i32.and (local.get $p) (i32.const 511)) (i32.const 8)) "
       "(i32.const -8))")
INC = "(i32.add (local.get $i) (i32.const 1))"

# name -> (function after `(func (export name)`, True when every check goes)
FUNCS = {
    # i in [0, 99]: 1024 + 4i + 4 <= 65536
    "up_lt": (_loop("(i32.const 0)", _acc(f"(i32.load offset=1024 (i32.shl {I} (i32.const 2)))"),
                    INC, f"(i32.lt_u {I} (i32.const 100))"), True),
    # i = 0, 4, ..., 396: `!=` exits, the stride divides the distance
    "up_ne_stride": (_loop("(i32.const 0)", _acc(f"(i32.load offset=2048 {I})"),
                           "(i32.add (local.get $i) (i32.const 4))",
                           f"(i32.ne {I} (i32.const 400))"), True),
    # i counts down from 100 to 1, signed compare
    "down_gt_s": (_loop("(i32.const 100)", _acc(f"(i32.load8_u offset=5000 {I})"),
                        "(i32.sub (local.get $i) (i32.const 1))",
                        f"(i32.gt_s {I} (i32.const 0))"), True),
    # i from -16 up to -1: i + 16 wraps to 0..15 (the model is mod 2^32)
    "negative_start": (_loop("(i32.const -16)",
                             _acc(f"(i32.load8_u (i32.add {I} (i32.const 16)))"),
                             INC, f"(i32.ne {I} (i32.const 0))"), True),
    # the last byte exactly: 65532 + 3 + 1 = 65536
    "last_byte": (_loop("(i32.const 0)", _acc(f"(i32.load8_u offset=65532 {I})"),
                        INC, f"(i32.lt_u {I} (i32.const 4))"), True),
    # one past: the last iteration reads 65536..65539 and traps
    "last_iter_oob": (_loop("(i32.const 0)", _acc(f"(i32.load offset=65528 (i32.shl {I} "
                                                  "(i32.const 2)))"),
                            INC, f"(i32.lt_u {I} (i32.const 3))"), False),
    # stores before the failing access: memory must hold the first ones
    "stores_then_oob": (_loop("(i32.const 0)",
                              f"(i32.store8 offset=65530 {I} (i32.const 7))",
                              INC, f"(i32.lt_u {I} (i32.const 8))"), False),
    # the bound is a parameter: nothing known
    "param_bound": (_loop("(i32.const 0)", _acc(f"(i32.load8_u {I})"), INC,
                          f"(i32.lt_u {I} (local.get $p))"), False),
    # another assignment of i in the loop (on one path): no counter any more
    "other_assign": (_loop("(i32.const 0)",
                           f"(if (i32.eq (local.get $p) {I}) (then (local.set $i (i32.const 9000))))"
                           + _acc(f"(i32.load8_u offset=60000 {I})"),
                           INC, f"(i32.lt_u {I} (i32.const 100))"), False),
    # ... which the exit compare bounds again before the next access
    "other_assign_before_exit": (_loop("(i32.const 0)",
                                       _acc(f"(i32.load8_u offset=60000 {I})") +
                                       f"(if (i32.eq (local.get $p) {I}) "
                                       "(then (local.set $i (i32.const 9000))))",
                                       INC, f"(i32.lt_u {I} (i32.const 100))"), True),
    # i starts huge and wraps past 0 before it reaches 5: the first access traps
    "wraps": (_loop("(i32.const -256)", _acc(f"(i32.load8_u {I})"), INC,
                    f"(i32.ne {I} (i32.const 5))"), False),
    # the offset makes the end pass 2^32
    "offset_overflow": (_loop("(i32.const 0)", _acc(f"(i32.load8_u offset=0xFFFFFFF0 {I})"),
                              INC, f"(i32.lt_u {I} (i32.const 100))"), False),
    # fir's delay line: idx = idx == 0 ? 31 : idx - 1, from a masked start
    "circular": (_loop("(i32.and (local.get $p) (i32.const 31))",
                       _acc(f"(i32.load16_s offset=3000 (i32.shl {I} (i32.const 1)))"),
                       f"(select (i32.const 31) (i32.sub {I} (i32.const 1)) (i32.eqz {I}))",
                       "(i32.gt_s (local.tee $p (i32.sub (local.get $p) (i32.const 1))) "
                       "(i32.const 0))"), True),
    # j steps by 8 on every trip of a loop that i counts to 8: j in 1024..1080
    "second_counter": ("(param $p i32) (result i32) (local $i i32) (local $j i32) (local $s i32)"
                       "(local.set $j (i32.const 1024))"
                       "(loop $l " + _acc("(i32.load (local.get $j))") +
                       "(local.set $j (i32.add (local.get $j) (i32.const 8)))"
                       "(local.set $i (i32.add (local.get $i) (i32.const 1)))"
                       "(br_if $l (i32.ne (local.get $i) (i32.const 8))))"
                       "(local.get $s)", True),
    # ... and one that starts near the end: the fifth of eight trips reads past it
    "second_counter_oob": ("(param $p i32) (result i32) (local $i i32) (local $j i32) "
                           "(local $s i32) (local.set $j (i32.const 65500))"
                           "(loop $l " + _acc("(i32.load (local.get $j))") +
                           "(i32.store8 offset=3 (local.get $j) (local.get $i))"
                           "(local.set $j (i32.add (local.get $j) (i32.const 8)))"
                           "(local.set $i (i32.add (local.get $i) (i32.const 1)))"
                           "(br_if $l (i32.ne (local.get $i) (i32.const 8))))"
                           "(local.get $s)", False),
    # ... but j stepped in an inner loop grows by 100 steps per trip: 4 trips
    # reach 4 * 100 * 200 = 80000, past the end
    "inner_loop_step": ("(param $p i32) (result i32) (local $i i32) (local $j i32) "
                        "(local $k i32) (local $s i32)"
                        "(loop $l (local.set $k (i32.const 0))"
                        "(loop $m (local.set $j (i32.add (local.get $j) (i32.const 200)))"
                        "(local.set $k (i32.add (local.get $k) (i32.const 1)))"
                        "(br_if $m (i32.lt_u (local.get $k) (i32.const 100))))" +
                        _acc("(i32.load8_u (local.get $j))") +
                        "(local.set $i (i32.add (local.get $i) (i32.const 1)))"
                        "(br_if $l (i32.lt_u (local.get $i) (i32.const 4))))"
                        "(local.get $s)", False),
    # an outer counter to 12 around two inner loops with small bounds: j steps by
    # 512 with it (1000..6632), the inner counters by 1 to 3 and 2: all known
    "outer_around_inner": (_nest("(i32.const 1000)"), True),
    # ... the same nest from 62000: the last trips read past the end
    "outer_around_inner_oob": (_nest("(i32.const 62000)"), False),
    # clang's rotated `for (i = 0; i < n; i += 8)`: `i != n` exits, n = (p%512 + 8) & ~7
    # is 8..512 by 8 and not assigned in the loop, so i meets it: i in 0..504
    "ne_invariant_bound": (_loop(_with_n(_N8, 0), _acc(f"(i32.load offset=65024 {I})"),
                                 "(i32.add (local.get $i) (i32.const 8))",
                                 f"(i32.ne {I} (local.get $n))", "(local $n i32)"), True),
    # ... n = p%512*8 + 4 is never met by i = 0, 8, ...: i runs off the end and traps
    "ne_bound_missed": (_loop(_with_n("(i32.add (i32.shl (i32.and (local.get $p) "
                                      "(i32.const 63)) (i32.const 3)) (i32.const 4))", 0),
                              _acc(f"(i32.load8_u {I})"), "(i32.add (local.get $i) (i32.const 8))",
                              f"(i32.ne {I} (local.get $n))", "(local $n i32)"), False),
    # ... n = p & ~7 may be 0, where i starts: the first trip does not end the loop
    "ne_bound_may_be_start": (_loop(_with_n("(i32.and (i32.and (local.get $p) (i32.const 511)) "
                                            "(i32.const -8))", 0),
                                    _acc(f"(i32.load8_u offset=60000 {I})"),
                                    "(i32.add (local.get $i) (i32.const 8))",
                                    f"(i32.ne {I} (local.get $n))", "(local $n i32)"), False),
    # counting down by 4 from 600 to n = p%64*4 (0..252): i in 4..600
    "ne_down": (_loop(_with_n("(i32.shl (i32.and (local.get $p) (i32.const 63)) (i32.const 2))",
                              600), _acc(f"(i32.load offset=64928 {I})"),
                      "(i32.sub (local.get $i) (i32.const 4))",
                      f"(i32.ne {I} (local.get $n))", "(local $n i32)"), True),
    # j steps on one path only: not a stepping vreg (kept, conservatively)
    "step_on_one_path": ("(param $p i32) (result i32) (local $i i32) (local $j i32) (local $s i32)"
                         "(loop $l " + _acc("(i32.load8_u offset=65000 (local.get $j))") +
                         "(if (local.get $p) (then (local.set $j (i32.add (local.get $j) "
                         "(i32.const 300)))))"
                         "(local.set $i (i32.add (local.get $i) (i32.const 1)))"
                         "(br_if $l (i32.lt_u (local.get $i) (i32.const 4))))"
                         "(local.get $s)", False),
}


def _module(memory: str, extra: str = "") -> str:
    funcs = "\n".join(f'(func (export "{n}") {src})' for n, (src, _) in FUNCS.items())
    peek = ('(func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))'
            '(func (export "poke") (param i32) (i32.store8 (local.get 0) (i32.const 0)))')
    return f"(module {memory}\n{funcs}\n{peek}\n{extra})"


FIXED = _module('(memory (export "mem") 1 1)')
GROWABLE = _module("(memory 1 4)", '(func (export "grow") (param i32) (result i32) '
                                   "(memory.grow (local.get 0)))")


def _checks(fn) -> list[str]:
    out = []
    for b in fn.blocks:
        for ins in b.insts:
            if ins.op in ("load", "store", "load64", "store64") and ins.imm.checked \
                    or ins.op == "trapif":
                out.append(ins.op)
    return out


@pytest.mark.parametrize("name", sorted(FUNCS))
@pytest.mark.parametrize("source", [FIXED, GROWABLE], ids=["fixed", "growable"])
def test_loop_checks_dropped_only_where_the_counter_proves_them(source, name):
    checks = _checks(opt_ir(source, name))
    if FUNCS[name][1]:
        assert checks == [], checks
    else:
        assert checks, "a check that must stay is gone"


PEEKS = [("peek", (a,)) for a in (65503, 65511, 65519, 65527, 65528, 65529, 65530, 65531, 65535)]
ARGS = [0, 1, 5, 31, 99, 100, 0xFFFF, 65535, 0xFFFFFFFF]


@pytest.mark.parametrize("source", [FIXED, GROWABLE], ids=["fixed", "growable"])
def test_loop_boundaries_match_wasmtime(source):
    calls = [(n, (x,)) for n in FUNCS for x in ARGS[:3]]
    calls += [(n, (x,)) for n in FUNCS if n == "param_bound" or n.startswith("ne_") for x in ARGS]
    calls += [("poke", (65530,))] + PEEKS + [("stores_then_oob", (0,))] + PEEKS
    if source is GROWABLE:
        calls += [("grow", (1,))] + [(n, (x,)) for n in FUNCS for x in ARGS[:2]] + PEEKS
    check_module(source, calls)


GROW_IN_LOOP = """(module (memory 1 3)
  (func (export "grow_in_loop") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load8_u (i32.add (i32.const 65534) (local.get $i)))))
      (drop (memory.grow (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 4))))
    (local.get $s))
  (func (export "in_first_page") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u offset=65000 (local.get $i))))
      (drop (memory.grow (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 4))))
    (local.get $s))
  (func (export "size") (result i32) (memory.size)))"""


def test_memory_grow_in_the_loop():
    """Growing memory inside the loop: accesses past the first page keep their
    check (the first passes only after a grow; the fourth fails once the
    maximum is reached), accesses in the first page need none."""
    assert _checks(opt_ir(GROW_IN_LOOP, "grow_in_loop"))
    assert not _checks(opt_ir(GROW_IN_LOOP, "in_first_page"))
    check_module(GROW_IN_LOOP, [("in_first_page", ()), ("size", ()), ("grow_in_loop", ()),
                                ("size", ()), ("grow_in_loop", ()), ("size", ())])


# -- merged checks ---------------------------------------------------------------

MERGE = """(module (memory (export "mem") 1 1)
  (global $g (mut i32) (i32.const 0))
  (func (export "loads") (param $p i32) (result i32)
    (i32.add (i32.add (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)))
             (i32.load offset=8 (local.get $p))))
  (func (export "load_then_store") (param $p i32)
    (i32.store offset=8 (local.get $p) (i32.load (local.get $p))))
  (func (export "store_between") (param $p i32)
    (i32.store (local.get $p) (i32.const 1))
    (i32.store offset=4 (local.get $p) (i32.const 2)))
  (func (export "global_between") (param $p i32) (result i32)
    (local $a i32)
    (local.set $a (i32.load (local.get $p)))
    (global.set $g (local.get $a))
    (i32.add (local.get $a) (i32.load offset=4 (local.get $p))))
  (func (export "div_between") (param $p i32) (param $d i32) (result i32)
    (i32.add (i32.div_u (i32.load (local.get $p)) (local.get $d))
             (i32.load offset=4 (local.get $p))))
  (func (export "far") (param $p i32) (result i32)
    (i32.add (i32.load8_u (local.get $p)) (i32.load8_u offset=40000 (local.get $p))))
  (func (export "pair_first") (param $p i32) (result i32)
    (i32.add (i32.wrap_i64 (i64.load (local.get $p))) (i32.load offset=12 (local.get $p))))
  (func (export "get") (result i32) (global.get $g))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))"""

MERGED = {"loads": 1, "load_then_store": 1, "far": 1,
          "store_between": 2, "global_between": 2, "div_between": 2}


@pytest.mark.parametrize("name", sorted(MERGED))
@pytest.mark.parametrize("memory", ["1 1", "1 4"], ids=["fixed", "growable"])
def test_checks_merge_only_without_effects_between(name, memory):
    source = MERGE.replace("(memory (export \"mem\") 1 1)", f"(memory (export \"mem\") {memory})")
    assert len(_checks(opt_ir(source, name))) == MERGED[name]


@pytest.mark.parametrize("memory, checks", [("1 1", 1), ("1 4", 2)], ids=["fixed", "growable"])
def test_an_i64_access_checks_its_own_8_bytes(memory, checks):
    """The emitter checks an i64 access's 8 bytes whatever MemAccess.size says:
    with a size read at run time its check cannot take over a later one's."""
    source = MERGE.replace("(memory (export \"mem\") 1 1)", f"(memory (export \"mem\") {memory})")
    assert len(_checks(opt_ir(source, "pair_first"))) == checks


EDGES = [0, 4, 65520, 65524, 65525, 65527, 65528, 65531, 65532, 65535, 65536,
         0xFFFFFFF8, 0xFFFFFFFC]


@pytest.mark.parametrize("memory", ["1 1", "1 4"], ids=["fixed", "growable"])
def test_merged_checks_trap_as_wasmtime(memory):
    source = MERGE.replace("(memory (export \"mem\") 1 1)", f"(memory (export \"mem\") {memory})")
    calls = []
    for p in EDGES:
        calls += [("loads", (p,)), ("load_then_store", (p,)), ("store_between", (p,)),
                  ("global_between", (p,)), ("get", ()), ("div_between", (p, 0)),
                  ("div_between", (p, 3)), ("far", (p,)), ("pair_first", (p,)),
                  ("peek", (65532,))]
    check_module(source, calls)


def test_limit_constant_built_once():
    """Table loads in straight-line code compare with one limit register."""
    src = """(module (memory 1 1)
      (func (export "f") (param i32 i32 i32) (result i32)
        (i32.add (i32.add (i32.load offset=4096 (local.get 0)) (i32.load offset=4096 (local.get 1)))
                 (i32.load offset=4096 (local.get 2)))))"""
    fn = opt_ir(src, "f")
    limits = {i.uses[1] for b in fn.blocks for i in b.insts if i.op == "trapif"}
    assert len(limits) == 1
    check_module(src, [("f", (a, b, c)) for a, b, c in
                       ((0, 4, 8), (61436, 0, 0), (0, 61437, 0), (0, 0, 0xFFFFFFFF))])


def test_loop_ranges_run_only_for_checks_left_open(monkeypatch):
    """A loop whose accesses the address's own bound proves (`x & 0xfffc`) needs
    no loop range analysis: it is skipped (it cost a tenth of the compile
    time of tools/throughput.py's module), and still runs for a counter."""
    import synth_toolchain.ir.passes as passes
    runs = []
    real = passes.block_entry_ranges

    def counted(fn, budget, tracked=None):
        runs.append(fn.name)
        return real(fn, budget, tracked)
    monkeypatch.setattr(passes, "block_entry_ranges", counted)
    masked = _loop("(i32.const 0)", _acc(f"(i32.load (i32.and {I} (i32.const 0xfffc)))"),
                   INC, f"(i32.lt_u {I} (local.get $p))")
    src = f'(module (memory 1 1) (func (export "masked") {masked}) ' \
          f'(func (export "up_lt") {FUNCS["up_lt"][0]}))'
    assert _checks(opt_ir(src, "masked")) == [] and runs == []
    assert _checks(opt_ir(src, "up_lt")) == [] and len(runs) == 1


# -- the interval domain ------------------------------------------------------------

def test_join_and_refine():
    assert join(make(0, 0, 0), make(4, 4, 0)) == (0, 4, 4)
    assert join(make(-60, -60, 0), make(0, 0, 0)) == (2**32 - 60, 2**32, 60)
    assert refine("ne", make(4, 32, 4), make(32, 32, 0))[0] == (4, 28, 4)
    assert refine("lt_u", make(0, 2**32 - 1), make(100, 100, 0))[0] == (0, 99, 1)
    assert refine("lt_u", make(5, 9), make(3, 3, 0)) is None
    assert refine("gt_s", make(-5, 5), make(0, 0, 0))[0] == (1, 5, 1)
    assert make(0, 2**32) == TOP


COUNTER = """function f() -> (i)
    num_vregs 8
b0:
    v1 = const 0
    v3 = const 1044
    jump b3
b3:
    v5 = addi v1, 4
    v3 = addi v3, 8
    v1 = mov v5
    brcmpi.ne v5, 32 -> b3, b2
b2:
    ret v1
"""


def test_counter_copied_before_its_exit_compare():
    """clang's `i' = i + 4; i = i'; if (i' != 32)`: the compare bounds i too."""
    ranges = block_entry_ranges(parse_function(COUNTER), 10_000)
    assert ranges[3][1] == (0, 28, 4)
    assert ranges[2][1] == (32, 32, 0)


def test_trip_count_bounds_a_second_stepping_vreg():
    """v1 takes 8 trips (0, 4, ..., 28), so v3 = 1044 + 8k stays within 1044..1100."""
    ranges = block_entry_ranges(parse_function(COUNTER), 10_000)
    assert ranges[3][3] == (1044, 1100, 8)
    assert TOP not in ranges[3].values()


def test_over_budget_knows_nothing():
    assert block_entry_ranges(parse_function(COUNTER), 1) is None
