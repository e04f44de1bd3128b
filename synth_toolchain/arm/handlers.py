"""What the emitter core (arm/emit.py) and the handler modules (arm/isel_*.py) share.

A handler module declares its own `HandlerTable` and fills it with the
`handler` decorator; arm/emit.py assembles the modules' tables explicitly
into the one table it dispatches on.  The scratch registers and the small
helpers handlers of several modules use live here (condition names, the
32- and 64-bit compares, moves into and out of the fixed registers r0-r3)
so that a handler module needs nothing from the emitter core or from
another handler module.
"""

from __future__ import annotations

from .encoding import encodable_modimm
from .operands import M32, Cond, Imm

S0, S1 = 12, 14

COND = {"eq": Cond.EQ, "ne": Cond.NE, "lt_s": Cond.LT, "lt_u": Cond.LO, "gt_s": Cond.GT,
        "gt_u": Cond.HI, "le_s": Cond.LE, "le_u": Cond.LS, "ge_s": Cond.GE, "ge_u": Cond.HS,
        "tst_eq": Cond.EQ, "tst_ne": Cond.NE}
# 64-bit ordered compares use cmp/sbcs, which yields LT/GE and LO/HS only;
# gt/le swap the operands.
_CMP64 = {"lt_s": (False, Cond.LT), "ge_s": (False, Cond.GE), "gt_s": (True, Cond.LT),
          "le_s": (True, Cond.GE), "lt_u": (False, Cond.LO), "ge_u": (False, Cond.HS),
          "gt_u": (True, Cond.LO), "le_u": (True, Cond.HS)}


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


def other_scratch(r: int) -> int:
    """A scratch register other than r (prefer ip: lr-free code can skip the prologue)."""
    return S1 if r == S0 else S0


def compare(e, cond: str, x: int, y: int | None, k: int = 0) -> Cond:
    rx = e.src(x, S0)
    if cond.startswith("tst"):
        k &= M32
        if encodable_modimm(k):
            e.a.tst(rx, Imm(k))
        else:
            e.a.mov_imm32(other_scratch(rx), k, flags=False)
            e.a.tst(rx, other_scratch(rx))
    elif y is None:
        e.cmp_imm(rx, k, other_scratch(rx))
    else:
        e.a.cmp(rx, e.src(y, S1))
    return COND[cond]


def compare64(e, cond: str, uses) -> Cond:
    al, ah, bl, bh = uses
    a = e.a
    if cond in ("eq", "ne"):
        a.cmp(e.src(al, S0), e.src(bl, S1))
        rah, rbh = e.src(ah, S0), e.src(bh, S1)
        a.it(Cond.EQ)
        a.cmp(rah, rbh)
        return COND[cond]
    swap, c = _CMP64[cond]
    if swap:
        al, ah, bl, bh = bl, bh, al, ah
    a.cmp(e.src(al, S0), e.src(bl, S1))
    rah, rbh = e.src(ah, S0), e.src(bh, S1)
    a.sbc(S0, rah, rbh, flags=True)
    return c


def fixed_in(e, uses) -> None:
    """Move the operands of a fixed-register op into r0, r1, … (as for a call)."""
    e.parallel_move([(("r", i), e.vloc(v)) for i, v in enumerate(uses)], S0)


def fixed_out(e, defs, regs=(0, 1)) -> None:
    """Move the results of a fixed-register op from r0/r1 to their allocated places."""
    e.parallel_move([(e.vloc(v), ("r", r)) for v, r in zip(defs, regs)], S0)

