"""The ARMv6-M assembler: the Thumb-2 assembler's interface, legalised into Thumb-1.

Why a subclass and not separate handlers: the handlers (arm/isel_*.py) speak
in generic three-address operations with any immediate; on ARMv6-M (Cortex-M0,
M0+, M1) nearly every instruction is 16-bit, two-address, low-register only,
with 3- or 8-bit immediates.  This class accepts every call the handlers and
the runtime make and emits an equivalent Thumb-1 sequence, so one set of
handlers serves both instruction sets.  The rules it keeps:

* Registers.  The handlers' scratch registers ip (r12) and lr (r14) are
  renamed to r7 and r6 in every data operation (`SCRATCH_LOW`); r5 is this
  assembler's own temporary (`AT`), which only legalisation sequences write.
  The allocator keeps values in r0-r4 (regalloc.registers_for), and the frame
  saves r5-r7 (emit.py), so the renaming is invisible to the handlers.
* Flags.  A Thumb-1 data-processing instruction always sets the flags.
  Loads, stores, `mov rd, rm`, `add rd, rm` (the high-register form), pushes,
  pops and literal loads do not: sequences a handler may place between a
  compare and its use (reloads, constants) are built from those only.
* Constants and addresses: `movs` for 0-255, else a literal-pool load
  (arm/literalpool.py) that falls back to an inline literal (`ldr; b; .word`)
  when the pool is out of reach.
* IT blocks become short branches around the conditional instructions
  (`it()` collects them; the "then" and "else" instructions run as two groups).
* Instructions v6-M lacks (divide, clz, rbit, long multiplies) call a helper
  with a stack convention (`_millicode`): the operands are pushed, the helper
  (runtime_v6m.py) replaces the first words by the results and preserves every
  register, and the caller pops them.  `bl` clobbers lr, so a function using
  one saves lr like any non-leaf function.
* Branches: b<cond> ±256 B, b ±2 KiB, beyond that `bl` (it writes lr, so
  the function keeps its frame); cbz/cbnz are cmp + beq/bne; jump tables are
  compare chains.
* Linear memory (`linear_memory`, set by the emitter around wasm loads and
  stores): a word or halfword access tests its address; unaligned ones go
  byte by byte (v6-M faults on them, and wasm's alignment is only a hint).

`_ins` rejects every 32-bit encoding but bl, mrs/msr (the helpers) and, on
ARMv8-M Baseline, sdiv/udiv, so a Thumb-2 instruction can never slip
through: an unhandled case raises EncodingError instead (the tier fails).
"""

from __future__ import annotations

from ..errors import EncodingError
from . import encoding as E
from .asm import Assembler, shift_amount
from .codebuffer import Fixed, GrowingBranch, Item, JumpTable, Label
from .encoding import encode
from .literalpool import LiteralLoad, LiteralPool
from .operands import LR, M32, PC, SP, Cond, Imm, ShiftedReg, check_reg

AT = 5                          # the legaliser's temporary
SCRATCH_LOW = {12: 7, 14: 6}    # the handlers' ip, lr → low registers
REAL_IP = 12                    # r12 itself (keep_jump_target, jump_to): never renamed there
SAVED_BY_FRAME = (5, 6, 7)      # what every v6-M frame saves besides the allocation's
MILLICODE_PREFIX = "synth_v6m_"  # helper symbols (runtime_v6m.py), local to each object

_BL_FIRST = 0b11110             # top bits of the first halfword of bl (32-bit, like mrs/msr)


def _r(reg: int) -> int:
    """A register operand as v6-M code uses it (the scratch renaming)."""
    return SCRATCH_LOW.get(reg, reg)


def _low(*regs: int) -> bool:
    return all(r < 8 for r in regs)


class V6MBranch(GrowingBranch):
    """b<cond> / b: 16-bit; conditional beyond ±256 B: b<!cond> over b (±2 KiB);
    beyond ±2 KiB: `bl` (b<!cond> over it when conditional), which writes lr."""

    def __init__(self, label: int, cond: Cond):
        self.label = label
        self.cond = cond
        self.state = 0

    @property
    def writes(self):
        return frozenset((LR,)) if self._long else frozenset()

    @property
    def _long(self) -> bool:
        return self.state == (1 if self.cond == Cond.AL else 2)

    def size(self, addr):
        if self.cond == Cond.AL:
            return (2, 4)[self.state]
        return (2, 4, 6)[self.state]

    def _needed(self, addr, target):
        if self.cond == Cond.AL:
            return 0 if -2048 <= target - (addr + 4) <= 2046 else 1
        if -256 <= target - (addr + 4) <= 254:
            return 0
        return 1 if -2048 <= target - (addr + 6) <= 2046 else 2

    def emit(self, addr, lab):
        target = lab(self.label)
        if self.cond == Cond.AL:
            data = E.b16(target - (addr + 4)) if self.state == 0 else \
                E.bl32(target - (addr + 4))
        elif self.state == 0:
            data = E.b_cond16(self.cond, target - (addr + 4))
        elif self.state == 1:
            data = E.b_cond16(self.cond ^ 1, 0) + E.b16(target - (addr + 6))
        else:
            data = E.b_cond16(self.cond ^ 1, 2) + E.bl32(target - (addr + 6))
        return data, [(0, "t")], []


class V6MLiteralLoad(LiteralLoad):
    """ldr rd, [pc, #imm8*4] from the pool, or (out of its reach) an inline
    literal: `ldr rd, [pc, #k]; b over; .word` (10 bytes, the word aligned)."""

    def __init__(self, rd: int, label: int, value: int, symbol: str | None):
        if rd >= 8:
            raise EncodingError(f"literal load into r{rd}: v6-M loads low registers only")
        super().__init__(rd, label, value, symbol)

    def size(self, addr):
        return (2, 10)[self.state]

    def _fits(self, off: int) -> bool:
        return self.state == 1 or (0 <= off <= 1020 and off % 4 == 0)

    def emit(self, addr, lab):
        if self.state == 0:
            return super().emit(addr, lab)
        word = (addr + 4 + 3) & ~3              # the word: aligned, after ldr and b
        ldr = encode("ldr_lit_t1", Rt=self.rd, imm8=(word - ((addr + 4) & ~3)) >> 2)
        branch = E.b16(addr + 10 - (addr + 6))
        pad_before = word - (addr + 4)
        data = ldr + branch + bytes(pad_before) + (self.value & M32).to_bytes(4, "little")
        data += bytes(10 - len(data))
        maps = [(0, "t"), (4, "d"), (10, "t")]
        relocs = [] if self.symbol is None else [(word - addr, "R_ARM_ABS32", self.symbol)]
        return data, maps, relocs


class V6MLiteralPool(LiteralPool):
    item = V6MLiteralLoad


class V6MAssembler(Assembler):
    """Assembler for ARMv6-M: same methods, Thumb-1 output (see the module docstring)."""
    PADDING_NOP = b"\xc0\x46"           # mov r8, r8: what GNU as pads v6-M code with

    def __init__(self, millicode_prefix: str = MILLICODE_PREFIX, hw_divide: bool = False):
        super().__init__()
        self.hw_divide = hw_divide              # ARMv8-M Baseline (cortex-m23): sdiv/udiv
        self.pool = V6MLiteralPool(self)
        self.millicode_prefix = millicode_prefix
        self._it_conds: list[Cond] = []         # remaining IT slots (conditions)
        self._it_groups: dict[Cond, list[Item]] = {}
        self._it_first: Cond | None = None
        self._depth = 0                         # nesting of public methods (legalisation)
        self.linear_memory = False              # accesses may be unaligned (emit.py sets it)

    # ------------------------------------------------------------ plumbing
    def _ins(self, data: bytes, relocs=(), writes=()) -> None:
        hw1 = int.from_bytes(data[:2], "little")
        first = hw1 >> 11
        if len(data) != 2 and not (len(data) == 4 and first == _BL_FIRST
                                   and data[3] & 0xD0 == 0xD0) and \
                not (len(data) == 4 and (hw1 == 0xF3EF or hw1 & 0xFFF0 == 0xF380)) and \
                not (self.hw_divide and len(data) == 4 and hw1 & 0xFFD0 == 0xFB90):
            raise EncodingError(f"not an ARMv6-M instruction: {data.hex()}")
        if len(data) == 2 and first in (0b11101, 0b11110, 0b11111):
            raise EncodingError(f"not an ARMv6-M instruction: {data.hex()}")
        self._add(Fixed(data, "t", relocs, writes))

    def _t(self, name: str, writes=(), **fields) -> None:
        self._ins(encode(name, **fields), writes=writes)

    def in_it_block(self) -> bool:
        return bool(self._it_conds)

    # ------------------------------------------------------------ IT blocks
    def it(self, cond, pattern=""):
        if self._it_conds:
            raise EncodingError("IT inside an IT block")
        cond = Cond(cond)
        self._it_conds = [cond] + [cond if ch == "t" else cond.invert() for ch in pattern]
        self._it_first = cond
        self._it_groups = {cond: [], cond.invert(): []}

    def _one(self, method, *args, **kw):
        """Run one instruction's emission; inside an IT block, file its items
        under its condition and close the block after the last slot."""
        if self._depth or not self._it_conds:
            self._depth += 1
            try:
                return method(*args, **kw)
            finally:
                self._depth -= 1
        cond = self._it_conds.pop(0)
        start = len(self.items)
        self._depth += 1
        try:
            method(*args, **kw)
        finally:
            self._depth -= 1
        self._it_groups[cond].extend(self.items[start:])
        del self.items[start:]
        if not self._it_conds:
            self._close_it()

    def _close_it(self) -> None:
        first = self._it_first
        then, other = self._it_groups[first], self._it_groups[first.invert()]
        skip, end = self.new_label(), self.new_label()
        self._add(V6MBranch(skip.id, first.invert()))
        self.items.extend(then)
        if other:
            self._add(V6MBranch(end.id, Cond.AL))
        self.bind(skip)
        self.items.extend(other)
        self.bind(end)
        self._it_groups, self._it_first = {}, None

    # ------------------------------------------------------------ constants
    def _const(self, rd: int, v: int, flags=None) -> None:
        """rd = v; flags=False: leave the flags alone (a literal load)."""
        v &= M32
        if flags is not False and v < 256:
            self._t("mov_imm_t1", (rd,), Rd=rd, imm8=v)
        elif flags is not False and (~v & M32) < 256:
            self._t("mov_imm_t1", (rd,), Rd=rd, imm8=~v & M32)
            self._t("mvn_reg_t1", (rd,), Rm=rd, Rd=rd)
        elif flags is not False and (v >> (v & -v).bit_length() - 1) < 256:
            shift = (v & -v).bit_length() - 1    # k << shift, k in 0-255: movs, lsls
            self._t("mov_imm_t1", (rd,), Rd=rd, imm8=v >> shift)
            self._t("lsl_imm_t1", (rd,), imm5=shift, Rm=rd, Rd=rd)
        else:
            if flags is True:
                raise EncodingError("a flag-setting constant load")
            self._add(self.pool.load(rd, v))

    def _movr(self, rd: int, rm: int) -> None:
        if rd != rm:
            self._t("mov_reg_t1", (rd,), D=rd >> 3, Rm=rm, Rd=rd & 7)

    def _operand(self, op2, flags=None) -> int:
        """A register holding op2: the register itself, or AT built from an
        immediate or a shifted register."""
        if isinstance(op2, Imm):
            self._const(AT, op2.value, flags=False if flags is False else None)
            return AT
        if isinstance(op2, ShiftedReg) and op2.amount:
            if flags is False:
                raise EncodingError("shifted operand with the flags preserved")
            self._shift(op2.shift.name.lower(), AT, _r(op2.reg), Imm(op2.amount), None)
            return AT
        return _r(op2.reg if isinstance(op2, ShiftedReg) else check_reg(op2))

    # ------------------------------------------------------------ moves
    def mov(self, rd, op2, flags=None):
        self._one(self._mov, _r(rd), op2, flags)

    def _mov(self, rd, op2, flags):
        if isinstance(op2, ShiftedReg) and op2.amount:
            self._shift(op2.shift.name.lower(), rd, _r(op2.reg), Imm(op2.amount), flags)
            return
        if isinstance(op2, Imm):
            self._const(rd, op2.value, flags)
            return
        rm = _r(op2.reg if isinstance(op2, ShiftedReg) else op2)
        if flags is True:
            self._t("lsl_imm_t1", (rd,), imm5=0, Rm=rm, Rd=rd)
        elif rd != rm:
            self._movr(rd, rm)

    def mvn(self, rd, op2, flags=None):
        self._one(self._mvn, _r(rd), op2, flags)

    def _mvn(self, rd, op2, flags):
        if isinstance(op2, Imm):
            self._const(rd, ~op2.value, flags)
            return
        if flags is False:
            raise EncodingError("mvn with the flags preserved")
        rm = self._operand(op2)
        self._t("mvn_reg_t1", (rd,), Rm=rm, Rd=rd)

    def mov_imm32(self, rd, value, flags=None):
        self._one(self._const, _r(rd), value, flags)

    def mov_symbol(self, rd, symbol, addend=0):
        self._one(lambda: self._add(self.pool.load(_r(rd), addend, symbol)))

    def movw(self, rd, imm16):
        raise EncodingError("movw: not an ARMv6-M instruction")

    def movt(self, rd, imm16):
        raise EncodingError("movt: not an ARMv6-M instruction")

    # ------------------------------------------------------------ add / sub
    def add(self, rd, rn, op2, flags=None): self._one(self._addsub, "add", _r(rd), _r(rn), op2, flags)
    def sub(self, rd, rn, op2, flags=None): self._one(self._addsub, "sub", _r(rd), _r(rn), op2, flags)

    def _addsub(self, op, rd, rn, op2, flags):
        if isinstance(op2, Imm):
            v = op2.value & M32
            if flags is True:                   # the carry of add and sub differ: keep op
                self._addsub_imm_flags(op, rd, rn, v)
                return
            self._add_imm(rd, rn, v if op == "add" else -v & M32, flags)
            return
        rm = self._operand(op2, flags)
        if op == "add" and flags is not True and SP not in (rd,):
            if rd == rn or rd == rm:
                self._t("add_reg_t2", (rd,), DN=rd >> 3, Rm=rm if rd == rn else rn, Rdn=rd & 7)
                return
            if flags is False or not _low(rd, rn, rm):
                if rm == SP:
                    rn, rm = rm, rn
                self._movr(rd, rm)
                self._t("add_reg_t2", (rd,), DN=rd >> 3, Rm=rn, Rdn=rd & 7)
                return
        if rd == SP:
            if op == "add" and rn == SP and flags is not True:
                self._t("add_reg_t2", (SP,), DN=1, Rm=rm, Rdn=5)
                return
            if op == "sub" and rn == SP and flags is not True and rm != AT:
                self._movr(AT, SP)
                self._t("sub_reg_t1", (AT,), Rm=rm, Rn=AT, Rd=AT)
                self._movr(SP, AT)
                return
            raise EncodingError(f"{op} sp, r{rn}, r{rm}")
        if flags is False:
            raise EncodingError(f"{op} with the flags preserved")
        if rn == SP:
            self._movr(AT, SP)
            rn = AT
        self._t(f"{op}_reg_t1", (rd,), Rm=rm, Rn=rn, Rd=rd)

    def _addsub_imm_flags(self, op, rd, rn, v):
        """adds/subs rd, rn, #v with the flags exactly as that instruction sets them."""
        if rd == SP or rn == SP:
            raise EncodingError("flag-setting arithmetic on sp")
        if v < 8 and rd != rn:
            self._t(f"{op}_imm_t1", (rd,), imm3=v, Rn=rn, Rd=rd)
        elif v < 256:
            self._movr(rd, rn)
            self._t(f"{op}_imm_t2", (rd,), Rdn=rd, imm8=v)
        else:
            self._const(AT, v, False)
            self._t(f"{op}_reg_t1", (rd,), Rm=AT, Rn=rn, Rd=rd)

    def _add_imm(self, rd, rn, v, flags):
        """rd = rn + v (32-bit wrap)."""
        neg = -v & M32
        if rd == SP or rn == SP:
            self._add_imm_sp(rd, rn, v, flags)
            return
        if v == 0 and flags is not True:
            self._movr(rd, rn)
            return
        if flags is not False:
            for k, op in ((v, "add"), (neg, "sub")):
                if k < 8 and (k or op == "add") and rd != rn:   # rd == rn: imm8, as GNU as
                    self._t(f"{op}_imm_t1", (rd,), imm3=k, Rn=rn, Rd=rd)
                    return
            for k, op in ((v, "add"), (neg, "sub")):
                if k < 256 and (k or op == "add"):
                    self._movr(rd, rn)
                    self._t(f"{op}_imm_t2", (rd,), Rdn=rd, imm8=k)
                    return
            self._const(AT, v, False)
            self._t("add_reg_t1", (rd,), Rm=AT, Rn=rn, Rd=rd)
            return
        self._const(AT, v, False)
        self._t("add_reg_t2", (AT,), DN=0, Rm=rn, Rdn=AT)
        self._movr(rd, AT)

    def _add_imm_sp(self, rd, rn, v, flags):
        if flags is True:
            raise EncodingError("flag-setting arithmetic on sp")
        neg = -v & M32
        if rd == rn == SP:
            if v == 0:
                return
            for k, name in ((v, "add_sp_t2"), (neg, "sub_sp_t1")):
                if k % 4 == 0 and k <= 508:
                    self._t(name, (SP,), imm7=k >> 2)
                    return
            self._const(AT, v, False)
            self._t("add_reg_t2", (SP,), DN=1, Rm=AT, Rdn=5)
            return
        if rn != SP:
            raise EncodingError(f"add sp, r{rn}, #{v}")
        if rd < 8 and v % 4 == 0 and v <= 1020:
            self._t("add_sp_t1", (rd,), Rd=rd, imm8=v >> 2)
            return
        self._const(AT, v, False)
        self._t("add_reg_t2", (AT,), DN=0, Rm=SP, Rdn=AT)
        self._movr(rd, AT)

    def adc(self, rd, rn, op2, flags=None): self._one(self._carry, "adc", _r(rd), _r(rn), op2)
    def sbc(self, rd, rn, op2, flags=None): self._one(self._carry, "sbc", _r(rd), _r(rn), op2)

    def _carry(self, op, rd, rn, op2):
        """adc/sbc (the flags are always written; the carry in is preserved
        by the moves before)."""
        self._tied(f"{op}_reg_t1", rd, rn, self._operand(op2, False), op == "adc")

    def _tied(self, enc: str, rd: int, rn: int, rm: int, commutes: bool) -> None:
        """rd = rn op rm in a two-address form (`op rd, rm`: rd is the first
        operand): rn moved to rd first, rm through AT when rd is rm, unless the
        operation commutes."""
        if rd != rn:
            if rd == rm and commutes:
                rm = rn
            else:
                if rd == rm:
                    self._movr(AT, rm)
                    rm = AT
                self._movr(rd, rn)
        self._t(enc, (rd,), Rm=rm, Rdn=rd)

    def rsb(self, rd, rn, op2, flags=None): self._one(self._rsb, _r(rd), _r(rn), op2, flags)

    def _rsb(self, rd, rn, op2, flags):
        if flags is False:
            raise EncodingError("rsb with the flags preserved")
        if isinstance(op2, Imm) and op2.value & M32 == 0:
            self._t("rsb_imm_t1", (rd,), Rn=rn, Rd=rd)
            return
        if isinstance(op2, Imm):
            self._const(AT, op2.value, False)
            self._t("sub_reg_t1", (rd,), Rm=rn, Rn=AT, Rd=rd)
            return
        rm = self._operand(op2)
        self._t("sub_reg_t1", (rd,), Rm=rn, Rn=rm, Rd=rd)

    # ------------------------------------------------------------ logic
    _LOGIC = {"and": "and_reg_t1", "orr": "orr_reg_t1", "eor": "eor_reg_t1",
              "bic": "bic_reg_t1"}

    def and_(self, rd, rn, op2, flags=None): self._one(self._logic, "and", _r(rd), _r(rn), op2, flags)
    def orr(self, rd, rn, op2, flags=None): self._one(self._logic, "orr", _r(rd), _r(rn), op2, flags)
    def eor(self, rd, rn, op2, flags=None): self._one(self._logic, "eor", _r(rd), _r(rn), op2, flags)
    def bic(self, rd, rn, op2, flags=None): self._one(self._logic, "bic", _r(rd), _r(rn), op2, flags)

    def orn(self, rd, rn, op2, flags=None):
        def body():
            if isinstance(op2, Imm):
                self._logic("orr", _r(rd), _r(rn), Imm(~op2.value & M32), flags)
                return
            rm = self._operand(op2)
            self._t("mvn_reg_t1", (AT,), Rm=rm, Rd=AT)
            self._logic("orr", _r(rd), _r(rn), AT, flags)
        self._one(body)

    def _logic(self, op, rd, rn, op2, flags):
        if flags is False:
            raise EncodingError(f"{op} with the flags preserved")
        if isinstance(op2, Imm):
            v = op2.value & M32
            if op == "and" and v == M32 or op in ("orr", "eor", "bic") and v == 0:
                self._mov(rd, rn, True if flags else None)
                return
            if op == "and" and v in (0xFF, 0xFFFF):
                self._t("uxtb_t1" if v == 0xFF else "uxth_t1", (rd,), Rm=rn, Rd=rd)
                if flags:
                    self._t("lsl_imm_t1", (rd,), imm5=0, Rm=rd, Rd=rd)
                return
        self._tied(self._LOGIC[op], rd, rn, self._operand(op2), op != "bic")

    # ------------------------------------------------------------ compares
    def cmp(self, rn, op2): self._one(self._compare, "cmp", _r(rn), op2)
    def cmn(self, rn, op2): self._one(self._compare, "cmn", _r(rn), op2)
    def tst(self, rn, op2): self._one(self._compare, "tst", _r(rn), op2)
    def teq(self, rn, op2): self._one(self._compare, "teq", _r(rn), op2)

    def _compare(self, op, rn, op2):
        if isinstance(op2, Imm):
            v = op2.value & M32
            if op == "cmp" and v < 256 and rn < 8:
                self._t("cmp_imm_t1", Rn=rn, imm8=v)
                return
            # cmp rn, #-m and cmn rn, #m set the flags of rn + m, as adds does
            m = -v & M32 if op == "cmp" else v
            if op in ("cmp", "cmn") and 0 < m < 256 and rn < 8:
                self._addsub_imm_flags("add", AT, rn, m)
                return
        rm = self._operand(op2)                 # movs may set flags: the compare resets them
        if op == "cmp":
            if _low(rn, rm):
                self._t("cmp_reg_t1", Rm=rm, Rn=rn)
            else:
                self._t("cmp_reg_t2", N=rn >> 3, Rm=rm, Rn=rn & 7)
        elif op == "teq":
            self._movr(AT, rm)
            self._t("eor_reg_t1", (AT,), Rm=rn, Rdn=AT)
        else:
            self._t(f"{op}_reg_t1", Rm=rm, Rn=rn)

    # ------------------------------------------------------------ shifts
    def lsl(self, rd, rm, op2, flags=None): self._one(self._shift, "lsl", _r(rd), _r(rm), op2, flags)
    def lsr(self, rd, rm, op2, flags=None): self._one(self._shift, "lsr", _r(rd), _r(rm), op2, flags)
    def asr(self, rd, rm, op2, flags=None): self._one(self._shift, "asr", _r(rd), _r(rm), op2, flags)
    def ror(self, rd, rm, op2, flags=None): self._one(self._shift, "ror", _r(rd), _r(rm), op2, flags)

    def _shift(self, kind, rd, rm, op2, flags):
        if isinstance(op2, Imm):
            n = shift_amount(kind, op2)
            if n == 0:
                self._mov(rd, rm, flags)
                return
            if flags is False:
                raise EncodingError(f"{kind} with the flags preserved")
            if kind != "ror":
                self._t(f"{kind}_imm_t1", (rd,), imm5=n & 31, Rm=rm, Rd=rd)
                return
            # ror by an immediate: the amount in a pushed register X
            x = next(r for r in range(8) if r not in (rd, rm, AT))
            self._t("push_t1", (SP,), M=0, reglist=1 << x)
            self._t("mov_imm_t1", (x,), Rd=x, imm8=n)
            self._movr(rd, rm)
            self._t("ror_reg_t1", (rd,), Rm=x, Rdn=rd)
            self._t("pop_t1", (x, SP), P=0, reglist=1 << x)
            return
        else:
            if flags is False:
                raise EncodingError(f"{kind} with the flags preserved")
            rs = _r(check_reg(op2))
        if rd != rm:
            if rd == rs:
                self._movr(AT, rs)
                rs = AT
            self._movr(rd, rm)
        self._t(f"{kind}_reg_t1", (rd,), Rm=rs, Rdn=rd)

    # ------------------------------------------------------------ multiplies
    def mul(self, rd, rn, rm, flags=None):
        def body(rd=_r(rd), rn=_r(rn), rm=_r(rm)):
            if flags is False:
                raise EncodingError("mul with the flags preserved")
            if rd == rn:
                rn, rm = rm, rn
            if rd != rm:
                self._movr(rd, rm)
            self._t("mul_t1", (rd,), Rn=rn, Rdm=rd)
        self._one(body)

    def _mul_at(self, rn, rm) -> None:
        """AT = rn * rm."""
        self._movr(AT, rn)
        self._t("mul_t1", (AT,), Rn=rm, Rdm=AT)

    def mla(self, rd, rn, rm, ra):
        def body():
            self._mul_at(_r(rn), _r(rm))
            self._t("add_reg_t1", (_r(rd),), Rm=_r(ra), Rn=AT, Rd=_r(rd))
        self._one(body)

    def mls(self, rd, rn, rm, ra):
        def body():
            self._mul_at(_r(rn), _r(rm))
            self._t("sub_reg_t1", (_r(rd),), Rm=AT, Rn=_r(ra), Rd=_r(rd))
        self._one(body)

    def smulbb(self, rd, rn, rm):
        def body():
            self._t("sxth_t1", (AT,), Rm=_r(rn), Rd=AT)
            self._t("sxth_t1", (_r(rd),), Rm=_r(rm), Rd=_r(rd))
            self._t("mul_t1", (_r(rd),), Rn=AT, Rdm=_r(rd))
        self._one(body)

    def smlabb(self, rd, rn, rm, ra):
        raise EncodingError("smlabb: not an ARMv6-M instruction")

    def _millicode(self, name: str, ins: tuple[int, ...], outs: tuple[int, ...],
                   drop: bool = True) -> None:
        """outs = helper(ins) through the stack: push the operands (the first
        lowest), call, pop the results, drop the rest (drop=False: leave the
        results on the stack).  Every register but the outputs and lr
        and the flags survive."""
        for r in reversed(ins):
            self._t("push_t1", (SP,), M=0, reglist=1 << r)
        self._ins(E.bl32(-4), [(0, "R_ARM_THM_CALL", self.millicode_prefix + name)],
                  writes=(LR,))
        for r in outs:
            self._t("pop_t1", (r, SP), P=0, reglist=1 << r)
        if drop and len(ins) > len(outs):
            self._t("add_sp_t2", (SP,), imm7=len(ins) - len(outs))

    def _long_mul(self, name, rdlo, rdhi, rn, rm):
        if rdlo == rdhi:
            raise EncodingError(f"{name}: RdLo == RdHi")
        rdlo, rdhi, rn, rm = map(_r, (rdlo, rdhi, rn, rm))
        if name in ("umull", "smull"):
            self._one(self._millicode, name, (rn, rm), (rdlo, rdhi))
            return

        def accumulate():
            self._millicode(name.replace("mlal", "mull"), (rn, rm), (), drop=False)
            self._t("pop_t1", (AT, SP), P=0, reglist=1 << AT)
            self._t("add_reg_t1", (rdlo,), Rm=AT, Rn=rdlo, Rd=rdlo)
            self._t("pop_t1", (AT, SP), P=0, reglist=1 << AT)
            self._t("adc_reg_t1", (rdhi,), Rm=AT, Rdn=rdhi)
        self._one(accumulate)

    def sdiv(self, rd, rn, rm): self._divide("sdiv", rd, rn, rm)
    def udiv(self, rd, rn, rm): self._divide("udiv", rd, rn, rm)

    def _divide(self, name, rd, rn, rm):
        rd, rn, rm = _r(rd), _r(rn), _r(rm)
        if self.hw_divide:
            self._one(self._t, f"{name}_t1", (rd,), Rn=rn, Rd=rd, Rm=rm)
        else:
            self._one(self._millicode, name, (rn, rm), (rd,))

    # ------------------------------------------------------------ bit operations
    def clz(self, rd, rm): self._one(self._millicode, "clz", (_r(rm),), (_r(rd),))
    def rbit(self, rd, rm): self._one(self._millicode, "rbit", (_r(rm),), (_r(rd),))

    def _misc(self, name, rd, rm, narrow: bool):
        self._one(self._t, f"{name}_t1", (_r(rd),), Rm=_r(rm), Rd=_r(rd))

    def _extend(self, name, rd, rm):
        self._one(self._t, f"{name}_t1", (_r(rd),), Rm=_r(rm), Rd=_r(rd))

    def _bfx(self, name, rd, rn, lsb, width):
        self._bitfield(lsb, width)
        kind = "lsr" if name.startswith("ubfx") else "asr"

        def body(rd=_r(rd), rn=_r(rn)):
            top = 32 - lsb - width
            src = rn
            if top:
                self._t("lsl_imm_t1", (rd,), imm5=top, Rm=rn, Rd=rd)
                src = rd
            if width < 32:
                self._t(f"{kind}_imm_t1", (rd,), imm5=(32 - width) & 31, Rm=src, Rd=rd)
            else:
                self._movr(rd, src)
        self._one(body)

    def bfi(self, rd, rn, lsb, width):
        self._bitfield(lsb, width)
        mask = ((1 << width) - 1) << lsb

        def body(rd=_r(rd), rn=_r(rn)):
            if width == 32:
                self._movr(rd, rn)
                return
            t = next(r for r in range(8) if r not in (rd, rn, AT))
            self._t("push_t1", (SP,), M=0, reglist=1 << t)
            self._t("lsl_imm_t1", (AT,), imm5=32 - width, Rm=rn, Rd=AT)
            if 32 - width - lsb:
                self._t("lsr_imm_t1", (AT,), imm5=32 - width - lsb, Rm=AT, Rd=AT)
            self._const(t, ~mask & M32, False)
            self._t("and_reg_t1", (rd,), Rm=t, Rdn=rd)
            self._t("orr_reg_t1", (rd,), Rm=AT, Rdn=rd)
            self._t("pop_t1", (t, SP), P=0, reglist=1 << t)
        self._one(body)

    def bfc(self, rd, lsb, width):
        self._bitfield(lsb, width)
        mask = ((1 << width) - 1) << lsb

        def body(rd=_r(rd)):
            self._const(AT, ~mask & M32, False)
            self._t("and_reg_t1", (rd,), Rm=AT, Rdn=rd)
        self._one(body)

    # ------------------------------------------------------------ loads and stores
    _SCALE = {"w": 2, "h": 1, "b": 0}
    _REG_FORM = {(True, "w"): "ldr", (True, "b"): "ldrb", (True, "h"): "ldrh",
                 (True, "sb"): "ldrsb", (True, "sh"): "ldrsh", (False, "w"): "str",
                 (False, "b"): "strb", (False, "h"): "strh"}

    def load(self, kind, rt, rn, offset=0): self._one(self._ls, True, kind, _r(rt), _r(rn), offset)
    def store(self, kind, rt, rn, offset=0): self._one(self._ls, False, kind, _r(rt), _r(rn), offset)

    def _unaligned_ls(self, load, kind, rt, rn, rm, offset) -> None:
        """An access to linear memory, where any address may come (wasm's
        alignment is a hint, v6-M faults on unaligned ldr/ldrh/str/strh):
        AT = the address; aligned → one access, else byte by byte through a
        pushed register X.  The flags are clobbered."""
        if rm is not None:
            self._t("add_reg_t1", (AT,), Rm=rm, Rn=rn, Rd=AT)
        elif 0 <= offset < 8:
            self._t("add_imm_t1", (AT,), imm3=offset, Rn=rn, Rd=AT)
        else:
            self._const(AT, offset, False)
            self._t("add_reg_t1", (AT,), Rm=rn, Rn=AT, Rd=AT)
        size = 4 if kind == "w" else 2
        x = next(r for r in range(8) if r not in (rt, AT))
        slow, done = self.new_label(), self.new_label()
        test = rt if load else x
        if not load:
            self._t("push_t1", (SP,), M=0, reglist=1 << x)
        self._t("lsl_imm_t1", (test,), imm5=32 - (size.bit_length() - 1), Rm=AT, Rd=test)
        self._add(V6MBranch(slow.id, Cond.NE))
        if kind == "sh":
            self._t("mov_imm_t1", (rt,), Rd=rt, imm8=0)
            self._t("ldrsh_reg_t1", (rt,), Rm=rt, Rn=AT, Rt=rt)
        else:
            L = ("ldr" if load else "str") + ("" if kind == "w" else "h")
            self._t(f"{L}_imm_t1", (rt,) if load else (), imm5=0, Rn=AT, Rt=rt)
        self._add(V6MBranch(done.id, Cond.AL))
        self.bind(slow)
        if load:
            self._t("push_t1", (SP,), M=0, reglist=1 << x)
            self._t("ldrb_imm_t1", (rt,), imm5=size - 1, Rn=AT, Rt=rt)
            for k in range(size - 2, -1, -1):
                self._t("lsl_imm_t1", (rt,), imm5=8, Rm=rt, Rd=rt)
                self._t("ldrb_imm_t1", (x,), imm5=k, Rn=AT, Rt=x)
                self._t("orr_reg_t1", (rt,), Rm=x, Rdn=rt)
            if kind == "sh":
                self._t("sxth_t1", (rt,), Rm=rt, Rd=rt)
            self._t("pop_t1", (x, SP), P=0, reglist=1 << x)
            self.bind(done)
        else:
            self._t("strb_imm_t1", imm5=0, Rn=AT, Rt=rt)
            for k in range(1, size):
                self._t("lsr_imm_t1", (x,), imm5=8 * k, Rm=rt, Rd=x)
                self._t("strb_imm_t1", imm5=k, Rn=AT, Rt=x)
            self.bind(done)
            self._t("pop_t1", (x, SP), P=0, reglist=1 << x)

    def _ls(self, load, kind, rt, rn, offset):
        if (load, kind) not in self._REG_FORM:
            raise EncodingError(f"bad {'load' if load else 'store'} kind {kind!r}")
        if not isinstance(offset, int):
            raise EncodingError(f"bad offset {offset!r}")
        writes = (rt,) if load else ()
        L = "ldr" if load else "str"
        sfx = "" if kind == "w" else kind
        if rt >= 8:
            raise EncodingError(f"{L}{sfx} r{rt}: low registers only")
        if self.linear_memory and rn != SP and kind not in ("b", "sb"):
            self._unaligned_ls(load, kind, rt, rn, None, offset & M32)
            return
        if rn == SP:
            if kind == "w" and offset % 4 == 0 and 0 <= offset <= 1020:
                self._t(f"{L}_imm_t2", writes, Rt=rt, imm8=offset >> 2)
                return
            self._add_imm_sp(AT, SP, offset & M32, False)
            rn, offset = AT, 0
        if kind in self._SCALE:
            sc = self._SCALE[kind]
            if offset >= 0 and offset % (1 << sc) == 0 and offset >> sc < 32:
                self._t(f"{L}{sfx}_imm_t1", writes, imm5=offset >> sc, Rn=rn, Rt=rt)
                return
        self._const(AT, offset, False)
        self._t(f"{self._REG_FORM[load, kind]}_reg_t1", writes, Rm=AT, Rn=rn, Rt=rt)

    def load_reg(self, kind, rt, rn, rm, lsl=0):
        self._one(self._ls_reg, True, kind, _r(rt), _r(rn), _r(rm), lsl)

    def store_reg(self, kind, rt, rn, rm, lsl=0):
        self._one(self._ls_reg, False, kind, _r(rt), _r(rn), _r(rm), lsl)

    def _ls_reg(self, load, kind, rt, rn, rm, lsl):
        if (load, kind) not in self._REG_FORM:
            raise EncodingError(f"bad {'load' if load else 'store'} kind {kind!r}")
        if self.linear_memory and rn != SP and kind not in ("b", "sb") and not lsl:
            self._unaligned_ls(load, kind, rt, rn, rm, 0)
            return
        if lsl or rn == SP:
            self._movr(AT, rm)
            for _ in range(lsl):
                self._t("add_reg_t2", (AT,), DN=0, Rm=AT, Rdn=AT)
            if rn == SP:
                self._t("add_reg_t2", (AT,), DN=0, Rm=SP, Rdn=AT)
                rn, rm = AT, None
            else:
                rm = AT
        writes = (rt,) if load else ()
        if rm is None:
            self._ls(load, kind, rt, rn, 0)
            return
        self._t(f"{self._REG_FORM[load, kind]}_reg_t1", writes, Rm=rm, Rn=rn, Rt=rt)

    def ldrd(self, rt, rt2, rn, offset=0):
        def body(rt=_r(rt), rt2=_r(rt2), rn=_r(rn)):
            if rt == rt2:
                raise EncodingError("ldrd: Rt == Rt2")
            order = [(rt2, offset + 4), (rt, offset)] if rt == rn else \
                [(rt, offset), (rt2, offset + 4)]
            for r, off in order:
                self._ls(True, "w", r, rn, off)
        self._one(body)

    def strd(self, rt, rt2, rn, offset=0):
        def body():
            self._ls(False, "w", _r(rt), _r(rn), offset)
            self._ls(False, "w", _r(rt2), _r(rn), offset + 4)
        self._one(body)

    # ------------------------------------------------------------ stack
    def push(self, regs):
        rs = sorted({_r(check_reg(r)) if r != LR else LR for r in regs})
        if not rs or any(r >= 8 and r != LR for r in rs):
            raise EncodingError(f"push: bad register list {rs}")
        self._one(self._t, "push_t1", (SP,), M=int(LR in rs),
                  reglist=sum(1 << r for r in rs if r < 8))

    def pop(self, regs):
        rs = sorted({_r(check_reg(r)) if r not in (LR, PC) else r for r in regs})
        if not rs or any(r >= 8 and r not in (LR, PC) for r in rs) or LR in rs and PC in rs:
            raise EncodingError(f"pop: bad register list {rs}")

        def body():
            low = [r for r in rs if r < 8]
            if LR in rs:
                # pop cannot name lr: its word (above the low registers') goes
                # through the first of them, restored right after, or through r0
                # saved around it; every register keeps its value (a tail call's
                # epilogue: r0-r3 carry arguments, r4-r7 the caller's values)
                t = low[0] if low else 0
                if not low:
                    self._t("push_t1", (SP,), M=0, reglist=1)
                self._t("ldr_imm_t2", (t,), Rt=t, imm8=len(low) if low else 1)
                self._t("mov_reg_t1", (LR,), D=1, Rm=t, Rd=LR & 7)
                if not low:
                    self._t("pop_t1", (0, SP), P=0, reglist=1)
            if low or PC in rs:
                self._t("pop_t1", tuple(low) + (SP,), P=int(PC in rs),
                        reglist=sum(1 << r for r in low))
            if LR in rs:
                self._t("add_sp_t2", (SP,), imm7=1)
        self._one(body)

    def keep_jump_target(self, rm: int) -> int:
        """The register a tail call's code address waits in while the frame is
        torn down: the handlers' ip is r7 here, which the epilogue restores, so
        the address moves to the real ip (r12; `mov` leaves the flags)."""
        if _r(rm) < 4:
            return rm
        self._t("mov_reg_t1", (REAL_IP,), D=1, Rm=_r(rm), Rd=REAL_IP & 7)
        return REAL_IP

    def jump_to(self, rm: int) -> None:
        """`bx` to a tail call's code address (keep_jump_target's register)."""
        self._t("bx_t1", Rm=REAL_IP if rm == REAL_IP else _r(rm))

    # ------------------------------------------------------------ branches and calls
    def b(self, label: Label, cond=Cond.AL):
        cond = Cond(cond)
        if self._it_conds and not self._depth:
            self._one(lambda: self._add(V6MBranch(label.id, Cond.AL)))
            return
        self._add(V6MBranch(label.id, cond))

    def cbz(self, rn, label: Label): self._cbz(rn, label, Cond.EQ)
    def cbnz(self, rn, label: Label): self._cbz(rn, label, Cond.NE)

    def _cbz(self, rn, label, cond):
        self._not_in_it("cbz")
        self._t("cmp_imm_t1", Rn=_r(rn), imm8=0)
        self._add(V6MBranch(label.id, cond))

    def bl(self, symbol: str):
        self._one(lambda: self._ins(E.bl32(-4), [(0, "R_ARM_THM_CALL", symbol)], writes=(LR,)))

    def b_symbol(self, symbol: str):
        """A tail branch to a symbol (ip is free at a call boundary, AAPCS)."""
        self._not_in_it("b")
        self._t("push_t1", (SP,), M=0, reglist=1)
        self._add(self.pool.load(0, 0, symbol))
        self._t("mov_reg_t1", (12,), D=1, Rm=0, Rd=12 & 7)
        self._t("pop_t1", (0, SP), P=0, reglist=1)
        self._t("bx_t1", Rm=12)

    def blx(self, rm): self._one(self._t, "blx_reg_t1", (LR,), Rm=_r(rm))

    def bx(self, rm):
        self._one(self._t, "bx_t1", Rm=rm if rm == LR else _r(rm))

    def jump_table(self, index_reg, labels, scratch):
        self._not_in_it("jump table")
        rm, scratch = _r(index_reg), _r(scratch)
        ids = [l.id for l in labels]
        if not ids:
            raise EncodingError("empty jump table")
        sub = V6MAssembler(self.millicode_prefix, self.hw_divide)
        sub.pool = self.pool
        for i, l in enumerate(ids[:-1]):
            if i < 256:
                sub.cmp(rm, Imm(i))
            else:
                sub.mov_imm32(scratch, i, flags=False)
                sub.cmp(rm, scratch)
            sub.items.append(V6MBranch(l, Cond.EQ))
        sub.items.append(V6MBranch(ids[-1], Cond.AL))
        table = JumpTable(rm, ids, scratch, lambda: sub.items)
        table.state, table.chain = 3, sub.items
        self._add(table)

    def finish(self):
        self.pool.place()                       # the words still unplaced (runtime code)
        return super().finish()

    # ------------------------------------------------------------ refused
    def _no_fpu(self, *args, **kw):
        raise EncodingError("ARMv6-M has no FPU")

    vfp3 = vfp2 = vcvt = vrint = vmov_to_s = vmov_from_s = vmov_to_d = vmov_from_d = _no_fpu
    vldr = vstr = vpush = vpop = vmrs_nzcv = _no_fpu

    def mrs_apsr(self, rd): self._one(self._t, "mrs_t1", (_r(rd),), Rd=_r(rd), SYSm=0)
    def msr_apsr(self, rn): self._one(self._t, "msr_t1", Rn=_r(rn), SYSm=0)

    def udf(self, imm8=0): self._one(self._t, "udf_t1", imm8=imm8)
    def bkpt(self, imm8=0): self._one(self._t, "bkpt_t1", imm8=imm8)
    def nop(self): self._one(self._t, "nop_t1")


def assembler_for(isa, millicode_prefix: str = MILLICODE_PREFIX) -> Assembler:
    """A fresh assembler for an instruction set (target.Isa)."""
    return Assembler() if isa.thumb2 else V6MAssembler(millicode_prefix, isa.hw_divide)
