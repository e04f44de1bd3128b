"""Every IR instruction carries the immediate class its op declares in the
op table (ir/ir.py OPS, ir/imm.py), after lowering and after every pass."""

from dataclasses import FrozenInstanceError, replace

import pytest

from synth_toolchain.ir.imm import BranchTable, MemAccess
from synth_toolchain.ir.ir import OPS
from tests.ir_samples import functions, sources


def _misfits(fn) -> list[str]:
    out = []
    for b in fn.blocks:
        for ins in (*b.insts, b.term):
            want = OPS[ins.op].imm
            if want is None and ins.imm is not None or \
                    want is not None and not isinstance(ins.imm, want):
                out.append(f"b{b.id}: {ins.op} {ins.imm!r} (declares {want})")
    return out


@pytest.mark.parametrize("label,config", sources())
def test_immediates_are_the_declared_class(label, config):
    bad = {where: m for where, fn in functions(label, config) if (m := _misfits(fn))}
    assert not bad, bad


def test_immediates_are_values():
    access = MemAccess("w", 4, 4, True)
    with pytest.raises(FrozenInstanceError):
        access.checked = False
    assert replace(access, checked=False) == MemAccess("w", 4, 4, False)
    assert access.end == 8
    table = BranchTable((3, 4, 3), 5)
    assert table.successors() == (3, 4, 5)
    assert table.retarget(lambda b: b + 1) == BranchTable((4, 5, 4), 6)
