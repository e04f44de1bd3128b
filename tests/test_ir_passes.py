"""The IR passes and allocator features behind the loop figures: invariant
constants leave loops, spill weights follow loop depth, and spilled constants
are rebuilt where used instead of reloaded."""

from synth_toolchain.arm.regalloc import check_allocation, linear_scan
from synth_toolchain.ir.analysis import loop_depths
from synth_toolchain.ir.combine import combine
from synth_toolchain.arm.lowering_target import THUMB2
from synth_toolchain.ir.lower import lower_function
from synth_toolchain.ir.passes import hoist_loop_constants, prune_unreachable, remove_dead_code
from synth_toolchain.ir.pipeline import PassContext
from synth_toolchain.layout import ModuleLayout
from synth_toolchain.options import Options
from synth_toolchain.wasm.loader import load_bytes
from tests.difftest import check_module, fixture, to_wasm

CTX = PassContext()


def _lowered(name: str, export: str):
    module = load_bytes(fixture(name).encode(), name)
    layout = ModuleLayout(module, Options())
    idx = next(e.index for e in module.exports if e.name == export)
    fn = lower_function(layout, idx, True, THUMB2)
    prune_unreachable(fn, CTX)
    remove_dead_code(fn, CTX)
    return fn


def _const_depths(fn) -> dict[int, list[int]]:
    depth = loop_depths(fn)
    out: dict[int, list[int]] = {}
    for b in fn.blocks:
        for ins in b.insts:
            if ins.op == "const":
                out.setdefault(ins.imm.value, []).append(depth[b.id])
    return out


def test_wide_constant_leaves_both_loops_once():
    fn = _lowered("loops.wat", "crc_like")
    before = _const_depths(fn)
    assert sorted(before[0xEDB88320]) == [1, 2]        # one per loop level
    hoist_loop_constants(fn, CTX)
    after = _const_depths(fn)
    assert after[0xEDB88320] == [0]                     # merged, outside every loop
    assert 8 in after and after[8] == [1]               # one instruction: stays put
    check_allocation(fn, linear_scan(fn, CTX))


def test_symbol_addresses_leave_the_loop():
    fn = _lowered("loops.wat", "globals_in_loop")
    hoist_loop_constants(fn, CTX)
    depth = loop_depths(fn)
    placed = [depth[b.id] for b in fn.blocks for i in b.insts if i.op == "symaddr"]
    assert placed and all(d == 0 for d in placed)


def test_constants_under_pressure_are_rematerialised():
    fn = _lowered("loops.wat", "pressure")
    hoist_loop_constants(fn, CTX)
    alloc = linear_scan(fn, CTX)
    check_allocation(fn, alloc)
    assert alloc.remat, "eight live values plus six hoisted constants must spill some"
    consts = {i.defs[0]: i.imm.value for b in fn.blocks for i in b.insts if i.op == "const"}
    assert all(consts[v] == k for v, k in alloc.remat.items())
    assert all(alloc.slot[v] is None for v in alloc.remat)


def test_initial_zero_of_a_local_set_before_use_is_dropped():
    """$k starts at 0 but every path sets it (to 8) before reading it."""
    from synth_toolchain.ir.passes import remove_dead_definitions
    fn = _lowered("loops.wat", "crc_like")
    k = fn.local_vregs[2][0]
    def zero_defs():
        return [i for b in fn.blocks for i in b.insts if i.op == "const" and i.defs == (k,)
                and i.imm.value == 0]
    assert zero_defs()
    remove_dead_definitions(fn, CTX)
    assert not zero_defs()
    assert any(i.defs == (k,) and i.imm.value == 8 for b in fn.blocks for i in b.insts)


ZERO_HIGH_WORDS = """(module
  (func (export "mul_masked_local") (param i64 i64) (result i64) (local i64 i64)
    (local.set 2 (i64.and (local.get 0) (i64.const 0xFFFFFFFF)))
    (local.set 3 (i64.extend_i32_u (i32.wrap_i64 (local.get 1))))
    (i64.add (i64.mul (local.get 2) (local.get 1))
             (i64.mul (local.get 2) (local.get 3))))
  (func (export "or_and_zero") (param i64 i64) (result i64) (local i64)
    (local.set 2 (i64.shr_u (local.get 0) (i64.const 32)))
    (i64.xor (i64.or (local.get 2) (local.get 1)) (i64.and (local.get 2) (local.get 1))))
  (func (export "add_extended") (param i64 i64 i32) (result i64) (local i64 i64)
    (local.set 3 (i64.extend_i32_u (local.get 2)))
    (local.set 4 (i64.const -1))
    (i64.sub (i64.add (local.get 0) (local.get 3))
             (i64.add (local.get 4) (local.get 1))))
  (func (export "add_wide_const") (param i64) (result i64)
    (i64.sub (i64.add (local.get 0) (i64.const 0x1234567880000001))
             (i64.const 0xFFFF0000)))
  (func (export "reassigned") (param i64 i64) (result i64) (local i64)
    (local.set 2 (i64.and (local.get 0) (i64.const 0xFFFFFFFF)))
    (local.set 2 (i64.add (local.get 2) (local.get 1)))
    (i64.mul (local.get 2) (local.get 1))))"""


def _ops_after_fold(export: str) -> list[str]:
    from synth_toolchain.ir.passes import fold_known_constants
    module = load_bytes(to_wasm(ZERO_HIGH_WORDS), "z.wasm")
    layout = ModuleLayout(module, Options())
    idx = next(e.index for e in module.exports if e.name == export)
    fn = lower_function(layout, idx, True, THUMB2)
    combine(fn, CTX)
    fold_known_constants(fn, CTX)
    remove_dead_code(fn, CTX)
    return [i.op for b in fn.blocks for i in b.insts]


def test_known_zero_high_words_drop_their_multiply_adds():
    """(u32)a kept in a local: a * b needs one mla (a.lo * b.hi), a * (u32)b none;
    a local assigned a full 64-bit value again is not mistaken for a zero."""
    assert _ops_after_fold("mul_masked_local").count("mla") == 1
    assert _ops_after_fold("reassigned").count("mla") == 2
    assert _ops_after_fold("add_extended").count("add64k") == 2   # hi 0, and hi ~0 commuted
    folded = _ops_after_fold("or_and_zero")           # high words: 0 | b.hi, 0 & b.hi
    assert folded.count("or") == 1 and folded.count("and") == 1


def test_known_zero_folds_match_wasmtime():
    check_module(ZERO_HIGH_WORDS, samples=24)
