"""Loop versioning (ir/versioning.py): a loop whose checks an invariant base
and the counter's range decide is copied without them behind one test per
base; the original, checks and all, runs when a test fails.

Structural: which loops get the copy, which checks it drops, the tests'
limits, and no copy at the size levels.  Semantic: every function against
wasmtime at every tier with bases at the boundaries (the last base whose
last access fits, one past it, a base that wraps), memory compared after
each call, so a trap that came before the stores of earlier trips, or a
store that should have trapped, shows."""

from __future__ import annotations

import pytest

from synth_toolchain.options import OPT_LEVELS
from tests.difftest import check_module, opt_ir

MODULE = """(module
  (memory (export "memory") 1 1)
  ;; for (i = 0; i < 16; i++) p[i] = i: the last store is p + 15, so p <= 65520
  (func (export "fill") (param $p i32) (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 16)))))
  ;; words at p + 8 + 4i for i < 8, stores to q + 4i: two bases, one test each
  (func (export "copy_words") (param $p i32) (param $q i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load offset=8 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (i32.store (i32.add (local.get $q) (i32.shl (local.get $i) (i32.const 2))) (local.get $s))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ne (local.get $i) (i32.const 8))))
    (local.get $s))
  ;; an access below the base (p - 4 + i): the offset is no unsigned range, no copy
  (func (export "below_base") (param $p i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load8_u (i32.add (i32.sub (local.get $p) (i32.const 4)) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 8))))
    (local.get $s))
  ;; the base changes in the loop (a pointer walk): no invariant base, no copy
  (func (export "walk") (param $p i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 8))))
    (local.get $s))
  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))"""


def _ir(name: str, level: str = "2"):
    return opt_ir(MODULE, name, opt_level=level)


def _loops_checks(fn) -> list[int]:
    """Checks per block, in layout order, of the blocks that branch backwards."""
    order = [b.id for b in fn.blocks]
    out = []
    for b in fn.blocks:
        if any(order.index(s) <= order.index(b.id) for s in b.successors()):
            out.append(sum(i.op == "trapif" or getattr(i.imm, "checked", False)
                           for i in b.insts))
    return out


def _tests(fn) -> list[tuple[int, int]]:
    return [(b.term.uses[0], b.term.imm.k) for b in fn.blocks
            if b.term.op == "brcmpi" and b.term.imm.cond == "gt_u"]


@pytest.mark.parametrize("name, limits, loops", [
    ("fill", [65536 - 16], [0, 1]),
    ("copy_words", [65536 - 40, 65536 - 32], [0, 2]),
])
def test_a_copy_without_checks_behind_one_test_per_base(name, limits, loops):
    fn = _ir(name)
    assert sorted(k for _, k in _tests(fn)) == limits
    assert sorted(_loops_checks(fn)) == loops       # the copy has none, the original all


@pytest.mark.parametrize("name", ["below_base", "walk"])
def test_no_copy_without_an_invariant_base_and_a_range(name):
    fn = _ir(name)
    assert _tests(fn) == [] and len(_loops_checks(fn)) == 1


def _crowded(n: int) -> str:
    """fill's loop with n more values live into it (read on every trip)."""
    sets = " ".join(f"(local.set {2 + k} (i32.mul (local.get 0) (i32.const {k + 3})))"
                    for k in range(n))
    total = " ".join(f"(local.set 1 (i32.xor (local.get 1) (local.get {2 + k})))" for k in range(n))
    return (f'(module (memory 1 1) (func (export "f") (param $p i32) (result i32) (local $i i32) '
            f'(local {"i32 " * n}) {sets} (loop $l (i32.store8 (i32.add (local.get $p) '
            f'(local.get $i)) (local.get 1)) {total} (local.set $i (i32.add (local.get $i) '
            f'(i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 16)))) (local.get 1)))')


@pytest.mark.parametrize("n, copied", [(4, True), (20, False)])
def test_no_copy_of_a_crowded_loop(n, copied):
    """Two copies of a loop that needs more registers than there are allocate
    worse than its checks cost (mac64: 682K -> 968K cycles)."""
    assert bool(_tests(opt_ir(_crowded(n), "f"))) == copied


@pytest.mark.parametrize("level", ["s", "z"])
def test_no_copy_at_the_size_levels(level):
    assert not OPT_LEVELS[level].version_loops
    fn = _ir("fill", level)
    assert _tests(fn) == [] and _loops_checks(fn) == [1]


P_EDGES = [0, 100, 65520, 65521, 65535, 65536, 0xFFFFFFF0, 0xFFFFFFFF]
Q_EDGES = [0, 65496, 65500, 65504, 0xFFFFFFFC]


def test_versioned_loops_trap_and_store_as_wasmtime():
    calls = [("fill", (p,)) for p in P_EDGES]
    calls += [("copy_words", (p, q)) for p in (0, 65488, 65489, 65500) for q in Q_EDGES]
    calls += [("below_base", (p,)) for p in (0, 3, 4, 65532, 65533)]
    calls += [("walk", (p,)) for p in (0, 65515, 65516)]
    calls += [("peek", (65535,))]
    check_module(MODULE, calls, reference_source=MODULE)
