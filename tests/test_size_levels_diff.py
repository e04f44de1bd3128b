"""Differential runs at --opt-level z (the size choices, options.SIZE): the
fixtures at every tier, generated programs, and a function longer than the
literal pool's 16-bit reach, against wasmtime."""

import pytest

from synth_toolchain.tiers import TIER_NAMES
from tests.difftest import check_module, fixture
from tests.test_fixtures_diff import FIXTURES
from tests.test_progen import _check

SIZE = {"opt_level": "z"}


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_at_oz(name, tier):
    cfg = dict(FIXTURES[name])
    check_module(fixture(name), tiers=(tier,), samples=8, options_extra=SIZE, **cfg)


@pytest.mark.parametrize("name", ["f64_ops.wat", "calls.wat"])
def test_hard_float_at_oz(name):
    check_module(fixture(name), tiers=("opt",), samples=8,
                 options_extra={**SIZE, "float_abi": "hard"})


@pytest.mark.parametrize("seed", range(12))
def test_random_program_at_oz(seed):
    _check(seed, options_extra=SIZE)


@pytest.mark.parametrize("seed", range(3))
def test_random_float_program_at_oz(seed):
    _check(seed, floats=True, options_extra=SIZE)


def _far_constants(n: int) -> str:
    """A function whose 32-bit constants sit further from its pool than a
    16-bit ldr reaches (and, with n large, than ldr.w reaches)."""
    body = "".join(f"(local.set 1 (i32.xor (local.get 1) (i32.mul (local.get 0) "
                   f"(i32.const {0x12345678 + 0x10001 * k}))))" for k in range(n))
    return f"""(module (func (export "f") (param i32) (result i32) (local i32)
      {body} (i32.add (local.get 1) (i32.const 0x7eadbeef))))"""


@pytest.mark.parametrize("n", [40, 400])
def test_constants_out_of_pool_reach(n):
    check_module(_far_constants(n), tiers=("opt", "baseline"), samples=6, options_extra=SIZE)


def _segments(export_memory: bool) -> str:
    """Active segments near and far from the memory's header (the compact init adds
    to its base register, or reloads it beyond 4095 bytes), a passive one, a table."""
    export = '(export "memory")' if export_memory else ""
    return f"""(module
      (memory {export} 1 2)
      (table 2 funcref) (elem (i32.const 1) $get)
      (data (i32.const 0) "\\01")
      (data (i32.const 4083) "\\02\\03\\04\\05\\06\\07\\08\\09\\0a")
      (data (i32.const 5000) "far")
      (data $p "passive bytes")
      (data (i32.const 65530) "\\ff\\fe\\fd\\fc\\fb\\fa")
      (func $get (export "get") (param i32) (result i32)
        (i32.add (i32.load8_u (local.get 0)) (i32.shl (memory.size) (i32.const 8))))
      (func (export "grow_init") (param i32) (result i32)
        (memory.init $p (local.get 0) (i32.const 0) (i32.const 7))
        (i32.add (memory.grow (i32.const 1)) (i32.load (local.get 0)))))"""


def test_compact_init_places_every_segment():
    """--opt-level z's synth_init (runtime.build_init, compact) writes the same
    memory as wasmtime's instantiation: compared byte for byte after each call."""
    calls = [("get", (k,)) for k in (0, 1, 4083, 4091, 4092, 5000, 5002, 65530, 65535)]
    calls += [("grow_init", (100,)), ("get", (101,)), ("grow_init", (65534,))]
    check_module(_segments(False), calls, tiers=("opt", "baseline"), options_extra=SIZE,
                 reference_source=_segments(True))


def _constant_addresses(export_memory: bool) -> str:
    """Accesses at constant addresses around the 4095-byte immediate limit, and
    beyond the memory (those trap; the rest fold into one load or store)."""
    export = '(export "memory")' if export_memory else ""
    accesses = [("i32.load8_u", "i32.store8", 4090, 5), ("i32.load", "i32.store", 4092, 0),
                ("i32.load16_s", "i32.store16", 4094, 0), ("i32.load", "i32.store", 0, 4096),
                ("i32.load", "i32.store", 8, 1000), ("i32.load", "i32.store", 65532, 0)]
    body = "".join(f"({st} offset={off} (i32.const {k}) (i32.add (local.get 0) "
                   f"({ld} offset={off} (i32.const {k}))))"
                   for ld, st, k, off in accesses)
    return f"""(module (memory {export} 1 1)
      (data (i32.const 4088) "\\81\\82\\83\\84\\85\\86\\87\\88\\89\\8a")
      (func (export "walk") (param i32) (result i32) {body}
        (i32.load offset=4092 (i32.const 0)))
      (func (export "past_end") (param i32) (result i32)
        (i32.store offset=3 (i32.const 65532) (local.get 0)) (i32.const 1))
      (func (export "wraps") (param i32) (result i32)
        (i32.load8_u offset=16 (i32.const -1)))
      (func $id (param i32) (result i32) (local.get 0))
      (func (export "spilled") (param i32) (result i32) {_spilled_stores()}))"""


def _spilled_stores() -> str:
    """Fourteen values live across a call, then stored at constant addresses past
    4095 (a spilled value takes the other scratch register)."""
    n = 14
    sets = "".join(f"(local.set {i + 1} (i32.mul (local.get 0) (i32.const {i + 3})))"
                   for i in range(n))
    stores = "".join(f"(i32.store offset={5000 + 4 * i} (i32.const 0) (local.get {i + 1}))"
                     for i in range(n))
    return (f"(local {' '.join(['i32'] * n)}) {sets} (drop (call $id (local.get 0))) {stores}"
            f"(i32.load offset=5004 (i32.const 0))")


@pytest.mark.parametrize("level", ["z", "2"])
def test_constant_addresses(level):
    """Folded constant addresses (isel_memory.folded_addresses: every level)."""
    calls = [("walk", (7,)), ("walk", (0xFFFFFFFF,)), ("past_end", (5,)), ("wraps", (0,)),
             ("spilled", (0x01020304,))]
    check_module(_constant_addresses(False), calls, tiers=("opt", "baseline"),
                 options_extra={"opt_level": level},
                 reference_source=_constant_addresses(True))
