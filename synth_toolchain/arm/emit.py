"""Instruction selection and emission: IR + allocation → Thumb-2 code.

The emitter core: `FunctionEmitter` lays out the frame, gives handlers
operand access, parallel moves, prologue and epilogue, block labels and the
leaf check, and dispatches each IR instruction to its handler.  The handlers
live in handler modules, one per idea (arm/isel_alu.py, isel_memory.py,
isel_calls.py, isel_branches.py, isel_vfp.py); their tables are assembled
explicitly into `HANDLERS` at the bottom of this module, and arm/handlers.py
holds what they share.

Every operand may live in a register or in a frame slot; handlers read
operands through `src()` (which reloads a spilled vreg into a scratch
register) and write results through `dst()`/`put()`.  Two scratch registers,
ip and lr, are never allocated, so every handler works whatever the
allocation: that is what lets the baseline tier (everything in slots)
compile any function.  Handlers never need a third register because a
spilled operand can be reloaded from its slot at any time.

Immediates are folded where an encoding exists (`modimm`, imm12, cmn for
negated compares), compare-and-branch uses cbz/cbnz when possible, and
trap exits are shared per trap code at the end of the function.
"""

from __future__ import annotations

from ..ir.ir import OPS, IRFunction
from ..layout import ModuleLayout
from ..options import Options
from ..traps import STACK_LIMIT, Trap
from . import isel_alu, isel_branches, isel_calls, isel_memory, isel_vfp
from .asm_v6m import SAVED_BY_FRAME, assembler_for
from .codebuffer import Code, Label
from .encoding import encodable_modimm
from .frame import ArgLoc, CallLayout, Frame, call_layout, call_sig_layout, struct_layout
from .handlers import S0, S1, assemble
from .literalpool import LITERAL_POOL, LiteralPool
from .operands import LR, M32, PC, SP, Cond, Imm
from .regalloc import Allocation
from .trapstubs import TRAP_STUB, TrapStubs

# The ops whose loads and stores reach linear memory at any address (the
# wasm alignment is a hint): the v6-M assembler makes them alignment-safe.
LINEAR_MEMORY_OPS = frozenset({"load", "store", "load64", "store64"})

# What produced the code items that no IR instruction did (`--dump asm` shows them;
# the trap stubs' is trapstubs.TRAP_STUB).
PROLOGUE, EPILOGUE = "prologue", "epilogue"


def _imm12_or_modimm(k: int) -> bool:
    return 0 <= k < 4096 or encodable_modimm(k)


def _fuses_zero_test(b) -> bool:
    """The block ends `x = op …; brcmpi x ==/!= 0`: the op sets the flags itself."""
    t = b.term
    if t.op != "brcmpi" or not b.insts:
        return False
    last = b.insts[-1]
    return (t.imm.cond in ("eq", "ne") and t.imm.k == 0 and OPS[last.op].sets_zero_flag
            and last.defs == (t.uses[0],))


class FunctionEmitter:
    def __init__(self, fn: IRFunction, alloc: Allocation, layout: ModuleLayout,
                 options: Options, spare: tuple[int, ...] = (), leaf: bool = False,
                 v6m_saved: tuple[int, ...] = SAVED_BY_FRAME):
        self.fn = fn
        self.alloc = alloc
        self.layout = layout
        self.options = options
        self.spare = spare                  # registers free in every handler (baseline)
        isa = options.target.isa
        self.a = assembler_for(isa)
        self.labels: dict[int, Label] = {}
        self.traps = TrapStubs(self.a)
        if options.choices.literal_pool and isa.thumb2:
            self.a.pool = LiteralPool(self.a)
        # constant addresses folded into the access's offset (isel_memory.folded_addresses)
        self.const_vregs, self.unbuilt_consts = \
            isel_memory.folded_addresses(fn) if options.choices.fold_const_address \
            else ({}, frozenset())
        self.next_block: int | None = None
        self.set_flags = False              # the handler's op must set N/Z (a fused zero test)
        self.zero_flags = False             # the flags hold the zero test of the block's last op
        self._slot_regs: dict[int, int] = {}     # see _slots_in_regs
        self._slot_mark = -1
        self.borrowed_stack = 0             # bytes pushed below the frame by st_sp
        out_args, sret = self._call_areas()
        saved = sorted(alloc.callee_saved)
        if isa.low_registers:               # the v6-M assembler's registers (asm_v6m.py)
            saved = sorted(set(saved) | set(v6m_saved))
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
        # every scratch register is busy: borrow a low one around the store
        assert not self.a.in_it_block(), "a far frame store inside an IT block"
        t = 0 if reg != 0 else 1
        self.a.push([t])
        self.a.mov_imm32(t, off + 4, flags=False)
        self.a.store_reg("w", reg, SP, t)
        self.a.pop([t])
        self._slot_regs = {}
        self.borrowed_stack = 4

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

    def temp_for(self, rd: int, *others: int) -> int:
        """Where to reload a spilled operand of an op writing rd: at the size
        levels the result register itself when it is a low one no other operand
        holds (`ldr r0, [sp, #8]; adds r0, #16`, 4 bytes, for `ldr.w ip, [sp, #8];
        add.w r0, ip, #16`, 8), else ip."""
        if self.options.choices.result_as_temp and rd < 8 and \
                all(self.alloc.reg[o] != rd for o in others):
            return rd
        return S0

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
                a.linear_memory = ins.op in LINEAR_MEMORY_OPS
                with a.produced_by(ins):
                    HANDLERS[ins.op](self, ins)
                a.linear_memory = False
            self.zero_flags = fuse
            with a.produced_by(b.term):
                HANDLERS[b.term.op](self, b.term)
            self.set_flags = self.zero_flags = False
            if self.next_block not in b.successors():
                self.traps.no_fallthrough()
        self.traps.finish()
        if a.pool is not None:
            a.pool.place()
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

    def adjust_sp(self, delta: int, scratch: int = S0) -> None:
        if delta == 0:
            return
        op = self.a.add if delta > 0 else self.a.sub
        n = abs(delta)
        if _imm12_or_modimm(n):
            op(SP, SP, Imm(n))
        else:
            self.a.mov_imm32(scratch, n, flags=False)
            op(SP, SP, scratch)

    def epilogue(self) -> None:
        with self.a.produced_by(EPILOGUE):
            if self.leaf:
                self.a.bx(LR)
                return
            self.adjust_sp(self.frame.size)
            if self.frame.vfp_saved:
                self.a.vpop(16, self.frame.vfp_saved)
            self.a.pop([r for r in self.frame.saved if r != LR] + [PC])

    def tail_epilogue(self, r3_argument: bool) -> None:
        """The frame torn down before a tail call's jump: sp back at its entry value,
        the callee-saved registers and lr restored, while r0-r3, s0-s15 (the
        arguments) and ip (an indirect callee's address) keep their values.  The
        r3 pushed only to keep sp 8-aligned is skipped, not popped, when it holds
        an argument; a large frame's size goes through lr, restored after."""
        if self.leaf:                       # nothing pushed, lr untouched: just the jump
            return
        with self.a.produced_by(EPILOGUE):
            fr = self.frame
            padding = 4 if fr.saved[0] == 3 and r3_argument else 0
            self.adjust_sp(fr.size + (0 if fr.vfp_saved else padding), scratch=LR)
            if fr.vfp_saved:
                self.a.vpop(16, fr.vfp_saved)
                self.adjust_sp(padding)
            self.a.pop(fr.saved[1:] if padding else fr.saved)

    def written_registers(self, code: Code) -> frozenset[int]:
        """The core registers the code writes, trap stubs and the epilogue's pop aside."""
        return frozenset().union(*(s.writes for s in code.spans
                                   if s.origin not in (TRAP_STUB, EPILOGUE)))

    def saves_what_it_writes(self, code: Code) -> bool:
        """Every callee-saved register the code writes is in the frame (v6-M
        frames save only the r5-r7 their first emission wrote: tiers.py)."""
        if self.leaf:
            return not self.written_registers(code) & {4, 5, 6, 7, LR}
        return self.written_registers(code) & {4, 5, 6, 7} <= set(self.frame.saved)

    def leaf_candidate(self, code: Code) -> bool:
        """True when the frame only saved lr and the code neither calls nor writes lr,
        so the function can run without any prologue (`bx lr` to return).  The code
        buffer records what each item writes; a trap stub's `bl` writes lr but never
        returns; a tail call's jump leaves lr as it found it.  A jump table is data
        in the code, and its compare-chain fallback takes lr as scratch (the
        literal pool is data too, but only loaded)."""
        if self.frame.size or self.frame.vfp_saved or \
                [r for r in self.frame.saved if r not in (3, LR)]:
            return False
        for b in self.fn.blocks:             # (a tail call ends a block: it leaves no frame)
            for ins in b.insts:
                if OPS[ins.op].clobbers:
                    return False
        pool = {s.offset for s in code.spans if s.origin is LITERAL_POOL}
        if any(kind == "d" and off not in pool for off, kind in code.mapping):
            return False
        # (the only epilogue that writes lr is a tail call's, restoring it)
        return not any(LR in s.writes for s in code.spans
                       if s.origin is not TRAP_STUB and s.origin != EPILOGUE)

    def goto(self, block_id: int) -> None:
        if block_id != self.next_block:
            self.a.b(self.label(block_id))

    def branch2(self, cond: Cond, then_id: int, else_id: int) -> None:
        if then_id == self.next_block:
            self.a.b(self.label(else_id), cond.invert())
        else:
            self.a.b(self.label(then_id), cond)
            self.goto(else_id)


# The one table `FunctionEmitter.emit` dispatches on: every handler module's
# table, assembled here.
HANDLERS = assemble(isel_alu.HANDLERS, isel_memory.HANDLERS, isel_calls.HANDLERS,
                    isel_branches.HANDLERS, isel_vfp.HANDLERS)
