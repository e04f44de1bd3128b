"""Instruction selection and emission: IR + allocation → Thumb-2 code.

One small handler per IR opcode (the `HANDLERS` table, assembled at the
bottom of this module from this module's integer handlers and arm/vfp.py's
float handlers; arm/handlers.py holds what both share).  Every operand may
live in a register or in a frame slot; handlers read operands through
`src()` (which reloads a spilled vreg into a scratch register) and write
results through `dst()`/`put()`.  Two scratch registers, ip and lr, are
never allocated, so every handler works whatever the allocation: that is
what lets the baseline tier (everything in slots) compile any function.
Handlers never need a third register because a spilled operand can be
reloaded from its slot at any time.

Immediates are folded where an encoding exists (`modimm`, imm12, cmn for
negated compares), compare-and-branch uses cbz/cbnz when possible, and
trap exits are shared per trap code at the end of the function.
"""

from __future__ import annotations

from ..errors import TierFailure
from ..ir.ir import OPS, IRFunction, Inst
from ..layout import MEM_BYTES, MEM_LIMIT, MEM_PAGES, ModuleLayout
from ..options import Options
from ..traps import STACK_LIMIT, Trap
from .asm import Assembler
from .codebuffer import Code, Label
from .encoding import encodable_modimm, limit_compare
from .frame import ArgLoc, CallLayout, Frame, call_layout, call_sig_layout, struct_layout
from .handlers import S0, S1, HandlerTable, assemble, setflag
from .operands import LR, PC, SP, Cond, Imm, Shift, ShiftedReg
from .regalloc import Allocation
from .trapstubs import TRAP_STUB, TrapStubs
from .vfp import HANDLERS as VFP_HANDLERS

M32 = 0xFFFFFFFF

COND = {"eq": Cond.EQ, "ne": Cond.NE, "lt_s": Cond.LT, "lt_u": Cond.LO, "gt_s": Cond.GT,
        "gt_u": Cond.HI, "le_s": Cond.LE, "le_u": Cond.LS, "ge_s": Cond.GE, "ge_u": Cond.HS,
        "tst_eq": Cond.EQ, "tst_ne": Cond.NE}
# 64-bit ordered compares use cmp/sbcs, which yields LT/GE and LO/HS only;
# gt/le swap the operands.
_CMP64 = {"lt_s": (False, Cond.LT), "ge_s": (False, Cond.GE), "gt_s": (True, Cond.LT),
          "le_s": (True, Cond.GE), "lt_u": (False, Cond.LO), "ge_u": (False, Cond.HS),
          "gt_u": (True, Cond.LO), "le_u": (True, Cond.HS)}


# What produced the code items that no IR instruction did (`--dump asm` shows them;
# the trap stubs' is trapstubs.TRAP_STUB).
PROLOGUE, EPILOGUE = "prologue", "epilogue"


def _imm12_or_modimm(k: int) -> bool:
    return 0 <= k < 4096 or encodable_modimm(k)


class FunctionEmitter:
    def __init__(self, fn: IRFunction, alloc: Allocation, layout: ModuleLayout,
                 options: Options, spare: tuple[int, ...] = (), leaf: bool = False):
        self.fn = fn
        self.alloc = alloc
        self.layout = layout
        self.options = options
        self.spare = spare                  # registers free in every handler (baseline)
        self.a = Assembler()
        self.labels: dict[int, Label] = {}
        self.traps = TrapStubs(self.a)
        self.next_block: int | None = None
        self.set_flags = False              # the handler's op must set N/Z (a fused zero test)
        self.zero_flags = False             # the flags hold the zero test of the block's last op
        self._slot_regs: dict[int, int] = {}     # see _slots_in_regs
        self._slot_mark = -1
        out_args, sret = self._call_areas()
        saved = sorted(alloc.callee_saved)
        self.leaf = leaf
        if leaf:
            self.frame = Frame(0, 0, 0, 0, [])
            return
        if not (out_args or sret or alloc.num_slots or fn.local_slots) and \
                (len(saved) + alloc.vfp_saved) % 2 == 0:
            # keep sp 8-aligned by pushing one more (caller-saved, result-free) register
            # instead of adjusting sp: r3 never carries a result
            saved = [3] + saved
        self.frame = Frame(out_args, sret, alloc.num_slots, fn.local_slots, saved + [LR],
                           alloc.vfp_saved)

    # -- frame and operand access --------------------------------------------
    def _call_areas(self) -> tuple[int, int]:
        out = sret = 0
        for b in self.fn.blocks:
            for ins in b.insts:
                if ins.op in ("call", "callptr"):
                    sig = ins.imm
                    lay = call_sig_layout(sig)
                    out = max(out, lay.stack)
                    if lay.rets is None:
                        sret = max(sret, struct_layout(list(sig.results))[1])
        return (out + 7) & ~7, sret

    def slot_off(self, v: int) -> int:
        return self.frame.spill_base + 4 * self.alloc.slot[v]

    def ld_sp(self, reg: int, off: int) -> None:
        slots = self._slots_in_regs()
        held = slots.get(off)
        if held is not None:                # stored or loaded by the accesses just emitted
            if held != reg:
                self.a.mov(reg, held, flags=False)
                self._slot_written(slots, reg, off, holder=held)
            return
        if 0 <= off <= 4095:
            conditional = self.a.in_it_block()
            self.a.load("w", reg, SP, off)
            if not conditional:
                self._slot_written(slots, reg, off)
        else:
            self.a.mov_imm32(reg, off, flags=False)
            self.a.load_reg("w", reg, SP, reg)

    def st_sp(self, reg: int, off: int, busy: tuple[int, ...] = ()) -> None:
        if 0 <= off <= 4095:
            held, conditional = self._slots_in_regs(), self.a.in_it_block()
            self.a.store("w", reg, SP, off)
            if not conditional:
                held[off] = reg
                self._slot_mark = len(self.a.items)
            return
        for t in (S0, S1) + self.spare:
            if t != reg and t not in busy:
                self.a.mov_imm32(t, off, flags=False)
                self.a.store_reg("w", reg, SP, t)
                return
        raise TierFailure(f"frame offset {off} out of range with no free register")

    def _slots_in_regs(self) -> dict[int, int]:
        """Frame slot → register holding its value, known while the only
        instructions emitted since are the slot accesses of ld_sp/st_sp (which
        say exactly what they write), outside IT blocks, with no label bound
        in between (no other way in).  A reload then becomes a move, or nothing:
        `str r1,[sp,#8]; str r2,[sp,#4]; ldr ip,[sp,#8]` → `... mov ip, r1`."""
        if self._slot_mark != len(self.a.items) or self.a.in_it_block() or \
                self.a.label_bound_here():
            self._slot_regs = {}
        return self._slot_regs

    def _slot_written(self, slots: dict[int, int], reg: int, off: int,
                      holder: int | None = None) -> None:
        """`reg` was just loaded with slot `off` (copied from `holder`, which keeps
        standing for it): reg no longer holds any other slot."""
        for k in [k for k, r in slots.items() if r == reg]:
            del slots[k]
        slots[off] = reg if holder is None else holder
        self._slot_mark = len(self.a.items)

    def src(self, v: int, scratch: int) -> int:
        assert v not in self.fn.vfp_vregs, f"v{v} lives in an S register"
        r = self.alloc.reg[v]
        if r is not None:
            return r
        k = self.alloc.remat.get(v)
        if k is not None:
            self.a.mov_imm32(scratch, k, flags=False)   # flags may be live
            return scratch
        self.ld_sp(scratch, self.slot_off(v))
        return scratch

    def dst(self, v: int, scratch: int) -> int:
        assert v not in self.fn.vfp_vregs, f"v{v} lives in an S register"
        r = self.alloc.reg[v]
        return scratch if r is None else r

    def put(self, v: int, reg: int, busy: tuple[int, ...] = ()) -> None:
        if self.alloc.reg[v] is None:
            self.st_sp(reg, self.slot_off(v), busy)

    def label(self, block_id: int) -> Label:
        lab = self.labels.get(block_id)
        if lab is None:
            lab = self.labels[block_id] = self.a.new_label()
        return lab

    def trap_label(self, code: int) -> Label:
        return self.traps.label(code)

    # -- constants and compares ----------------------------------------------
    def cmp_imm(self, rn: int, k: int, scratch: int) -> None:
        k &= M32
        if encodable_modimm(k) or k < 256:
            self.a.cmp(rn, Imm(k))
        elif encodable_modimm((-k) & M32):
            self.a.cmn(rn, Imm((-k) & M32))
        else:
            self.a.mov_imm32(scratch, k, flags=False)
            self.a.cmp(rn, scratch)

    def add_imm(self, rd: int, rn: int, k: int, scratch: int, flags=None) -> None:
        k &= M32
        if k == 0 and flags is not True:
            if rd != rn:
                self.a.mov(rd, rn)
            return
        if flags is not True and _imm12_or_modimm(k) or flags is True and encodable_modimm(k):
            self.a.add(rd, rn, Imm(k), flags=flags)
        elif flags is not True and _imm12_or_modimm((-k) & M32) or \
                flags is True and encodable_modimm((-k) & M32):
            self.a.sub(rd, rn, Imm((-k) & M32), flags=flags)
        else:
            self.a.mov_imm32(scratch, k, flags=False)
            self.a.add(rd, rn, scratch, flags=flags)

    def parallel_move(self, moves: list[tuple[tuple, tuple]], scratch: int) -> None:
        """Moves with parallel semantics.  Locations: ('r', n) core register,
        ('v', n) S register, ('s', sp offset) frame slot, ('c', k) constant.

        Slots are written first (while every register still holds its
        value), then register-to-register moves in dependency order (a cycle
        goes through the core `scratch`), then registers loaded from slots and
        constants.  A 32-bit pattern moves unchanged between core and S registers.
        """
        regs = [(d, s) for d, s in moves if d[0] in "rv"]
        busy = tuple(s[1] for _, s in regs if s[0] == "r")
        for d, s in moves:
            if d[0] != "s":
                continue
            if s[0] == "r":
                self.st_sp(s[1], d[1], busy=busy)
            elif s[0] == "v":
                self.vst_sp(s[1], d[1], scratch, busy)
            else:
                if s[0] == "s":
                    self.ld_sp(scratch, s[1])
                else:
                    self.a.mov_imm32(scratch, s[1], flags=False)
                self.st_sp(scratch, d[1])
        pending = [(d, s) for d, s in regs if s[0] in "rv" and d != s]
        while pending:
            sources = {s for _, s in pending}
            for i, (d, s) in enumerate(pending):
                if d not in sources:
                    self.reg_move(d, s)
                    pending.pop(i)
                    break
            else:                               # a cycle: break it through scratch
                d, s = pending[0]
                self.reg_move(("r", scratch), s)
                pending = [(dd, ("r", scratch) if ss == s else ss) for dd, ss in pending]
        # S registers first: they may need the scratch, which may be a destination
        for d, s in sorted(regs, key=lambda m: m[0][0] != "v"):
            if s[0] in "rv":
                continue
            if d[0] == "v" and s[0] == "s":
                self.vld_sp(d[1], s[1], scratch)
                continue
            t = d[1] if d[0] == "r" else scratch
            if s[0] == "s":
                self.ld_sp(t, s[1])
            else:
                self.a.mov_imm32(t, s[1], flags=False)
            if d[0] == "v":
                self.a.vmov_to_s(d[1], t)

    def reg_move(self, d: tuple, s: tuple) -> None:
        """One move between core and/or S registers."""
        if d[0] == "r":
            if s[0] == "r":
                self.a.mov(d[1], s[1])
            else:
                self.a.vmov_from_s(d[1], s[1])
        elif s[0] == "r":
            self.a.vmov_to_s(d[1], s[1])
        else:
            self.a.vfp2("vmov", d[1], s[1])

    def vld_sp(self, sreg: int, off: int, tmp: int) -> None:
        """Load an S register from a frame offset (vldr reaches 1020; beyond, through tmp)."""
        if off % 4 == 0 and 0 <= off <= 1020:
            self.a.vldr(sreg, SP, off)
        else:
            self.ld_sp(tmp, off)
            self.a.vmov_to_s(sreg, tmp)

    def vst_sp(self, sreg: int, off: int, tmp: int, busy: tuple[int, ...] = ()) -> None:
        if off % 4 == 0 and 0 <= off <= 1020:
            self.a.vstr(sreg, SP, off)
        else:
            self.a.vmov_from_s(tmp, sreg)
            self.st_sp(tmp, off, busy=busy + (tmp,))

    def fn_layout(self) -> CallLayout:
        return call_layout(self.fn.param_kinds, self.fn.result_kinds, self.fn.vfp_abi)

    @staticmethod
    def arg_loc(loc: ArgLoc, stack_base: int) -> tuple:
        """An AAPCS location as a parallel_move location."""
        if loc.reg is not None:
            return ("r", loc.reg)
        if loc.vfp is not None:
            return ("v", loc.vfp)
        return ("s", stack_base + loc.stack)

    def vloc(self, v: int) -> tuple:
        r = self.alloc.reg[v]
        if r is None:
            if v in self.alloc.remat:
                return ("c", self.alloc.remat[v])
            return ("s", self.slot_off(v))
        return ("v", r) if v in self.fn.vfp_vregs else ("r", r)

    # -- function structure ----------------------------------------------------
    def emit(self) -> Code:
        a = self.a
        with a.produced_by(PROLOGUE):
            self.prologue()
        blocks = self.fn.blocks
        for i, b in enumerate(blocks):
            self.next_block = blocks[i + 1].id if i + 1 < len(blocks) else None
            a.bind(self.label(b.id))
            fuse = _fuses_zero_test(b)
            for k, ins in enumerate(b.insts):
                if ins.op == "mov" and self.vloc(ins.defs[0]) == self.vloc(ins.uses[0]):
                    continue                # a copy within one register or slot
                self.set_flags = fuse and k == len(b.insts) - 1
                with a.produced_by(ins):
                    HANDLERS[ins.op](self, ins)
            self.zero_flags = fuse
            with a.produced_by(b.term):
                HANDLERS[b.term.op](self, b.term)
            self.set_flags = self.zero_flags = False
            if self.next_block not in b.successors():
                self.traps.no_fallthrough()
        self.traps.finish()
        return a.finish()

    def prologue(self) -> None:
        """Save registers, make the frame, check the stack, and move the parameters
        from their AAPCS places to their allocated places."""
        a = self.a
        fr = self.frame
        if fr.saved:
            a.push(fr.saved)
        if fr.vfp_saved:
            a.vpush(16, fr.vfp_saved)
        self.adjust_sp(-fr.size)
        if self.options.stack_check and not self.leaf:
            # trap before the stack runs below `synth_stack_limit` (0 = unchecked)
            a.mov_symbol(S0, STACK_LIMIT)
            a.load("w", S0, S0, 0)
            a.cmp(SP, S0)
            a.b(self.trap_label(Trap.STACK_EXHAUSTED), Cond.LO)
        # parameters: from their AAPCS places to their allocated places
        lay = self.fn_layout()
        locs = ([[ArgLoc(0, None)]] if self.fn.sret is not None else []) + lay.args
        moves = []
        it = iter(self.fn.params)
        for group in locs:
            for loc in group:
                v = next(it)
                if self.alloc.reg[v] is None and self.alloc.slot[v] is None:
                    continue
                moves.append((self.vloc(v), self.arg_loc(loc, fr.incoming_base)))
        self.parallel_move(moves, S0)

    def adjust_sp(self, delta: int) -> None:
        if delta == 0:
            return
        op = self.a.add if delta > 0 else self.a.sub
        n = abs(delta)
        if _imm12_or_modimm(n):
            op(SP, SP, Imm(n))
        else:
            self.a.mov_imm32(S0, n, flags=False)
            op(SP, SP, S0)

    def epilogue(self) -> None:
        with self.a.produced_by(EPILOGUE):
            if self.leaf:
                self.a.bx(LR)
                return
            self.adjust_sp(self.frame.size)
            if self.frame.vfp_saved:
                self.a.vpop(16, self.frame.vfp_saved)
            self.a.pop([r for r in self.frame.saved if r != LR] + [PC])

    def leaf_candidate(self, code: Code) -> bool:
        """True when the frame only saved lr and the code neither calls nor writes lr,
        so the function can run without any prologue (`bx lr` to return).  The code
        buffer records what each item writes; a trap stub's `bl` writes lr but never
        returns.  A jump table is data in the code, and its compare-chain fallback
        takes lr as scratch."""
        if self.frame.size or self.frame.vfp_saved or \
                [r for r in self.frame.saved if r not in (3, LR)]:
            return False
        for b in self.fn.blocks:
            for ins in b.insts:
                if OPS[ins.op].clobbers:
                    return False
        if any(kind == "d" for _, kind in code.mapping):
            return False
        return not any(LR in s.writes for s in code.spans if s.origin is not TRAP_STUB)

    def goto(self, block_id: int) -> None:
        if block_id != self.next_block:
            self.a.b(self.label(block_id))

    def branch2(self, cond: Cond, then_id: int, else_id: int) -> None:
        if then_id == self.next_block:
            self.a.b(self.label(else_id), cond.invert())
        else:
            self.a.b(self.label(then_id), cond)
            self.goto(else_id)


# ---------------------------------------------------------------------------
# handlers

CORE_HANDLERS = HandlerTable()
handler = CORE_HANDLERS.handler


@handler("mov")
def _mov(e: FunctionEmitter, ins: Inst) -> None:
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
    if d in e.alloc.remat:
        return                          # rebuilt at each use instead
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


_RR = {"add": "add", "sub": "sub", "mul": "mul", "and": "and_", "or": "orr", "xor": "eor"}


@handler(*_RR)
def _alu(e, ins):
    (d,), (x, y) = ins.defs, ins.uses
    rx = e.src(x, S0)
    ry = e.src(y, S1)
    rd = e.dst(d, S0)
    getattr(e.a, _RR[ins.op])(rd, rx, ry, **({"flags": True} if e.set_flags else {}))
    e.put(d, rd)


@handler("addsh", "subsh")
def _alu_shifted(e, ins):
    (d,), (x, y) = ins.defs, ins.uses
    rx = e.src(x, S0)
    ry = e.src(y, S1)
    rd = e.dst(d, S0)
    op = e.a.add if ins.op == "addsh" else e.a.sub
    op(rd, rx, ShiftedReg(ry, Shift.LSL, ins.imm.amount),
       **({"flags": True} if e.set_flags else {}))
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
    rx = e.src(x, S0)
    rd = e.dst(d, S0)
    e.add_imm(rd, rx, k, _other(rx), flags=True if e.set_flags else None)
    e.put(d, rd)                        # a store to a slot keeps the flags


@handler("rsbi")
def _rsbi(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    k = ins.imm.value & M32
    rx = e.src(x, S0)
    rd = e.dst(d, S0)
    if encodable_modimm(k) or k == 0:
        e.a.rsb(rd, rx, Imm(k))
    else:
        t = _other(rx)
        e.a.mov_imm32(t, k, flags=False)
        e.a.sub(rd, t, rx)
    e.put(d, rd)


@handler("andi", "ori", "xori")
def _logici(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    k = ins.imm.value & M32
    rx = e.src(x, S0)
    rd = e.dst(d, S0)
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
        t = _other(rx)
        a.mov_imm32(t, k, flags=False)
        getattr(a, {"andi": "and_", "ori": "orr", "xori": "eor"}[op])(rd, rx, t)
    e.put(d, rd)


@handler("shli", "shri_u", "shri_s", "rotri")
def _shifti(e, ins):
    (d,), (x,) = ins.defs, ins.uses
    k = ins.imm.amount & 31
    rx = e.src(x, S0)
    rd = e.dst(d, S0)
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
    rx = e.src(x, S0)
    rd = e.dst(d, S0)
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


def _other(r: int) -> int:
    """A scratch register other than r (prefer ip: lr-free code can skip the prologue)."""
    return S1 if r == S0 else S0


def _compare(e: FunctionEmitter, cond: str, x: int, y: int | None, k: int = 0) -> Cond:
    rx = e.src(x, S0)
    if cond.startswith("tst"):
        k &= M32
        if encodable_modimm(k):
            e.a.tst(rx, Imm(k))
        else:
            e.a.mov_imm32(_other(rx), k, flags=False)
            e.a.tst(rx, _other(rx))
    elif y is None:
        e.cmp_imm(rx, k, _other(rx))
    else:
        e.a.cmp(rx, e.src(y, S1))
    return COND[cond]


def _compare64(e: FunctionEmitter, cond: str, uses) -> Cond:
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


@handler("setcc")
def _setcc(e, ins):
    setflag(e, ins.defs[0], _compare(e, ins.imm.cond, *ins.uses))


@handler("setcci")
def _setcci(e, ins):
    setflag(e, ins.defs[0], _compare(e, ins.imm.cond, ins.uses[0], None, ins.imm.k))


@handler("setcc64")
def _setcc64(e, ins):
    setflag(e, ins.defs[0], _compare64(e, ins.imm.cond, ins.uses))


@handler("selcc")
def _selcc(e, ins):
    d = ins.defs[0]
    cond, k = ins.imm.cond, ins.imm.k
    if k is None:                       # (c1, c2, x, y): c1 cond c2 ? x : y
        c1, c2, x, y = ins.uses
        cc = _compare(e, cond, c1, c2)
    else:
        c, x, y = ins.uses
        cc = _compare(e, cond, c, None, k)
    rx = e.src(x, S0)
    ry = e.src(y, S1)
    rd = e.dst(d, S0)
    a = e.a
    if rd == rx:
        a.it(cc.invert())
        a.mov(rd, ry)
    elif rd == ry:
        a.it(cc)
        a.mov(rd, rx)
    else:
        a.it(cc, "e")
        a.mov(rd, rx)
        a.mov(rd, ry)
    e.put(d, rd)


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


@handler("mla")
def _mla(e, ins):
    (d,), (x, y, acc) = ins.defs, ins.uses
    rx, ry = e.src(x, S0), e.src(y, S1)
    rd = e.dst(d, S0)
    racc = e.alloc.reg[acc]
    if racc is not None:
        e.a.mla(rd, rx, ry, racc)
    else:                               # both scratch registers hold factors
        e.a.mul(S0, rx, ry)
        racc = e.src(acc, S1)
        e.a.add(rd, S0, racc)
    e.put(d, rd)


# -- memory -------------------------------------------------------------------

def _bounds_check(e: FunctionEmitter, base: int, addr: int, off: int,
                  size: int) -> int | None:
    """Trap unless addr + off + size <= accessible bytes (33-bit arithmetic).

    Returns the register that still holds addr afterwards (a spilled address
    loaded into S0 for the compare need not be loaded again), else None.
    Lowering decides which accesses check (none under --bounds none)."""
    a = e.a
    oob = e.trap_label(Trap.OUT_OF_BOUNDS_MEMORY)
    end = off + size
    bound = e.layout.static_memory_bound
    if bound is not None:
        limit = bound - end
        if limit < 0:
            a.b(oob)
            return None
        ra = e.src(addr, S0)
        form = limit_compare(limit)
        if form is None:                    # (lowering compares with a register instead)
            e.cmp_imm(ra, limit, S1)        # S1 only: ra survives
            a.b(oob, Cond.HI)
            return ra
        mnemonic, k, beyond = form
        getattr(a, mnemonic)(ra, Imm(k))
        a.b(oob, COND[beyond])
        return ra
    if end > M32:                           # addr + end >= 2^32: beyond any memory
        a.b(oob)
        return None
    ra = e.src(addr, S0)
    if encodable_modimm(end):
        a.add(S0, ra, Imm(end), flags=True)
    else:
        a.mov_imm32(S1, end & M32, flags=False)
        a.add(S0, ra, S1, flags=True)
    a.b(oob, Cond.HS)                       # carry out: beyond 4 GiB
    rb = e.src(base, S1)
    a.load("w", S1, rb, MEM_BYTES)
    a.cmp(S0, S1)
    a.b(oob, Cond.HI)
    return None if ra == S0 else ra


def _effective(e: FunctionEmitter, base: int, addr: int, off: int,
               ra: int | None = None) -> tuple[int, int]:
    """Address register and remaining immediate offset; uses S1 (and S0 transiently).
    `ra`: a register already holding addr (from the bounds check)."""
    if ra is None:
        ra = e.src(addr, S0)
    rb = e.src(base, S1)
    e.a.add(S1, rb, ra)
    if off > 4095:
        e.a.mov_imm32(S0, off, flags=False)
        e.a.add(S1, S1, S0)
        off = 0
    return S1, off


def _effective_pair(e: FunctionEmitter, base: int, addr: int, off: int,
                    checked: bool) -> tuple[int, int]:
    """Address of an 8-byte access (checked unless lowering placed the check),
    with room for the second word's offset."""
    ra = _bounds_check(e, base, addr, off, 8) if checked else None
    r, o = _effective(e, base, addr, off, ra)
    if o + 4 > 4095:
        e.a.add(S1, S1, Imm(o))
        o = 0
    return r, o


@handler("load")
def _load(e, ins):
    (d,), (base, addr) = ins.defs, ins.uses
    kind, off, size = ins.imm.kind, ins.imm.offset, ins.imm.size
    held = _bounds_check(e, base, addr, off, size) if ins.imm.checked else None
    rd = e.dst(d, S0)
    rb, ra = e.alloc.reg[base], e.alloc.reg[addr]
    if off == 0 and rb is not None and ra is not None:
        e.a.load_reg(kind, rd, rb, ra)
    else:
        r, o = _effective(e, base, addr, off, held)
        e.a.load(kind, rd, r, o)
    e.put(d, rd)


@handler("load64")
def _load64(e, ins):
    (dl, dh), (base, addr) = ins.defs, ins.uses
    r, o = _effective_pair(e, base, addr, ins.imm.offset, ins.imm.checked)
    for v, k in ((dl, 0), (dh, 4)):
        rd = e.dst(v, S0)
        e.a.load("w", rd, r, o + k)
        e.put(v, rd, busy=(S1,))


@handler("store")
def _store(e, ins):
    base, addr, val = ins.uses
    kind, off, size = ins.imm.kind, ins.imm.offset, ins.imm.size
    held = _bounds_check(e, base, addr, off, size) if ins.imm.checked else None
    rb, ra = e.alloc.reg[base], e.alloc.reg[addr]
    if off == 0 and rb is not None and ra is not None:
        e.a.store_reg(kind, e.src(val, S0), rb, ra)
        return
    if ra is not None and off <= 4095:
        # the address needs S1 only: the value first, while a reload of the
        # slot its definition just stored can still become nothing (ld_sp)
        rv = e.src(val, S0)
        r, o = _effective(e, base, addr, off, ra)
    else:
        r, o = _effective(e, base, addr, off, held)
        rv = e.src(val, S0)
    e.a.store(kind, rv, r, o)


@handler("store64")
def _store64(e, ins):
    base, addr, lo, hi = ins.uses
    r, o = _effective_pair(e, base, addr, ins.imm.offset, ins.imm.checked)
    e.a.store("w", e.src(lo, S0), r, o)
    e.a.store("w", e.src(hi, S0), r, o + 4)


@handler("ldraw")
def _ldraw(e, ins):
    (d,), (p,) = ins.defs, ins.uses
    kind, off = ins.imm.kind, ins.imm.offset
    rp = e.src(p, S0)
    if not -255 <= off <= 4095:
        e.add_imm(S0, rp, off, S1)
        rp, off = S0, 0
    rd = e.dst(d, S0)
    e.a.load(kind, rd, rp, off)
    e.put(d, rd)


@handler("straw")
def _straw(e, ins):
    p, v = ins.uses
    kind, off = ins.imm.kind, ins.imm.offset
    rp = e.src(p, S0)
    if not -255 <= off <= 4095:
        e.add_imm(S0, rp, off, S1)
        rp, off = S0, 0
    e.a.store(kind, e.src(v, S1), rp, off)


@handler("memsize")
def _memsize(e, ins):
    (d,), (base,) = ins.defs, ins.uses
    rb = e.src(base, S0)
    rd = e.dst(d, S0)
    e.a.load("w", rd, rb, MEM_PAGES)
    e.put(d, rd)


@handler("trapif")
def _trapif(e, ins):
    c = _compare(e, ins.imm.cond, ins.uses[0], ins.uses[1])
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
    c = _compare(e, cond, x, None, k)
    e.a.b(e.trap_label(code), c)


# -- fixed-register ops: operands in r0-r3, results in r0/r1 -------------------

def _fixed_in(e: FunctionEmitter, uses) -> None:
    e.parallel_move([(("r", i), e.vloc(v)) for i, v in enumerate(uses)], S0)


def _fixed_out(e: FunctionEmitter, defs, regs=(0, 1)) -> None:
    e.parallel_move([(e.vloc(v), ("r", r)) for v, r in zip(defs, regs)], S0)


@handler("shl64", "shr_u64", "shr_s64")
def _shift64(e, ins):
    _fixed_in(e, ins.uses)              # r0:r1 = value, r2 = count
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
    _fixed_out(e, ins.defs)


@handler("rotl64", "rotr64")
def _rot64(e, ins):
    _fixed_in(e, ins.uses)              # r0:r1 = value, r2 = count
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
    _fixed_out(e, ins.defs)


@handler("div_s64", "div_u64", "rem_s64", "rem_u64")
def _div64(e, ins):
    _fixed_in(e, ins.uses)              # r0:r1 = a, r2:r3 = b
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
    _fixed_out(e, ins.defs)


@handler("memgrow")
def _memgrow(e, ins):
    _fixed_in(e, ins.uses)              # r0 = delta pages
    a = e.a
    fail, done = a.new_label(), a.new_label()
    a.mov_symbol(1, e.layout.memory_symbol)
    a.load("w", 2, 1, MEM_PAGES)
    a.add(3, 2, 0, flags=True)
    a.b(fail, Cond.HS)
    a.load("w", S0, 1, MEM_LIMIT)       # min(declared max, reservation), set by the init
    a.cmp(3, S0)
    a.b(fail, Cond.HI)
    a.store("w", 3, 1, MEM_PAGES)
    a.lsl(3, 3, Imm(16))
    a.store("w", 3, 1, MEM_BYTES)
    a.mov(0, 2)
    a.b(done)
    a.bind(fail)
    a.mvn(0, Imm(0))
    a.bind(done)
    _fixed_out(e, ins.defs)


@handler("memcopy", "memfill")
def _memrt(e, ins):
    _fixed_in(e, ins.uses)
    e.a.bl(e.layout.runtime_prefix + ins.op)


@handler("meminit")
def _meminit(e, ins):
    _fixed_in(e, ins.uses)
    e.a.mov_symbol(3, e.layout.data_symbol(ins.imm.index))
    e.a.bl(e.layout.runtime_prefix + "meminit")


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


# -- terminators --------------------------------------------------------------

@handler("jump")
def _jump(e, ins):
    e.goto(ins.imm.target)


@handler("brcmp")
def _brcmp(e, ins):
    e.branch2(_compare(e, ins.imm.cond, *ins.uses), ins.imm.then_block, ins.imm.else_block)



def _fuses_zero_test(b) -> bool:
    """The block ends `x = op …; brcmpi x ==/!= 0`: the op sets the flags itself."""
    t = b.term
    if t.op != "brcmpi" or not b.insts:
        return False
    last = b.insts[-1]
    return (t.imm.cond in ("eq", "ne") and t.imm.k == 0 and OPS[last.op].sets_zero_flag
            and last.defs == (t.uses[0],))


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
    e.branch2(_compare(e, cond, x, None, k), t, f)


@handler("brcmp64")
def _brcmp64(e, ins):
    e.branch2(_compare64(e, ins.imm.cond, ins.uses), ins.imm.then_block, ins.imm.else_block)


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


# The one table `FunctionEmitter.emit` dispatches on: every handler module's
# table, assembled here.
HANDLERS = assemble(CORE_HANDLERS, VFP_HANDLERS)
