"""The Thumb-2 assembler: a code buffer with labels and branch relaxation.

Instructions are appended as *items*: fixed bytes (`_Fixed`), or relaxable
items whose size depends on where their targets end up (`_Branch`, `_Cbz`,
`_JumpTable`) or on their own address (`_Align`).  `finish()` lays the items
out, lets every relaxable item grow to the smallest form that reaches its
target (sizes only ever grow, so the loop terminates), then emits bytes,
relocations and ARM mapping symbols.

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

from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Callable, Iterable

from ..errors import EncodingError
from . import encoding as E
from .encoding import encode, thumb_expand_imm

SP, LR, PC = 13, 14, 15
M32 = 0xFFFFFFFF


class Cond(IntEnum):
    EQ = 0
    NE = 1
    HS = 2
    LO = 3
    MI = 4
    PL = 5
    VS = 6
    VC = 7
    HI = 8
    LS = 9
    GE = 10
    LT = 11
    GT = 12
    LE = 13
    AL = 14

    def invert(self) -> "Cond":
        if self is Cond.AL:
            raise EncodingError("cannot invert condition AL")
        return Cond(self ^ 1)


@dataclass(frozen=True)
class Imm:
    value: int


class Shift(Enum):
    LSL = 0
    LSR = 1
    ASR = 2
    ROR = 3


@dataclass(frozen=True)
class ShiftedReg:
    reg: int
    shift: Shift
    amount: int


@dataclass(frozen=True)
class Label:
    id: int


@dataclass(frozen=True)
class Reloc:
    offset: int
    type: str
    symbol: str


@dataclass
class Code:
    data: bytes
    relocs: list[Reloc] = field(default_factory=list)
    mapping: list[tuple[int, str]] = field(default_factory=list)


# ----------------------------------------------------------------------------
# items

LabelAddr = Callable[[int], int]


class _Item:
    kind = "t"

    def size(self, addr: int) -> int:
        raise NotImplementedError

    def relax(self, addr: int, lab: LabelAddr) -> bool:
        return False

    def emit(self, addr: int, lab: LabelAddr):
        """-> (bytes, [(offset in item, 't'|'d')], [(offset in item, type, symbol)])"""
        raise NotImplementedError


class _Fixed(_Item):
    __slots__ = ("data", "kind", "relocs")

    def __init__(self, data: bytes, kind: str = "t", relocs=()):
        self.data = data
        self.kind = kind
        self.relocs = list(relocs)

    def size(self, addr):
        return len(self.data)

    def emit(self, addr, lab):
        return self.data, [(0, self.kind)], self.relocs


class _Align(_Item):
    def __init__(self, n: int, kind: str):
        self.n = n
        self.kind = kind

    def size(self, addr):
        return -addr % self.n

    def emit(self, addr, lab):
        pad = -addr % self.n
        if self.kind == "d":
            return bytes(pad), [(0, "d")], []
        data = bytes(pad & 1) + b"\x00\xbf" * (pad >> 1)
        return data, [(0, "t")], []


class _Branch(_Item):
    """b<cond> label: 16-bit, 32-bit, or (conditional only) b<!cond>.n over b.w."""

    def __init__(self, label: int, cond: Cond, in_it: bool = False):
        self.label = label
        self.cond = cond
        self.in_it = in_it              # last instruction of an IT block: AL encodings
        self.state = 0

    @property
    def uncond(self):
        return self.cond == Cond.AL or self.in_it

    def size(self, addr):
        return (2, 4, 6)[self.state]

    def _needed(self, addr, target):
        off = target - (addr + 4)
        if self.uncond:
            return 0 if -2048 <= off <= 2046 else 1
        if -256 <= off <= 254:
            return 0
        return 1 if -(1 << 20) <= off < (1 << 20) else 2

    def relax(self, addr, lab):
        need = self._needed(addr, lab(self.label))
        if need > self.state:
            self.state = need
            return True
        return False

    def emit(self, addr, lab):
        off = lab(self.label) - (addr + 4)
        if self.uncond:
            data = E.b16(off) if self.state == 0 else E.b32(off)
        elif self.state == 0:
            data = E.b_cond16(self.cond, off)
        elif self.state == 1:
            data = E.b_cond32(self.cond, off)
        else:
            data = E.b_cond16(self.cond ^ 1, 2) + E.b32(off - 2)
        return data, [(0, "t")], []


def _cmp_zero(rn: int) -> bytes:
    if rn < 8:
        return encode("cmp_imm_t1", Rn=rn, imm8=0)
    return encode("dp_modimm", op=E.DP_OP["sub"], S=1, Rn=rn, Rd=15, **E.split12(0))


class _Cbz(_Item):
    """cbz/cbnz, relaxed to cmp rn, #0 + b<eq|ne> (which may grow further)."""

    def __init__(self, rn: int, label: int, nonzero: bool):
        self.rn = rn
        self.label = label
        self.nonzero = nonzero
        self.cmp = _cmp_zero(rn)
        self.branch = _Branch(label, Cond.NE if nonzero else Cond.EQ)
        self.relaxed = rn >= 8

    def size(self, addr):
        if not self.relaxed:
            return 2
        return len(self.cmp) + self.branch.size(addr + len(self.cmp))

    def relax(self, addr, lab):
        if not self.relaxed:
            off = lab(self.label) - (addr + 4)
            if 0 <= off <= 126:
                return False
            self.relaxed = True
            self.branch.relax(addr + len(self.cmp), lab)
            return True
        return self.branch.relax(addr + len(self.cmp), lab)

    def emit(self, addr, lab):
        if not self.relaxed:
            return E.cbz16(self.nonzero, self.rn, lab(self.label) - (addr + 4)), [(0, "t")], []
        data, _, _ = self.branch.emit(addr + len(self.cmp), lab)
        return self.cmp + data, [(0, "t")], []


class _JumpTable(_Item):
    """tbb / tbh / tbh with b.w stubs / compare chain (states 0..3)."""

    def __init__(self, rm: int, labels: list[int], scratch: int):
        self.rm = rm
        self.labels = labels
        self.scratch = scratch
        self.state = 0
        self.stubs: list[int] = []      # label ids reached through a b.w stub
        self.chain: list[_Item] | None = None

    # layout helpers
    def _table_size(self):
        n = len(self.labels)
        return n + (n & 1) if self.state == 0 else 2 * n

    def size(self, addr):
        if self.state == 3:
            total = 0
            for it in self.chain:
                total += it.size(addr + total)
            return total
        return 4 + self._table_size() + 4 * len(self.stubs)

    def _entries(self, addr, lab):
        """Table entries (halfword distances from the table start), or None if any
        does not fit in the current state; plus the set of labels needing stubs."""
        base = addr + 4
        limit = 255 if self.state == 0 else 65535
        stub_base = base + self._table_size()
        stub_index = {l: k for k, l in enumerate(self.stubs)}
        entries, missing, seen = [], [], set()
        for l in self.labels:
            if l in stub_index:
                d = stub_base + 4 * stub_index[l] - base
            else:
                d = lab(l) - base
            if d < 0 or d & 1 or d >> 1 > limit:
                if l not in seen:
                    seen.add(l)
                    missing.append(l)
                entries.append(None)
            else:
                entries.append(d >> 1)
        return entries, missing

    def _build_chain(self):
        sub = Assembler()
        n = len(self.labels)
        for i, l in enumerate(self.labels):
            if i == n - 1:
                sub.items.append(_Branch(l, Cond.AL))
                break
            if (self.rm < 8 and i < 256) or E.encodable_modimm(i):
                sub.cmp(self.rm, Imm(i))
            else:
                sub.mov_imm32(self.scratch, i, flags=False)
                sub.cmp(self.rm, self.scratch)
            sub.items.append(_Branch(l, Cond.EQ))
        self.chain = sub.items

    def relax(self, addr, lab):
        if self.state == 3:
            changed, a = False, addr
            for it in self.chain:
                changed |= it.relax(a, lab)
                a += it.size(a)
            return changed
        entries, missing = self._entries(addr, lab)
        if not missing and self._stubs_ok(addr, lab):
            return False
        if self.state == 0:                     # tbb -> tbh
            self.state = 1
            entries, missing = self._entries(addr, lab)
            if not missing:
                return True
        self.state = 2                          # tbh with b.w stubs
        # state 2: stubs for every label not directly reachable (grow-only)
        have = set(self.stubs)
        self.stubs += [l for l in missing if l not in have]
        entries, missing = self._entries(addr, lab)
        if missing or not self._stubs_ok(addr, lab):
            self.state = 3
            self.stubs = []
            self._build_chain()
            a = addr
            for it in self.chain:
                it.relax(a, lab)
                a += it.size(a)
        return True

    def _stubs_ok(self, addr, lab):
        stub_base = addr + 4 + self._table_size()
        for k, l in enumerate(self.stubs):
            off = lab(l) - (stub_base + 4 * k + 4)
            if not -(1 << 24) <= off < (1 << 24):
                return False
        return True

    def emit(self, addr, lab):
        if self.state == 3:
            out, a = bytearray(), addr
            for it in self.chain:
                data, _, _ = it.emit(a, lab)
                out += data
                a += len(data)
            return bytes(out), [(0, "t")], []
        entries, missing = self._entries(addr, lab)
        if missing:
            raise EncodingError("jump table: target out of range")
        if self.state == 0:
            out = bytearray(encode("tbb_t1", Rn=PC, H=0, Rm=self.rm))
            out += bytes(entries)
            if len(entries) & 1:
                out += b"\x00"
        else:
            out = bytearray(encode("tbb_t1", Rn=PC, H=1, Rm=self.rm))
            for e in entries:
                out += e.to_bytes(2, "little")
        mapping = [(0, "t"), (4, "d")]
        if self.stubs:
            mapping.append((len(out), "t"))
            for l in self.stubs:
                out += E.b32(lab(l) - (addr + len(out) + 4))
        return bytes(out), mapping, []


# ----------------------------------------------------------------------------

_DP_COMMUTATIVE = {"add", "adc", "and", "orr", "eor"}
_DP16_REG = {"and": "and_reg_t1", "eor": "eor_reg_t1", "adc": "adc_reg_t1",
             "sbc": "sbc_reg_t1", "orr": "orr_reg_t1", "bic": "bic_reg_t1"}
# immediate-flip partners: op(x, v) == partner(x, f(v))
_FLIP = {"add": ("sub", lambda v: -v), "sub": ("add", lambda v: -v),
         "adc": ("sbc", lambda v: ~v), "sbc": ("adc", lambda v: ~v),
         "and": ("bic", lambda v: ~v), "bic": ("and", lambda v: ~v),
         "orr": ("orn", lambda v: ~v), "orn": ("orr", lambda v: ~v)}


def _reg(r, what="register") -> int:
    if not isinstance(r, int) or isinstance(r, bool) or not 0 <= r <= 15:
        raise EncodingError(f"bad {what} {r!r}")
    return r


def _no_pc(*regs):
    for r in regs:
        if _reg(r) == PC:
            raise EncodingError("PC not allowed here")


def _no_sp_pc(*regs):
    for r in regs:
        if _reg(r) in (SP, PC):
            raise EncodingError("SP/PC not allowed here")


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


class Assembler:
    def __init__(self):
        self.items: list[_Item] = []
        self._bound: dict[int, int] = {}    # label id -> item index
        self._bound_at: set[int] = set()    # item indices with a label bound
        self._nlabels = 0
        self._it: list[Cond] = []           # conditions of the remaining IT slots
        self._it_last = False               # the instruction being emitted is last in its IT block

    # ---------------------------------------------------------------- plumbing
    def in_it_block(self) -> bool:
        """Would the next instruction be inside an IT block (conditional)?"""
        return bool(self._it)

    def label_bound_here(self) -> bool:
        """Is a label bound at the current position (is there another way in)?"""
        return len(self.items) in self._bound_at

    def _ins(self, data: bytes, relocs=()) -> None:
        """Append one instruction (consumes an IT slot)."""
        if self._it:
            self._it.pop(0)
        self.items.append(_Fixed(data, "t", relocs))

    def _ok16(self, sets_flags_outside_it: bool, flags) -> bool:
        """May a 16-bit form be used given `flags`?"""
        if sets_flags_outside_it and not self.in_it_block():
            return flags is not False
        return flags is not True

    def _need_last_in_it(self, what: str) -> None:
        if len(self._it) > 1:
            raise EncodingError(f"{what} must be the last instruction of an IT block")

    def _room_in_it(self, n: int) -> None:
        if self._it and len(self._it) < n:
            raise EncodingError(f"{n}-instruction sequence does not fit in the IT block")

    def _not_in_it(self, what: str) -> None:
        if self._it:
            raise EncodingError(f"{what} not allowed inside an IT block")

    def _op2(self, op2):
        """Normalise op2 -> ('imm', value) | ('reg', rm, type, amount)."""
        if isinstance(op2, Imm):
            if not isinstance(op2.value, int):
                raise EncodingError(f"bad immediate {op2!r}")
            return ("imm", op2.value)
        if isinstance(op2, ShiftedReg):
            t, a = _shift_fields(op2)
            return ("reg", _reg(op2.reg), t, a)
        return ("reg", _reg(op2), 0, 0)

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
        _no_pc(rd, rn)
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
            self._ins(min(cands, key=len))
            return
        _, rm, t, amt = o
        _no_pc(rm)
        if t == 0 and amt == 0:
            # 16-bit forms
            if op == "add":
                if flags is not True and rd in (rn, rm):
                    other = rm if rd == rn else rn
                    if not (rd == SP and other == SP):
                        self._ins(encode("add_reg_t2", DN=rd >> 3, Rm=other, Rdn=rd & 7))
                        return
                if rd < 8 and rn < 8 and rm < 8 and self._ok16(True, flags):
                    self._ins(encode("add_reg_t1", Rm=rm, Rn=rn, Rd=rd))
                    return
            elif op == "sub":
                if rd < 8 and rn < 8 and rm < 8 and self._ok16(True, flags):
                    self._ins(encode("sub_reg_t1", Rm=rm, Rn=rn, Rd=rd))
                    return
            elif op in _DP16_REG and rd < 8 and rn < 8 and rm < 8 and self._ok16(True, flags):
                if rd == rn:
                    self._ins(encode(_DP16_REG[op], Rm=rm, Rdn=rd))
                    return
                if rd == rm and op in _DP_COMMUTATIVE:
                    self._ins(encode(_DP16_REG[op], Rm=rn, Rdn=rd))
                    return
        # 32-bit shifted register
        if rm == SP:
            raise EncodingError("SP not allowed as the register operand")
        if rn == SP and op not in ("add", "sub"):
            raise EncodingError(f"{op}: SP not allowed")
        if rd == SP and not (rn == SP and op in ("add", "sub") and t == 0 and amt <= 3):
            raise EncodingError(f"{op}: SP destination not allowed")
        self._ins(encode("dp_shreg", op=E.DP_OP[op], S=1 if flags else 0, Rn=rn, Rd=rd,
                         type=t, Rm=rm, **E.split_shift(amt)))

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
        _no_pc(rn)
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
        _no_pc(rm)
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
        _no_pc(rd)
        if isinstance(op2, ShiftedReg) and op2.amount != 0:
            name = op2.shift.name.lower()
            getattr(self, name)(rd, op2.reg, Imm(op2.amount), flags)
            return
        o = self._op2(op2)
        if o[0] == "imm":
            cands = self._mov_imm_candidates(rd, o[1], flags)
            if not cands:
                raise EncodingError(f"mov r{rd}, #{o[1]}: no single-instruction encoding")
            self._ins(min(cands, key=len))
            return
        rm = o[1]
        _no_pc(rm)
        if flags is not True:
            self._ins(encode("mov_reg_t1", D=rd >> 3, Rm=rm, Rd=rd & 7))
        elif rd < 8 and rm < 8 and not self.in_it_block():
            self._ins(encode("lsl_imm_t1", imm5=0, Rm=rm, Rd=rd))
        else:
            _no_sp_pc(rd, rm)
            self._ins(encode("dp_shreg", op=E.DP_OP["orr"], S=1, Rn=15, Rd=rd, type=0, Rm=rm,
                             imm3=0, imm2=0))

    def mvn(self, rd, op2, flags=None):
        _no_sp_pc(rd)
        o = self._op2(op2)
        if o[0] == "imm":
            cands = self._mov_imm_candidates(rd, o[1], flags, mvn=True)
            if not cands:
                raise EncodingError(f"mvn r{rd}, #{o[1]}: no encoding")
            self._ins(min(cands, key=len))
            return
        _, rm, t, amt = o
        _no_sp_pc(rm)
        if t == 0 and amt == 0 and rd < 8 and rm < 8 and self._ok16(True, flags):
            self._ins(encode("mvn_reg_t1", Rm=rm, Rd=rd))
            return
        self._ins(encode("dp_shreg", op=E.DP_OP["orn"], S=1 if flags else 0, Rn=15, Rd=rd,
                         type=t, Rm=rm, **E.split_shift(amt)))

    def mov_imm32(self, rd, value, flags=None):
        _no_sp_pc(rd)
        v = value & M32
        cands = self._mov_imm_candidates(rd, v, flags)
        if cands:
            self._ins(min(cands, key=len))
            return
        if flags:
            raise EncodingError(f"mov_imm32 r{rd}, #{v:#x}: flag-setting form needs one instruction")
        self._room_in_it(2)
        self.movw(rd, v & 0xFFFF)
        self.movt(rd, v >> 16)

    def movw(self, rd, imm16):
        _no_sp_pc(rd)
        self._ins(encode("movw_t3", Rd=rd, **E.split16(imm16)))

    def movt(self, rd, imm16):
        _no_sp_pc(rd)
        self._ins(encode("movt_t1", Rd=rd, **E.split16(imm16)))

    def mov_symbol(self, rd, symbol, addend=0):
        _no_sp_pc(rd)
        if not -0x8000 <= addend <= 0x7FFF:
            raise EncodingError(f"mov_symbol: addend {addend} out of range")
        imm = addend & 0xFFFF
        self._room_in_it(2)
        self._ins(encode("movw_t3", Rd=rd, **E.split16(imm)),
                  [(0, "R_ARM_THM_MOVW_ABS_NC", symbol)])
        self._ins(encode("movt_t1", Rd=rd, **E.split16(imm)),
                  [(0, "R_ARM_THM_MOVT_ABS", symbol)])

    # ------------------------------------------------------------------ shifts
    def _shift(self, kind, rd, rm, op2, flags):
        _no_sp_pc(rd, rm)
        t = E.SHIFT_TYPE[kind]
        if isinstance(op2, Imm):
            n = op2.value
            hi = 31 if kind in ("lsl", "ror") else 32
            if not isinstance(n, int) or not 0 <= n <= hi:
                raise EncodingError(f"{kind}: shift amount {n} out of range")
            if n == 0:
                self.mov(rd, rm, flags)
                return
            if kind != "ror" and rd < 8 and rm < 8 and self._ok16(True, flags):
                self._ins(encode(f"{kind}_imm_t1", imm5=n & 31, Rm=rm, Rd=rd))
                return
            self._ins(encode("dp_shreg", op=E.DP_OP["orr"], S=1 if flags else 0, Rn=15, Rd=rd,
                             type=t, Rm=rm, **E.split_shift(n & 31)))
            return
        rs = _reg(op2)
        _no_sp_pc(rs)
        if rd == rm and rd < 8 and rs < 8 and self._ok16(True, flags):
            self._ins(encode(f"{kind}_reg_t1", Rm=rs, Rdn=rd))
            return
        self._ins(encode("shift_reg_t2", type=t, S=1 if flags else 0, Rn=rm, Rd=rd, Rm=rs))

    def lsl(self, rd, rm, op2, flags=None): self._shift("lsl", rd, rm, op2, flags)
    def lsr(self, rd, rm, op2, flags=None): self._shift("lsr", rd, rm, op2, flags)
    def asr(self, rd, rm, op2, flags=None): self._shift("asr", rd, rm, op2, flags)
    def ror(self, rd, rm, op2, flags=None): self._shift("ror", rd, rm, op2, flags)

    # ---------------------------------------------------- multiply and divide
    def mul(self, rd, rn, rm, flags=None):
        _no_sp_pc(rd, rn, rm)
        if rd < 8 and rn < 8 and rm < 8 and self._ok16(True, flags) and rd in (rn, rm):
            other = rn if rd == rm else rm
            self._ins(encode("mul_t1", Rn=other, Rdm=rd))
            return
        if flags:
            raise EncodingError("muls: only the 16-bit form sets flags (low registers, rd==rm)")
        self._ins(encode("mul_t2", Rn=rn, Rd=rd, Rm=rm))

    def mla(self, rd, rn, rm, ra):
        _no_sp_pc(rd, rn, rm, ra)
        self._ins(encode("mla_t1", Rn=rn, Ra=ra, Rd=rd, Rm=rm))

    def mls(self, rd, rn, rm, ra):
        _no_sp_pc(rd, rn, rm, ra)
        self._ins(encode("mls_t1", Rn=rn, Ra=ra, Rd=rd, Rm=rm))

    def _long_mul(self, name, rdlo, rdhi, rn, rm):
        _no_sp_pc(rdlo, rdhi, rn, rm)
        if rdlo == rdhi:
            raise EncodingError(f"{name}: RdLo == RdHi")
        self._ins(encode(f"{name}_t1", Rn=rn, RdLo=rdlo, RdHi=rdhi, Rm=rm))

    def umull(self, rdlo, rdhi, rn, rm): self._long_mul("umull", rdlo, rdhi, rn, rm)
    def smull(self, rdlo, rdhi, rn, rm): self._long_mul("smull", rdlo, rdhi, rn, rm)
    def umlal(self, rdlo, rdhi, rn, rm): self._long_mul("umlal", rdlo, rdhi, rn, rm)
    def smlal(self, rdlo, rdhi, rn, rm): self._long_mul("smlal", rdlo, rdhi, rn, rm)

    def sdiv(self, rd, rn, rm):
        _no_sp_pc(rd, rn, rm)
        self._ins(encode("sdiv_t1", Rn=rn, Rd=rd, Rm=rm))

    def udiv(self, rd, rn, rm):
        _no_sp_pc(rd, rn, rm)
        self._ins(encode("udiv_t1", Rn=rn, Rd=rd, Rm=rm))

    # --------------------------------------------------------- bit operations
    def _misc(self, name, rd, rm, narrow: bool):
        _no_sp_pc(rd, rm)
        if narrow and rd < 8 and rm < 8:
            self._ins(encode(f"{name}_t1", Rm=rm, Rd=rd))
        elif name in ("clz", "rbit"):
            self._ins(encode(f"{name}_t1", Rm2=rm, Rd=rd, Rm=rm))
        else:
            self._ins(encode(f"{name}_t2", Rm2=rm, Rd=rd, Rm=rm))

    def clz(self, rd, rm): self._misc("clz", rd, rm, False)
    def rbit(self, rd, rm): self._misc("rbit", rd, rm, False)
    def rev(self, rd, rm): self._misc("rev", rd, rm, True)
    def rev16(self, rd, rm): self._misc("rev16", rd, rm, True)
    def revsh(self, rd, rm): self._misc("revsh", rd, rm, True)

    def _extend(self, name, rd, rm):
        _no_sp_pc(rd, rm)
        if rd < 8 and rm < 8:
            self._ins(encode(f"{name}_t1", Rm=rm, Rd=rd))
        else:
            self._ins(encode(f"{name}_t2", Rd=rd, rot=0, Rm=rm))

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
        _no_sp_pc(rd, rn)
        self._bitfield(lsb, width)
        self._ins(encode(name, Rn=rn, Rd=rd, widthm1=width - 1, **E.split_shift(lsb)))

    def ubfx(self, rd, rn, lsb, width): self._bfx("ubfx_t1", rd, rn, lsb, width)
    def sbfx(self, rd, rn, lsb, width): self._bfx("sbfx_t1", rd, rn, lsb, width)

    def bfi(self, rd, rn, lsb, width):
        _no_sp_pc(rd, rn)
        self._bitfield(lsb, width)
        self._ins(encode("bfi_t1", Rn=rn, Rd=rd, msb=lsb + width - 1, **E.split_shift(lsb)))

    def bfc(self, rd, lsb, width):
        _no_sp_pc(rd)
        self._bitfield(lsb, width)
        self._ins(encode("bfi_t1", Rn=15, Rd=rd, msb=lsb + width - 1, **E.split_shift(lsb)))

    # ---------------------------------------------------------- load / store
    _SCALE16 = {"w": 2, "h": 1, "b": 0}

    def _ls(self, load, kind, rt, rn, offset):
        if kind not in E.LS_OP or (not load and kind in ("sb", "sh")):
            raise EncodingError(f"bad {'load' if load else 'store'} kind {kind!r}")
        _no_pc(rt, rn)
        if rt == SP and kind != "w":
            raise EncodingError("SP not allowed as transfer register")
        if not isinstance(offset, int):
            raise EncodingError(f"bad offset {offset!r}")
        L = "ldr" if load else "str"
        sfx = "" if kind == "w" else kind
        if kind in self._SCALE16 and rt < 8 and offset >= 0:
            sc = self._SCALE16[kind]
            if rn < 8 and offset % (1 << sc) == 0 and offset >> sc < 32:
                self._ins(encode(f"{L}{sfx}_imm_t1", imm5=offset >> sc, Rn=rn, Rt=rt))
                return
            if kind == "w" and rn == SP and offset % 4 == 0 and offset <= 1020:
                self._ins(encode(f"{L}_imm_t2", Rt=rt, imm8=offset >> 2))
                return
        sgn, op = E.LS_OP[kind]
        if 0 <= offset <= 4095:
            self._ins(encode("ls_imm12", sgn=sgn, op=op, L=int(load), Rn=rn, Rt=rt,
                             imm12=offset))
        elif -255 <= offset < 0:
            self._ins(encode("ls_imm8", sgn=sgn, op=op, L=int(load), Rn=rn, Rt=rt,
                             P=1, U=0, W=0, imm8=-offset))
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
        _no_pc(rt, rn)
        _no_sp_pc(rm)
        if rt == SP and kind != "w":
            raise EncodingError("SP not allowed as transfer register")
        if not isinstance(lsl, int) or not 0 <= lsl <= 3:
            raise EncodingError(f"register offset shift {lsl} out of range")
        if lsl == 0 and rt < 8 and rn < 8 and rm < 8:
            self._ins(encode(f"{self._LSREG16[load, kind]}_reg_t1", Rm=rm, Rn=rn, Rt=rt))
            return
        sgn, op = E.LS_OP[kind]
        self._ins(encode("ls_reg", sgn=sgn, op=op, L=int(load), Rn=rn, Rt=rt, imm2=lsl, Rm=rm))

    def load_reg(self, kind, rt, rn, rm, lsl=0): self._ls_reg(True, kind, rt, rn, rm, lsl)
    def store_reg(self, kind, rt, rn, rm, lsl=0): self._ls_reg(False, kind, rt, rn, rm, lsl)

    def _dual(self, name, rt, rt2, rn, offset):
        _no_sp_pc(rt, rt2)
        _no_pc(rn)
        if name.startswith("ldrd") and rt == rt2:
            raise EncodingError("ldrd: Rt == Rt2")
        if not isinstance(offset, int) or offset % 4 or not -1020 <= offset <= 1020:
            raise EncodingError(f"ldrd/strd offset {offset} out of range")
        self._ins(encode(name, P=1, U=int(offset >= 0), W=0, Rn=rn, Rt=rt, Rt2=rt2,
                         imm8=abs(offset) >> 2))

    def ldrd(self, rt, rt2, rn, offset=0): self._dual("ldrd_imm_t1", rt, rt2, rn, offset)
    def strd(self, rt, rt2, rn, offset=0): self._dual("strd_imm_t1", rt, rt2, rn, offset)

    # ---------------------------------------------------------- floating point
    # VFP registers are plain numbers; `double` says whether they name D
    # registers (sz=1 rows) or S registers.

    def _vfp(self, name, double, d=None, n=None, m=None, **fields):
        f = dict(fields)
        if d is not None:
            f.update(E.vfp_fields(d[0], d[1], "D", "Vd"))
        if n is not None:
            f.update(E.vfp_fields(n[0], n[1], "N", "Vn"))
        if m is not None:
            f.update(E.vfp_fields(m[0], m[1], "M", "Vm"))
        if "sz" in E.FORMS[name].fields:
            f["sz"] = int(double)
        self._ins(encode(name, **f))

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
        _no_sp_pc(rt)
        self._vfp("vmov_core_s", False, n=(sn, False), op=0, Rt=rt)

    def vmov_from_s(self, rt, sn):
        _no_sp_pc(rt)
        self._vfp("vmov_core_s", False, n=(sn, False), op=1, Rt=rt)

    def vmov_to_d(self, dm, rt, rt2):
        _no_sp_pc(rt, rt2)
        self._vfp("vmov_core_d", True, m=(dm, True), op=0, Rt=rt, Rt2=rt2)

    def vmov_from_d(self, rt, rt2, dm):
        _no_sp_pc(rt, rt2)
        if rt == rt2:
            raise EncodingError("vmov rt, rt2, dm: rt == rt2")
        self._vfp("vmov_core_d", True, m=(dm, True), op=1, Rt=rt, Rt2=rt2)

    def _vls(self, load, vd, rn, offset, double):
        _no_pc(rn)
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
        self._vfp("vpush_s", False, (first, False), imm8=count)

    def vpop(self, first, count):
        if not 1 <= count <= 32 - first:
            raise EncodingError(f"vpop: bad register range s{first}+{count}")
        self._vfp("vpop_s", False, (first, False), imm8=count)

    def vmrs_nzcv(self):
        """Copy the FPSCR flags of the last vcmp to the APSR."""
        self._ins(encode("vmrs_nzcv"))

    def push(self, regs):
        rs = sorted({_reg(r) for r in regs})
        if not rs or SP in rs or PC in rs:
            raise EncodingError(f"push: bad register list {rs}")
        if all(r < 8 or r == LR for r in rs):
            self._ins(encode("push_t1", M=int(LR in rs), reglist=sum(1 << r for r in rs if r < 8)))
        elif len(rs) == 1:                       # str.w rt, [sp, #-4]!
            self._ins(encode("ls_imm8", sgn=0, op=2, L=0, Rn=SP, Rt=rs[0], P=1, U=0, W=1, imm8=4))
        else:
            self._ins(encode("stmdb_t1", W=1, Rn=SP, M=int(LR in rs),
                             reglist=sum(1 << r for r in rs if r < 13)))

    def pop(self, regs):
        rs = sorted({_reg(r) for r in regs})
        if not rs or SP in rs or (LR in rs and PC in rs):
            raise EncodingError(f"pop: bad register list {rs}")
        if PC in rs:
            self._need_last_in_it("pop {..., pc}")
        if all(r < 8 or r == PC for r in rs):
            self._ins(encode("pop_t1", P=int(PC in rs), reglist=sum(1 << r for r in rs if r < 8)))
        elif len(rs) == 1:                       # ldr.w rt, [sp], #4
            self._ins(encode("ls_imm8", sgn=0, op=2, L=1, Rn=SP, Rt=rs[0], P=0, U=1, W=1, imm8=4))
        else:
            self._ins(encode("ldmia_t2", W=1, Rn=SP, P=int(PC in rs), M=int(LR in rs),
                             reglist=sum(1 << r for r in rs if r < 13)))

    # ------------------------------------------------------------ IT blocks
    def it(self, cond, pattern=""):
        if self._it:
            raise EncodingError("IT inside an IT block")
        cond = Cond(cond)
        mask = E.it_mask(int(cond), pattern)
        self.items.append(_Fixed(encode("it_t1", firstcond=int(cond), mask=mask)))
        self._it = [cond] + [cond if ch == "t" else cond.invert() for ch in pattern]

    # ------------------------------------------------------- labels, branches
    def new_label(self) -> Label:
        self._nlabels += 1
        return Label(self._nlabels)

    def bind(self, label: Label) -> None:
        if label.id in self._bound:
            raise EncodingError(f"label {label.id} bound twice")
        self._not_in_it("label")
        self._bound[label.id] = len(self.items)
        self._bound_at.add(len(self.items))

    def b(self, label: Label, cond=Cond.AL):
        cond = Cond(cond)
        if self._it:
            self._need_last_in_it("branch")
            slot = self._it.pop(0)
            if cond not in (Cond.AL, slot):
                raise EncodingError("branch condition differs from its IT slot")
            self.items.append(_Branch(label.id, slot, in_it=True))
            return
        self.items.append(_Branch(label.id, cond))

    def cbz(self, rn, label: Label):
        self._not_in_it("cbz")
        _no_pc(rn)
        self.items.append(_Cbz(rn, label.id, False))

    def cbnz(self, rn, label: Label):
        self._not_in_it("cbnz")
        _no_pc(rn)
        self.items.append(_Cbz(rn, label.id, True))

    def bl(self, symbol: str):
        self._need_last_in_it("bl")
        self._ins(E.bl32(-4), [(0, "R_ARM_THM_CALL", symbol)])

    def b_symbol(self, symbol: str):
        self._need_last_in_it("b")
        self._ins(E.b32(-4), [(0, "R_ARM_THM_JUMP24", symbol)])

    def blx(self, rm):
        _no_pc(rm)
        self._need_last_in_it("blx")
        self._ins(encode("blx_reg_t1", Rm=rm))

    def bx(self, rm):
        _no_pc(rm)
        self._need_last_in_it("bx")
        self._ins(encode("bx_t1", Rm=rm))

    def jump_table(self, index_reg, labels, scratch):
        self._not_in_it("jump table")
        _no_sp_pc(index_reg, scratch)
        labels = list(labels)
        if not labels:
            raise EncodingError("empty jump table")
        self.items.append(_JumpTable(index_reg, [l.id for l in labels], scratch))

    # ------------------------------------------------------------------- misc
    def udf(self, imm8=0): self._ins(encode("udf_t1", imm8=imm8))
    def bkpt(self, imm8=0): self._ins(encode("bkpt_t1", imm8=imm8))
    def nop(self): self._ins(encode("nop_t1"))

    def word(self, value):
        self._not_in_it("data")
        if not isinstance(value, int) or not -(1 << 31) <= value <= M32:
            raise EncodingError(f"word value {value!r} out of range")
        self.items.append(_Fixed((value & M32).to_bytes(4, "little"), "d"))

    def word_symbol(self, symbol, addend=0):
        self._not_in_it("data")
        if not -(1 << 31) <= addend <= M32:
            raise EncodingError(f"addend {addend} out of range")
        self.items.append(_Fixed((addend & M32).to_bytes(4, "little"), "d",
                                 [(0, "R_ARM_ABS32", symbol)]))

    def align(self, n):
        if not isinstance(n, int) or n < 1 or n & (n - 1):
            raise EncodingError(f"bad alignment {n}")
        self._not_in_it("align")
        kind = self.items[-1].kind if self.items else "t"
        self.items.append(_Align(n, kind))

    # ----------------------------------------------------------------- finish
    def _layout(self) -> tuple[list[int], dict[int, int]]:
        addrs, a = [], 0
        for it in self.items:
            addrs.append(a)
            a += it.size(a)
        addrs.append(a)
        return addrs, {lid: addrs[idx] for lid, idx in self._bound.items()}

    def finish(self) -> Code:
        if self._it:
            raise EncodingError("unterminated IT block")
        for it in self.items:
            for lid in getattr(it, "labels", None) or [getattr(it, "label", None)]:
                if lid is not None and lid not in self._bound:
                    raise EncodingError(f"label {lid} used but never bound")

        while True:
            addrs, labs = self._layout()
            lab = labs.__getitem__
            changed = False
            for it, a in zip(self.items, addrs):
                if it.relax(a, lab):
                    changed = True
            if not changed:
                break

        addrs, labs = self._layout()
        lab = labs.__getitem__
        out = bytearray()
        relocs: list[Reloc] = []
        mapping: list[tuple[int, str]] = [(0, "t")]
        for it, a in zip(self.items, addrs):
            data, maps, rels = it.emit(a, lab)
            if len(data) != it.size(a):
                raise EncodingError("internal: item size changed during emission")
            for off, kind in maps:
                if kind != mapping[-1][1]:
                    if mapping[-1][0] == a + off:
                        mapping[-1] = (a + off, kind)
                    else:
                        mapping.append((a + off, kind))
            for off, typ, sym in rels:
                relocs.append(Reloc(a + off, typ, sym))
            out += data
        # a mapping symbol at the very end marks nothing
        while len(mapping) > 1 and mapping[-1][0] >= len(out):
            mapping.pop()
        # merge neighbours that became equal
        merged: list[tuple[int, str]] = []
        for m in mapping:
            if not merged or merged[-1][1] != m[1]:
                merged.append(m)
        return Code(bytes(out), relocs, merged)
