"""The Thumb-2 assembler: which encoding form each instruction takes.

Why a module of its own: this is mnemonic and form selection only (16- or
32-bit form, immediate flips, IT-block rules); where the instructions end up
— items, labels, branch relaxation, mapping symbols, relocations — is the
code buffer's business (arm/codebuffer.py), which `Assembler` extends.

Every encoding comes from the table in `encoding.py`; operand combinations
that no form accepts (ranges, SP/PC where the architecture makes them
UNPREDICTABLE, flag requirements) raise `EncodingError`.

The `flags` parameter: True = the instruction must set the flags (S form),
False = it must not change them, None = don't care (the 16-bit form is
preferred even when it sets the flags).  Inside an IT block the 16-bit
data-processing forms do not set flags; the assembler tracks IT blocks and
chooses accordingly.
"""

from __future__ import annotations

from ..errors import EncodingError
from . import encoding as E
from .codebuffer import Branch, CodeBuffer, Item, JumpTable, Label, LoopEnd
from .encoding import encode, thumb_expand_imm
from .literalpool import LiteralPool
from .operands import LR, M32, PC, SP, Cond, Imm, Shift, ShiftedReg, check_reg, no_pc, no_sp_pc

_DP_COMMUTATIVE = {"add", "adc", "and", "orr", "eor"}
_DP16_REG = {"and": "and_reg_t1", "eor": "eor_reg_t1", "adc": "adc_reg_t1",
             "sbc": "sbc_reg_t1", "orr": "orr_reg_t1", "bic": "bic_reg_t1"}
# immediate-flip partners: op(x, v) == partner(x, f(v))
_FLIP = {"add": ("sub", lambda v: -v), "sub": ("add", lambda v: -v),
         "adc": ("sbc", lambda v: ~v), "sbc": ("adc", lambda v: ~v),
         "and": ("bic", lambda v: ~v), "bic": ("and", lambda v: ~v),
         "orr": ("orn", lambda v: ~v), "orn": ("orr", lambda v: ~v)}


def shift_amount(kind: str, op2: Imm) -> int:
    """The amount of a shift by an immediate: 0-31 (lsl, ror) or 0-32 (lsr, asr)."""
    n = op2.value
    hi = 31 if kind in ("lsl", "ror") else 32
    if not isinstance(n, int) or not 0 <= n <= hi:
        raise EncodingError(f"{kind}: shift amount {n} out of range")
    return n


def _shift_fields(sr: ShiftedReg) -> tuple[int, int]:
    """(type, amount field 0..31) of a ShiftedReg operand."""
    amt, st = sr.amount, sr.shift
    if not isinstance(st, Shift):
        raise EncodingError(f"bad shift {st!r}")
    if amt == 0:
        return 0, 0
    if st == Shift.LSL:
        ok = 1 <= amt <= 31
    elif st in (Shift.LSR, Shift.ASR):
        ok = 1 <= amt <= 32
    else:
        ok = 1 <= amt <= 31
    if not ok:
        raise EncodingError(f"shift amount {amt} out of range for {st.name}")
    return st.value, amt & 31


class Assembler(CodeBuffer):
    """One method per mnemonic; each picks the encoding form and appends it."""

    # where 32-bit constants and symbol addresses come from when set (the size
    # levels, arm/literalpool.py); None: movw/movt pairs
    pool: LiteralPool | None = None
    # set by the emitter around accesses to linear memory, whose addresses may
    # be unaligned; Thumb-2 cores handle that in hardware (asm_v6m.py does not)
    linear_memory = False

    def keep_jump_target(self, rm: int) -> int:
        """The register a tail call's code address waits in while the frame is
        torn down: the handlers' ip and r0-r2 survive the epilogue here."""
        return rm

    def jump_to(self, rm: int) -> None:
        """`bx` to a tail call's code address (keep_jump_target's register)."""
        self.bx(rm)

    def _ok16(self, sets_flags_outside_it: bool, flags) -> bool:
        """May a 16-bit form be used given `flags`?"""
        if sets_flags_outside_it and not self.in_it_block():
            return flags is not False
        return flags is not True

    def _op2(self, op2):
        """Normalise op2 -> ('imm', value) | ('reg', rm, type, amount)."""
        if isinstance(op2, Imm):
            if not isinstance(op2.value, int):
                raise EncodingError(f"bad immediate {op2!r}")
            return ("imm", op2.value)
        if isinstance(op2, ShiftedReg):
            t, a = _shift_fields(op2)
            return ("reg", check_reg(op2.reg), t, a)
        return ("reg", check_reg(op2), 0, 0)

    # ---------------------------------------------------------- data processing
    def _dp_imm_candidates(self, op, rd, rn, v, flags):
        """Encodings (bytes) for `op rd, rn, #v`, in preference order."""
        v &= M32
        out = []
        s = 1 if flags else 0
        if op in ("add", "sub") and rd < 8:
            if rn == rd and v < 256 and self._ok16(True, flags):
                out.append(encode(f"{op}_imm_t2", Rdn=rd, imm8=v))
            if rn < 8 and v < 8 and self._ok16(True, flags):
                out.append(encode(f"{op}_imm_t1", imm3=v, Rn=rn, Rd=rd))
            if op == "add" and rn == SP and v % 4 == 0 and v <= 1020 and self._ok16(False, flags):
                out.append(encode("add_sp_t1", Rd=rd, imm8=v >> 2))
        if op in ("add", "sub") and rd == rn == SP and v % 4 == 0 and v <= 508 \
                and self._ok16(False, flags):
            out.append(encode("add_sp_t2" if op == "add" else "sub_sp_t1", imm7=v >> 2))
        if op == "rsb" and v == 0 and rd < 8 and rn < 8 and self._ok16(True, flags):
            out.append(encode("rsb_imm_t1", Rn=rn, Rd=rd))
        if rd == SP and not (rn == SP and op in ("add", "sub")):
            return out
        if rn == SP and op not in ("add", "sub"):
            return out
        m = thumb_expand_imm(v)
        if m is not None:
            out.append(encode("dp_modimm", op=E.DP_OP[op], S=s, Rn=rn, Rd=rd, **E.split12(m)))
        if op in ("add", "sub") and v < 4096 and not flags:
            out.append(encode("addw_t4" if op == "add" else "subw_t4", Rn=rn, Rd=rd,
                              **E.split12(v)))
        return out

    def _dp(self, op, rd, rn, op2, flags):
        no_pc(rd, rn)
        o = self._op2(op2)
        if o[0] == "imm":
            v = o[1]
            cands = self._dp_imm_candidates(op, rd, rn, v, flags)
            if op in _FLIP and (v & M32) != 0:
                op_f, f = _FLIP[op]
                alt = self._dp_imm_candidates(op_f, rd, rn, f(v), flags)
                # like GNU as: add/sub of a negative constant prefers the other operation
                cands = alt + cands if v < 0 and op in ("add", "sub") else cands + alt
            if not cands:
                raise EncodingError(f"{op} r{rd}, r{rn}, #{v}: no encoding")
            self._ins(min(cands, key=len), writes=(rd,))
            return
        _, rm, t, amt = o
        no_pc(rm)
        if t == 0 and amt == 0:
            # 16-bit forms
            if op == "add":
                if flags is not True and rd in (rn, rm):
                    other = rm if rd == rn else rn
                    if not (rd == SP and other == SP):
                        self._ins(encode("add_reg_t2", DN=rd >> 3, Rm=other, Rdn=rd & 7),
                                  writes=(rd,))
                        return
                if rd < 8 and rn < 8 and rm < 8 and self._ok16(True, flags):
                    self._ins(encode("add_reg_t1", Rm=rm, Rn=rn, Rd=rd), writes=(rd,))
                    return
            elif op == "sub":
                if rd < 8 and rn < 8 and rm < 8 and self._ok16(True, flags):
                    self._ins(encode("sub_reg_t1", Rm=rm, Rn=rn, Rd=rd), writes=(rd,))
                    return
            elif op in _DP16_REG and rd < 8 and rn < 8 and rm < 8 and self._ok16(True, flags):
                if rd == rn:
                    self._ins(encode(_DP16_REG[op], Rm=rm, Rdn=rd), writes=(rd,))
                    return
                if rd == rm and op in _DP_COMMUTATIVE:
                    self._ins(encode(_DP16_REG[op], Rm=rn, Rdn=rd), writes=(rd,))
                    return
        # 32-bit shifted register
        if rm == SP:
            raise EncodingError("SP not allowed as the register operand")
        if rn == SP and op not in ("add", "sub"):
            raise EncodingError(f"{op}: SP not allowed")
        if rd == SP and not (rn == SP and op in ("add", "sub") and t == 0 and amt <= 3):
            raise EncodingError(f"{op}: SP destination not allowed")
        self._ins(encode("dp_shreg", op=E.DP_OP[op], S=1 if flags else 0, Rn=rn, Rd=rd,
                         type=t, Rm=rm, **E.split_shift(amt)), writes=(rd,))

    def add(self, rd, rn, op2, flags=None): self._dp("add", rd, rn, op2, flags)
    def adc(self, rd, rn, op2, flags=None): self._dp("adc", rd, rn, op2, flags)
    def sub(self, rd, rn, op2, flags=None): self._dp("sub", rd, rn, op2, flags)
    def sbc(self, rd, rn, op2, flags=None): self._dp("sbc", rd, rn, op2, flags)
    def rsb(self, rd, rn, op2, flags=None): self._dp("rsb", rd, rn, op2, flags)
    def and_(self, rd, rn, op2, flags=None): self._dp("and", rd, rn, op2, flags)
    def orr(self, rd, rn, op2, flags=None): self._dp("orr", rd, rn, op2, flags)
    def eor(self, rd, rn, op2, flags=None): self._dp("eor", rd, rn, op2, flags)
    def bic(self, rd, rn, op2, flags=None): self._dp("bic", rd, rn, op2, flags)
    def orn(self, rd, rn, op2, flags=None): self._dp("orn", rd, rn, op2, flags)

    # compare / test: 32-bit forms are the data-processing rows with Rd = 15, S = 1
    _CMP = {"cmp": "sub", "cmn": "add", "tst": "and", "teq": "eor"}

    def _compare(self, op, rn, op2):
        no_pc(rn)
        o = self._op2(op2)
        dp = self._CMP[op]
        if o[0] == "imm":
            v = o[1] & M32
            cands = []
            alts = [(op, v)]
            if op in ("cmp", "cmn") and v != 0:
                alts.insert(0 if o[1] < 0 else 1, ("cmn" if op == "cmp" else "cmp", -v & M32))
            for name, val in alts:
                if name == "cmp" and rn < 8 and val < 256:
                    cands.append(encode("cmp_imm_t1", Rn=rn, imm8=val))
                if rn == SP and name not in ("cmp", "cmn"):
                    continue
                m = thumb_expand_imm(val)
                if m is not None:
                    cands.append(encode("dp_modimm", op=E.DP_OP[self._CMP[name]], S=1, Rn=rn,
                                        Rd=15, **E.split12(m)))
            if not cands:
                raise EncodingError(f"{op} r{rn}, #{o[1]}: no encoding")
            self._ins(min(cands, key=len))
            return
        _, rm, t, amt = o
        no_pc(rm)
        if t == 0 and amt == 0:
            if rn < 8 and rm < 8 and op in ("cmp", "cmn", "tst"):
                self._ins(encode(f"{op}_reg_t1", Rm=rm, Rn=rn))
                return
            if op == "cmp":
                self._ins(encode("cmp_reg_t2", N=rn >> 3, Rm=rm, Rn=rn & 7))
                return
        if rm == SP or (rn == SP and op not in ("cmp", "cmn")):
            raise EncodingError(f"{op}: SP not allowed")
        self._ins(encode("dp_shreg", op=E.DP_OP[dp], S=1, Rn=rn, Rd=15, type=t, Rm=rm,
                         **E.split_shift(amt)))

    def cmp(self, rn, op2): self._compare("cmp", rn, op2)
    def cmn(self, rn, op2): self._compare("cmn", rn, op2)
    def tst(self, rn, op2): self._compare("tst", rn, op2)
    def teq(self, rn, op2): self._compare("teq", rn, op2)

    # ------------------------------------------------------------------- moves
    def _mov_imm_candidates(self, rd, v, flags, mvn=False):
        v &= M32
        out = []
        if not mvn and rd < 8 and v < 256 and self._ok16(True, flags):
            out.append(encode("mov_imm_t1", Rd=rd, imm8=v))
        if rd in (SP, PC):
            return out
        s = 1 if flags else 0
        for op, val in (("orr", v), ("orn", ~v & M32)) if not mvn else \
                (("orn", v), ("orr", ~v & M32)):
            m = thumb_expand_imm(val)
            if m is not None:
                out.append(encode("dp_modimm", op=E.DP_OP[op], S=s, Rn=15, Rd=rd,
                                  **E.split12(m)))
        if not mvn and v < 65536 and not flags:
            out.append(encode("movw_t3", Rd=rd, **E.split16(v)))
        elif mvn and (~v & M32) < 65536 and not flags:
            out.append(encode("movw_t3", Rd=rd, **E.split16(~v & M32)))
        return out

    def mov(self, rd, op2, flags=None):
        no_pc(rd)
        if isinstance(op2, ShiftedReg) and op2.amount != 0:
            name = op2.shift.name.lower()
            getattr(self, name)(rd, op2.reg, Imm(op2.amount), flags)
            return
        o = self._op2(op2)
        if o[0] == "imm":
            cands = self._mov_imm_candidates(rd, o[1], flags)
            if not cands:
                raise EncodingError(f"mov r{rd}, #{o[1]}: no single-instruction encoding")
            self._ins(min(cands, key=len), writes=(rd,))
            return
        rm = o[1]
        no_pc(rm)
        if flags is not True:
            self._ins(encode("mov_reg_t1", D=rd >> 3, Rm=rm, Rd=rd & 7), writes=(rd,))
        elif rd < 8 and rm < 8 and not self.in_it_block():
            self._ins(encode("lsl_imm_t1", imm5=0, Rm=rm, Rd=rd), writes=(rd,))
        else:
            no_sp_pc(rd, rm)
            self._ins(encode("dp_shreg", op=E.DP_OP["orr"], S=1, Rn=15, Rd=rd, type=0, Rm=rm,
                             imm3=0, imm2=0), writes=(rd,))

    def mvn(self, rd, op2, flags=None):
        no_sp_pc(rd)
        o = self._op2(op2)
        if o[0] == "imm":
            cands = self._mov_imm_candidates(rd, o[1], flags, mvn=True)
            if not cands:
                raise EncodingError(f"mvn r{rd}, #{o[1]}: no encoding")
            self._ins(min(cands, key=len), writes=(rd,))
            return
        _, rm, t, amt = o
        no_sp_pc(rm)
        if t == 0 and amt == 0 and rd < 8 and rm < 8 and self._ok16(True, flags):
            self._ins(encode("mvn_reg_t1", Rm=rm, Rd=rd), writes=(rd,))
            return
        self._ins(encode("dp_shreg", op=E.DP_OP["orn"], S=1 if flags else 0, Rn=15, Rd=rd,
                         type=t, Rm=rm, **E.split_shift(amt)), writes=(rd,))

    def mov_imm32(self, rd, value, flags=None):
        no_sp_pc(rd)
        v = value & M32
        cands = self._mov_imm_candidates(rd, v, flags)
        if cands:
            self._ins(min(cands, key=len), writes=(rd,))
            return
        if flags:
            raise EncodingError(f"mov_imm32 r{rd}, #{v:#x}: flag-setting form needs one instruction")
        if self.pool is not None and not self._it:
            self._add(self.pool.load(rd, v))
            return
        self._room_in_it(2)
        self.movw(rd, v & 0xFFFF)
        self.movt(rd, v >> 16)

    def movw(self, rd, imm16):
        no_sp_pc(rd)
        self._ins(encode("movw_t3", Rd=rd, **E.split16(imm16)), writes=(rd,))

    def movt(self, rd, imm16):
        no_sp_pc(rd)
        self._ins(encode("movt_t1", Rd=rd, **E.split16(imm16)), writes=(rd,))

    def mov_symbol(self, rd, symbol, addend=0):
        no_sp_pc(rd)
        if not -0x8000 <= addend <= 0x7FFF:
            raise EncodingError(f"mov_symbol: addend {addend} out of range")
        imm = addend & 0xFFFF
        if self.pool is not None and not self._it:
            self._add(self.pool.load(rd, addend, symbol))
            return
        self._room_in_it(2)
        self._ins(encode("movw_t3", Rd=rd, **E.split16(imm)),
                  [(0, "R_ARM_THM_MOVW_ABS_NC", symbol)], writes=(rd,))
        self._ins(encode("movt_t1", Rd=rd, **E.split16(imm)),
                  [(0, "R_ARM_THM_MOVT_ABS", symbol)], writes=(rd,))

    # ------------------------------------------------------------------ shifts
    def _shift(self, kind, rd, rm, op2, flags):
        no_sp_pc(rd, rm)
        t = E.SHIFT_TYPE[kind]
        if isinstance(op2, Imm):
            n = shift_amount(kind, op2)
            if n == 0:
                self.mov(rd, rm, flags)
                return
            if kind != "ror" and rd < 8 and rm < 8 and self._ok16(True, flags):
                self._ins(encode(f"{kind}_imm_t1", imm5=n & 31, Rm=rm, Rd=rd), writes=(rd,))
                return
            self._ins(encode("dp_shreg", op=E.DP_OP["orr"], S=1 if flags else 0, Rn=15, Rd=rd,
                             type=t, Rm=rm, **E.split_shift(n & 31)), writes=(rd,))
            return
        rs = check_reg(op2)
        no_sp_pc(rs)
        if rd == rm and rd < 8 and rs < 8 and self._ok16(True, flags):
            self._ins(encode(f"{kind}_reg_t1", Rm=rs, Rdn=rd), writes=(rd,))
            return
        self._ins(encode("shift_reg_t2", type=t, S=1 if flags else 0, Rn=rm, Rd=rd, Rm=rs),
                  writes=(rd,))

    def lsl(self, rd, rm, op2, flags=None): self._shift("lsl", rd, rm, op2, flags)
    def lsr(self, rd, rm, op2, flags=None): self._shift("lsr", rd, rm, op2, flags)
    def asr(self, rd, rm, op2, flags=None): self._shift("asr", rd, rm, op2, flags)
    def ror(self, rd, rm, op2, flags=None): self._shift("ror", rd, rm, op2, flags)

    # ---------------------------------------------------- multiply and divide
    def mul(self, rd, rn, rm, flags=None):
        no_sp_pc(rd, rn, rm)
        if rd < 8 and rn < 8 and rm < 8 and self._ok16(True, flags) and rd in (rn, rm):
            other = rn if rd == rm else rm
            self._ins(encode("mul_t1", Rn=other, Rdm=rd), writes=(rd,))
            return
        if flags:
            raise EncodingError("muls: only the 16-bit form sets flags (low registers, rd==rm)")
        self._ins(encode("mul_t2", Rn=rn, Rd=rd, Rm=rm), writes=(rd,))

    def mla(self, rd, rn, rm, ra):
        no_sp_pc(rd, rn, rm, ra)
        self._ins(encode("mla_t1", Rn=rn, Ra=ra, Rd=rd, Rm=rm), writes=(rd,))

    def mls(self, rd, rn, rm, ra):
        no_sp_pc(rd, rn, rm, ra)
        self._ins(encode("mls_t1", Rn=rn, Ra=ra, Rd=rd, Rm=rm), writes=(rd,))

    def smulbb(self, rd, rn, rm):
        """rd = bottom half of rn * bottom half of rm, both signed (DSP extension)."""
        no_sp_pc(rd, rn, rm)
        self._ins(encode("smulbb_t1", Rn=rn, Rd=rd, Rm=rm), writes=(rd,))

    def smlabb(self, rd, rn, rm, ra):
        """rd = bottom half of rn * bottom half of rm, both signed, + ra (DSP extension)."""
        no_sp_pc(rd, rn, rm, ra)
        self._ins(encode("smlabb_t1", Rn=rn, Ra=ra, Rd=rd, Rm=rm), writes=(rd,))

    def _long_mul(self, name, rdlo, rdhi, rn, rm):
        no_sp_pc(rdlo, rdhi, rn, rm)
        if rdlo == rdhi:
            raise EncodingError(f"{name}: RdLo == RdHi")
        self._ins(encode(f"{name}_t1", Rn=rn, RdLo=rdlo, RdHi=rdhi, Rm=rm), writes=(rdlo, rdhi))

    def umull(self, rdlo, rdhi, rn, rm): self._long_mul("umull", rdlo, rdhi, rn, rm)
    def smull(self, rdlo, rdhi, rn, rm): self._long_mul("smull", rdlo, rdhi, rn, rm)
    def umlal(self, rdlo, rdhi, rn, rm): self._long_mul("umlal", rdlo, rdhi, rn, rm)
    def smlal(self, rdlo, rdhi, rn, rm): self._long_mul("smlal", rdlo, rdhi, rn, rm)

    def sdiv(self, rd, rn, rm):
        no_sp_pc(rd, rn, rm)
        self._ins(encode("sdiv_t1", Rn=rn, Rd=rd, Rm=rm), writes=(rd,))

    def udiv(self, rd, rn, rm):
        no_sp_pc(rd, rn, rm)
        self._ins(encode("udiv_t1", Rn=rn, Rd=rd, Rm=rm), writes=(rd,))

    # --------------------------------------------------------- bit operations
    def _misc(self, name, rd, rm, narrow: bool):
        no_sp_pc(rd, rm)
        if narrow and rd < 8 and rm < 8:
            self._ins(encode(f"{name}_t1", Rm=rm, Rd=rd), writes=(rd,))
        elif name in ("clz", "rbit"):
            self._ins(encode(f"{name}_t1", Rm2=rm, Rd=rd, Rm=rm), writes=(rd,))
        else:
            self._ins(encode(f"{name}_t2", Rm2=rm, Rd=rd, Rm=rm), writes=(rd,))

    def clz(self, rd, rm): self._misc("clz", rd, rm, False)
    def rbit(self, rd, rm): self._misc("rbit", rd, rm, False)
    def rev(self, rd, rm): self._misc("rev", rd, rm, True)
    def rev16(self, rd, rm): self._misc("rev16", rd, rm, True)
    def revsh(self, rd, rm): self._misc("revsh", rd, rm, True)

    def _extend(self, name, rd, rm):
        no_sp_pc(rd, rm)
        if rd < 8 and rm < 8:
            self._ins(encode(f"{name}_t1", Rm=rm, Rd=rd), writes=(rd,))
        else:
            self._ins(encode(f"{name}_t2", Rd=rd, rot=0, Rm=rm), writes=(rd,))

    def sxtb(self, rd, rm): self._extend("sxtb", rd, rm)
    def sxth(self, rd, rm): self._extend("sxth", rd, rm)
    def uxtb(self, rd, rm): self._extend("uxtb", rd, rm)
    def uxth(self, rd, rm): self._extend("uxth", rd, rm)

    @staticmethod
    def _bitfield(lsb, width):
        if not (isinstance(lsb, int) and isinstance(width, int)
                and 0 <= lsb <= 31 and 1 <= width <= 32 - lsb):
            raise EncodingError(f"bitfield lsb={lsb} width={width} out of range")

    def _bfx(self, name, rd, rn, lsb, width):
        no_sp_pc(rd, rn)
        self._bitfield(lsb, width)
        self._ins(encode(name, Rn=rn, Rd=rd, widthm1=width - 1, **E.split_shift(lsb)),
                  writes=(rd,))

    def ubfx(self, rd, rn, lsb, width): self._bfx("ubfx_t1", rd, rn, lsb, width)
    def sbfx(self, rd, rn, lsb, width): self._bfx("sbfx_t1", rd, rn, lsb, width)

    def bfi(self, rd, rn, lsb, width):
        no_sp_pc(rd, rn)
        self._bitfield(lsb, width)
        self._ins(encode("bfi_t1", Rn=rn, Rd=rd, msb=lsb + width - 1, **E.split_shift(lsb)),
                  writes=(rd,))

    def bfc(self, rd, lsb, width):
        no_sp_pc(rd)
        self._bitfield(lsb, width)
        self._ins(encode("bfi_t1", Rn=15, Rd=rd, msb=lsb + width - 1, **E.split_shift(lsb)),
                  writes=(rd,))

    # ---------------------------------------------------------- load / store
    _SCALE16 = {"w": 2, "h": 1, "b": 0}

    def _ls(self, load, kind, rt, rn, offset):
        if kind not in E.LS_OP or (not load and kind in ("sb", "sh")):
            raise EncodingError(f"bad {'load' if load else 'store'} kind {kind!r}")
        no_pc(rt, rn)
        if rt == SP and kind != "w":
            raise EncodingError("SP not allowed as transfer register")
        if not isinstance(offset, int):
            raise EncodingError(f"bad offset {offset!r}")
        L = "ldr" if load else "str"
        writes = (rt,) if load else ()
        sfx = "" if kind == "w" else kind
        if kind in self._SCALE16 and rt < 8 and offset >= 0:
            sc = self._SCALE16[kind]
            if rn < 8 and offset % (1 << sc) == 0 and offset >> sc < 32:
                self._ins(encode(f"{L}{sfx}_imm_t1", imm5=offset >> sc, Rn=rn, Rt=rt),
                          writes=writes)
                return
            if kind == "w" and rn == SP and offset % 4 == 0 and offset <= 1020:
                self._ins(encode(f"{L}_imm_t2", Rt=rt, imm8=offset >> 2), writes=writes)
                return
        sgn, op = E.LS_OP[kind]
        if 0 <= offset <= 4095:
            self._ins(encode("ls_imm12", sgn=sgn, op=op, L=int(load), Rn=rn, Rt=rt,
                             imm12=offset), writes=writes)
        elif -255 <= offset < 0:
            self._ins(encode("ls_imm8", sgn=sgn, op=op, L=int(load), Rn=rn, Rt=rt,
                             P=1, U=0, W=0, imm8=-offset), writes=writes)
        else:
            raise EncodingError(f"load/store offset {offset} out of range (-255..4095)")

    def load(self, kind, rt, rn, offset=0): self._ls(True, kind, rt, rn, offset)
    def store(self, kind, rt, rn, offset=0): self._ls(False, kind, rt, rn, offset)

    _LSREG16 = {(True, "w"): "ldr", (True, "b"): "ldrb", (True, "h"): "ldrh",
                (True, "sb"): "ldrsb", (True, "sh"): "ldrsh", (False, "w"): "str",
                (False, "b"): "strb", (False, "h"): "strh"}

    def _ls_reg(self, load, kind, rt, rn, rm, lsl):
        if (load, kind) not in self._LSREG16:
            raise EncodingError(f"bad {'load' if load else 'store'} kind {kind!r}")
        no_pc(rt, rn)
        no_sp_pc(rm)
        if rt == SP and kind != "w":
            raise EncodingError("SP not allowed as transfer register")
        if not isinstance(lsl, int) or not 0 <= lsl <= 3:
            raise EncodingError(f"register offset shift {lsl} out of range")
        writes = (rt,) if load else ()
        if lsl == 0 and rt < 8 and rn < 8 and rm < 8:
            self._ins(encode(f"{self._LSREG16[load, kind]}_reg_t1", Rm=rm, Rn=rn, Rt=rt),
                      writes=writes)
            return
        sgn, op = E.LS_OP[kind]
        self._ins(encode("ls_reg", sgn=sgn, op=op, L=int(load), Rn=rn, Rt=rt, imm2=lsl, Rm=rm),
                  writes=writes)

    def load_reg(self, kind, rt, rn, rm, lsl=0): self._ls_reg(True, kind, rt, rn, rm, lsl)
    def store_reg(self, kind, rt, rn, rm, lsl=0): self._ls_reg(False, kind, rt, rn, rm, lsl)

    def _dual(self, name, rt, rt2, rn, offset):
        no_sp_pc(rt, rt2)
        no_pc(rn)
        if name.startswith("ldrd") and rt == rt2:
            raise EncodingError("ldrd: Rt == Rt2")
        if not isinstance(offset, int) or offset % 4 or not -1020 <= offset <= 1020:
            raise EncodingError(f"ldrd/strd offset {offset} out of range")
        writes = (rt, rt2) if name.startswith("ldrd") else ()
        self._ins(encode(name, P=1, U=int(offset >= 0), W=0, Rn=rn, Rt=rt, Rt2=rt2,
                         imm8=abs(offset) >> 2), writes=writes)

    def ldrd(self, rt, rt2, rn, offset=0): self._dual("ldrd_imm_t1", rt, rt2, rn, offset)
    def strd(self, rt, rt2, rn, offset=0): self._dual("strd_imm_t1", rt, rt2, rn, offset)

    # ---------------------------------------------------------- floating point
    # VFP registers are plain numbers; `double` says whether they name D
    # registers (sz=1 rows) or S registers.

    def _vfp(self, name, double, d=None, n=None, m=None, writes=(), **fields):
        f = dict(fields)
        if d is not None:
            f.update(E.vfp_fields(d[0], d[1], "D", "Vd"))
        if n is not None:
            f.update(E.vfp_fields(n[0], n[1], "N", "Vn"))
        if m is not None:
            f.update(E.vfp_fields(m[0], m[1], "M", "Vm"))
        if "sz" in E.FORMS[name].fields:
            f["sz"] = int(double)
        self._ins(encode(name, **f), writes=writes)

    def vfp3(self, op, dd, dn, dm, double=False):
        """vadd/vsub/vmul/vdiv: dd = dn op dm."""
        o1, o2, o3 = E.VFP3_OP[op]
        self._vfp("vfp_3op", double, (dd, double), (dn, double), (dm, double), o1=o1, o2=o2, o3=o3)

    def vfp2(self, op, dd, dm, double=False):
        """vmov/vabs/vneg/vsqrt/vcmp/vrintz between registers of one kind."""
        o4, o3 = E.VFP2_OP[op]
        self._vfp("vfp_2op", double, (dd, double), None, (dm, double), o4=o4, o3=o3)

    def vcvt(self, op, dd, dm, double=False):
        """Conversions (names in VFP2_OP).  `double` is the f64 side, if any:
        vcvt_fd: double → f32 from f64 (else f64 from f32); vcvt_f_*: double
        → the destination is a D register; vcvt_*_f: the source is."""
        o4, o3 = E.VFP2_OP[op]
        if op == "vcvt_fd":
            dk, mk = not double, double
        elif op.startswith("vcvt_f_"):
            dk, mk = double, False
        else:
            dk, mk = False, double
        self._vfp("vfp_2op", double, (dd, dk), None, (dm, mk), o4=o4, o3=o3)

    def vrint(self, op, dd, dm, double=False):
        """vrintz (any FPv5 encoding) or vrinta/n/p/m (unconditional only)."""
        if op == "vrintz":
            self.vfp2(op, dd, dm, double)
            return
        self._not_in_it(op)
        self._vfp("vrint_v8", double, (dd, double), None, (dm, double), RM=E.VRINT_RM[op])

    def vmov_to_s(self, sn, rt):
        no_sp_pc(rt)
        self._vfp("vmov_core_s", False, n=(sn, False), op=0, Rt=rt)

    def vmov_from_s(self, rt, sn):
        no_sp_pc(rt)
        self._vfp("vmov_core_s", False, n=(sn, False), op=1, Rt=rt, writes=(rt,))

    def vmov_to_d(self, dm, rt, rt2):
        no_sp_pc(rt, rt2)
        self._vfp("vmov_core_d", True, m=(dm, True), op=0, Rt=rt, Rt2=rt2)

    def vmov_from_d(self, rt, rt2, dm):
        no_sp_pc(rt, rt2)
        if rt == rt2:
            raise EncodingError("vmov rt, rt2, dm: rt == rt2")
        self._vfp("vmov_core_d", True, m=(dm, True), op=1, Rt=rt, Rt2=rt2, writes=(rt, rt2))

    def _vls(self, load, vd, rn, offset, double):
        no_pc(rn)
        if not isinstance(offset, int) or offset % 4 or not -1020 <= offset <= 1020:
            raise EncodingError(f"vldr/vstr offset {offset} out of range")
        self._vfp("vldr_vstr", double, (vd, double), U=int(offset >= 0), L=int(load), Rn=rn,
                  imm8=abs(offset) >> 2)

    def vldr(self, vd, rn, offset=0, double=False): self._vls(True, vd, rn, offset, double)
    def vstr(self, vd, rn, offset=0, double=False): self._vls(False, vd, rn, offset, double)

    def vpush(self, first, count):
        """vpush {s<first>-s<first+count-1>} (callee-saved S registers)."""
        if not 1 <= count <= 32 - first:
            raise EncodingError(f"vpush: bad register range s{first}+{count}")
        self._vfp("vpush_s", False, (first, False), imm8=count, writes=(SP,))

    def vpop(self, first, count):
        if not 1 <= count <= 32 - first:
            raise EncodingError(f"vpop: bad register range s{first}+{count}")
        self._vfp("vpop_s", False, (first, False), imm8=count, writes=(SP,))

    def vmrs_nzcv(self):
        """Copy the FPSCR flags of the last vcmp to the APSR."""
        self._ins(encode("vmrs_nzcv"))

    def push(self, regs):
        rs = sorted({check_reg(r) for r in regs})
        if not rs or SP in rs or PC in rs:
            raise EncodingError(f"push: bad register list {rs}")
        if all(r < 8 or r == LR for r in rs):
            self._ins(encode("push_t1", M=int(LR in rs), reglist=sum(1 << r for r in rs if r < 8)),
                      writes=(SP,))
        elif len(rs) == 1:                       # str.w rt, [sp, #-4]!
            self._ins(encode("ls_imm8", sgn=0, op=2, L=0, Rn=SP, Rt=rs[0], P=1, U=0, W=1, imm8=4),
                      writes=(SP,))
        else:
            self._ins(encode("stmdb_t1", W=1, Rn=SP, M=int(LR in rs),
                             reglist=sum(1 << r for r in rs if r < 13)), writes=(SP,))

    def pop(self, regs):
        rs = sorted({check_reg(r) for r in regs})
        if not rs or SP in rs or (LR in rs and PC in rs):
            raise EncodingError(f"pop: bad register list {rs}")
        if PC in rs:
            self._need_last_in_it("pop {..., pc}")
        written = tuple(r for r in rs if r != PC) + (SP,)
        if all(r < 8 or r == PC for r in rs):
            self._ins(encode("pop_t1", P=int(PC in rs), reglist=sum(1 << r for r in rs if r < 8)),
                      writes=written)
        elif len(rs) == 1:                       # ldr.w rt, [sp], #4
            self._ins(encode("ls_imm8", sgn=0, op=2, L=1, Rn=SP, Rt=rs[0], P=0, U=1, W=1, imm8=4),
                      writes=written)
        else:
            self._ins(encode("ldmia_t2", W=1, Rn=SP, P=int(PC in rs), M=int(LR in rs),
                             reglist=sum(1 << r for r in rs if r < 13)), writes=written)

    # ---------------------------------------------------- calls and returns
    def bl(self, symbol: str):
        self._need_last_in_it("bl")
        self._ins(E.bl32(-4), [(0, "R_ARM_THM_CALL", symbol)], writes=(LR,))

    def b_symbol(self, symbol: str):
        self._need_last_in_it("b")
        self._ins(E.b32(-4), [(0, "R_ARM_THM_JUMP24", symbol)])

    def blx(self, rm):
        no_pc(rm)
        self._need_last_in_it("blx")
        self._ins(encode("blx_reg_t1", Rm=rm), writes=(LR,))

    def dls(self, rn):
        """Start a low-overhead loop of `rn` (at least 1) iterations: lr = rn (v8.1-M)."""
        no_sp_pc(rn)
        self._not_in_it("dls")
        self._ins(encode("dls_t1", Rn=rn), writes=(LR,))

    def le(self, label: Label):
        """End of a low-overhead loop: back to `label` while lr > 1 (codebuffer.LoopEnd)."""
        self._not_in_it("le")
        self._add(LoopEnd(label.id))

    def bx(self, rm):
        no_pc(rm)
        self._need_last_in_it("bx")
        self._ins(encode("bx_t1", Rm=rm))

    def jump_table(self, index_reg, labels, scratch):
        self._not_in_it("jump table")
        no_sp_pc(index_reg, scratch)
        labels = list(labels)
        if not labels:
            raise EncodingError("empty jump table")
        ids = [l.id for l in labels]
        self._add(JumpTable(index_reg, ids, scratch,
                                    lambda: _compare_chain(index_reg, ids, scratch)))

    # ------------------------------------------------------------------- misc
    def udf(self, imm8=0): self._ins(encode("udf_t1", imm8=imm8))
    def bkpt(self, imm8=0): self._ins(encode("bkpt_t1", imm8=imm8))
    def nop(self): self._ins(encode("nop_t1"))


def _compare_chain(rm: int, labels: list[int], scratch: int) -> list[Item]:
    """A jump table's last resort: cmp/beq per entry (JumpTable state 3)."""
    sub = Assembler()
    n = len(labels)
    for i, l in enumerate(labels):
        if i == n - 1:
            sub.items.append(Branch(l, Cond.AL))
            break
        if (rm < 8 and i < 256) or E.encodable_modimm(i):
            sub.cmp(rm, Imm(i))
        else:
            sub.mov_imm32(scratch, i, flags=False)
            sub.cmp(rm, scratch)
        sub.items.append(Branch(l, Cond.EQ))
    return sub.items
