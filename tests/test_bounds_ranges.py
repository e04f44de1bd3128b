"""Bounds checks that the address's value range makes unnecessary (ir/ranges.py).

Structural: which accesses keep their check after the opt tier's passes.
Semantic: the boundary cases, one byte inside and one outside the memory,
compared with wasmtime at every tier (a dropped check that was needed shows
up as a missing trap)."""

from __future__ import annotations

import pytest

from synth_toolchain.arm.lowering_target import THUMB2
from synth_toolchain.ir.lower import lower_function
from synth_toolchain.ir.passes import remove_redundant_bounds_checks
from synth_toolchain.ir.pipeline import PassContext
from synth_toolchain.ir.ranges import M32, upper_bounds
from synth_toolchain.layout import ModuleLayout
from synth_toolchain.options import Options
from synth_toolchain.wasm.loader import load_bytes
from tests.difftest import check_module, to_wasm

BODIES = {
    # table[(x & 0xFF)] at a static base: the CRC/S-box shape
    "table": "(i32.load (i32.add (i32.const 1024) (i32.shl (i32.and (local.get 0) "
             "(i32.const 255)) (i32.const 2))))",
    # the last byte exactly: 0xFFFF + 1 = 65536
    "last_byte": "(i32.load8_u (i32.and (local.get 0) (i32.const 0xFFFF)))",
    # a word that can straddle the end: kept
    "last_word": "(i32.load (i32.and (local.get 0) (i32.const 0xFFFF)))",
    # the offset counts: 3 + 65532 + 4 > 65536, kept
    "offset": "(i32.load offset=65532 (i32.and (local.get 0) (i32.const 3)))",
    "offset_fits": "(i32.load offset=65528 (i32.and (local.get 0) (i32.const 3)))",
    "high_half": "(i32.load8_u (i32.shr_u (local.get 0) (i32.const 16)))",
    "byte_index": "(i32.load8_u (i32.load8_u (i32.and (local.get 0) (i32.const 0xFF))))",
    # wrap-around: (x & 255) + 0xFFFFFFFF is no small number; kept
    "wrap": "(i32.load8_u (i32.add (i32.and (local.get 0) (i32.const 255)) (i32.const -1)))",
    "minus": "(i32.load8_u (i32.sub (i32.and (local.get 0) (i32.const 255)) (i32.const 1)))",
    "shifted_out": "(i32.load8_u (i32.shl (i32.and (local.get 0) (i32.const 0xFFFF)) "
                   "(i32.const 16)))",
    "store": "(i32.store8 (i32.or (i32.and (local.get 0) (i32.const 0x3FF)) (i32.const 0x400)) "
             "(local.get 0)) (i32.const 0)",
}
DROPPED = {"table", "last_byte", "offset_fits", "high_half", "byte_index", "store"}


def _module(memory: str) -> str:
    funcs = "\n".join(f'(func (export "{n}") (param i32) (result i32) {b})'
                      for n, b in BODIES.items())
    return f"(module {memory}\n{funcs})"


FIXED = _module('(memory (export "mem") 1)')
GROWABLE = _module('(memory 1 4) (func (export "grow") (param i32) (result i32) '
                   '(memory.grow (local.get 0)))')
IMPORTED = _module('(import "env" "mem" (memory 1))')


def _checked_accesses(source: str, name: str) -> list[bool]:
    module = load_bytes(to_wasm(source), "t.wasm")
    layout = ModuleLayout(module, Options())
    idx = next(e.index for e in module.exports if e.name == name)
    fn = lower_function(layout, idx, True, THUMB2)
    remove_redundant_bounds_checks(fn, PassContext.for_layout(layout))
    out = []
    for b in fn.blocks:
        for ins in b.insts:
            if ins.op in ("load", "store"):
                out.append(ins.imm.checked)
            elif ins.op == "trapif":
                out.append(True)
    return out


@pytest.mark.parametrize("name", sorted(BODIES))
@pytest.mark.parametrize("source", [FIXED, GROWABLE], ids=["fixed", "growable"])
def test_checks_dropped_only_where_the_range_proves_them(source, name):
    checks = _checked_accesses(source, name)
    if name in DROPPED:
        assert not any(checks), checks
    else:
        assert any(checks), checks        # on the access, or a trapif before it


@pytest.mark.parametrize("name", sorted(BODIES))
def test_imported_memory_keeps_every_check(name):
    """An imported memory's size is the exporter's: nothing is known statically."""
    assert all(_checked_accesses(IMPORTED, name))


EDGE_ARGS = [0, 1, 2, 3, 4, 0xFF, 0x100, 0x3FF, 0xFFFB, 0xFFFC, 0xFFFD, 0xFFFF, 0x10000,
             0xFFFF0000, 0xFFFFFFFF, 0x80000000]


@pytest.mark.parametrize("source", [FIXED, GROWABLE], ids=["fixed", "growable"])
def test_boundaries_match_wasmtime(source):
    calls = [(n, (x,)) for n in BODIES for x in EDGE_ARGS]
    check_module(source, calls)


def test_bounds_of_rules():
    fn = lower_function(ModuleLayout(load_bytes(to_wasm(FIXED), "t.wasm"), Options()),
                        0, True, THUMB2)
    upper = upper_bounds(fn)
    loads = [i for b in fn.blocks for i in b.insts if i.op == "load"]
    assert upper(loads[0].uses[1]) == 1024 + 255 * 4
    assert upper(fn.params[0]) == M32
