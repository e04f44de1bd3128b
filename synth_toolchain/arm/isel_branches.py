"""Handlers of the terminators and traps: jump, compare-and-branch (32-bit,
against an immediate, 64-bit), br_table, return, and the unconditional and
conditional traps, which branch to the function's shared trap exits.

Branches to the next block are left out (`e.goto`, `e.branch2`); a block
whose last op set the zero flag branches on it directly (`e.zero_flags`).
"""

from __future__ import annotations

from .handlers import COND, S0, S1, HandlerTable, compare, compare64
from .operands import Cond

HANDLERS = HandlerTable()
handler = HANDLERS.handler


@handler("jump")
def _jump(e, ins):
    e.goto(ins.imm.target)


@handler("brcmp")
def _brcmp(e, ins):
    e.branch2(compare(e, ins.imm.cond, *ins.uses), ins.imm.then_block, ins.imm.else_block)


@handler("brcmpi")
def _brcmpi(e, ins):
    cond, k, t, f = ins.imm.cond, ins.imm.k, ins.imm.then_block, ins.imm.else_block
    x = ins.uses[0]
    if e.zero_flags:                    # the block's last op computed x with flags
        e.branch2(COND[cond], t, f)
        return
    if k == 0 and cond in ("eq", "ne"):
        rx = e.src(x, S0)
        if rx < 8:
            # cbz/cbnz branch forward only; the assembler relaxes otherwise
            if t == e.next_block:
                (e.a.cbnz if cond == "eq" else e.a.cbz)(rx, e.label(f))
            else:
                (e.a.cbz if cond == "eq" else e.a.cbnz)(rx, e.label(t))
                e.goto(f)
            return
    e.branch2(compare(e, cond, x, None, k), t, f)


@handler("loopstart")
def _loopstart(e, ins):
    e.a.dls(e.src(ins.uses[0], S0))


@handler("loopend")
def _loopend(e, ins):
    e.a.le(e.label(ins.imm.then_block))
    e.goto(ins.imm.else_block)


@handler("brcmp64")
def _brcmp64(e, ins):
    e.branch2(compare64(e, ins.imm.cond, ins.uses), ins.imm.then_block, ins.imm.else_block)


@handler("brtable")
def _brtable(e, ins):
    targets, default = ins.imm.targets, ins.imm.default
    a = e.a
    ri = e.src(ins.uses[0], S0)
    if targets:
        e.cmp_imm(ri, len(targets), S1)
        a.b(e.label(default), Cond.HS)
        a.jump_table(ri, [e.label(t) for t in targets], S1)
    else:
        e.goto(default)


@handler("ret")
def _ret(e, ins):
    rets = e.fn_layout().rets or []
    e.parallel_move([(e.arg_loc(loc, 0), e.vloc(v)) for v, loc in zip(ins.uses, rets)], S0)
    e.epilogue()


@handler("trap")
def _trap(e, ins):
    e.a.b(e.trap_label(ins.imm.trap))


@handler("trapif")
def _trapif(e, ins):
    c = compare(e, ins.imm.cond, ins.uses[0], ins.uses[1])
    e.a.b(e.trap_label(ins.imm.trap), c)


@handler("trapifi")
def _trapifi(e, ins):
    cond, k, code = ins.imm.cond, ins.imm.k, ins.imm.trap
    x = ins.uses[0]
    if k == 0 and cond in ("eq", "ne"):
        rx = e.src(x, S0)
        if rx < 8:
            (e.a.cbz if cond == "eq" else e.a.cbnz)(rx, e.trap_label(code))
            return
    c = compare(e, cond, x, None, k)
    e.a.b(e.trap_label(code), c)

