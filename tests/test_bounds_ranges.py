"""Bounds checks that the address's value range makes unnecessary (ir/ranges.py).

Structural: which accesses keep their check after the opt tier's passes.
Semantic: the boundary cases, one byte inside and one outside the memory,
compared with wasmtime at every tier (a dropped check that was needed shows
up as a missing trap)."""

from __future__ import annotations

import pytest

from synth_toolchain.arm.lowering_target import THUMB2
from synth_toolchain.ir.combine import combine
from synth_toolchain.ir.imm import Constant, Shift, ShiftedOperand
from synth_toolchain.ir.ir import Block, Inst, IRFunction
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
    # shifted operands (ir/combine.py makes them before the bounds-checks pass):
    # 0x7FFF + (x >> 17) <= 0xFFFE, so a halfword ends at 65536 at most (addsh.lsr) …
    "lsr_sum": "(i32.load16_u (i32.add (i32.and (local.get 0) (i32.const 0x7FFF)) "
               "(i32.shr_u (local.get 0) (i32.const 17))))",
    # … and a word can pass it: kept
    "lsr_sum_word": "(i32.load (i32.add (i32.and (local.get 0) (i32.const 0x7FFF)) "
                    "(i32.shr_u (local.get 0) (i32.const 17))))",
    # an asr of a value with its sign bit clear (addsh.asr), and of any value: kept
    "asr_sum": "(i32.load16_u (i32.add (i32.and (local.get 0) (i32.const 0xBFFF)) "
               "(i32.shr_s (i32.and (local.get 0) (i32.const 0x7FFFFFFF)) (i32.const 17))))",
    "asr_negative": "(i32.load8_u (i32.add (i32.and (local.get 0) (i32.const 0xBFFF)) "
                    "(i32.shr_s (local.get 0) (i32.const 17))))",
    # a mask and a shifted or rotated value (andsh, androt), an or/xor of a shift
    "and_shifted": "(i32.load8_u (i32.and (i32.and (local.get 0) (i32.const 0xFFFF)) "
                   "(i32.shl (local.get 0) (i32.const 8))))",
    "and_rotated": "(i32.load8_u (i32.and (i32.and (local.get 0) (i32.const 0xFFFF)) "
                   "(i32.rotr (local.get 0) (i32.const 8))))",
    "or_shifted": "(i32.load8_u (i32.or (i32.and (local.get 0) (i32.const 0xFF00)) "
                  "(i32.shr_u (local.get 0) (i32.const 24))))",
    "xor_shifted": "(i32.load8_u (i32.xor (i32.and (local.get 0) (i32.const 0x7F00)) "
                   "(i32.shr_u (local.get 0) (i32.const 25))))",
    # (x << 2) - (x & 255) (rsbsh) can wrap: kept
    "rsb_shifted": "(i32.load8_u (i32.sub (i32.shl (local.get 0) (i32.const 2)) "
                   "(i32.and (local.get 0) (i32.const 255))))",
}
DROPPED = {"table", "last_byte", "offset_fits", "high_half", "byte_index", "store",
           "lsr_sum", "asr_sum", "and_shifted", "and_rotated", "or_shifted", "xor_shifted"}


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
    combine(fn)                           # as the opt tier does before the pass
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


def _bound_of(op: str, imm, operands: tuple[int, ...]) -> int:
    """The bound ir/ranges.py gives `op` of vregs bounded by `operands`
    (M32: a parameter; else a parameter masked to that bound)."""
    insts, uses = [], []
    for n, bound in enumerate(operands):
        if bound == M32:
            uses.append(0)
        else:
            insts.append(Inst("andi", (n + 1,), (0,), Constant(bound)))
            uses.append(n + 1)
    result = len(operands) + 1
    insts.append(Inst(op, (result,), tuple(uses), imm))
    fn = IRFunction("f", [0], [1], [1], None, blocks=[Block(0, insts)], num_vregs=result + 1)
    return upper_bounds(fn)(result)


def lsl(k):
    return ShiftedOperand("lsl", k)


def lsr(k):
    return ShiftedOperand("lsr", k)


def asr(k):
    return ShiftedOperand("asr", k)


RULE_CASES = [
    # op, immediate, operand bounds, bound of the result
    ("addsh", lsl(2), (100, 10), 140),
    ("addsh", lsl(4), (100, 0x10000000), M32),              # (x << 4) wraps
    ("addsh", lsr(4), (100, M32), 100 + 0x0FFFFFFF),        # exact per shift kind
    ("addsh", asr(4), (100, 0x7FFFFFFF), 100 + 0x07FFFFFF),
    ("addsh", asr(4), (100, 0x80000000), M32),              # may be negative
    ("addsh", lsr(1), (M32, 1), M32),                       # a + 0 can be anything
    ("andsh", lsl(8), (0xFF, M32), 0xFF),                   # the mask, whatever x is
    ("andsh", lsr(24), (M32, M32), 0xFF),
    ("andsh", asr(24), (M32, M32), M32),                    # asr of a negative x
    ("orsh", lsr(28), (0x3, M32), 0xF),
    ("orsh", lsl(4), (0x3, M32), M32),
    ("xorsh", lsl(4), (0x10, 0xF), 0xFF),
    ("xorsh", asr(4), (0x10, M32), M32),
    ("bicsh", lsl(3), (0x3FF, M32), 0x3FF),                 # a & ~(x << k)
    ("bic", None, (0x3FF, M32), 0x3FF),
    ("bic", None, (M32, 0xFF), M32),
    ("addrot", Shift(8), (1, 0xFF0000), 1 + 0xFF00FFFF),   # bits 8-23 down, 0-7 to the top
    ("addrot", Shift(8), (0, 0xFF), 0xFF000000),            # low bits go to the top
    ("addrot", Shift(8), (1, M32), M32),
    ("androt", Shift(8), (0xFFF, M32), 0xFFF),
    ("orrot", Shift(4), (0xF, 0xF0), M32),                  # x's low 4 bits may be set
    ("xorrot", Shift(16), (0, 0xFFFF), M32),
    ("bicrot", Shift(16), (0xFF, M32), 0xFF),
    ("mla", None, (0xFF, 0xFF, 0xFF), 0xFF * 0xFF + 0xFF),   # a * b + c
    ("mla", None, (0xFFFF, 0x10001, 0), M32),               # 0xFFFFFFFF: the largest (an
    ("mla", None, (0xFFFF, 0x10001, 1), M32),               # andi cap), then the sum wraps
    ("mla", None, (0x10000, 0x10000, 0), M32),
    ("mul16", None, (0x7FFF, 0x7FFF), 0x7FFF * 0x7FFF),     # smulbb of positive halfwords
    ("mul16", None, (0x8000, 1), M32),                      # a negative halfword
    ("mla16", None, (0xFF, 0xFF, 0x100), 0xFF * 0xFF + 0x100),
    ("mla16", None, (0xFFFF, 1, 0), M32),
    # no rule: a difference, or an ~y, can wrap anywhere
    ("mls", None, (0xFF, 0xFF, 0xFFFF), M32),
    ("subsh", lsl(1), (0xFF, 1), M32),
    ("rsbsh", lsl(1), (1, 0xFF), M32),
    ("orn", None, (0, 0xFF), M32),
    ("ornsh", lsl(1), (0, 0xFF), M32),
]


@pytest.mark.parametrize("op, imm, operands, expected", RULE_CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(RULE_CASES)])
def test_bound_of_each_rule(op, imm, operands, expected):
    assert _bound_of(op, imm, operands) == expected


def test_shifted_operand_ranges_on_a_branch_match_wasmtime():
    """On the side of `x == 0xFFFF0000` the loop-range walk (ir/intervals.py)
    knows x exactly: x >> 16 (addsh.lsr) is 0xFFFF, not (x << 16) mod 2^32 = 0,
    so (y & 255) + (x >> 16) keeps its check."""
    src = """(module (memory 1)
      (func (export "f") (param i32 i32) (result i32)
        (if (result i32) (i32.eq (local.get 0) (i32.const 0xFFFF0000))
          (then (i32.load8_u (i32.add (i32.and (local.get 1) (i32.const 255))
                                      (i32.shr_u (local.get 0) (i32.const 16)))))
          (else (i32.const 7)))))"""
    assert any(_checked_accesses(src, "f"))
    check_module(src, [("f", (0xFFFF0000, y)) for y in (0, 1, 255)])
