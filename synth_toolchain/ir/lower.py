"""Lowering: a validated wasm function body → IR (`ir.IRFunction`).

The operand stack is simulated at compile time with lazy entries (stack.py):
constants stay constants (so `i32.add (x) (i32.const 4)` becomes `addi`),
comparisons stay pending (so `i32.lt_s` + `br_if` becomes one
compare-and-branch), and promoted locals are pushed as their own vreg until
the local is written.  i64 values are (lo, hi) vreg pairs.  Lowering is one
pass, linear in the body size.

Lowering emits plain forms and never looks back at what it emitted: shifted
operands, tests of masked bits and the form of a 64-bit multiply are rules
over the complete IR (combine.py).  What stays here is decided on stack
entries: a `Const` operand becomes an instruction immediate when the target
says it fits (`_cmp_const`, `binop32`), else a register.

Dispatch is a dict from wasm opcode name to a small handler method.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..errors import UnsupportedError
from ..layout import ModuleLayout, abi_kinds, words_of
from ..traps import Trap
from ..wasm.module import Function, FuncType, Instr, MemArg, ValType
from . import conds
from . import softfloat as sf
from . import tables
from .calls import CallSig
from .hardfloat import HwOp, hardware_ops
from .imm import (Branch, BranchTable, CondTrap, Compare, Constant, DataSegment, DivisorFacts,
                  FloatBranch, FrameSlot, Jump, MemAccess, Memories, RawAccess, Shift, Symbol,
                  TrapCode)
from .ir import OPS, Block, Inst, IRFunction, high_operands
from .stack import Cmp, Cmp64, Const, Entry, FCmp, Regs
from .target import LoweringTarget

M32 = 0xFFFFFFFF


@dataclass(slots=True)
class Ctl:
    kind: str                       # "block" | "loop" | "if" | "func"
    label: int                      # branch target block
    label_vregs: list[int]          # where branch values go (words)
    end: int                        # block after `end`
    end_vregs: list[int]
    result_words: list[int]
    height: int                     # stack height below the block's params
    else_block: int | None = None
    else_stack: list = field(default_factory=list)
    unreachable: bool = False
    label_types: tuple = ()


_CMP32 = ("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u")

_BIN32 = ("add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotr", "rotl",
          "div_s", "div_u", "rem_s", "rem_u")
_IMM_FORM = {"add": "addi", "sub": "subi", "and": "andi", "or": "ori", "xor": "xori",
             "shl": "shli", "shr_s": "shri_s", "shr_u": "shri_u", "rotr": "rotri"}

_LOAD32 = {"i32.load": ("w", 4), "i32.load8_s": ("sb", 1), "i32.load8_u": ("b", 1),
           "i32.load16_s": ("sh", 2), "i32.load16_u": ("h", 2)}
_LOAD64 = {"i64.load8_s": ("sb", 1, True), "i64.load8_u": ("b", 1, False),
           "i64.load16_s": ("sh", 2, True), "i64.load16_u": ("h", 2, False),
           "i64.load32_s": ("w", 4, True), "i64.load32_u": ("w", 4, False)}
_STORE = {"i32.store": ("w", 4), "i32.store8": ("b", 1), "i32.store16": ("h", 2),
          "i64.store8": ("b", 1), "i64.store16": ("h", 2), "i64.store32": ("w", 4)}


def _fold32(op: str, a: int, b: int) -> int | None:
    """Constant-fold a 32-bit binary op on unsigned patterns; None if it may trap."""
    s = b & 31
    if op == "add":
        return (a + b) & M32
    if op == "sub":
        return (a - b) & M32
    if op == "mul":
        return (a * b) & M32
    if op == "and":
        return a & b
    if op == "or":
        return a | b
    if op == "xor":
        return a ^ b
    if op == "shl":
        return (a << s) & M32
    if op == "shr_u":
        return a >> s
    if op == "shr_s":
        return ((a - (1 << 32) if a >> 31 else a) >> s) & M32
    if op == "rotl":
        return ((a << s) | (a >> (32 - s))) & M32 if s else a
    if op == "rotr":
        return ((a >> s) | (a << (32 - s))) & M32 if s else a
    return None


# Lowerer._build_dispatch's table per FPU (None: soft float)
_DISPATCH: dict = {}


def _other_memories(func: Function) -> set[int]:
    """The memories other than 0 that a function's instructions name."""
    out: set[int] = set()
    for ins in func.body:
        imm = ins.imm
        if isinstance(imm, MemArg):
            out.add(imm.memory)
        elif ins.op in _MEMORY_INDEX_OPS:
            out.add(imm)
        elif ins.op == "memory.copy":
            out.update(imm)
        elif ins.op == "memory.init":
            out.add(imm[1])
    out.discard(0)
    return out


_MEMORY_INDEX_OPS = ("memory.size", "memory.grow", "memory.fill")


class Lowerer:
    """Lowers one function.  `promote` keeps locals in vregs (else frame slots)."""

    def __init__(self, layout: ModuleLayout, funcidx: int, promote: bool,
                 target: LoweringTarget):
        self.layout = layout
        self.target = target
        self.module = layout.module
        self.funcidx = funcidx
        self.func: Function = self.module.functions[funcidx - layout.nimported]
        self.ftype: FuncType = self.module.types[self.func.type_index]
        self.promote = promote
        param_words = [words_of(t) for t in self.ftype.params]
        result_words = [words_of(t) for t in self.ftype.results]
        self.fn = IRFunction(name=layout.func_symbol(funcidx), params=[], param_words=param_words,
                             result_words=result_words, sret=None,
                             param_kinds=abi_kinds(self.ftype.params),
                             result_kinds=abi_kinds(self.ftype.results),
                             vfp_abi=layout.options.vfp_args)
        self.stack: list[Entry] = []
        self.ctl: list[Ctl] = []
        self.block: Block | None = None
        self._membase: int | None = None
        self._other_membases: dict[int, int] = {}   # memory index (not 0) → its base vreg
        self._placed: dict[int, None] = {}
        self._multi: set[int] = set()           # vregs assigned in several places
        self._consts: dict[tuple[int, int], int] = {}   # (block, wide constant) → vreg
        # address vreg → (end checked, block, index of the check in its insts)
        self._bounds_seen: dict[int, tuple[int, int, int]] = {}
        self._gbase: int | None = None
        self.loc = self.func.offset         # the wasm instruction being lowered (Inst.loc)
        fpu = layout.options.hw_fpu
        if fpu not in _DISPATCH:
            _DISPATCH[fpu] = self._build_dispatch(fpu)
        self.dispatch = _DISPATCH[fpu]

    # -- infrastructure ------------------------------------------------------
    def new_block(self) -> Block:
        b = Block(len(self.fn.blocks))
        self.fn.blocks.append(b)
        return b

    def v(self) -> int:
        return self.fn.new_vreg()

    def emit(self, op: str, defs=(), uses=(), imm=None) -> None:
        self.block.insts.append(Inst(op, tuple(defs), tuple(uses), imm, self.loc))

    def terminate(self, op: str, uses=(), imm=None) -> None:
        self.block.term = Inst(op, (), tuple(uses), imm, self.loc)
        self.block = None

    def switch_to(self, b: Block) -> None:
        if b.id not in self._placed:            # layout = the order code was written in
            self._placed[b.id] = None
        self.block = b

    def jump_to(self, target: int) -> None:
        if self.block is not None:
            self.terminate("jump", imm=Jump(target))

    # -- stack entries -------------------------------------------------------
    def push_regs(self, *vregs: int) -> None:
        self.stack.append(Regs(tuple(vregs)))

    def const_vreg(self, value: int) -> int:
        """A vreg holding `value`; wide constants (two instructions to build) are
        built once per block and reused."""
        value &= M32
        wide = value > 0xFFFF and (~value & M32) > 0xFFFF
        if wide:
            cached = self._consts.get((self.block.id, value))
            if cached is not None:
                return cached
        d = self.v()
        self.emit("const", (d,), (), Constant(value))
        if wide:
            self._consts[(self.block.id, value)] = d
            self._multi.add(d)              # shared: never retarget its definition
        return d

    def materialize(self, e: Entry) -> tuple[int, ...]:
        if isinstance(e, Regs):
            return e.vregs
        if isinstance(e, Const):
            if e.words == 1:
                return (self.const_vreg(e.value),)
            return (self.const_vreg(e.value & M32), self.const_vreg(e.value >> 32))
        d = self.v()
        if isinstance(e, Cmp):
            if e.b is None:
                self.emit("setcci", (d,), (e.a,), Compare(e.cond, e.k))
            else:
                self.emit("setcc", (d,), (e.a, e.b), Compare(e.cond))
        elif isinstance(e, FCmp):
            self.emit("fsetcc", (d,), (*e.a, *e.b), e.imm)
        else:
            self.emit("setcc64", (d,), (*e.a, *e.b), Compare(e.cond))
        return (d,)

    def pop(self) -> tuple[int, ...]:
        return self.materialize(self.stack.pop())

    def pop1(self) -> int:
        return self.pop()[0]

    def pop_entry(self) -> Entry:
        return self.stack.pop()

    def membase(self, memory: int = 0) -> int:
        if memory:
            return self._other_membases[memory]
        if self._membase is None:
            raise AssertionError("membase requested before entry setup")
        self.fn.uses_memory = True
        return self._membase

    def gbase(self) -> int:
        return self._gbase

    # -- locals --------------------------------------------------------------
    def setup_locals(self) -> None:
        entry = self.new_block()
        self.switch_to(entry)
        ft = self.ftype
        if self.target.returns_in_memory(self.fn.result_kinds, self.fn.vfp_abi):
            self.fn.sret = self.v()
            self.fn.params.append(self.fn.sret)
        param_vregs = []
        for t in ft.params:
            vs = tuple(self.v() for _ in range(words_of(t)))
            self.fn.params.extend(vs)
            param_vregs.append(vs)
        self.local_types = list(ft.params) + list(self.func.locals)
        for t in self.local_types:
            if t not in (ValType.I32, ValType.I64, ValType.F32, ValType.F64,
                         ValType.FUNCREF, ValType.EXTERNREF):
                raise UnsupportedError(f"locals of type {t.text} are not supported yet",
                                       offset=self.func.offset)
        set_first = self._locals_set_before_read()
        self.local_vregs: list[tuple[int, ...]] = []
        self._local_set = frozenset()
        self.local_slot: list[int] = []
        slot = 0
        for i, t in enumerate(self.local_types):
            w = words_of(t)
            if self.promote:
                vs = param_vregs[i] if i < len(param_vregs) else tuple(self.v() for _ in range(w))
                self.local_vregs.append(vs)
                if i >= len(param_vregs) and i not in set_first:
                    for r in vs:
                        self.emit("const", (r,), (), Constant(0))
            else:
                self.local_slot.append(slot)
                if i < len(param_vregs):
                    for k, r in enumerate(param_vregs[i]):
                        self.emit("stslot", (), (r,), FrameSlot(slot + k))
                else:
                    zero = self.const_vreg(0)
                    for k in range(w):
                        self.emit("stslot", (), (zero,), FrameSlot(slot + k))
                slot += w
        self.fn.local_slots = slot
        if self.promote:
            self.fn.promoted_locals = list(range(len(self.local_types)))
            self.fn.local_vregs = self.local_vregs
            self._local_set = frozenset(v for vs in self.local_vregs for v in vs)
        if self.layout.has_memory:
            self._membase = self.v()
            self.emit("symaddr", (self._membase,), (), Symbol(self.layout.memory_symbol))
        if self.layout.globals_size:
            self._gbase = self.v()
            self.emit("symaddr", (self._gbase,), (), Symbol(self.layout.globals_symbol))
        for k in sorted(_other_memories(self.func)):
            self._other_membases[k] = self.v()
            self.emit("symaddr", (self._other_membases[k],), (),
                      Symbol(self.layout.memories[k].symbol))

    def _locals_set_before_read(self) -> set[int]:
        """Locals whose first mention, in straight-line entry code, is a write.

        Their zero initialisation is dead, so promoted tiers skip it."""
        seen: set[int] = set()
        written: set[int] = set()
        for ins in self.func.body:
            op = ins.op
            if op in ("block", "loop", "if", "br", "br_if", "br_table", "return", "end"):
                break
            if op in ("local.set", "local.tee") and ins.imm not in seen:
                written.add(ins.imm)
                seen.add(ins.imm)
            elif op == "local.get":
                seen.add(ins.imm)
        return written

    def local_get(self, idx: int) -> None:
        if self.promote:
            self.stack.append(Regs(self.local_vregs[idx]))
            return
        w = words_of(self.local_types[idx])
        vs = []
        for k in range(w):
            d = self.v()
            self.emit("ldslot", (d,), (), FrameSlot(self.local_slot[idx] + k))
            vs.append(d)
        self.stack.append(Regs(tuple(vs)))

    def _detach(self, vregs) -> None:
        """Before a promoted local is written, copy stack entries that still read it."""
        hit = vregs if isinstance(vregs, frozenset) else set(vregs)
        for i, e in enumerate(self.stack):
            used = (e.vregs if isinstance(e, Regs) else
                    (e.a,) + ((e.b,) if e.b is not None else ()) if isinstance(e, Cmp) else
                    e.a + e.b if isinstance(e, (Cmp64, FCmp)) else ())
            if hit.intersection(used):
                self.stack[i] = Regs(self._copy(self.materialize(e)))

    def _copy(self, vregs: tuple[int, ...]) -> tuple[int, ...]:
        out = []
        for r in vregs:
            d = self.v()
            self.emit("mov", (d,), (r,))
            out.append(d)
        return tuple(out)

    def _retarget(self, src: tuple[int, ...], dst: tuple[int, ...]) -> bool:
        """Make the instruction that just produced `src` write the local directly."""
        insts = self.block.insts
        if not insts or self._multi.intersection(src) or self._local_set.intersection(src):
            return False
        last = insts[-1]
        if last.defs != src or len(src) != len(dst):
            return False
        if OPS[last.op].early_def and set(dst).intersection(last.uses):
            return False
        if OPS[last.op].low_first and dst[0] in high_operands(last):
            return False
        last.defs = dst
        return True

    def local_set(self, idx: int, tee: bool) -> None:
        e = self.stack.pop()
        if self.promote:
            dst = self.local_vregs[idx]
            self._detach(dst)
            if isinstance(e, Const):
                vals = [e.value & M32, e.value >> 32][:len(dst)]
                for r, val in zip(dst, vals):
                    self.emit("const", (r,), (), Constant(val))
            else:
                src = self.materialize(e)
                if src != dst and not self._retarget(src, dst):
                    for r, s in zip(dst, src):
                        self.emit("mov", (r,), (s,))
            if tee:
                self.stack.append(Const(e.value, e.words) if isinstance(e, Const) else Regs(dst))
            return
        src = self.materialize(e)
        for k, r in enumerate(src):
            self.emit("stslot", (), (r,), FrameSlot(self.local_slot[idx] + k))
        if tee:
            self.stack.append(Regs(src))

    # -- control flow --------------------------------------------------------
    def block_sig(self, bt) -> FuncType:
        return self.module.block_type(bt)

    def _words(self, types) -> list[int]:
        return [words_of(t) for t in types]

    def _fresh(self, types) -> list[int]:
        """Vregs that several paths assign (block results, loop parameters)."""
        vs = [self.v() for t in types for _ in range(words_of(t))]
        self._multi.update(vs)
        return vs

    def move_values_to(self, targets: list[int], n_entries: int) -> None:
        """Move the top n stack entries (without popping) into target vregs."""
        if not targets:
            return
        entries = self.stack[len(self.stack) - n_entries:] if n_entries else []
        srcs: list[int | tuple] = []
        for e in entries:
            if isinstance(e, Const):
                vals = [e.value & M32, e.value >> 32][:e.words]
                srcs.extend(("c", val) for val in vals)
            else:
                srcs.extend(self.materialize(e))
        tset = set(targets)
        if any(isinstance(s, int) and s in tset for s in srcs):
            srcs = [self._copy((s,))[0] if isinstance(s, int) and s in tset else s for s in srcs]
        for t, s in zip(targets, srcs):
            if isinstance(s, tuple):
                self.emit("const", (t,), (), Constant(s[1]))
            elif s != t:
                self.emit("mov", (t,), (s,))

    def branch(self, depth: int) -> None:
        """Unconditional branch to the label `depth` levels up (values moved)."""
        c = self.ctl[-1 - depth]
        n = len(c.label_types)
        self.move_values_to(c.label_vregs, n)
        self.terminate("jump", imm=Jump(c.label))

    def op_block(self, ins: Instr, kind: str) -> None:
        sig = self.block_sig(ins.imm)
        nparams = len(sig.params)
        cond = self.pop_entry() if kind == "if" else None
        if isinstance(cond, Regs):
            cond = self._truth(cond.vregs[0], False)
        if self.promote:
            # Values held across a block boundary must not alias a local that
            # the block may write: a branch could skip the copy made at the write.
            self._detach(self._local_set)
        end = self.new_block()
        end_vregs = self._fresh(sig.results)
        height = len(self.stack) - nparams
        if kind == "loop":
            header = self.new_block()
            params = self._fresh(sig.params)
            self.move_values_to(params, nparams)
            del self.stack[height:]
            self.jump_to(header.id)
            self.switch_to(header)
            it = iter(params)
            for t in sig.params:
                self.stack.append(Regs(tuple(next(it) for _ in range(words_of(t)))))
            c = Ctl("loop", header.id, params, end.id, end_vregs, self._words(sig.results), height)
            c.label_types = sig.params
        else:
            c = Ctl(kind, end.id, end_vregs, end.id, end_vregs, self._words(sig.results), height)
            c.label_types = sig.results
            if kind == "if":
                then_b, else_b = self.new_block(), self.new_block()
                c.else_block = else_b.id
                c.else_stack = list(self.stack[height:])
                self.cond_branch(cond, then_b.id, else_b.id)
                self.switch_to(then_b)
        self.ctl.append(c)

    def op_else(self, ins: Instr) -> None:
        c = self.ctl[-1]
        if not c.unreachable:
            self.move_values_to(c.end_vregs, len(c.result_words))
            self.jump_to(c.end)
        del self.stack[c.height:]
        self.stack.extend(c.else_stack)
        self.switch_to(self.fn.blocks[c.else_block])
        c.else_block = None
        c.unreachable = False

    def op_end(self, ins: Instr) -> None:
        c = self.ctl.pop()
        if not c.unreachable:
            self.move_values_to(c.end_vregs, len(c.result_words))
            self.jump_to(c.end)
        if c.else_block is not None:          # `if` without `else`: params flow through
            self.switch_to(self.fn.blocks[c.else_block])
            del self.stack[c.height:]
            self.stack.extend(c.else_stack)
            self.move_values_to(c.end_vregs, len(c.result_words))
            self.jump_to(c.end)
        del self.stack[c.height:]
        self.switch_to(self.fn.blocks[c.end])
        it = iter(c.end_vregs)
        for w in c.result_words:
            self.stack.append(Regs(tuple(next(it) for _ in range(w))))
        if c.kind == "func":
            self.emit_return()

    def emit_return(self) -> None:
        n = len(self.ftype.results)
        vals: list[int] = []
        for e in self.stack[len(self.stack) - n:] if n else []:
            vals.extend(self.materialize(e))
        if self.fn.sret is not None:
            off = 0
            it = iter(vals)
            for t in self.ftype.results:
                w = words_of(t)
                if w == 2 and off % 8:
                    off += 4
                for k in range(w):
                    self.emit("straw", (), (self.fn.sret, next(it)), RawAccess("w", off + 4 * k))
                off += 4 * w
            vals = []
        self.terminate("ret", uses=vals)

    def cond_branch(self, cond: Entry, then_id: int, else_id: int) -> None:
        if isinstance(cond, Cmp):
            if cond.b is None:
                self.terminate("brcmpi", (cond.a,), Branch(cond.cond, then_id, else_id, cond.k))
            else:
                self.terminate("brcmp", (cond.a, cond.b), Branch(cond.cond, then_id, else_id))
        elif isinstance(cond, Cmp64):
            self.terminate("brcmp64", (*cond.a, *cond.b), Branch(cond.cond, then_id, else_id))
        elif isinstance(cond, FCmp):
            self.terminate("brfcmp", (*cond.a, *cond.b),
                           FloatBranch(cond.cond, cond.double, cond.negate, then_id, else_id))
        elif isinstance(cond, Const):
            self.terminate("jump", imm=Jump(then_id if cond.value else else_id))
        else:
            self.cond_branch(self._truth(cond.vregs[0], False), then_id, else_id)

    def _truth(self, v: int, negate: bool) -> Cmp:
        """`v != 0` (or `== 0`); a test of `x & mask` becomes a `tst` in combine.py."""
        return Cmp("eq" if negate else "ne", v, None, 0)

    def op_br(self, ins: Instr) -> None:
        self.branch(ins.imm)
        self.mark_unreachable()

    def op_br_if(self, ins: Instr) -> None:
        cond = self.pop_entry()
        c = self.ctl[-1 - ins.imm]
        cont = self.new_block()
        if not c.label_vregs:                   # nothing to move: branch straight there
            self.cond_branch(cond, c.label, cont.id)
        else:
            taken = self.new_block()
            self.cond_branch(cond, taken.id, cont.id)
            self.switch_to(taken)
            self.branch(ins.imm)
        # Values stay on the stack for the fall-through path.
        self.switch_to(cont)

    def op_br_table(self, ins: Instr) -> None:
        labels, default = ins.imm
        idx = self.pop1()
        targets = []
        cache: dict[int, int] = {}
        for depth in (*labels, default):
            if depth not in cache:
                c = self.ctl[-1 - depth]
                if c.label_vregs:
                    stub = self.new_block()
                    cache[depth] = stub.id
                else:
                    cache[depth] = c.label
            targets.append(cache[depth])
        self.terminate("brtable", (idx,), BranchTable(tuple(targets[:-1]), targets[-1]))
        for depth, bid in cache.items():
            c = self.ctl[-1 - depth]
            if c.label_vregs:
                self.switch_to(self.fn.blocks[bid])
                self.branch(depth)
        self.mark_unreachable()

    def op_return(self, ins: Instr) -> None:
        self.emit_return()
        self.mark_unreachable()

    def op_unreachable(self, ins: Instr) -> None:
        self.terminate("trap", imm=TrapCode(Trap.UNREACHABLE))
        self.mark_unreachable()

    def mark_unreachable(self) -> None:
        c = self.ctl[-1]
        c.unreachable = True
        del self.stack[c.height:]
        self.block = None

    # -- the main loop -------------------------------------------------------
    def lower(self) -> IRFunction:
        self.setup_locals()
        ft = self.ftype
        end = self.new_block()
        c = Ctl("func", end.id, self._fresh(ft.results), end.id, [], self._words(ft.results), 0)
        c.end_vregs = c.label_vregs
        c.label_types = ft.results
        self.ctl.append(c)
        body = self.func.body
        i = 0
        n = len(body)
        while i < n:
            ins = body[i]
            i += 1
            if self.block is None:          # dead code: skip to the matching else/end
                i = self.skip_dead(body, i - 1)
                continue
            h = self.dispatch.get(ins.op)
            if h is None:
                raise UnsupportedError(f"operator {ins.op} is not supported yet", offset=ins.offset)
            self.loc = ins.offset
            h(self, ins)
        by_id = {b.id: b for b in self.fn.blocks}
        self.fn.blocks = [by_id[i] for i in self._placed]
        return self.fn

    def skip_dead(self, body: list[Instr], i: int) -> int:
        depth = 0
        while True:
            ins = body[i]
            op = ins.op
            if op in ("block", "loop", "if"):
                depth += 1
            elif op == "else" and depth == 0:
                self.op_else(ins)
                return i + 1
            elif op == "end":
                if depth == 0:
                    self.op_end(ins)
                    return i + 1
                depth -= 1
            i += 1

    # -- operators -----------------------------------------------------------
    @staticmethod
    def _build_dispatch(fpu) -> dict[str, Callable[["Lowerer", Instr], None]]:
        """Operator → handler(lowerer, instr), built once per FPU (_DISPATCH), not per function."""
        L = Lowerer
        d: dict[str, Callable[[Lowerer, Instr], None]] = {
            "nop": lambda s, ins: None,
            "unreachable": L.op_unreachable,
            "block": lambda s, ins: s.op_block(ins, "block"),
            "loop": lambda s, ins: s.op_block(ins, "loop"),
            "if": lambda s, ins: s.op_block(ins, "if"),
            "else": L.op_else, "end": L.op_end,
            "br": L.op_br, "br_if": L.op_br_if, "br_table": L.op_br_table,
            "return": L.op_return,
            "call": L.op_call, "call_indirect": L.op_call_indirect,
            "return_call": L.op_return_call,
            "return_call_indirect": L.op_return_call_indirect,
            "drop": lambda s, ins: s.stack.pop(),
            "select": L.op_select,
            "local.get": lambda s, ins: s.local_get(ins.imm),
            "local.set": lambda s, ins: s.local_set(ins.imm, False),
            "local.tee": lambda s, ins: s.local_set(ins.imm, True),
            "global.get": L.op_global_get, "global.set": L.op_global_set,
            "i32.const": lambda s, ins: s.stack.append(Const(ins.imm & M32, 1)),
            "i64.const": lambda s, ins: s.stack.append(Const(ins.imm & 0xFFFFFFFFFFFFFFFF, 2)),
            "memory.size": L.op_memory_size, "memory.grow": L.op_memory_grow,
            "memory.copy": L.op_memory_copy, "memory.fill": L.op_memory_fill,
            "memory.init": L.op_memory_init, "data.drop": L.op_data_drop,
            "i32.eqz": L.op_i32_eqz, "i64.eqz": L.op_i64_eqz,
            "i32.clz": lambda s, ins: s.unop32("clz"), "i32.ctz": lambda s, ins: s.unop32("ctz"),
            "i32.popcnt": lambda s, ins: s.unop32("popcnt"),
            "i32.extend8_s": lambda s, ins: s.unop32("sxtb"),
            "i32.extend16_s": lambda s, ins: s.unop32("sxth"),
            "i32.wrap_i64": L.op_wrap,
            "i64.extend_i32_s": lambda s, ins: s.op_extend32(True),
            "i64.extend_i32_u": lambda s, ins: s.op_extend32(False),
            "i64.extend8_s": lambda s, ins: s.op_extend64("sxtb"),
            "i64.extend16_s": lambda s, ins: s.op_extend64("sxth"),
            "i64.extend32_s": lambda s, ins: s.op_extend64(None),
            "i64.clz": L.op_i64_clz, "i64.ctz": L.op_i64_ctz,
            "i64.popcnt": L.op_i64_popcnt,
            # references are one word, null is 0 (ir/tables.py)
            "ref.null": lambda s, ins: s.stack.append(Const(0, 1)),
            "ref.is_null": L.op_i32_eqz,
            **tables.table_ops(),
            "f32.const": lambda s, ins: s.stack.append(Const(ins.imm, 1)),
            "f64.const": lambda s, ins: s.stack.append(Const(ins.imm, 2)),
            "f32.load": lambda s, ins: s.op_load32(ins, ("w", 4)),
            "f64.load": L.op_load64,
            "f32.store": lambda s, ins: s.op_store(ins, ("w", 4)),
            "f64.store": L.op_store64,
        }
        # soft float first; the rows the FPU executes override it
        for name in sf.LIBGCC:
            d[name] = L.op_float_libgcc
        for name in sf.COMPARE:
            d[name] = L.op_float_compare
        for name in sf.RUNTIME:
            d[name] = L.op_float_runtime
        for name in sf.REINTERPRET:
            d[name] = lambda s, ins: None
        for w in ("f32", "f64"):
            d[f"{w}.abs"] = L.op_float_sign
            d[f"{w}.neg"] = L.op_float_sign
            d[f"{w}.copysign"] = L.op_float_sign
        for name, row in hardware_ops(fpu).items():
            d[name] = (lambda r: lambda s, ins: s.op_float_hw(r))(row)
        for name in _CMP32:
            d[f"i32.{name}"] = (lambda c: lambda s, ins: s.cmp32(c))(name)
            d[f"i64.{name}"] = (lambda c: lambda s, ins: s.cmp64(c))(name)
        for name in _BIN32:
            d[f"i32.{name}"] = (lambda o: lambda s, ins: s.binop32(o))(name)
        for name in ("add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u",
                     "rotl", "rotr", "div_s", "div_u", "rem_s", "rem_u"):
            d[f"i64.{name}"] = (lambda o: lambda s, ins: s.binop64(o))(name)
        for name in _LOAD32:
            d[name] = L.op_load32
        for name in _LOAD64:
            d[name] = L.op_load64_narrow
        d["i64.load"] = L.op_load64
        for name in _STORE:
            d[name] = L.op_store
        d["i64.store"] = L.op_store64
        return d

    # i32 ---------------------------------------------------------------------
    def cmp32(self, cond: str) -> None:
        b = self.pop_entry()
        a = self.pop_entry()
        if isinstance(a, Const) and isinstance(b, Const):
            self.stack.append(Const(int(conds.evaluate(cond, a.value, b.value)), 1))
        elif isinstance(b, Const):
            self.stack.append(self._cmp_const(cond, self.materialize(a)[0], b.value))
        elif isinstance(a, Const):
            self.stack.append(self._cmp_const(conds.SWAP[cond], self.materialize(b)[0], a.value))
        else:
            av = self.materialize(a)[0]
            self.stack.append(Cmp(cond, av, self.materialize(b)[0]))

    def _cmp_const(self, cond: str, x: int, k: int) -> "Cmp":
        """x cond k: with k as an immediate of cmp/cmn, else in a register (a
        constant vreg, built once per block and hoisted out of loops, instead of
        a movw/movt before every compare, such as a loop's bound)."""
        k &= M32
        if self.target.compare_immediate(k):
            return Cmp(cond, x, None, k)
        return Cmp(cond, x, self.const_vreg(k))

    def op_i32_eqz(self, ins: Instr) -> None:
        e = self.pop_entry()
        if isinstance(e, Const):
            self.stack.append(Const(int(e.value == 0), 1))
        elif isinstance(e, Cmp):
            self.stack.append(Cmp(conds.INVERT[e.cond], e.a, e.b, e.k))
        elif isinstance(e, Cmp64):
            self.stack.append(Cmp64(conds.INVERT[e.cond], e.a, e.b))
        elif isinstance(e, FCmp):
            self.stack.append(FCmp(e.cond, e.a, e.b, e.double, not e.negate))
        else:
            self.stack.append(self._truth(e.vregs[0], True))

    def binop32(self, op: str) -> None:
        b = self.pop_entry()
        a = self.pop_entry()
        if isinstance(a, Const) and isinstance(b, Const):
            r = _fold32(op, a.value, b.value)
            if r is not None:
                self.stack.append(Const(r, 1))
                return
        if isinstance(b, Const) and op in ("add", "sub", "and", "or", "xor") \
                and not self.target.alu_immediate(b.value):
            b = Regs((self.const_vreg(b.value),))   # built once per block, then shared
        if isinstance(b, Const) and op in ("add", "sub", "and", "or", "xor", "shl", "shr_s",
                                           "shr_u", "rotr", "rotl"):
            k = b.value
            av = self.materialize(a)[0]
            if op == "rotl":
                op, k = "rotr", (32 - (k & 31)) & 31
            if op in ("shl", "shr_s", "shr_u", "rotr"):
                k &= 31
                if k == 0:
                    self.stack.append(Regs((av,)))
                    return
            elif k == 0 and op in ("add", "sub", "or", "xor"):
                self.stack.append(Regs((av,)))
                return
            d, name = self.v(), _IMM_FORM[op]
            self.emit(name, (d,), (av,), OPS[name].imm(k))      # a Constant or a Shift
            self.push_regs(d)
            return
        if isinstance(a, Const) and op in ("add", "and", "or", "xor"):
            bv = self.materialize(b)[0]
            d = self.v()
            self.emit(_IMM_FORM[op], (d,), (bv,), Constant(a.value))
            self.push_regs(d)
            return
        if isinstance(a, Const) and op == "sub":
            bv = self.materialize(b)[0]
            d = self.v()
            self.emit("rsbi", (d,), (bv,), Constant(a.value))
            self.push_regs(d)
            return
        if op in ("div_u", "rem_u") and isinstance(b, Const) and b.value and \
                not b.value & (b.value - 1):
            self._udiv_pow2(op, self.materialize(a)[0], b.value)
            return
        divisor = b.value & M32 if isinstance(b, Const) else None
        av = self.materialize(a)[0]
        bv = self.materialize(b)[0]
        d = self.v()
        if op in ("div_s", "div_u", "rem_s", "rem_u"):
            # a constant divisor needs no zero test, and none for -1 unless it is -1
            self.emit(op, (d,), (av, bv), DivisorFacts() if divisor is None else
                      DivisorFacts(divisor != 0, divisor != M32))
            self.push_regs(d)
            return
        self.emit(op, (d,), (av, bv))
        self.push_regs(d)

    def _udiv_pow2(self, op: str, x: int, k: int) -> None:
        """Unsigned division and remainder by 2^n: a shift and a mask."""
        n = k.bit_length() - 1
        if op == "div_u" and n == 0:
            self.push_regs(x)
            return
        d = self.v()
        if op == "div_u":
            self.emit("shri_u", (d,), (x,), Shift(n))
        else:
            self.emit("andi", (d,), (x,), Constant(k - 1))
        self.push_regs(d)

    def unop32(self, op: str) -> None:
        a = self.pop1()
        d = self.v()
        self.emit(op, (d,), (a,))
        self.push_regs(d)

    # i64 ---------------------------------------------------------------------
    def cmp64(self, cond: str) -> None:
        b = self.pop()
        a = self.pop()
        self.stack.append(Cmp64(cond, a, b))

    def op_i64_eqz(self, ins: Instr) -> None:
        lo, hi = self.pop()
        t = self.v()
        self.emit("or", (t,), (lo, hi))
        self.stack.append(Cmp("eq", t, None, 0))

    def op_wrap(self, ins: Instr) -> None:
        e = self.pop_entry()
        if isinstance(e, Const):
            self.stack.append(Const(e.value & M32, 1))
        else:
            self.push_regs(self.materialize(e)[0])

    def op_extend32(self, signed: bool) -> None:
        e = self.pop_entry()
        if isinstance(e, Const):
            v = e.value
            if signed and v >> 31:
                v |= 0xFFFFFFFF00000000
            self.stack.append(Const(v, 2))
            return
        lo = self.materialize(e)[0]
        hi = self.v()
        if signed:
            self.emit("shri_s", (hi,), (lo,), Shift(31))
        else:
            self.emit("const", (hi,), (), Constant(0))
        self.push_regs(lo, hi)

    def op_extend64(self, op: str | None) -> None:
        lo, _ = self.pop()
        if op is not None:
            n = self.v()
            self.emit(op, (n,), (lo,))
            lo = n
        hi = self.v()
        self.emit("shri_s", (hi,), (lo,), Shift(31))
        self.push_regs(lo, hi)

    def binop64(self, op: str) -> None:
        b = self.pop_entry()
        a = self.pop_entry()
        if op in ("and", "or", "xor"):
            al, ah = self.materialize(a)
            out = []
            for x, part in ((al, 0), (ah, 1)):
                if isinstance(b, Const):
                    out.append(self._bitop_const(op, x, (b.value >> (32 * part)) & M32))
                    continue
                d = self.v()
                self.emit(op, (d,), (x, self.materialize(b)[part]))
                out.append(d)
            self.push_regs(*out)
            return
        if op in ("shl", "shr_u", "shr_s", "rotl", "rotr") and isinstance(b, Const):
            self.shift64_const(op, self.materialize(a), b.value & 63)
            return
        if op == "mul":
            self.mul64(a, b)
            return
        av = self.materialize(a)
        bv = self.materialize(b)
        lo, hi = self.v(), self.v()
        if op in ("add", "sub"):
            self.emit(op + "64", (lo, hi), av + bv)
        elif op in ("shl", "shr_u", "shr_s", "rotl", "rotr"):
            self.emit(op + "64", (lo, hi), av + (bv[0],))
        else:
            self.emit(op + "64", (lo, hi), av + bv)
        self.push_regs(lo, hi)

    def _bitop_const(self, op: str, x: int, k: int) -> int:
        """One word of a 64-bit and/or/xor with a constant word; the identities
        (x & 0, x & ~0, x | 0, x ^ 0, x | ~0) give a constant or x itself, which
        keeps `(u32)a` visible to combine.py's multiply as an extension."""
        if (op == "and" and k == 0) or (op == "or" and k == M32):
            d = self.v()
            self.emit("const", (d,), (), Constant(k))
            return d
        if (op == "and" and k == M32) or (op in ("or", "xor") and k == 0):
            return x
        d = self.v()
        self.emit(_IMM_FORM[op], (d,), (x,), Constant(k))
        return d

    def mul64(self, a: Entry, b: Entry) -> None:
        """i64.mul: one `mul64`, whose form (umull, smull, mla per high word)
        combine.py picks from what is known about the high words."""
        if isinstance(a, Const) and isinstance(b, Const):
            self.stack.append(Const((a.value * b.value) & 0xFFFFFFFFFFFFFFFF, 2))
            return
        al, ah = self.materialize(a)
        bl, bh = self.materialize(b)
        lo, hi = self.v(), self.v()
        self.emit("mul64", (lo, hi), (al, ah, bl, bh))
        self.push_regs(lo, hi)

    def shift64_const(self, op: str, a: tuple[int, int], k: int) -> None:
        lo, hi = a
        if k == 0:
            self.push_regs(lo, hi)
            return
        if op in ("rotl", "rotr"):
            if op == "rotr":
                k = (64 - k) & 63
            if k == 32:
                self.push_regs(hi, lo)
                return
            if k > 32:
                lo, hi, k = hi, lo, k - 32
            # rotl by k < 32: new_hi = hi<<k | lo>>(32-k); new_lo = lo<<k | hi>>(32-k)
            out = []
            for x, y in ((lo, hi), (hi, lo)):
                t1, t2, d = self.v(), self.v(), self.v()
                self.emit("shli", (t1,), (x,), Shift(k))
                self.emit("shri_u", (t2,), (y,), Shift(32 - k))
                self.emit("or", (d,), (t1, t2))
                out.append(d)
            self.push_regs(*out)
            return
        nl, nh = self.v(), self.v()
        if op == "shl":
            if k >= 32:
                self.emit("const", (nl,), (), Constant(0))
                self._shift_or_copy("shli", nh, lo, k - 32)
            else:
                t1, t2 = self.v(), self.v()
                self.emit("shli", (t1,), (hi,), Shift(k))
                self.emit("shri_u", (t2,), (lo,), Shift(32 - k))
                self.emit("or", (nh,), (t1, t2))
                self.emit("shli", (nl,), (lo,), Shift(k))
        else:
            sop = "shri_s" if op == "shr_s" else "shri_u"
            if k >= 32:
                self._shift_or_copy(sop, nl, hi, k - 32)
                if op == "shr_s":
                    self.emit("shri_s", (nh,), (hi,), Shift(31))
                else:
                    self.emit("const", (nh,), (), Constant(0))
            else:
                t1, t2 = self.v(), self.v()
                self.emit("shri_u", (t1,), (lo,), Shift(k))
                self.emit("shli", (t2,), (hi,), Shift(32 - k))
                self.emit("or", (nl,), (t1, t2))
                self.emit(sop, (nh,), (hi,), Shift(k))
        self.push_regs(nl, nh)

    def _shift_or_copy(self, op: str, d: int, s: int, k: int) -> None:
        if k == 0:
            self.emit("mov", (d,), (s,))
        else:
            self.emit(op, (d,), (s,), Shift(k))

    def op_i64_clz(self, ins: Instr) -> None:
        lo, hi = self.pop()
        ch, cl, t, d, zero = self.v(), self.v(), self.v(), self.v(), self.v()
        self.emit("clz", (ch,), (hi,))
        self.emit("clz", (cl,), (lo,))
        self.emit("addi", (t,), (cl,), Constant(32))
        self.emit("selcc", (d,), (hi, t, ch), Compare("eq", 0))
        self.emit("const", (zero,), (), Constant(0))
        self.push_regs(d, zero)

    def op_i64_ctz(self, ins: Instr) -> None:
        lo, hi = self.pop()
        ch, cl, t, d, zero = self.v(), self.v(), self.v(), self.v(), self.v()
        self.emit("ctz", (cl,), (lo,))
        self.emit("ctz", (ch,), (hi,))
        self.emit("addi", (t,), (ch,), Constant(32))
        self.emit("selcc", (d,), (lo, t, cl), Compare("eq", 0))
        self.emit("const", (zero,), (), Constant(0))
        self.push_regs(d, zero)

    def op_i64_popcnt(self, ins: Instr) -> None:
        lo, hi = self.pop()
        a, b, d, zero = self.v(), self.v(), self.v(), self.v()
        self.emit("popcnt", (a,), (lo,))
        self.emit("popcnt", (b,), (hi,))
        self.emit("add", (d,), (a, b))
        self.emit("const", (zero,), (), Constant(0))
        self.push_regs(d, zero)

    # select ------------------------------------------------------------------
    def op_select(self, ins: Instr) -> None:
        c = self.pop_entry()
        if isinstance(c, Regs):
            c = self._truth(c.vregs[0], False)
        b = self.pop()
        a = self.pop()
        if isinstance(c, Const):
            self.push_regs(*(a if c.value else b))
            return
        out = []
        if isinstance(c, Cmp):
            for x, y in zip(a, b):
                d = self.v()
                if c.b is None:
                    self.emit("selcc", (d,), (c.a, x, y), Compare(c.cond, c.k))
                else:
                    self.emit("selcc", (d,), (c.a, c.b, x, y), Compare(c.cond))
                out.append(d)
        else:
            cv = self.materialize(c)[0]
            for x, y in zip(a, b):
                d = self.v()
                self.emit("selcc", (d,), (cv, x, y), Compare("ne", 0))
                out.append(d)
        self.push_regs(*out)

    # globals -----------------------------------------------------------------
    def _global_base(self, idx: int) -> tuple[int, int]:
        """(base vreg, byte offset) of a global: the globals block, or an import's symbol."""
        sym, off, _ = self.layout.global_place(idx)
        if sym == self.layout.globals_symbol:
            return self.gbase(), off
        base = self.v()
        self.emit("symaddr", (base,), (), Symbol(sym))
        return base, off

    def op_global_get(self, ins: Instr) -> None:
        base, off = self._global_base(ins.imm)
        out = []
        for k in range(self.layout.global_place(ins.imm)[2]):
            d = self.v()
            self.emit("ldraw", (d,), (base,), RawAccess("w", off + 4 * k))
            out.append(d)
        self.push_regs(*out)

    def op_global_set(self, ins: Instr) -> None:
        vals = self.pop()
        base, off = self._global_base(ins.imm)
        for k, r in enumerate(vals):
            self.emit("straw", (), (base, r), RawAccess("w", off + 4 * k))

    # memory ------------------------------------------------------------------
    def _access(self, op: str, defs: tuple, addr: int, values: tuple, ins: Instr,
                kind: str, size: int) -> None:
        """The load/store of `ins` at addr (+ its offset) with its bounds check."""
        m: MemArg = ins.imm
        checked = self._check(addr, m.offset, size, m.memory)
        self.emit(op, defs, (self.membase(m.memory), addr, *values),
                  MemAccess(kind, m.offset, size, checked, m.memory))

    def _check(self, addr: int, off: int, size: int, memory: int = 0) -> bool:
        """Place the bounds check of an access to [addr + off, + size); returns
        whether the access instruction must still do it itself.

        A check is dropped when the same address vreg, unchanged since, already
        passed one for an end at least as far in this block (memory never
        shrinks).  With a compile-time bound whose limit is no instruction
        immediate, the check is a compare with the limit in a register, built
        once per block, instead of a movw/movt pair at every access.
        """
        if self.layout.options.bounds == "none":
            return False
        end = off + size
        insts = self.block.insts
        key = (memory, addr) if memory else addr   # a check proves nothing for another memory
        seen = self._bounds_seen.get(key)
        if seen is not None:
            s_end, s_block, s_at = seen
            if s_block == self.block.id and end <= s_end and \
                    not any(addr in i.defs for i in insts[s_at:]):
                return False
        self._bounds_seen[key] = (end, self.block.id, len(insts))
        if memory:
            return True             # the access checks (the passes see memory 0's only)
        bound = self.layout.static_memory_bound
        if bound is None or bound < end:
            return True
        limit = bound - end
        if self.target.bounds_limit_immediate(limit):
            return True                         # one cmp with an immediate
        self.emit("trapif", (), (addr, self.const_vreg(limit)),
                  CondTrap("gt_u", Trap.OUT_OF_BOUNDS_MEMORY))
        return False

    def op_load32(self, ins: Instr, kind_size=None) -> None:
        kind, size = kind_size or _LOAD32[ins.op]
        addr = self.pop1()
        d = self.v()
        self._access("load", (d,), addr, (), ins, kind, size)
        self.push_regs(d)

    def op_load64_narrow(self, ins: Instr) -> None:
        kind, size, signed = _LOAD64[ins.op]
        addr = self.pop1()
        lo, hi = self.v(), self.v()
        self._access("load", (lo,), addr, (), ins, kind, size)
        if signed:
            self.emit("shri_s", (hi,), (lo,), Shift(31))
        else:
            self.emit("const", (hi,), (), Constant(0))
        self.push_regs(lo, hi)

    def op_load64(self, ins: Instr) -> None:
        addr = self.pop1()
        lo, hi = self.v(), self.v()
        self._access("load64", (lo, hi), addr, (), ins, "d", 8)
        self.push_regs(lo, hi)

    def op_store(self, ins: Instr, kind_size=None) -> None:
        kind, size = kind_size or _STORE[ins.op]
        val = self.pop()[0]
        self._access("store", (), self.pop1(), (val,), ins, kind, size)

    def op_store64(self, ins: Instr) -> None:
        lo, hi = self.pop()
        self._access("store64", (), self.pop1(), (lo, hi), ins, "d", 8)

    def op_memory_size(self, ins: Instr) -> None:
        d = self.v()
        self.emit("memsize", (d,), (self.membase(ins.imm),), Memories(ins.imm))
        self.push_regs(d)

    def op_memory_grow(self, ins: Instr) -> None:
        delta = self.pop1()
        d = self.v()
        self.emit("memgrow", (d,), (delta,), Memories(ins.imm))
        self.push_regs(d)

    def op_memory_copy(self, ins: Instr) -> None:
        n, src, dst = self.pop1(), self.pop1(), self.pop1()
        self.membase()
        self.emit("memcopy", (), (dst, src, n), Memories(*ins.imm))

    def op_memory_fill(self, ins: Instr) -> None:
        n, val, dst = self.pop1(), self.pop1(), self.pop1()
        self.membase()
        self.emit("memfill", (), (dst, val, n), Memories(ins.imm))

    def op_memory_init(self, ins: Instr) -> None:
        dataidx = ins.imm[0]
        n, src, dst = self.pop1(), self.pop1(), self.pop1()
        self.membase()
        self.emit("meminit", (), (dst, src, n), DataSegment(dataidx, ins.imm[1]))

    def op_data_drop(self, ins: Instr) -> None:
        # A dropped segment behaves as length 0: store 0 into its length word.
        zero, addr = self.v(), self.v()
        self.emit("const", (zero,), (), Constant(0))
        self.emit("symaddr", (addr,), (), Symbol(self.layout.data_symbol(ins.imm)))
        self.emit("straw", (), (addr, zero), RawAccess("w", 0))

    # calls -------------------------------------------------------------------
    def _call_args(self, ft: FuncType) -> list[int]:
        args: list[int] = []
        entries = self.stack[len(self.stack) - len(ft.params):] if ft.params else []
        for e in entries:
            args.extend(self.materialize(e))
        if ft.params:
            del self.stack[len(self.stack) - len(ft.params):]
        return args

    def _push_results(self, ft: FuncType, results: list[int]) -> None:
        it = iter(results)
        for t in ft.results:
            self.push_regs(*(next(it) for _ in range(words_of(t))))

    def _wasm_sig(self, symbol: str | None, ft: FuncType) -> CallSig:
        return CallSig(symbol, tuple(words_of(t) for t in ft.params),
                       tuple(words_of(t) for t in ft.results), abi_kinds(ft.params),
                       abi_kinds(ft.results), self.layout.options.vfp_args)

    def op_call(self, ins: Instr) -> None:
        ft = self.module.func_type(ins.imm)
        args = self._call_args(ft)
        results = self._fresh(ft.results)
        sig = self._wasm_sig(self.layout.func_symbol(ins.imm), ft)
        self.emit("call", results, args, sig)
        self._push_results(ft, results)

    def _indirect_target(self, ins: Instr) -> tuple[FuncType, list[int], int]:
        """(type, arguments, code address) of a call through a table: the traps of
        an index out of the table, a null entry and a signature mismatch first."""
        typeidx, tableidx = ins.imm
        ft = self.module.types[typeidx]
        idx = self.pop1()
        args = self._call_args(ft)
        ref = tables.load_entry(self, tableidx, idx, Trap.UNDEFINED_ELEMENT)
        self.emit("trapifi", (), (ref,), CondTrap("eq", Trap.UNINITIALIZED_ELEMENT, 0))
        ty, want, fn = self.v(), self.v(), self.v()
        self.emit("ldraw", (ty,), (ref,), RawAccess("w", 4))
        self.emit("symaddr", (want,), (), Symbol(self.layout.sig_symbol(typeidx)))
        self.emit("trapif", (), (ty, want), CondTrap("ne", Trap.INDIRECT_CALL_TYPE_MISMATCH))
        self.emit("ldraw", (fn,), (ref,), RawAccess("w", 0))
        return ft, args, fn

    def op_call_indirect(self, ins: Instr) -> None:
        ft, args, fn = self._indirect_target(ins)
        results = self._fresh(ft.results)
        self.emit("callptr", results, (fn, *args), self._wasm_sig(None, ft))
        self._push_results(ft, results)

    def op_return_call(self, ins: Instr) -> None:
        ft = self.module.func_type(ins.imm)
        sig = self._wasm_sig(self.layout.func_symbol(ins.imm), ft)
        self._tail_call(ft, self._call_args(ft), sig, None, ins)

    def op_return_call_indirect(self, ins: Instr) -> None:
        ft, args, fn = self._indirect_target(ins)
        self._tail_call(ft, args, self._wasm_sig(None, ft), fn, ins)

    def _tail_call(self, ft: FuncType, args: list[int], sig: CallSig, target: int | None,
                   ins: Instr) -> None:
        """A jump to the callee once the frame is gone (`tailcall`), which passes on
        this function's return address and, when the results return in memory, its
        struct pointer.  A callee that takes more stack-argument bytes than this
        function was given has no room for them above the frame: it gets a call
        and a return instead (recorded, docs/abi.md "Tail calls")."""
        fn = self.fn
        stack = self.target.stack_argument_bytes
        if stack(sig.param_kinds, sig.result_kinds, sig.vfp) > \
                stack(fn.param_kinds, fn.result_kinds, fn.vfp_abi):
            fn.calls_for_tail_calls.append(ins.offset)
            results = self._fresh(ft.results)
            if target is None:
                self.emit("call", results, args, sig)
            else:
                self.emit("callptr", results, (target, *args), sig)
            self._push_results(ft, results)
            self.emit_return()
        else:
            sret = () if fn.sret is None else (fn.sret,)
            uses = (*(() if target is None else (target,)), *sret, *args)
            self.terminate("tailcallptr" if target is not None else "tailcall", uses=uses, imm=sig)
        self.mark_unreachable()

    # soft float -------------------------------------------------------------
    def _call_words(self, symbol: str, params: tuple[int, ...], results: tuple[int, ...]):
        nargs = len(params)
        entries = self.stack[len(self.stack) - nargs:]
        del self.stack[len(self.stack) - nargs:]
        args: list[int] = []
        for e in entries:
            args.extend(self.materialize(e))
        outs = [self.v() for w in results for _ in range(w)]
        self.emit("call", outs, args, CallSig(symbol, params, results))
        return outs

    def op_float_libgcc(self, ins: Instr) -> None:
        sym, params, results = sf.LIBGCC[ins.op]
        self.push_regs(*self._call_words(sym, params, results))

    def op_float_compare(self, ins: Instr) -> None:
        sym, negate = sf.COMPARE[ins.op]
        words = 1 if ins.op.startswith("f32") else 2
        (r,) = self._call_words(sym, (words, words), (1,))
        self.stack.append(Cmp("eq" if negate else "ne", r, None, 0))

    def op_float_runtime(self, ins: Instr) -> None:
        name, params, results, traps = sf.RUNTIME[ins.op]
        outs = self._call_words(self.layout.softfloat_symbol(name), params, results)
        if traps:
            status = outs.pop()
            self.emit("trapifi", (), (status,), CondTrap("eq", Trap.INTEGER_OVERFLOW, 1))
            self.emit("trapifi", (), (status,), CondTrap("eq", Trap.INVALID_CONVERSION, 2))
        self.push_regs(*outs)

    def op_float_hw(self, row: HwOp) -> None:
        """An operator the FPU computes (operands and result stay core words)."""
        args = [self.pop() for _ in row.ins][::-1]
        if row.ir == "fsetcc":                  # lazy: a branch or select uses the flags
            self.stack.append(FCmp(row.imm.cond, args[0], args[1], row.imm.double))
            return
        outs = [self.v() for _ in range(row.outs)]
        uses = [v for a in args for v in a]
        self.emit(row.ir, outs, uses, row.imm)
        self.push_regs(*outs)

    def op_float_sign(self, ins: Instr) -> None:
        """abs/neg/copysign touch only the sign bit (of the high word for f64)."""
        op = ins.op.split(".")[1]
        sign_src = self.pop() if op == "copysign" else None
        vals = list(self.pop())
        hi = vals[-1]
        d = self.v()
        if op == "abs":
            self.emit("andi", (d,), (hi,), Constant(0x7FFFFFFF))
        elif op == "neg":
            self.emit("xori", (d,), (hi,), Constant(sf.SIGN_MASK))
        else:
            t, u = self.v(), self.v()
            self.emit("andi", (t,), (hi,), Constant(0x7FFFFFFF))
            self.emit("andi", (u,), (sign_src[-1],), Constant(sf.SIGN_MASK))
            self.emit("or", (d,), (t, u))
        vals[-1] = d
        self.push_regs(*vals)


def lower_function(layout: ModuleLayout, funcidx: int, promote: bool,
                   target: LoweringTarget) -> IRFunction:
    return Lowerer(layout, funcidx, promote, target).lower()
