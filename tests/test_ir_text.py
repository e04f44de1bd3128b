"""The IR's text form: printing and parsing are inverse (every function of
every fixture, of the float runtime and of sample generated programs, at
every tier, after lowering and after the tier's passes), the form reads as
documented, and malformed text gets a one-line `LINE:COL: error:`."""

import os

import pytest

from synth_toolchain.errors import IRParseError, SynthError
from synth_toolchain.ir.imm import CondTrap, MemAccess
from synth_toolchain.ir.parser import parse_function, parse_functions
from synth_toolchain.ir.printer import format_function
from synth_toolchain.traps import Trap
from tests.ir_samples import functions, sources
from tests.test_cli import EXAMPLE, synth


@pytest.mark.parametrize("label,config", sources())
def test_parse_inverts_print(label, config):
    bad = [where for where, fn in functions(label, config)
           if parse_function(format_function(fn)) != fn]
    assert not bad, bad


HAND_WRITTEN = """\
function "load twice"(sret v0, i v1, l v2 v3) -> (i, l, d)
    num_vregs 16
    local_slots 2
    promoted_locals 0 1
    local_vregs (v1) (v2 v3)
    vfp_abi
    vfp_vregs v12 v13
    uses_memory
b0:
    v9 = symaddr @synth_memory
    v14 = const 0x10000
    trapif.gt_u v1, v14 -> out_of_bounds_memory
    v4 = load.w v9, v1 +4112 unchecked
    v5 = load.sh v9, v1 -2
    v6 = load.w v9, v1 size 3
    store64.d v9, v1, v2, v3 +8
    v7 = addi v4, -5
    v8 = shli v7, 3
    stslot v8, slot 1
    v10 = ldraw.b v9 +4
    v11 = div_s v10, v8 nonzero
    v12 = fbin.vadd.f32 v4, v5
    v13 = fsetcc.lt.f64 v2, v3, v2, v3 negate
    v15 = call @"weird name" v1, v2, v3 : (i, l) -> (i) vfp
    v15 = callptr v9, v1 : (1) -> (1)
    v4 = selcc.eq v7, v8, v10, 0
    v5 = symaddr @synth_globals+8
    meminit v1, v4, v5, data 2
    trapifi.eq v15, 0 -> unreachable
    brcmpi.lt_s v4, 10 -> b1, b2
b1:
    brtable v4 -> [b2, b1], b2
b2:
    brfcmp.ge.f64 v2, v3, v2, v3 negate -> b1, b3
b3:
    trap -> integer_overflow
"""


def test_hand_written_text_reads_and_prints_back_unchanged():
    fn = parse_function(HAND_WRITTEN)
    assert format_function(fn) + "\n" == HAND_WRITTEN
    assert fn.name == "load twice" and fn.sret == 0 and fn.params == [0, 1, 2, 3]
    assert fn.param_words == [1, 2] and fn.param_kinds == "il"
    assert fn.result_words == [1, 2, 2] and fn.result_kinds == "ild"
    insts = fn.blocks[0].insts
    assert insts[2].imm == CondTrap("gt_u", Trap.OUT_OF_BOUNDS_MEMORY)
    assert insts[3].imm == MemAccess("w", 4112, 4, False)
    assert insts[3].uses == (9, 1) and insts[3].defs == (4,)
    assert [b.successors() for b in fn.blocks] == [[1, 2], [2, 1], [1, 3], []]


MEMORIES = """\
function two_memories(i v0) -> (i)
    num_vregs 8
b0:
    v1 = symaddr @synth_memory1
    v2 = load.w v1, v0 +8 unchecked memory 1
    store.b v1, v0, v2 memory 2
    memfill v0, v2, v2 memory 1
    memcopy v0, v2, v2 memory 2 from 1
    memcopy v0, v2, v2 from 3
    meminit v0, v2, v2, data 4 memory 1
    v3 = memgrow v2 memory 3
    ret v3
"""


def test_memory_indices_read_and_print_back():
    """An instruction on a memory other than 0 says `memory K` (memcopy's
    source `from K`); memory 0's text is as it was."""
    fn = parse_function(MEMORIES)
    assert format_function(fn) + "\n" == MEMORIES
    insts = fn.blocks[0].insts
    assert insts[1].imm == MemAccess("w", 8, 4, False, 1)
    assert [i.imm.memory for i in insts[2:]] == [2, 1, 2, 0, 1, 3]
    assert (insts[4].imm.source, insts[5].imm.source) == (1, 3)


def test_dump_ir_parses(tmp_path):
    r = synth("compile", EXAMPLE, "-o", str(tmp_path / "hello.o"), "--dump", "ir")
    assert r.returncode == 0, r.stderr
    assert [fn.name for fn in parse_functions(r.stdout)] == ["fib", "checksum"]


@pytest.mark.parametrize("text,error", [
    ("b0:\n", "1:1: error: expected 'function'"),
    ("function f() -> ()\n    v1 = const 1\n",
     "2:5: error: expected a function attribute or a block label (bN:)"),
    ("function f() -> ()\nb0:\n    v1 = frob v2\n", "3:10: error: unknown op 'frob'"),
    ("function f() -> ()\nb0:\n    v1 = load.q v2, v3\n",
     "3:15: error: unknown suffix 'q' (one of w, h, sh, b, sb, d)"),
    ("function f() -> ()\nb0:\n    v1 = add.w v2, v3\n",
     "3:10: error: 'add' takes 0 suffix(es), found 1"),
    ("function f() -> ()\nb0:\n    v1 = const\n",
     "3:15: error: expected an integer, found end of line"),
    ("function f() -> ()\nb0:\n    trap -> oops\n",
     "3:13: error: unknown trap 'oops' (one of unreachable, integer_overflow, "
     "integer_divide_by_zero, invalid_conversion, out_of_bounds_memory, undefined_element, "
     "uninitialized_element, indirect_call_type_mismatch, stack_exhausted, "
     "out_of_bounds_table)"),
    ("function f() -> ()\nb0:\n    ret\n    ret\n",
     "4:5: error: instruction after the block's terminator"),
    ("function f() -> ()\nb0:\n    jump b1 b2\n", "3:13: error: unexpected 'b2'"),
    ("function f() -> ()\nb0:\n    v1 = add v2, v3 ?\n", "3:21: error: unexpected character '?'"),
    ("function f(i v1, v2) -> ()\n",
     "1:18: error: a parameter kind on every parameter or on none"),
    ("function f() -> (i, 2)\n",
     "1:21: error: expected an ABI kind (i, l, f, d) or a word count, not both, found '2'"),
    ("function f() -> ()\nb0:\n    call @g+4 : () -> ()\n",
     "3:10: error: a call's symbol takes no addend"),
    ("function f() -> ()\nb0:\nb0:\n", "3:1: error: block b0 defined twice"),
    ("", "1:1: error: expected one function, found 0"),
])
def test_parse_errors_say_where(text, error):
    with pytest.raises(IRParseError) as info:
        parse_function(text)
    assert isinstance(info.value, SynthError)
    assert str(info.value) == error
    assert "\n" not in str(info.value)


def test_text_form_is_documented():
    """docs/ir.md shows the form; its example must parse."""
    with open(os.path.join(os.path.dirname(__file__), "..", "docs", "ir.md")) as f:
        doc = f.read()
    example = doc.split("```\n")[1]
    assert parse_function(example).name == "checksum"
