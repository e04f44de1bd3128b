"""The combine rules (ir/combine.py): each fires where it should, not where
the definition it would fold no longer holds, and the code still computes
what wasmtime computes."""

import pytest

from synth_toolchain.arm.lowering_target import THUMB2
from synth_toolchain.ir.combine import combine, combine_late
from synth_toolchain.ir.imm import Constant, Jump, Shift, ShiftedOperand
from synth_toolchain.ir.ir import Block, Inst, IRFunction
from synth_toolchain.ir.lower import lower_function
from synth_toolchain.ir.pipeline import PassContext
from synth_toolchain.layout import ModuleLayout
from synth_toolchain.options import Options
from synth_toolchain.wasm.loader import load_bytes
from tests.difftest import check_module, to_wasm

SHIFTS = """(module
  (func (export "add_shifted") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3))))
  (func (export "shifted_add") (param i32 i32) (result i32)
    (i32.add (i32.shl (local.get 1) (i32.const 3)) (local.get 0)))
  (func (export "sub_shifted") (param i32 i32) (result i32)
    (i32.sub (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
  (func (export "shifted_sub") (param i32 i32) (result i32)
    (i32.sub (i32.shl (local.get 1) (i32.const 2)) (local.get 0)))
  (func (export "xor_rotated") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.rotr (local.get 1) (i32.const 6))))
  (func (export "add_rotated_left") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.rotl (local.get 1) (i32.const 7))))
  (func (export "and_shifted_right") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.shr_u (local.get 1) (i32.const 31))))
  (func (export "shifted_signed_or") (param i32 i32) (result i32)
    (i32.or (i32.shr_s (local.get 1) (i32.const 5)) (local.get 0)))
  (func (export "rotated_sub") (param i32 i32) (result i32)
    (i32.sub (i32.rotr (local.get 1) (i32.const 1)) (local.get 0)))
  (func (export "shift_by_variable") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.shr_u (local.get 1) (local.get 0))))
  (func (export "shift_overwrites_source") (param i32 i32) (result i32)
    (local.set 1 (i32.shl (local.get 1) (i32.const 2)))
    (i32.add (local.get 0) (local.get 1)))
  (func (export "source_written_after") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.shl (local.get 1) (i32.const 2)))
    (local.set 1 (i32.const 7))
    (i32.add (local.get 0) (i32.add (local.get 1) (local.get 2))))
  (func (export "shifted_then_overwritten") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.shl (local.get 1) (i32.const 2)))
    (local.set 2 (local.get 0))
    (i32.add (local.get 0) (local.get 2))))"""

TESTS = """(module
  (func (export "branch") (param i32) (result i32)
    (if (result i32) (i32.and (local.get 0) (i32.const 8))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "eqz_value") (param i32) (result i32)
    (i32.eqz (i32.and (local.get 0) (i32.const 0x40))))
  (func (export "select") (param i32 i32 i32) (result i32)
    (select (local.get 1) (local.get 2) (i32.and (local.get 0) (i32.const 3))))
  (func (export "masked_equals_mask") (param i32) (result i32)
    (i32.eq (i32.and (local.get 0) (i32.const 8)) (i32.const 8)))
  (func (export "mask_read_again") (param i32) (result i32) (local i32)
    (if (result i32) (local.tee 1 (i32.and (local.get 0) (i32.const 8)))
      (then (local.get 1)) (else (i32.const 2))))
  (func (export "source_written_before_test") (param i32) (result i32)
    (i32.and (local.get 0) (i32.const 8))
    (local.set 0 (i32.const 0))
    (if (result i32) (then (i32.const 1)) (else (local.get 0)))))"""

MULTIPLIES = """(module
  (memory 1)
  (func (export "unsigned") (param i32 i32) (result i64)
    (i64.mul (i64.extend_i32_u (local.get 0)) (i64.extend_i32_u (local.get 1))))
  (func (export "signed") (param i32 i32) (result i64)
    (i64.mul (i64.extend_i32_s (local.get 0)) (i64.extend_i32_s (local.get 1))))
  (func (export "narrow_loads") (param i32) (result i64)
    (i64.mul (i64.load32_u (local.get 0)) (i64.load16_s offset=8 (local.get 0))))
  (func (export "small_constant") (param i32) (result i64)
    (i64.mul (i64.extend_i32_s (local.get 0)) (i64.const 5)))
  (func (export "general") (param i64 i64) (result i64)
    (i64.mul (local.get 0) (local.get 1)))
  (func (export "into_own_factor") (param i64 i64) (result i64)
    (local.set 0 (i64.mul (local.get 0) (local.get 1)))
    (local.get 0)))"""


ACCUMULATES = """(module
  (func (export "mla") (param i32 i32 i32) (result i32)
    (i32.add (local.get 2) (i32.mul (local.get 0) (local.get 1))))
  (func (export "mla_product_first") (param i32 i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "mls") (param i32 i32 i32) (result i32)
    (i32.sub (local.get 2) (i32.mul (local.get 0) (local.get 1))))
  (func (export "square_into_factor") (param i32 i32) (result i32)
    (local.set 0 (i32.add (local.get 0) (i32.mul (local.get 0) (local.get 0))))
    (local.get 0))
  (func (export "product_minus") (param i32 i32 i32) (result i32)
    (i32.sub (i32.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "product_read_again") (param i32 i32 i32) (result i32) (local i32)
    (local.set 3 (i32.mul (local.get 0) (local.get 1)))
    (i32.xor (local.get 3) (i32.add (local.get 2) (local.get 3))))
  (func (export "factor_written_after") (param i32 i32 i32) (result i32) (local i32)
    (local.set 3 (i32.mul (local.get 0) (local.get 1)))
    (local.set 0 (i32.const 7))
    (i32.add (local.get 3) (i32.add (local.get 2) (local.get 0))))
  (func (export "products_then_sums") (param i32 i32 i32 i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (local.get 1))
             (i32.add (local.get 4) (i32.mul (local.get 2) (local.get 3))))))"""


HALFWORDS = """(module
  (memory 1)
  (data (i32.const 0) "\\01\\80\\ff\\7f\\00\\80\\34\\12\\ff\\ff\\fe\\ff")
  (func (export "q15_mac") (param i32 i32 i32) (result i32)
    (i32.add (local.get 2) (i32.mul (i32.load16_s (i32.and (local.get 0) (i32.const 10)))
                                    (i32.load16_s (i32.and (local.get 1) (i32.const 10))))))
  (func (export "extended_product") (param i32 i32) (result i32)
    (i32.mul (i32.extend16_s (local.get 0)) (i32.extend16_s (local.get 1))))
  (func (export "extended_mac") (param i32 i32 i32) (result i32)
    (i32.add (i32.mul (i32.extend16_s (local.get 0)) (i32.extend8_s (local.get 1)))
             (local.get 2)))
  (func (export "byte_by_constant") (param i32 i32) (result i32)
    (i32.add (local.get 1) (i32.mul (i32.load8_u (local.get 0)) (i32.const -300))))
  (func (export "extended_product_subtracted") (param i32 i32 i32) (result i32)
    (i32.sub (local.get 2) (i32.mul (i32.extend16_s (local.get 0)) (i32.extend16_s (local.get 1)))))
  (func (export "unsigned_halfword_mac") (param i32 i32 i32) (result i32)
    (i32.add (local.get 2) (i32.mul (i32.load16_u (i32.and (local.get 0) (i32.const 10)))
                                    (i32.load16_s (i32.and (local.get 1) (i32.const 10))))))
  (func (export "wide_constant") (param i32) (result i32)
    (i32.mul (i32.extend16_s (local.get 0)) (i32.const 40000))))"""


INVERSES = """(module
  (func (export "bic") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (local.get 1) (i32.const -1))))
  (func (export "orn_inverse_first") (param i32 i32) (result i32)
    (i32.or (i32.xor (local.get 1) (i32.const -1)) (local.get 0)))
  (func (export "bic_rotated") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (i32.rotr (local.get 1) (i32.const 3)) (i32.const -1))))
  (func (export "orn_shifted_signed") (param i32 i32) (result i32)
    (i32.or (local.get 0) (i32.xor (i32.shr_s (local.get 1) (i32.const 9)) (i32.const -1))))
  (func (export "xor_of_inverse") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.xor (local.get 1) (i32.const -1))))
  (func (export "source_written") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.xor (local.get 1) (i32.const -1)))
    (local.set 1 (i32.const 5))
    (i32.and (local.get 1) (local.get 2))))"""


COUNTS = """(module
  (func (export "count_eq") (param i32 i32 i32) (result i32)
    (i32.add (local.get 2) (i32.eq (local.get 0) (local.get 1))))
  (func (export "flag_first_signed") (param i32 i32 i32) (result i32)
    (i32.add (i32.lt_s (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "not_constant") (param i32 i32) (result i32)
    (i32.add (local.get 1) (i32.ne (local.get 0) (i32.const 100))))
  (func (export "into_compared") (param i32 i32) (result i32)
    (local.set 0 (i32.add (local.get 0) (i32.gt_u (local.get 0) (local.get 1))))
    (local.get 0))
  (func (export "flag_kept") (param i32 i32 i32) (result i32 i32) (local i32)
    (local.set 3 (i32.ge_u (local.get 0) (local.get 1)))
    (i32.add (local.get 2) (local.get 3)) (local.get 3))
  (func (export "operand_written") (param i32 i32 i32) (result i32) (local i32)
    (local.set 3 (i32.le_s (local.get 0) (local.get 1)))
    (local.set 0 (i32.const 7))
    (i32.add (i32.add (local.get 2) (local.get 3)) (local.get 0))))"""


def _lowered(source: str, export: str, promote: bool = True) -> IRFunction:
    module = load_bytes(to_wasm(source), "t.wasm")
    layout = ModuleLayout(module, Options())
    idx = next(e.index for e in module.exports if e.name == export)
    return lower_function(layout, idx, promote, THUMB2)


def _insts(fn: IRFunction) -> list[Inst]:
    return [i for b in fn.blocks for i in (*b.insts, b.term) if i is not None]


def _combined(source: str, export: str, promote: bool = True, late: bool = False,
              dsp: bool = False):
    fn = _lowered(source, export, promote)
    return fn, (combine_late(fn, PassContext(dsp=dsp)) if late else combine(fn))


# -- shifted operands ---------------------------------------------------------

@pytest.mark.parametrize("export, op, imm", [
    ("add_shifted", "addsh", ShiftedOperand("lsl", 3)),
    ("shifted_add", "addsh", ShiftedOperand("lsl", 3)),
    ("sub_shifted", "subsh", ShiftedOperand("lsl", 2)),
    ("shifted_sub", "rsbsh", ShiftedOperand("lsl", 2)),
    ("xor_rotated", "xorrot", Shift(6)),
    ("add_rotated_left", "addrot", Shift(25)),
    ("and_shifted_right", "andsh", ShiftedOperand("lsr", 31)),
    ("shifted_signed_or", "orsh", ShiftedOperand("asr", 5)),
    ("rotated_sub", "rsbrot", Shift(1))])
def test_an_alu_op_shifts_or_rotates_its_operand(export, op, imm):
    """The shift's x becomes the op's second operand, the other operand its first
    (a sub whose minuend is shifted turns into an rsb)."""
    fn, fired = _combined(SHIFTS, export)
    assert fired == ["shifted_operand"]
    (ins,) = [i for i in _insts(fn) if i.op == op]
    assert ins.uses == (fn.params[0], fn.params[1]) and ins.imm == imm


def _shifted_ops(fn: IRFunction) -> list[str]:
    return [i.op for i in _insts(fn) if i.op.endswith(("sh", "rot"))]


@pytest.mark.parametrize("export", ["shift_overwrites_source", "source_written_after",
                                    "shifted_then_overwritten", "shift_by_variable"])
def test_no_shifted_operand_when_the_shift_no_longer_holds(export):
    """The shift's source (or its result) written between the shift and the
    add means the shift cannot be redone there; a shift by a register amount
    has no operand form."""
    fn, fired = _combined(SHIFTS, export)
    assert "shifted_operand" not in fired
    assert _shifted_ops(fn) == []


def test_shifted_operand_within_a_block_only():
    blocks = [Block(0, [Inst("shli", (2,), (1,), Shift(4))], Inst("jump", imm=Jump(1))),
              Block(1, [Inst("add", (3,), (0, 2))], Inst("ret", uses=(3,)))]
    fn = IRFunction("f", [0, 1], [1, 1], [1], None, blocks=blocks, num_vregs=4)
    assert combine(fn) == []


# -- multiply-accumulate ------------------------------------------------------

@pytest.mark.parametrize("export, op", [("mla", "mla"), ("mla_product_first", "mla"),
                                        ("mls", "mls")])
def test_a_product_added_or_subtracted_is_one_instruction(export, op):
    fn, fired = _combined(ACCUMULATES, export, late=True)
    assert fired == ["multiply_accumulate"]
    assert not any(i.op == "mul" for i in _insts(fn))
    (ins,) = [i for i in _insts(fn) if i.op == op]
    assert ins.uses == tuple(fn.params)


@pytest.mark.parametrize("export", ["product_minus", "product_read_again",
                                    "factor_written_after"])
def test_no_multiply_accumulate_when_the_product_is_needed_or_stale(export):
    """x * y - acc has no instruction; a product read again keeps its mul; a
    factor written between the mul and the add would change the product."""
    fn, fired = _combined(ACCUMULATES, export, late=True)
    assert "multiply_accumulate" not in fired
    assert any(i.op == "mul" for i in _insts(fn))


def test_only_a_product_computed_just_before_its_add_fuses():
    """Fusing the first product would keep its factors live across the second."""
    fn, fired = _combined(ACCUMULATES, "products_then_sums", late=True)
    assert fired == ["multiply_accumulate"]
    (mul,) = [i for i in _insts(fn) if i.op == "mul"]
    (mla,) = [i for i in _insts(fn) if i.op == "mla"]
    assert mul.uses == tuple(fn.params[:2]) and mla.uses == tuple(fn.params[2:])


# -- halfword multiplies (DSP) ---------------------------------------------------

@pytest.mark.parametrize("export, ops", [("q15_mac", ["mla16"]),
                                         ("extended_product", ["mul16"]),
                                         ("extended_mac", ["mla16"]),
                                         ("byte_by_constant", ["mla16"]),
                                         ("extended_product_subtracted", ["mul16", "sub"]),
                                         ("unsigned_halfword_mac", ["mla"]),
                                         ("wide_constant", ["mul"])])
def test_halfword_products_on_a_dsp_core(export, ops):
    """Sign-extended halfwords (sxth, load16_s, a byte, a small constant)
    multiply as halfwords; a load16_u or 40000 does not fit one."""
    fn, _ = _combined(HALFWORDS, export, late=True, dsp=True)
    assert [i.op for i in _insts(fn) if i.op in ("mul", "mla", "mul16", "mla16", "sub")] == ops


@pytest.mark.parametrize("export", ["q15_mac", "extended_product", "extended_mac"])
def test_no_halfword_products_without_dsp(export):
    fn, _ = _combined(HALFWORDS, export, late=True, dsp=False)
    assert not any(i.op in ("mul16", "mla16") for i in _insts(fn))


def test_an_extended_product_multiplies_the_unextended_values():
    fn, _ = _combined(HALFWORDS, "extended_product", late=True, dsp=True)
    (mul,) = [i for i in _insts(fn) if i.op == "mul16"]
    assert mul.uses == tuple(fn.params)


@pytest.mark.parametrize("cpu", ["cortex-m4", "cortex-m3"])
def test_halfword_code_matches_wasmtime(cpu):
    check_module(HALFWORDS, samples=16, cpu=cpu)


# -- inverted operands ---------------------------------------------------------

@pytest.mark.parametrize("export, op, imm", [("bic", "bic", None),
                                             ("orn_inverse_first", "orn", None),
                                             ("bic_rotated", "bicrot", Shift(3)),
                                             ("orn_shifted_signed", "ornsh",
                                              ShiftedOperand("asr", 9))])
def test_an_and_or_or_of_an_inverse_is_bic_or_orn(export, op, imm):
    fn, fired = _combined(INVERSES, export, late=True)
    assert fired == ["inverted_operand"]
    (ins,) = [i for i in _insts(fn) if i.op == op]
    assert ins.uses == tuple(fn.params) and ins.imm == imm


@pytest.mark.parametrize("export", ["xor_of_inverse", "source_written"])
def test_no_bic_or_orn_of_an_xor_or_a_stale_inverse(export):
    fn, fired = _combined(INVERSES, export, late=True)
    assert fired == []


# -- tests of masked bits -----------------------------------------------------

@pytest.mark.parametrize("export, op, cond, mask", [("branch", "brcmpi", "tst_ne", 8),
                                                    ("eqz_value", "setcci", "tst_eq", 0x40),
                                                    ("select", "selcc", "tst_ne", 3)])
def test_a_test_of_masked_bits_is_a_tst(export, op, cond, mask):
    fn, fired = _combined(TESTS, export)
    assert fired == ["tst_under_mask"]
    assert not any(i.op == "andi" for i in _insts(fn))
    (ins,) = [i for i in _insts(fn) if i.op == op]
    assert ins.uses[0] == fn.params[0] and (ins.imm.cond, ins.imm.k) == (cond, mask)


@pytest.mark.parametrize("export", ["masked_equals_mask", "mask_read_again",
                                    "source_written_before_test"])
def test_no_tst_when_the_mask_is_needed_or_stale(export):
    """Compared with a nonzero constant, read again elsewhere, or its source
    written between the and and the test: the andi stays."""
    fn, fired = _combined(TESTS, export)
    assert "tst_under_mask" not in fired
    assert any(i.op == "andi" for i in _insts(fn))


# -- 64-bit multiplies --------------------------------------------------------

@pytest.mark.parametrize("export, ops", [("unsigned", ["mulw_u"]),
                                         ("signed", ["mulw_s"]),
                                         ("narrow_loads", ["mulw_u", "mla"]),
                                         ("small_constant", ["mulw_s"]),
                                         ("general", ["mulw_u", "mla", "mla"])])
def test_multiply64_form_follows_the_high_words(export, ops):
    fn, fired = _combined(MULTIPLIES, export)
    assert fired == ["multiply64"]
    assert [i.op for i in _insts(fn) if i.op in ("mul64", "mulw_u", "mulw_s", "mla")] == ops


@pytest.mark.parametrize("promote", [True, False])
def test_multiply_values_are_numbered_as_lowering_allocates(promote):
    """umull's high word and each partial sum take the numbers just below the
    product's high word, which moves up: baseline's frame slots stay in order."""
    fn = _lowered(MULTIPLIES, "general", promote)
    (mul,) = [i for i in _insts(fn) if i.op == "mul64"]
    lo, hi = mul.defs
    count = fn.num_vregs
    combine(fn)
    mulw, mla1, mla2 = [i for i in _insts(fn) if i.op in ("mulw_u", "mla")]
    assert mulw.defs == (lo, lo + 1) and mla1.defs == (lo + 2,) and mla2.defs == (lo + 3,)
    assert mla2.uses[2] == lo + 2 and mla1.uses[2] == lo + 1
    assert fn.num_vregs == count + 2
    assert max(v for i in _insts(fn) for v in (*i.defs, *i.uses)) < fn.num_vregs


def test_sign_copy_of_a_low_word_written_since_is_no_extension():
    """hi = x >> 31, then x written: (x, hi) is no longer a sign extension."""
    insts = [Inst("shri_s", (4,), (0,), Shift(31)), Inst("shri_s", (5,), (1,), Shift(31)),
             Inst("const", (0,), (), Constant(5)),
             Inst("mul64", (6, 7), (0, 4, 1, 5))]
    fn = IRFunction("f", [0, 1], [1, 1], [2], None,
                    blocks=[Block(0, insts, Inst("ret", uses=(6, 7)))], num_vregs=8)
    combine(fn)
    assert [i.op for i in fn.blocks[0].insts if i.op in ("mulw_u", "mulw_s", "mla")] == \
        ["mulw_u", "mla", "mla"]


def test_product_into_its_own_factor_writes_the_low_word_last():
    """x = x * y with x's low word read by an mla after umull: umull writes
    a new vreg, moved into x's low word at the end."""
    fn, fired = _combined(MULTIPLIES, "into_own_factor")
    lo = fn.local_vregs[0][0]
    seq = [i for i in _insts(fn) if i.op in ("mulw_u", "mla", "mov")][:4]
    assert [i.op for i in seq] == ["mulw_u", "mla", "mla", "mov"]
    assert lo not in seq[0].defs and lo in seq[1].uses
    assert seq[-1].defs == (lo,) and seq[-1].uses == (seq[0].defs[0],)


# -- conditional increments ---------------------------------------------------

@pytest.mark.parametrize("export, op", [("count_eq", "addcc"), ("flag_first_signed", "addcc"),
                                        ("not_constant", "addcci"), ("into_compared", "addcc")])
def test_a_count_of_matches_adds_under_its_compare(export, op):
    fn, fired = _combined(COUNTS, export, late=True)
    assert fired == ["conditional_increment"]
    assert not any(i.op in ("setcc", "setcci") for i in _insts(fn))
    assert [i.op for i in _insts(fn)].count(op) == 1


@pytest.mark.parametrize("export", ["flag_kept", "operand_written"])
def test_no_conditional_increment_when_the_flag_is_needed_or_stale(export):
    fn, fired = _combined(COUNTS, export, late=True)
    assert "conditional_increment" not in fired
    assert any(i.op in ("setcc", "setcci") for i in _insts(fn))


@pytest.mark.parametrize("source", [SHIFTS, TESTS, MULTIPLIES, ACCUMULATES, INVERSES, COUNTS],
                         ids=["shifts", "tests", "mul", "accumulate", "inverses", "counts"])
def test_combined_code_matches_wasmtime(source):
    check_module(source, samples=16)
