"""Handlers of the integer value ops: moves, constants, local slots, 32-bit
arithmetic, logic, shifts and bit counts, division, compares into a value
(setcc) or a select (selcc), 64-bit add/sub and the multiplies.

Each computes in registers: operands through `e.src()`, results through
`e.dst()`/`e.put()`, folding an immediate where an encoding exists.  The
64-bit ops that need r0-r3 are in arm/isel_calls.py.
"""

from __future__ import annotations

from ..errors import TierFailure
from ..ir.ir import SHIFTED_OPERAND_OPS, Inst
from ..traps import Trap
from .encoding import encodable_modimm
from .handlers import S0, S1, HandlerTable, compare, compare64, other_scratch, setflag
from .operands import M32, Cond, Imm, Shift, ShiftedReg

HANDLERS = HandlerTable()
handler = HANDLERS.handler


@handler("mov")
def _mov(e, ins: Inst) -> None:
    (d,), (s,) = ins.defs, ins.uses
    if d in e.fn.vfp_vregs or s in e.fn.vfp_vregs:     # an f32 in or out of S registers
        e.parallel_move([(e.vloc(d), e.vloc(s))], S0)
        return
    rd = e.alloc.reg[d]
    rs = e.src(s, S0 if rd is None else rd)   # a spilled source loads straight into rd
    if rd is None:
        e.put(d, rs)                          # a spilled destination stores straight from rs
    elif rd != rs:
        e.a.mov(rd, rs)


@handler("const")
def _const(e, ins):
    d = ins.defs[0]
    if d in e.alloc.remat or d in e.unbuilt_consts:
        return                          # rebuilt at each use, or folded into every use
    rd = e.dst(d, S0)
    e.a.mov_imm32(rd, ins.imm.value)
    e.put(d, rd)


@handler("symaddr")
def _symaddr(e, ins):
    d = ins.defs[0]
    rd = e.dst(d, S0)
    e.a.mov_symbol(rd, ins.imm.name, ins.imm.addend)
    e.put(d, rd)


@handler("ldslot")
def _ldslot(e, ins):
    d = ins.defs[0]
    if d in e.fn.vfp_vregs:
        e.parallel_move([(e.vloc(d), ("s", e.frame.local_base + 4 * ins.imm.index))], S0)
        return
    rd = e.dst(d, S0)
    e.ld_sp(rd, e.frame.local_base + 4 * ins.imm.index)
    e.put(d, rd)


@handler("stslot")
def _stslot(e, ins):
    if ins.uses[0] in e.fn.vfp_vregs:
        e.parallel_move([(("s", e.frame.local_base + 4 * ins.imm.index), e.vloc(ins.uses[0]))],
                        S0)
        return
    rs = e.src(ins.uses[0], S0)
    e.st_sp(rs, e.frame.local_base + 4 * ins.imm.index, busy=(rs,))


_RR = {"add": "add", "sub": "sub", "mul": "mul", "and": "and_", "or": "orr", "xor": "eor",
       "bic": "bic", "orn": "orn", "mul16": "smulbb"}


@handler(*_RR)
def _alu(e, ins):
    (d,), (x, y) = ins.defs, ins.uses
    rd = e.dst(d, S0)
    rx = e.src(x, e.temp_for(rd, y))
    ty = e.temp_for(rd, x)
    ry = e.src(y, S1 if ty in (rx, S0) else ty)
    getattr(e.a, _RR[ins.op])(rd, rx, ry, **({"flags": True} if e.set_flags else {}))
    e.put(d, rd)


_SHIFTED_ALU = {"add": "add", "sub": "sub", "rsb": "rsb", "and": "and_", "or": "orr",
                "xor": "eor", "bic": "bic", "orn": "orn"}
_OPERAND_SHIFT = {"lsl": Shift.LSL, "lsr": Shift.LSR, "asr": Shift.ASR}


@handler(*(op + form for op in SHIFTED_OPERAND_OPS for form in ("sh", "rot")))
def _alu_shifted(e, ins):
    """d = a OP (x SHIFT k) in one instruction: `eor d, a, x, ror #k`."""
    (d,), (x, y) = ins.defs, ins.uses
    rotated = ins.op.endswith("rot")
    alu = getattr(e.a, _SHIFTED_ALU[ins.op[:-3] if rotated else ins.op[:-2]])
    shift = Shift.ROR if rotated else _OPERAND_SHIFT[ins.imm.shift]
    rd = e.dst(d, S0)
    rx = e.src(x, e.temp_for(rd, y))
    ry = e.src(y, S1)
    alu(rd, rx, ShiftedReg(ry, shift, ins.imm.amount), **({"flags": True} if e.set_flags else {}))
    e.put(d, rd)


_SHIFT = {"shl": "lsl", "shr_u": "lsr", "shr_s": "asr", "rotr": "ror"}


@handler(*_SHIFT)
def _shift(e, ins):
    (d,), (x, y) = ins.defs, ins.uses
    spilled_x = e.alloc.reg[x] is None
    t = S1 if spilled_x else S0
    ry = e.src(y, t)
    if ins.op != "rotr":                   # wasm masks the count; ARM uses the low byte
        e.a.and_(t, ry, Imm(31))
        ry = t
    rx = e.src(x, S0)
    rd = e.dst(d, S0)
    getattr(e.a, _SHIFT[ins.op])(rd, rx, ry)
    e.put(d, rd)


@handler("rotl")
def _rotl(e, ins):
    (d,), (x, y) = ins.defs, ins.uses
    t = S1 if e.alloc.reg[x] is None else S0
    ry = e.src(y, t)
    e.a.rsb(t, ry, Imm(0))
    rx = e.src(x, S0)
    rd = e.dst(d, S0)
    e.a.ror(rd, rx, t)
    e.put(d, rd)


@handler("addi", "subi")
def _addi(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    k = ins.imm.value if ins.op == "addi" else -ins.imm.value
    rd = e.dst(d, S0)
    rx = e.src(x, e.temp_for(rd))
    e.add_imm(rd, rx, k, other_scratch(rx), flags=True if e.set_flags else None)
    e.put(d, rd)                        # a store to a slot keeps the flags


@handler("rsbi")
def _rsbi(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    k = ins.imm.value & M32
    rd = e.dst(d, S0)
    rx = e.src(x, e.temp_for(rd))
    if encodable_modimm(k) or k == 0:
        e.a.rsb(rd, rx, Imm(k))
    else:
        t = other_scratch(rx)
        e.a.mov_imm32(t, k, flags=False)
        e.a.sub(rd, t, rx)
    e.put(d, rd)


@handler("andi", "ori", "xori")
def _logici(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    k = ins.imm.value & M32
    rd = e.dst(d, S0)
    rx = e.src(x, e.temp_for(rd))
    a = e.a
    op = ins.op
    if op == "andi" and k == 0xFF:
        a.uxtb(rd, rx)
    elif op == "andi" and k == 0xFFFF:
        a.uxth(rd, rx)
    elif op == "andi" and k == 0:
        a.mov(rd, Imm(0))
    elif op == "xori" and k == M32:
        a.mvn(rd, rx)
    elif (op in ("ori", "xori") and k == 0):
        if rd != rx:
            a.mov(rd, rx)
    elif encodable_modimm(k):
        getattr(a, {"andi": "and_", "ori": "orr", "xori": "eor"}[op])(rd, rx, Imm(k))
    elif op == "andi" and encodable_modimm(~k & M32):
        a.bic(rd, rx, Imm(~k & M32))
    elif op == "ori" and encodable_modimm(~k & M32):
        a.orn(rd, rx, Imm(~k & M32))
    else:
        t = other_scratch(rx)
        a.mov_imm32(t, k, flags=False)
        getattr(a, {"andi": "and_", "ori": "orr", "xori": "eor"}[op])(rd, rx, t)
    e.put(d, rd)


@handler("shli", "shri_u", "shri_s", "rotri")
def _shifti(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    k = ins.imm.amount & 31
    rd = e.dst(d, S0)
    rx = e.src(x, e.temp_for(rd))
    if k == 0:
        if rd != rx:
            e.a.mov(rd, rx)
    else:
        op = {"shli": "lsl", "shri_u": "lsr", "shri_s": "asr", "rotri": "ror"}[ins.op]
        getattr(e.a, op)(rd, rx, Imm(k))
    e.put(d, rd)


@handler("clz", "ctz", "sxtb", "sxth", "neg")
def _unary(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    rd = e.dst(d, S0)
    rx = e.src(x, e.temp_for(rd))
    a = e.a
    if ins.op == "clz":
        a.clz(rd, rx)
    elif ins.op == "ctz":
        a.rbit(rd, rx)
        a.clz(rd, rd)
    elif ins.op == "sxtb":
        a.sxtb(rd, rx)
    elif ins.op == "sxth":
        a.sxth(rd, rx)
    else:
        a.rsb(rd, rx, Imm(0))
    e.put(d, rd)


@handler("popcnt")
def _popcnt(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    a = e.a
    rx = e.src(x, S0)
    # x - ((x >> 1) & 0x55555555); pairs → nibbles → bytes; sum bytes by multiply
    a.lsr(S1, rx, Imm(1))
    a.and_(S1, S1, Imm(0x55555555))
    a.sub(S0, rx, S1)
    a.and_(S1, S0, Imm(0x33333333))
    a.lsr(S0, S0, Imm(2))
    a.and_(S0, S0, Imm(0x33333333))
    a.add(S0, S0, S1)
    a.add(S0, S0, ShiftedReg(S0, Shift.LSR, 4))
    a.and_(S0, S0, Imm(0x0F0F0F0F))
    a.mov(S1, Imm(0x01010101))
    a.mul(S0, S0, S1)
    rd = e.dst(d, S0)
    a.lsr(rd, S0, Imm(24))
    e.put(d, rd)


@handler("div_s", "div_u", "rem_s", "rem_u")
def _div(e, ins):
    (d,), (x, y) = ins.defs, ins.uses
    a = e.a
    signed = ins.op.endswith("_s")
    nonzero, not_minus1 = ins.imm.nonzero, ins.imm.not_minus1
    ry = e.src(y, S1)
    if nonzero:
        pass
    elif ry < 8:
        a.cbz(ry, e.trap_label(Trap.INTEGER_DIVIDE_BY_ZERO))
    else:
        a.cmp(ry, Imm(0))
        a.b(e.trap_label(Trap.INTEGER_DIVIDE_BY_ZERO), Cond.EQ)
    rx = e.src(x, S0)
    if ins.op == "div_s" and not not_minus1:
        ok = a.new_label()
        a.cmn(ry, Imm(1))
        a.b(ok, Cond.NE)
        a.cmp(rx, Imm(0x80000000))
        a.b(e.trap_label(Trap.INTEGER_OVERFLOW), Cond.EQ)
        a.bind(ok)
    div = a.sdiv if signed else a.udiv
    if ins.op.startswith("div"):
        rd = e.dst(d, S0)
        div(rd, rx, ry)
        e.put(d, rd)
        return
    # rem = x - (x / y) * y
    rd = e.alloc.reg[d]
    if rd is not None:                      # early_def: rd differs from rx, ry
        div(rd, rx, ry)
        a.mls(rd, rd, ry, rx)
        return
    if rx != S0:                            # x in a register: quotient into S0
        div(S0, rx, ry)
        a.mls(S0, S0, ry, rx)
    elif ry != S1:                          # y in a register, x in S0
        div(S1, rx, ry)
        a.mls(S0, S1, ry, rx)
    else:                                   # both reloaded: reuse the slots
        div(S1, S0, S1)
        e.src(y, S0)
        a.mul(S1, S1, S0)
        e.src(x, S0)
        a.sub(S0, S0, S1)
    e.put(d, S0)


@handler("setcc")
def _setcc(e, ins):
    setflag(e, ins.defs[0], compare(e, ins.imm.cond, *ins.uses))


@handler("setcci")
def _setcci(e, ins):
    setflag(e, ins.defs[0], compare(e, ins.imm.cond, ins.uses[0], None, ins.imm.k))


@handler("setcc64")
def _setcc64(e, ins):
    setflag(e, ins.defs[0], compare64(e, ins.imm.cond, ins.uses))


@handler("selcc")
def _selcc(e, ins):
    d = ins.defs[0]
    cond, k = ins.imm.cond, ins.imm.k
    if k is None:                       # (c1, c2, x, y): c1 cond c2 ? x : y
        c1, c2, x, y = ins.uses
        cc = compare(e, cond, c1, c2)
    else:
        c, x, y = ins.uses
        cc = compare(e, cond, c, None, k)
    rx = e.src(x, S0)
    ry = e.src(y, S1)
    rd = e.dst(d, S0)
    _select(e, cc, rd, rx, ry)
    e.put(d, rd)


@handler("addcc", "addcci")
def _addcc(e, ins):
    """d = x + (a cond b): cmp; [mov d, x;] it cond; add d, #1 (mov and ldr
    leave the flags alone)."""
    d, x = ins.defs[0], ins.uses[-1]
    if ins.op == "addcc":
        cc = compare(e, ins.imm.cond, ins.uses[0], ins.uses[1])
    else:
        cc = compare(e, ins.imm.cond, ins.uses[0], None, ins.imm.k)
    rx = e.src(x, S0)
    rd = e.dst(d, S0)
    if rd != rx:
        e.a.mov(rd, rx, flags=False)
    e.a.it(cc)
    e.a.add(rd, rd, Imm(1))
    e.put(d, rd)


def _select_moves(cc: Cond, rd: int, rx: int, ry: int) -> list[tuple[Cond, int, int]]:
    """The conditional moves of rd = cc ? rx : ry: one when rd already holds one of them."""
    if rd == rx:
        return [(cc.invert(), rd, ry)]
    if rd == ry:
        return [(cc, rd, rx)]
    return [(cc, rd, rx), (cc.invert(), rd, ry)]


def _it_moves(e, moves: list[tuple[Cond, int, int]]) -> None:
    """Up to four conditional moves in one IT block."""
    first = moves[0][0]
    e.a.it(first, "".join("t" if c == first else "e" for c, _, _ in moves[1:]))
    for _, rd, rs in moves:
        e.a.mov(rd, rs)


def _select(e, cc: Cond, rd: int, rx: int, ry: int) -> None:
    """rd = cc ? rx : ry on flags already set."""
    _it_moves(e, _select_moves(cc, rd, rx, ry))


@handler("selcc64")
def _selcc64(e, ins):
    """d… = (a_lo, a_hi) cond (b_lo, b_hi) ? x… : y…: one compare (cmp, sbcs),
    then per word one IT block; reloads (ldr) and stores between leave the
    flags alone.  Every word is read before any is written: a word whose
    register the other still reads goes second, or into ip until both are
    selected when each writes what the other reads."""
    cc = compare64(e, ins.imm.cond, ins.uses[:4])
    n = len(ins.defs)
    words = list(zip(ins.defs, ins.uses[4:4 + n], ins.uses[4 + n:]))
    reg = e.alloc.reg

    def overwrites(w, other) -> bool:
        return reg[w[0]] is not None and reg[w[0]] in (reg[other[1]], reg[other[2]])
    if n == 2 and overwrites(words[0], words[1]):
        words.reverse()
    crossed = n == 2 and overwrites(words[0], words[1])
    if not crossed and all(reg[v] is not None for w in words for v in w):
        # all in registers: one IT block (at most two moves a word)
        _it_moves(e, [m for d, x, y in words for m in _select_moves(cc, reg[d], reg[x], reg[y])])
        return
    held = None                                 # (vreg, its register) of a word kept in S0
    if crossed:                                 # both in registers: the first waits in S0
        d, x, y = words[0]
        _select(e, cc, S0, e.src(x, S0), e.src(y, S1))
        held = d, reg[d]
        words = words[1:]
    for d, x, y in words:
        spare = S1 if held else S0              # (held: x or y is in a register)
        rx = e.src(x, spare)
        ry = e.src(y, S1)
        rd = e.dst(d, spare)
        _select(e, cc, rd, rx, ry)
        e.put(d, rd)
    if held:
        e.a.mov(held[1], S0)


@handler("add64", "sub64", "add64k", "sub64k")
def _addsub64(e, ins):
    """add64: (al, ah) ± (bl, bh); add64k: (al, ah) ± (bl, imm) (ir/passes.py)."""
    (dl, dh), (al, ah, bl, *bh) = ins.defs, ins.uses
    a = e.a
    lo_op, hi_op = (a.add, a.adc) if ins.op.startswith("add") else (a.sub, a.sbc)
    ral, rbl = e.src(al, S0), e.src(bl, S1)
    rdl = e.dst(dl, S0)
    lo_op(rdl, ral, rbl, flags=True)
    e.put(dl, rdl)                  # str/ldr/movw leave the carry alone
    rah = e.src(ah, S0)
    if bh:
        rbh = e.src(bh[0], S1)
    elif encodable_modimm(ins.imm.value & M32):
        rbh = Imm(ins.imm.value & M32)
    else:
        rbh = S1
        a.mov_imm32(S1, ins.imm.value, flags=False)
    rdh = e.dst(dh, S0)
    hi_op(rdh, rah, rbh, flags=False)
    e.put(dh, rdh)


@handler("mulw_u", "mulw_s")
def _mulw(e, ins):
    (dl, dh), (x, y) = ins.defs, ins.uses
    rx, ry = e.src(x, S0), e.src(y, S1)
    rdl, rdh = e.dst(dl, S0), e.dst(dh, S1)
    if rdl == rdh:                      # both defs start together, so this cannot happen
        raise TierFailure("umull halves share a register")
    (e.a.umull if ins.op == "mulw_u" else e.a.smull)(rdl, rdh, rx, ry)
    e.put(dl, rdl, busy=(rdh,))
    e.put(dh, rdh)


# op → (fused instruction, the widening multiply it fuses with an add64)
_MULTIPLY_ACCUMULATE64 = {"mlal_u": ("umlal", "umull"), "mlal_s": ("smlal", "smull")}


@handler(*_MULTIPLY_ACCUMULATE64)
def _mlal(e, ins):
    """(acc_lo, acc_hi) += x * y widened, in place: one umlal/smlal when at
    most two of the four values are in memory (each reloaded into a scratch
    register and the accumulator's stored back).  Otherwise two scratch
    registers cannot hold them, so the low word goes first (mul, adds) and the
    high word after it (umull again, adc); x and y are re-read, which the
    combine rule allows (neither is the accumulator)."""
    fused, widening = _MULTIPLY_ACCUMULATE64[ins.op]
    (dl, dh), (x, y, al, ah) = ins.defs, ins.uses
    if (dl, dh) != (al, ah) or dl == dh:
        raise TierFailure(f"{ins.op} does not accumulate in place")
    a = e.a
    reg = e.alloc.reg
    in_memory = [v for v in dict.fromkeys((dl, dh, x, y)) if reg[v] is None]
    if len(in_memory) <= 2:             # each in a register or a scratch of its own
        scratch = dict(zip(in_memory, (S0, S1)))
        rl, rh, rx, ry = (e.src(v, scratch.get(v, S0)) for v in (dl, dh, x, y))
        getattr(a, fused)(rl, rh, rx, ry)
        e.put(dl, rl, busy=(rh,))
        e.put(dh, rh)
        return
    a.mul(S0, e.src(x, S0), e.src(y, S1))
    rd = e.dst(dl, S1)
    a.add(rd, e.src(dl, S1), S0, flags=True)
    e.put(dl, rd)                               # str, ldr, umull leave the carry alone
    getattr(a, widening)(S0, S1, e.src(x, S0), e.src(y, S1))
    rd = e.dst(dh, S0)
    a.adc(rd, e.src(dh, S0), S1, flags=False)
    e.put(dh, rd)


# op → (fused instruction, the multiply and the add or sub it fuses): d = acc ± x * y
_MULTIPLY_ACCUMULATE = {"mla": ("mla", "mul", "add"), "mls": ("mls", "mul", "sub"),
                        "mla16": ("smlabb", "smulbb", "add")}


@handler(*_MULTIPLY_ACCUMULATE)
def _mla(e, ins):
    """d = acc + x * y, d = acc - x * y (mla16: of the low halfwords, signed)."""
    fused, multiply, accumulate = _MULTIPLY_ACCUMULATE[ins.op]
    (d,), (x, y, acc) = ins.defs, ins.uses
    rx, ry = e.src(x, S0), e.src(y, S1)
    rd = e.dst(d, S0)
    racc = e.alloc.reg[acc]
    if racc is not None:
        getattr(e.a, fused)(rd, rx, ry, racc)
    else:                   # acc in memory: the product into rd, then acc into a scratch
        getattr(e.a, multiply)(rd, rx, ry)
        racc = e.src(acc, S1)
        if accumulate == "add":
            e.a.add(rd, rd, racc)
        else:
            e.a.sub(rd, racc, rd)
    e.put(d, rd)
