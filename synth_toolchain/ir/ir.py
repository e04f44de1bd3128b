"""The middle IR: a control-flow graph of 32-bit virtual-register instructions.

Lowering legalises WebAssembly to this form: every i32 is one vreg, every i64
a (lo, hi) pair of vregs, so the back end only ever sees 32-bit values.  The
IR is not SSA: a promoted wasm local is one vreg assigned many times.

An instruction names its IR opcode, the vregs it defines and uses, and an
immediate whose shape depends on the opcode (see `OPS`).  Terminators end
every block; block order is layout order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Inst:
    op: str
    defs: tuple[int, ...] = ()
    uses: tuple[int, ...] = ()
    imm: Any = None


@dataclass(slots=True)
class Block:
    id: int
    insts: list[Inst] = field(default_factory=list)
    term: Inst | None = None

    def successors(self) -> list[int]:
        t = self.term
        if t is None:
            return []
        return list(OPS[t.op].succ(t.imm))


@dataclass(slots=True)
class IRFunction:
    name: str
    params: list[int]                # incoming vregs in ABI order (sret first if any)
    param_words: list[int]           # 1 or 2 per wasm param (i64 → 2), sret excluded
    result_words: list[int]          # 1 or 2 per wasm result
    sret: int | None                 # vreg holding the hidden result pointer (>1 result)
    param_kinds: str = ""            # ABI kind per wasm param (arm/frame.py: i, l, f, d)
    result_kinds: str = ""
    vfp_abi: bool = False            # floats travel in VFP registers (float ABI "hard")
    vfp_vregs: frozenset = frozenset()   # f32 vregs allocated in S registers (arm/regclass.py)
    blocks: list[Block] = field(default_factory=list)
    num_vregs: int = 0
    local_slots: int = 0             # 4-byte frame slots for locals kept in memory
    promoted_locals: list[int] = field(default_factory=list)
    local_vregs: list[tuple[int, ...]] = field(default_factory=list)   # promoted tiers only
    uses_memory: bool = False

    def new_vreg(self) -> int:
        v = self.num_vregs
        self.num_vregs += 1
        return v


# ---------------------------------------------------------------------------
# The opcode table.  `clobbers` marks "fixed" ops whose operands travel in
# r0-r3 and that destroy the caller-saved registers (calls, and the i64
# sequences written for that register environment); `early_def` marks ops
# whose handler writes a result before it has read every operand, so the
# allocator must not give a result the register of an operand.

@dataclass(frozen=True, slots=True)
class OpInfo:
    clobbers: bool = False
    early_def: bool = False
    terminator: bool = False
    side_effect: bool = False
    succ: Any = staticmethod(lambda imm: ())


def _op(**kw) -> OpInfo:
    return OpInfo(**kw)


_T = dict(terminator=True, side_effect=True)

OPS: dict[str, OpInfo] = {
    # moves and constants
    "mov": _op(), "const": _op(), "symaddr": _op(),
    "ldslot": _op(), "stslot": _op(side_effect=True),
    # 32-bit ALU: d = a OP b ; the "i" forms take b as imm
    **{name: _op() for name in (
        "add", "sub", "mul", "and", "or", "xor", "shl", "shr_u", "shr_s", "rotr",
        "addi", "subi", "rsbi", "andi", "ori", "xori", "shli", "shri_u", "shri_s", "rotri",
        "clz", "ctz", "sxtb", "sxth", "neg")},
    "rotl": _op(), "popcnt": _op(),
    "addsh": _op(), "subsh": _op(),          # d = a ± (x << imm)
    "div_s": _op(side_effect=True), "div_u": _op(side_effect=True),
    "rem_s": _op(early_def=True, side_effect=True), "rem_u": _op(early_def=True, side_effect=True),
    "setcc": _op(), "setcci": _op(), "selcc": _op(),
    # 64-bit pair ALU
    "add64": _op(early_def=True), "sub64": _op(early_def=True),
    "add64k": _op(early_def=True), "sub64k": _op(early_def=True),   # b's high word: imm
    "setcc64": _op(),
    # widening multiplies (d_lo, d_hi) = a * b of 32-bit words, and d = a * b + c;
    # mul64 (d_lo, d_hi) = (a_lo, a_hi) * (b_lo, b_hi) becomes them in ir/combine.py
    "mulw_u": _op(), "mulw_s": _op(), "mla": _op(), "mul64": _op(),
    "shl64": _op(clobbers=True), "shr_u64": _op(clobbers=True),
    "shr_s64": _op(clobbers=True), "rotl64": _op(clobbers=True), "rotr64": _op(clobbers=True),
    "div_s64": _op(clobbers=True, side_effect=True), "div_u64": _op(clobbers=True, side_effect=True),
    "rem_s64": _op(clobbers=True, side_effect=True), "rem_u64": _op(clobbers=True, side_effect=True),
    # hardware float (operands and results are core words; see ir/hardfloat.py)
    "fbin": _op(), "fun": _op(), "fminmax": _op(), "fsetcc": _op(), "fcvt": _op(),
    "ftrunc": _op(side_effect=True),
    # linear memory (bounds-checked per options) and raw machine memory
    "load": _op(side_effect=True), "store": _op(side_effect=True),
    "load64": _op(side_effect=True), "store64": _op(side_effect=True),
    "ldraw": _op(), "straw": _op(side_effect=True),
    "memsize": _op(), "memgrow": _op(clobbers=True, side_effect=True),
    "memcopy": _op(clobbers=True, side_effect=True), "memfill": _op(clobbers=True, side_effect=True),
    "meminit": _op(clobbers=True, side_effect=True),
    # calls and checks
    "call": _op(clobbers=True, side_effect=True),
    "callptr": _op(clobbers=True, side_effect=True),
    "trapif": _op(side_effect=True), "trapifi": _op(side_effect=True),
    # terminators
    "jump": _op(**_T, succ=lambda imm: (imm,)),
    "brnz": _op(**_T, succ=lambda imm: imm),
    "brcmp": _op(**_T, succ=lambda imm: imm[1:]),
    "brcmpi": _op(**_T, succ=lambda imm: imm[2:]),
    "brcmp64": _op(**_T, succ=lambda imm: imm[1:]),
    "brfcmp": _op(**_T, succ=lambda imm: imm[3:]),
    "brtable": _op(**_T, succ=lambda imm: tuple(dict.fromkeys((*imm[0], imm[1])))),
    "ret": _op(**_T),
    "trap": _op(**_T),
}
