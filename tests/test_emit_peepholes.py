"""Peepholes of the emitter and the branch clean-ups of the IR, checked on the
instructions they produce (the differential tests check they stay correct).

Slot forwarding (FunctionEmitter.ld_sp): a reload of a frame slot that the
accesses just emitted stored or loaded becomes a register move, or nothing;
never across a label, an unknown instruction, or out of an IT block."""

from __future__ import annotations

from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs

from synth_toolchain.arm.asm import Cond, Imm
from synth_toolchain.arm.emit import FunctionEmitter
from synth_toolchain.arm.lowering_target import THUMB2
from synth_toolchain.arm.regalloc import linear_scan
from synth_toolchain.ir.lower import lower_function
from synth_toolchain.ir.passes import (merge_identical_branches, prune_unreachable,
                                       thread_jumps)
from synth_toolchain.ir.pipeline import PassContext
from synth_toolchain.layout import ModuleLayout
from synth_toolchain.options import Options
from synth_toolchain.wasm.loader import load_bytes
from tests.difftest import check_module, to_wasm

IP, LR = 12, 14
CTX = PassContext()


def _emitter() -> FunctionEmitter:
    module = load_bytes(to_wasm('(module (func (export "f") (param i32) (result i32) '
                                '(local.get 0)))'), "t.wasm")
    layout = ModuleLayout(module, Options())
    fn = lower_function(layout, 0, True, THUMB2)
    return FunctionEmitter(fn, linear_scan(fn, CTX), layout, Options())   # nothing emitted yet


def _listing(e: FunctionEmitter) -> list[str]:
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    data = e.a.finish().data
    return [f"{m} {o}".strip() for _, _, m, o in cs.disasm_lite(data, 0)]


def test_reloads_after_stores_become_moves():
    e = _emitter()
    e.st_sp(1, 12)
    e.st_sp(2, 8)
    e.ld_sp(IP, 12)                      # r1 still holds it
    e.ld_sp(LR, 8)                       # r2 still holds it
    e.ld_sp(2, 8)                        # already there: nothing
    assert _listing(e) == ["str r1, [sp, #0xc]", "str r2, [sp, #8]", "mov ip, r1", "mov lr, r2"]


def test_a_load_overwriting_a_holder_forgets_it():
    e = _emitter()
    e.st_sp(1, 12)
    e.ld_sp(1, 8)                        # r1 now holds slot 8, not slot 12
    e.ld_sp(IP, 12)
    assert _listing(e)[-1] == "ldr.w ip, [sp, #0xc]"


def test_no_forwarding_across_other_instructions_or_labels():
    e = _emitter()
    e.st_sp(1, 12)
    e.a.add(1, 1, Imm(1))               # writes r1
    e.ld_sp(IP, 12)
    lab = e.a.new_label()
    e.st_sp(2, 8)
    e.a.bind(lab)                        # another way in
    e.ld_sp(LR, 8)
    e.a.b(lab)
    listing = _listing(e)
    assert listing[2] == "ldr.w ip, [sp, #0xc]"
    assert listing[4] == "ldr.w lr, [sp, #8]"


def test_a_conditional_store_is_not_forwarded():
    e = _emitter()
    e.st_sp(3, 4)
    e.a.it(Cond.EQ)
    e.st_sp(1, 4)                        # only if Z: the slot may still hold r3's value
    e.ld_sp(IP, 4)
    assert _listing(e)[-1] == "ldr.w ip, [sp, #4]"


BRANCHY = """(module
  (func (export "f") (param i32 i32) (result i32) (local i32)
    (block (block
      (br_if 0 (i32.lt_s (local.get 0) (local.get 1)))
      (local.set 2 (i32.const 7)))
      (if (local.get 1) (then) (else)))
    (block (br_if 0 (i32.eqz (local.get 0))))
    (i32.add (local.get 2) (local.get 0))))"""


def test_jumps_through_empty_blocks_are_threaded():
    module = load_bytes(to_wasm(BRANCHY), "b.wasm")
    fn = lower_function(ModuleLayout(module, Options()), 0, True, THUMB2)
    prune_unreachable(fn, CTX)
    before = len(fn.blocks)
    thread_jumps(fn, CTX)
    merge_identical_branches(fn)
    prune_unreachable(fn, CTX)
    by_id = {b.id: b for b in fn.blocks}
    for b in fn.blocks:                  # no branch lands on an empty jump-only block
        for s in b.successors():
            t = by_id[s]
            assert t.insts or t.term.op != "jump", (b.id, s)
        if b.term.op != "jump":          # and no conditional branch has one target twice
            assert len(set(b.successors())) != 1 or not b.successors()
    assert len(fn.blocks) < before


def test_branch_cleanups_match_wasmtime():
    check_module(BRANCHY, samples=16)


def _loads(n: int, first: int) -> str:
    """n checked loads at distinct addresses p0 + 4k, summed: one check each."""
    terms = [f"(i32.load (i32.add (local.get 0) (i32.const {4 * k})))"
             for k in range(first, first + n)]
    expr = terms[0]
    for t in terms[1:]:
        expr = f"(i32.add {expr} {t})"
    return expr


ISLANDS = f"""(module (memory 1)
  (func (export "f") (param i32 i32) (result i32)
    (if (local.get 1) (then (return {_loads(24, 0)})))
    {_loads(24, 100)}))"""


def test_trap_stubs_in_islands_keep_checks_short():
    """The return in the middle is a place with no fall-through: the checks
    above get a stub there (and those below within reach branch back to it),
    so most checks are 16-bit b<cond> although the function is > 256 bytes."""
    from synth_toolchain.driver import compile_file
    from synth_toolchain.traps import Trap
    res = compile_file("i.wasm", Options(tier="opt"), data=to_wasm(ISLANDS))
    fn = next(f for f in res.compiled.functions if f.symbol == "f")
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    listing = [(m, o) for _, _, m, o in cs.disasm_lite(fn.code.data, 0)]
    stubs = [k for k, (m, o) in enumerate(listing)
             if m == "movs" and o == f"r0, #{int(Trap.OUT_OF_BOUNDS_MEMORY)}"
             and listing[k + 1][0] == "bl"]
    assert len(fn.code.data) > 400 and len(stubs) == 2, stubs
    cond = [m for m, _ in listing if m[:3] in ("bhi", "bhs", "bcs")]
    assert len(cond) == 48 and sum(m.endswith(".w") for m in cond) <= 12, cond


def test_trap_islands_match_wasmtime():
    calls = [("f", (p, flag)) for p in (0, 4, 0xFC00, 0xFE70, 0xFFFC, 0xFFFFFFF0)
             for flag in (0, 1)]
    check_module(ISLANDS, calls)


def test_thousands_of_nested_blocks_thread_without_recursion():
    """Each `end` leaves an empty block jumping to the next: 3000 of them."""
    n = 3000
    src = ('(module (func (export "f") (param i32) (result i32) ' + "(block " * n +
           "(br_if 0 (local.get 0))" + ")" * n + " (i32.const 7)))")
    check_module(src, [("f", (0,)), ("f", (1,))], tiers=("opt",))
