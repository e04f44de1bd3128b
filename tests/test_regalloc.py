"""The linear-scan allocator's live ranges with holes, its hints, and the
passes that split live ranges before it (ir/webs.py, arm/loopsplit.py)."""

import pytest

from synth_toolchain.arm.loopsplit import split_around_loops
from synth_toolchain.arm.regalloc import (CALLEE_SAVED, Allocation, AllocationError,
                                          check_allocation, linear_scan)
from synth_toolchain.ir.parser import parse_function
from synth_toolchain.ir.pipeline import PassContext
from synth_toolchain.ir.webs import split_webs

CTX = PassContext()


def _allocated(text: str, *passes):
    fn = parse_function(text)
    for p in passes:
        p(fn, CTX)
    alloc = linear_scan(fn, CTX)
    check_allocation(fn, alloc)
    return fn, alloc


# The call is the first instruction of the loop's block, and the counter
# reaches it from a block that is not just before it in the layout.
CALL_HEADS_THE_LOOP = """
function f(i v0) -> (i)
    num_vregs 4
b0:
    v1 = const 0
    brcmpi.eq v0, 0 -> b5, b3
b5:
    ret v0
b3:
    v2 = call @g v1 : (i) -> (i)
    jump b1
b1:
    v1 = addi v1, 1
    brcmpi.ne v1, 100 -> b3, b4
b4:
    ret v1
"""


def test_counter_live_into_a_call_that_heads_its_block_is_callee_saved():
    fn, alloc = _allocated(CALL_HEADS_THE_LOOP)
    assert alloc.reg[1] in CALLEE_SAVED, "the counter must survive the call in a register"


# v1 is dead between its use in b0 and its redefinition in b1: v2 may take its
# register there (a lifetime hole), though v1 is live before and after.
HOLE = """
function f(i v0) -> (i)
    num_vregs 4
b0:
    v1 = addi v0, 1
    v2 = addi v1, 2
    v1 = addi v2, 3
    v3 = add v1, v2
    ret v3
"""


def test_a_value_takes_the_register_of_a_vreg_in_its_hole():
    fn, alloc = _allocated(HOLE)
    assert alloc.reg[2] == alloc.reg[1] or alloc.reg[1] == alloc.reg[0]
    assert alloc.reg[3] == 0, "the result is computed in the register it returns in"


# Two loops; v1 counts the first and, reset, the second: one vreg, two webs.
TWO_LOOPS = """
function f(i v0) -> (i)
    num_vregs 3
b0:
    v1 = const 0
    jump b1
b1:
    v1 = addi v1, 1
    brcmpi.ne v1, 10 -> b1, b2
b2:
    v2 = mov v1
    v1 = const 5
    jump b3
b3:
    v1 = addi v1, 2
    brcmpi.ne v1, 50 -> b3, b4
b4:
    ret v1
"""


def test_each_web_of_a_vreg_gets_a_vreg_of_its_own():
    fn = parse_function(TWO_LOOPS)
    assert split_webs(fn, CTX) == 1
    defs = [i.defs[0] for b in fn.blocks for i in b.insts if i.op == "const"]
    assert len(set(defs)) == 2


def _crowded_loops(n: int, temps: int) -> str:
    """v1..vN are updated in the first loop and live through the second, whose
    body holds `temps` values at once: without a split, some of v1..vN live in
    memory in both loops."""
    vs = list(range(1, n + 1))
    c, s = n + 1, n + 2                 # the second loop's counter and sum
    ts = list(range(n + 3, n + 3 + temps))
    out = n + 3 + temps
    lines = ["function f(i v0) -> (i)", f"    num_vregs {out + 1}", "b0:"]
    lines += [f"    v{v} = addi v0, {v}" for v in vs]
    lines += ["    jump b1", "b1:"]
    lines += [f"    v{v} = addi v{v}, 1" for v in vs]
    lines += ["    brcmpi.ne v1, 100 -> b1, b2", "b2:", f"    v{c} = const 0",
              f"    v{s} = const 0", "    jump b3", "b3:"]
    lines += [f"    v{t} = addi v{c}, {t}" for t in ts]
    lines += [f"    v{s} = add v{s}, v{t}" for t in reversed(ts)]
    lines += [f"    v{c} = addi v{c}, 1", f"    brcmpi.ne v{c}, 200 -> b3, b4", "b4:",
              f"    v{out} = mov v{s}"]
    lines += [f"    v{out} = add v{out}, v{v}" for v in vs]
    lines += [f"    ret v{out}"]
    return "\n".join(lines) + "\n"


def test_values_unused_in_a_crowded_loop_leave_their_registers_to_it():
    text = _crowded_loops(6, 10)
    _, before = _allocated(text)
    fn, after = _allocated(text, split_around_loops)
    hot = range(1, 7)                   # the first loop's values
    assert any(before.reg[v] is None for v in hot)
    assert all(after.reg[v] is not None for v in hot), \
        "split around the second loop, the first loop's values keep registers in it"


# A 64-bit add writes its low result between the reads of the low and the high
# words: the low result may take a low operand's register, the high result a high
# operand's, but the low result never a high operand's (adds would overwrite what
# adc reads).
ADD64_SWAPPED = """
function f(l v0 v1, l v2 v3) -> (l)
    num_vregs 6
b0:
    v4, v5 = add64 v0, v1, v2, v3
    ret v4, v5
"""


def test_an_i64_sum_takes_its_operands_registers_word_by_word():
    fn, alloc = _allocated(ADD64_SWAPPED)
    assert (alloc.reg[4], alloc.reg[5]) == (0, 1), "adds r0, r0, r2; adc r1, r1, r3"


def test_the_checker_rejects_a_low_result_on_a_high_operand():
    fn = parse_function(ADD64_SWAPPED)
    bad = Allocation(reg=[0, 1, 2, 3, 1, 0], slot=[None] * 6)
    with pytest.raises(AllocationError, match="low result v4 of add64"):
        check_allocation(fn, bad)
    spilled = Allocation(reg=[0, None, 2, 3, None, 4], slot=[None, 0, None, None, 0, None],
                         num_slots=1)
    with pytest.raises(AllocationError, match="high operand v1"):
        check_allocation(fn, spilled)
    check_allocation(fn, Allocation(reg=[0, 1, 2, 3, 0, 1], slot=[None] * 6))


def _held_through(temps: int) -> str:
    """v1 (a constant) and v2 are used in the second loop only (three deep), and
    live through the first, whose body holds `temps` values at once besides its
    counter and sum."""
    ts = list(range(7, 7 + temps))
    lines = ["function f(i v0) -> (i)", f"    num_vregs {7 + temps}", "b0:",
             "    v1 = const 0x12345", "    v2 = addi v0, 7", "    v3 = const 0",
             "    v4 = const 0", "    jump b1", "b1:"]
    lines += [f"    v{t} = addi v3, {t}" for t in ts]
    lines += [f"    v4 = add v4, v{t}" for t in reversed(ts)]
    lines += ["    v3 = addi v3, 1", "    brcmpi.ne v3, 100 -> b1, b2", "b2:",
              "    v5 = const 0", "    jump b5", "b5:", "    jump b6", "b6:", "    jump b3",
              "b3:", "    v6 = add v5, v1", "    v5 = xor v6, v2", "    v5 = add v5, v4",
              "    brcmpi.ne v5, 0 -> b3, b7", "b7:", "    brcmpi.ne v5, 1 -> b6, b8", "b8:",
              "    brcmpi.ne v5, 2 -> b5, b4", "b4:", "    ret v5"]
    return "\n".join(lines) + "\n"


def test_values_held_through_a_loop_that_spills_its_own_leave_it():
    """The trial keeps v1 and v2 in registers through the first loop, unused
    there, and spills the loop's own values: v1 and v2 leave the loop, v2 by a
    copy, the constant v1 by its definition repeated after the loop (so a spill
    of it still costs no slot)."""
    text = _held_through(10)
    _, before = _allocated(text)
    fn, after = _allocated(text, split_around_loops)
    own = range(7, 17)
    assert before.reg[1] is not None and before.reg[2] is not None
    assert any(before.reg[v] is None for v in own)
    assert all(after.reg[v] is not None for v in own), "the first loop keeps its values"
    b2 = next(b for b in fn.blocks if b.id == 2)
    assert {(i.op, i.defs) for i in b2.insts[:2]} == {("mov", (2,)), ("const", (1,))}
    assert sum(i.op == "const" and i.defs == (1,) for b in fn.blocks for i in b.insts) == 2
