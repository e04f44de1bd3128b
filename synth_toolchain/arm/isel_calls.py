"""Handlers of the ops whose operands travel like a call's, in r0-r3 with
results in r0/r1: direct and indirect calls (AAPCS argument and result
places, a struct return through the frame's sret area), and the 64-bit
shifts, rotates and division, whose code works on fixed registers (division
calls the EABI helper).
"""

from __future__ import annotations

from ..traps import Trap
from .frame import call_sig_layout, struct_layout
from .handlers import S0, S1, HandlerTable, fixed_in, fixed_out
from .operands import SP, Cond, Imm

HANDLERS = HandlerTable()
handler = HANDLERS.handler


@handler("shl64", "shr_u64", "shr_s64")
def _shift64(e, ins):
    fixed_in(e, ins.uses)              # r0:r1 = value, r2 = count
    a = e.a
    a.and_(2, 2, Imm(63))
    if ins.op == "shl64":
        # hi = hi<<n | lo>>(32-n) | lo<<(n-32); lo = lo<<n  (register shifts ≥ 32 give 0)
        a.lsl(1, 1, 2)
        a.rsb(3, 2, Imm(32))
        a.lsr(S0, 0, 3)
        a.orr(1, 1, S0)
        a.sub(3, 2, Imm(32))
        a.lsl(S0, 0, 3)
        a.orr(1, 1, S0)
        a.lsl(0, 0, 2)
    else:
        arith = ins.op == "shr_s64"
        a.lsr(0, 0, 2)
        a.rsb(3, 2, Imm(32))
        a.lsl(S0, 1, 3)
        a.orr(0, 0, S0)
        a.sub(3, 2, Imm(32), flags=True)
        if arith:
            a.it(Cond.PL)
            a.asr(0, 1, 3)              # n >= 32: lo = hi >> (n - 32), sign-filled
        else:
            a.lsr(S0, 1, 3)
            a.orr(0, 0, S0)
        (a.asr if arith else a.lsr)(1, 1, 2)
    fixed_out(e, ins.defs)


@handler("rotl64", "rotr64")
def _rot64(e, ins):
    fixed_in(e, ins.uses)              # r0:r1 = value, r2 = count
    a = e.a
    if ins.op == "rotr64":
        a.rsb(2, 2, Imm(0))
    a.and_(2, 2, Imm(63))
    # n >= 32: swap halves, n -= 32; then rotl by n < 32 (n == 0 handled by shifts of 32 → 0)
    a.cmp(2, Imm(32))
    a.it(Cond.HS, "tt")
    a.mov(S0, 0)
    a.mov(0, 1)
    a.mov(1, S0)
    a.and_(2, 2, Imm(31))
    a.rsb(3, 2, Imm(32))
    a.lsl(S0, 1, 2)
    a.lsr(S1, 0, 3)
    a.orr(S0, S0, S1)                   # new hi
    a.lsl(0, 0, 2)
    a.lsr(S1, 1, 3)
    a.orr(0, 0, S1)                     # new lo
    a.mov(1, S0)
    fixed_out(e, ins.defs)


@handler("div_s64", "div_u64", "rem_s64", "rem_u64")
def _div64(e, ins):
    fixed_in(e, ins.uses)              # r0:r1 = a, r2:r3 = b
    a = e.a
    signed = ins.op.endswith("_s64")
    a.orr(S0, 2, 3, flags=True)
    a.b(e.trap_label(Trap.INTEGER_DIVIDE_BY_ZERO), Cond.EQ)
    done = a.new_label()
    if signed:
        normal = a.new_label()
        a.and_(S0, 2, 3)
        a.cmn(S0, Imm(1))
        a.b(normal, Cond.NE)            # divisor != -1
        if ins.op == "div_s64":
            a.cmp(1, Imm(0x80000000))
            a.it(Cond.EQ)
            a.cmp(0, Imm(0))
            a.b(e.trap_label(Trap.INTEGER_OVERFLOW), Cond.EQ)
            a.mov(S1, Imm(0))           # x / -1 = -x
            a.rsb(0, 0, Imm(0), flags=True)
            a.sbc(1, S1, 1)
        else:
            a.mov(0, Imm(0))            # x % -1 = 0
            a.mov(1, Imm(0))
        a.b(done)
        a.bind(normal)
    a.bl("__aeabi_ldivmod" if signed else "__aeabi_uldivmod")
    if ins.op.startswith("rem"):
        a.mov(0, 2)
        a.mov(1, 3)
    a.bind(done)
    fixed_out(e, ins.defs)


@handler("call", "callptr")
def _call(e, ins):
    sig = ins.imm
    a = e.a
    uses = list(ins.uses)
    target = None
    if ins.op == "callptr":
        target = uses.pop(0)
    lay = call_sig_layout(sig)
    moves = []
    it = iter(uses)
    for group in lay.args:
        for loc in group:
            moves.append((e.arg_loc(loc, 0), e.vloc(next(it))))
    if target is not None:
        moves.append((("r", S0), e.vloc(target)))
    e.parallel_move(moves, S1)
    if lay.rets is None:
        e.add_imm(0, SP, e.frame.sret_base, S1)
    if target is not None:
        a.blx(S0)
    else:
        a.bl(sig.symbol)
    if lay.rets is None:
        offs, _ = struct_layout(list(sig.results))
        words = [e.frame.sret_base + off + 4 * k for w, off in zip(sig.results, offs)
                 for k in range(w)]
        e.parallel_move([(e.vloc(v), ("s", off)) for v, off in zip(ins.defs, words)], S0)
    else:
        e.parallel_move([(e.vloc(v), e.arg_loc(loc, 0)) for v, loc in zip(ins.defs, lay.rets)],
                        S0)



@handler("tailcall", "tailcallptr")
def _tail_call(e, ins):
    """Arguments to their AAPCS places (the stack ones in this function's own
    incoming area, which lowering checked is large enough), the frame torn
    down, then `b.w callee` (R_ARM_THM_JUMP24) or `bx` through a register: the
    callee returns to this function's caller."""
    sig = ins.imm
    uses = list(ins.uses)
    target = uses.pop(0) if ins.op == "tailcallptr" else None
    lay = call_sig_layout(sig)
    moves = []
    if lay.rets is None:                    # this function's struct pointer, passed on
        moves.append((("r", 0), e.vloc(uses.pop(0))))
    it = iter(uses)
    for group in lay.args:
        for loc in group:
            moves.append((e.arg_loc(loc, e.frame.incoming_base), e.vloc(next(it))))
    # the code address stays where it is when no argument goes there and the
    # epilogue pops nothing into it (r0-r2), else it goes to ip
    via = e.vloc(target) if target is not None else None
    if via is not None and not (via[0] == "r" and via[1] < 3 and
                                all(d != via for d, _ in moves)):
        moves.append((("r", S0), via))
        via = ("r", S0)
    e.parallel_move(moves, S1)
    held = e.a.keep_jump_target(via[1]) if via is not None else None
    e.tail_epilogue(any(d == ("r", 3) for d, _ in moves))
    if held is not None:
        e.a.jump_to(held)
    else:
        e.a.b_symbol(sig.symbol)
