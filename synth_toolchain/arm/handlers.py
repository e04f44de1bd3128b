"""What the emitter core (arm/emit.py) and the handler modules (arm/vfp.py) share.

A handler module declares its own `HandlerTable` and fills it with the
`handler` decorator; arm/emit.py assembles the modules' tables explicitly
into the one table it dispatches on.  The scratch registers and the small
helpers handlers of several modules use live here so that a handler module
needs nothing from the emitter core.
"""

from __future__ import annotations

from .operands import Cond, Imm

S0, S1 = 12, 14


class HandlerTable(dict):
    """IR opcode name → handler(emitter, inst)."""

    def handler(self, *names):
        def deco(f):
            for n in names:
                self[n] = f
            return f
        return deco


def assemble(*tables: HandlerTable) -> dict:
    """One dispatch table from the modules' tables; an op handled twice is a defect."""
    out: dict = {}
    for table in tables:
        twice = out.keys() & table.keys()
        assert not twice, f"ops with two handlers: {sorted(twice)}"
        out.update(table)
    return out


def setflag(e, d: int, c: Cond) -> None:
    """Write 1 to vreg d if condition c holds, else 0."""
    rd = e.dst(d, S0)
    e.a.it(c, "e")
    e.a.mov(rd, Imm(1))
    e.a.mov(rd, Imm(0))
    e.put(d, rd)
