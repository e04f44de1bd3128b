"""The code buffer's record of the core registers each item writes, against capstone.

The leaf check (arm/emit.py) asks the code buffer which registers the code
writes instead of disassembling it; this test keeps that record honest:
for every instruction of every fixture, in every tier and float
configuration the fixture filetests cover (tests/filetests/fixtures), the registers an item records are the
registers capstone's decoding of the item's instructions says they write.
"""

from pathlib import Path

import pytest
from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs

from synth_toolchain.arm.operands import SP
from synth_toolchain.driver import compile_file
from tests import filetest

# (fixture, configuration) for every `test:` line of the fixture filetests
CASES = [(ft.input, config)
         for ft in map(filetest.parse, sorted(Path(__file__).parent.glob("filetests/fixtures/*.wat")))
         for config in ft.configs]

_CS = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
_CS.detail = True
_CORE = {**{f"r{n}": n for n in range(13)}, "sb": 9, "sl": 10, "fp": 11, "ip": 12,
         "sp": 13, "lr": 14}                 # pc is not recorded: every branch writes it
# capstone 5 leaves out vpush/vpop's write of sp (it lists the S registers instead)
_ORACLE_OMITS = {"vpush": {SP}, "vpop": {SP}}


def _text_ranges(code):
    """(start, end) of the instruction regions, from the mapping symbols."""
    marks = code.mapping + [(len(code.data), "end")]
    return [(start, marks[k + 1][0]) for k, (start, kind) in enumerate(code.mapping)
            if kind == "t"]


def _decoded_writes(code) -> dict[int, tuple[str, set[int]]]:
    """Instruction offset → (text, core registers capstone says it writes)."""
    out = {}
    for start, end in _text_ranges(code):
        decoded = list(_CS.disasm(code.data[start:end], start))
        assert sum(i.size for i in decoded) == end - start, "capstone stopped early"
        for ins in decoded:
            names = (ins.reg_name(r) for r in ins.regs_access()[1])
            regs = {_CORE[n] for n in names if n in _CORE}
            out[ins.address] = (f"{ins.mnemonic} {ins.op_str}",
                                regs | _ORACLE_OMITS.get(ins.mnemonic, set()))
    return out


@pytest.mark.parametrize("path,config", CASES, ids=[f"{p.name}:{c.spec}" for p, c in CASES])
def test_recorded_writes_match_capstone(path, config):
    compiled = compile_file(str(path), config.options).compiled
    checked = 0
    for fr in compiled.functions:
        decoded = _decoded_writes(fr.code)
        for span in fr.code.spans:
            inside = [decoded[a] for a in sorted(decoded) if span.offset <= a < span.offset + span.size]
            expected = set().union(*(w for _, w in inside))
            texts = "; ".join(t for t, _ in inside)
            assert span.writes == expected, f"{fr.symbol} +{span.offset:#x}: {texts}"
            checked += len(inside)
    assert checked == sum(len(_decoded_writes(fr.code)) for fr in compiled.functions)
