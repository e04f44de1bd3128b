"""The code buffer: items, labels, IT blocks, branch relaxation, and the
finished code with its relocations and mapping symbols.

Why a module of its own: choosing an encoding for one instruction
(arm/asm.py) is independent of where instructions end up.  Instructions are
appended here as *items*: fixed bytes (`Fixed`), or relaxable items whose
size depends on where their targets end up (`Branch`, `Cbz`, `JumpTable`)
or on their own address (`Align`).  `finish()` lays the items out, lets
every relaxable item grow to the smallest form that reaches its target
(sizes only ever grow, so the loop terminates), then emits bytes,
relocations and ARM mapping symbols.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..errors import EncodingError
from . import encoding as E
from .encoding import encode
from .operands import M32, PC, Cond, no_pc


@dataclass(frozen=True)
class Label:
    id: int


@dataclass(frozen=True)
class Reloc:
    offset: int
    type: str
    symbol: str


@dataclass(frozen=True)
class Span:
    """Where one item ended up after relaxation, the core registers it writes
    (r0-r14: pc is left out, every branch writes it), and what produced it: an
    origin the emitter sets, opaque here (an IR instruction, "prologue"...).
    The leaf check reads `writes` instead of disassembling; `--dump asm` reads
    `origin`."""
    offset: int
    size: int
    writes: frozenset[int]
    origin: object = None


@dataclass
class Code:
    data: bytes
    relocs: list[Reloc] = field(default_factory=list)
    mapping: list[tuple[int, str]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)      # one per item of nonzero size


# ----------------------------------------------------------------------------
# items

LabelAddr = Callable[[int], int]


class Item:
    kind = "t"
    writes: frozenset[int] = frozenset()    # core registers written (r0-r14)
    origin: object = None                   # what produced the item (CodeBuffer.produced_by)

    def size(self, addr: int) -> int:
        raise NotImplementedError

    def relax(self, addr: int, lab: LabelAddr) -> bool:
        return False

    def emit(self, addr: int, lab: LabelAddr):
        """-> (bytes, [(offset in item, 't'|'d')], [(offset in item, type, symbol)])"""
        raise NotImplementedError


class Fixed(Item):
    __slots__ = ("data", "kind", "relocs", "writes", "origin")

    def __init__(self, data: bytes, kind: str = "t", relocs=(), writes=()):
        self.data = data
        self.kind = kind
        self.relocs = list(relocs)
        self.writes = frozenset(writes)
        self.origin = None

    def size(self, addr):
        return len(self.data)

    def emit(self, addr, lab):
        return self.data, [(0, self.kind)], self.relocs


class Align(Item):
    NOP = b"\x00\xbf"                    # nop (GNU as pads ARMv6-M code with mov r8, r8)

    def __init__(self, n: int, kind: str, nop: bytes = NOP):
        self.n = n
        self.kind = kind
        self.nop = nop

    @property
    def writes(self):
        """ARMv6-M pads with `mov r8, r8`, which writes r8 (with itself)."""
        return frozenset((8,)) if self.kind == "t" and self.nop == b"\xc0\x46" else frozenset()

    def size(self, addr):
        return -addr % self.n

    def emit(self, addr, lab):
        pad = -addr % self.n
        if self.kind == "d":
            return bytes(pad), [(0, "d")], []
        data = bytes(pad & 1) + self.nop * (pad >> 1)
        return data, [(0, "t")], []


class GrowingBranch(Item):
    """A branch whose form only grows while relaxing: `_needed(addr, target)`
    names the state (form) the distance needs; a state is never given back,
    so relaxation ends."""
    state: int

    def _needed(self, addr: int, target: int) -> int:
        raise NotImplementedError

    def relax(self, addr, lab):
        need = self._needed(addr, lab(self.label))
        if need > self.state:
            self.state = need
            return True
        return False


class Branch(GrowingBranch):
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


_LR = 14


class LoopEnd(Item):
    """`le lr, label` (ARMv8.1-M), the back edge of a low-overhead loop; a loop
    longer than its 4094-byte reach becomes `subs lr, lr, #1` + `bne label`,
    the same iterations for the count `dls` put in lr (at least 1)."""
    writes = frozenset({_LR})

    def __init__(self, label: int):
        self.label = label
        self.relaxed = False
        self.sub = encode("dp_modimm", op=E.DP_OP["sub"], S=1, Rn=_LR, Rd=_LR, **E.split12(1))
        self.branch = Branch(label, Cond.NE)

    def size(self, addr):
        return 4 + (self.branch.size(addr + 4) if self.relaxed else 0)

    def relax(self, addr, lab):
        if not self.relaxed:
            if -4094 <= lab(self.label) - (addr + 4) <= 0:
                return False
            self.relaxed = True
            self.branch.relax(addr + 4, lab)
            return True
        return self.branch.relax(addr + 4, lab)

    def emit(self, addr, lab):
        if not self.relaxed:
            return E.le32(lab(self.label) - (addr + 4)), [(0, "t")], []
        data, _, _ = self.branch.emit(addr + 4, lab)
        return self.sub + data, [(0, "t")], []


def _cmp_zero(rn: int) -> bytes:
    if rn < 8:
        return encode("cmp_imm_t1", Rn=rn, imm8=0)
    return encode("dp_modimm", op=E.DP_OP["sub"], S=1, Rn=rn, Rd=15, **E.split12(0))


class Cbz(Item):
    """cbz/cbnz, relaxed to cmp rn, #0 + b<eq|ne> (which may grow further)."""

    def __init__(self, rn: int, label: int, nonzero: bool):
        self.rn = rn
        self.label = label
        self.nonzero = nonzero
        self.cmp = _cmp_zero(rn)
        self.branch = Branch(label, Cond.NE if nonzero else Cond.EQ)
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


class JumpTable(Item):
    """tbb / tbh / tbh with b.w stubs / compare chain (states 0..3)."""

    def __init__(self, rm: int, labels: list[int], scratch: int,
                 compare_chain: Callable[[], list[Item]]):
        self.rm = rm
        self.labels = labels
        self.scratch = scratch
        self.state = 0
        self.stubs: list[int] = []      # label ids reached through a b.w stub
        self.chain: list[Item] | None = None
        self.compare_chain = compare_chain      # builds the items of state 3

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
            self.chain = self.compare_chain()
            a = addr
            for it in self.chain:
                it.relax(a, lab)
                a += it.size(a)
        return True

    @property
    def writes(self):
        """The compare chain's scratch register, once relaxation chose the chain."""
        return frozenset().union(*(it.writes for it in self.chain)) if self.state == 3 \
            else frozenset()

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


class _Produced:
    """CodeBuffer.produced_by's `with` block: a class, not a generator context
    manager, because the emitter enters one per IR instruction (a third the cost)."""
    __slots__ = ("buf", "origin", "outer")

    def __init__(self, buf: "CodeBuffer", origin: object) -> None:
        self.buf, self.origin = buf, origin

    def __enter__(self) -> None:
        self.outer, self.buf.origin = self.buf.origin, self.origin

    def __exit__(self, *exc) -> None:
        self.buf.origin = self.outer


class CodeBuffer:
    """Items in order, labels bound between them, and the IT block being filled.
    arm/asm.py's Assembler adds the instructions."""
    PADDING_NOP = Align.NOP

    def __init__(self):
        self.items: list[Item] = []
        self._bound: dict[int, int] = {}    # label id -> item index
        self._bound_at: set[int] = set()    # item indices with a label bound
        self._nlabels = 0
        self._it: list[Cond] = []           # conditions of the remaining IT slots
        self.origin: object = None          # given to every item appended (produced_by)

    # ---------------------------------------------------------------- plumbing
    def in_it_block(self) -> bool:
        """Would the next instruction be inside an IT block (conditional)?"""
        return bool(self._it)

    def label_bound_here(self) -> bool:
        """Is a label bound at the current position (is there another way in)?"""
        return len(self.items) in self._bound_at

    def produced_by(self, origin: object) -> "_Produced":
        """The items appended inside the block record `origin` as what produced them."""
        return _Produced(self, origin)

    def _add(self, item: Item) -> None:
        item.origin = self.origin
        self.items.append(item)

    def _ins(self, data: bytes, relocs=(), writes=()) -> None:
        """Append one instruction (consumes an IT slot) that writes the core
        registers `writes`."""
        if self._it:
            self._it.pop(0)
        self._add(Fixed(data, "t", relocs, writes))

    def _need_last_in_it(self, what: str) -> None:
        if len(self._it) > 1:
            raise EncodingError(f"{what} must be the last instruction of an IT block")

    def _room_in_it(self, n: int) -> None:
        if self._it and len(self._it) < n:
            raise EncodingError(f"{n}-instruction sequence does not fit in the IT block")

    def _not_in_it(self, what: str) -> None:
        if self._it:
            raise EncodingError(f"{what} not allowed inside an IT block")

    # ------------------------------------------------------------ IT blocks
    def it(self, cond, pattern=""):
        if self._it:
            raise EncodingError("IT inside an IT block")
        cond = Cond(cond)
        mask = E.it_mask(int(cond), pattern)
        self._add(Fixed(encode("it_t1", firstcond=int(cond), mask=mask)))
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
            self._add(Branch(label.id, slot, in_it=True))
            return
        self._add(Branch(label.id, cond))

    def cbz(self, rn, label: Label):
        self._not_in_it("cbz")
        no_pc(rn)
        self._add(Cbz(rn, label.id, False))

    def cbnz(self, rn, label: Label):
        self._not_in_it("cbnz")
        no_pc(rn)
        self._add(Cbz(rn, label.id, True))

    def word(self, value):
        self._not_in_it("data")
        if not isinstance(value, int) or not -(1 << 31) <= value <= M32:
            raise EncodingError(f"word value {value!r} out of range")
        self._add(Fixed((value & M32).to_bytes(4, "little"), "d"))

    def word_symbol(self, symbol, addend=0):
        self._not_in_it("data")
        if not -(1 << 31) <= addend <= M32:
            raise EncodingError(f"addend {addend} out of range")
        self._add(Fixed((addend & M32).to_bytes(4, "little"), "d",
                        [(0, "R_ARM_ABS32", symbol)]))

    def align(self, n):
        if not isinstance(n, int) or n < 1 or n & (n - 1):
            raise EncodingError(f"bad alignment {n}")
        self._not_in_it("align")
        kind = self.items[-1].kind if self.items else "t"
        self._add(Align(n, kind, self.PADDING_NOP))

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
        spans: list[Span] = []
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
            if data:
                spans.append(Span(a, len(data), it.writes, it.origin))
            out += data
        # a mapping symbol at the very end marks nothing
        while len(mapping) > 1 and mapping[-1][0] >= len(out):
            mapping.pop()
        # merge neighbours that became equal
        merged: list[tuple[int, str]] = []
        for m in mapping:
            if not merged or merged[-1][1] != m[1]:
                merged.append(m)
        return Code(bytes(out), relocs, merged, spans)
