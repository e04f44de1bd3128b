"""The emitter's dispatch table is assembled explicitly from the handler modules.

Every IR op that reaches instruction selection has exactly one handler, so a
handler module left out of the assembly (or an op handled in two modules)
fails here rather than when some program first uses the op.
"""

from __future__ import annotations

import pytest

from synth_toolchain.arm import isel_alu, isel_branches, isel_calls, isel_memory, isel_vfp
from synth_toolchain.arm.emit import HANDLERS
from synth_toolchain.arm.handlers import HandlerTable, assemble
from synth_toolchain.ir.ir import OPS

# ops that never reach the emitter: ir/combine.py always rewrites them
REWRITTEN_BEFORE_ISEL = {"mul64"}
MODULES = (isel_alu, isel_memory, isel_calls, isel_branches, isel_vfp)


def test_every_op_reaching_isel_has_a_handler():
    assert set(HANDLERS) == set(OPS) - REWRITTEN_BEFORE_ISEL


def test_the_table_is_exactly_the_modules_tables():
    assert sum(len(m.HANDLERS) for m in MODULES) == len(HANDLERS)
    for m in MODULES:
        assert all(HANDLERS[op] is f for op, f in m.HANDLERS.items()), m.__name__


def test_an_op_handled_twice_is_refused():
    a, b = HandlerTable(), HandlerTable()
    a["jump"] = b["jump"] = print
    with pytest.raises(AssertionError, match="jump"):
        assemble(a, b)
