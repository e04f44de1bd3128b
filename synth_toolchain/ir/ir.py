"""The middle IR: a control-flow graph of 32-bit virtual-register instructions.

Lowering legalises WebAssembly to this form: every i32 is one vreg, every i64
a (lo, hi) pair of vregs, so the back end only ever sees 32-bit values.  The
IR is not SSA: a promoted wasm local is one vreg assigned many times.

An instruction names its IR opcode, the vregs it defines and uses, and an
immediate of the class its opcode declares (`OPS`, ir/imm.py).  Terminators end
every block; block order is layout order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .calls import CallSig
from .imm import (BRANCHES, Branch, BranchTable, CondTrap, Compare, Constant, DataSegment,
                  DivisorFacts, FloatBranch, FloatCompare, FloatOp, FloatTrunc, FrameSlot, Jump,
                  MemAccess, Memories, RawAccess, Shift, ShiftedOperand, Symbol, TrapCode)


@dataclass(slots=True)
class Inst:
    op: str
    defs: tuple[int, ...] = ()
    uses: tuple[int, ...] = ()
    imm: Any = None
    # the wasm code offset of the instruction lowered into this one (-1: none known,
    # e.g. made by a pass); read only for debug information (debuginfo/)
    loc: int = field(default=-1, compare=False, repr=False)


@dataclass(slots=True)
class Block:
    id: int
    insts: list[Inst] = field(default_factory=list)
    term: Inst | None = None

    def successors(self) -> list[int]:
        t = self.term
        if t is None or not isinstance(t.imm, BRANCHES):
            return []
        return list(t.imm.successors())


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
    # wasm offsets of the tail calls lowered to a call and a return: their callee
    # takes more stack-argument bytes than this function's caller gave it (docs/abi.md)
    calls_for_tail_calls: list[int] = field(default_factory=list)

    def new_vreg(self) -> int:
        v = self.num_vregs
        self.num_vregs += 1
        return v


# ---------------------------------------------------------------------------
# The opcode table.  `imm` is the class of the op's immediate (ir/imm.py;
# None: the op takes none).  `clobbers` marks "fixed" ops whose operands
# travel in r0-r3 and that destroy the caller-saved registers (calls, and the
# i64 sequences written for that register environment); `early_def` marks ops
# whose handler writes a result before it has read every operand, so the
# allocator must not give a result the register of an operand.  `float_op`
# marks the VFP ops: their f64 operands and results are (lo, hi) word pairs
# (imm.double), and their operands make a vreg worth an S register.
# `low_first` marks the 64-bit add/sub: the handler writes the low result
# after reading the low operands and before the high ones (adds, then adc),
# so only the low result must keep off the high operands' registers
# (`high_operands`); a result may take any other operand's register.
# `accumulates` marks ops whose results are their last operands updated in
# place (umlal): the defs name the same vregs as those uses, and a pass that
# renames one must rename the other (ir/webs.py).
# `sets_zero_flag`: the op's flag-setting form leaves Z = (result == 0), so a
# following eq/ne test against zero needs no compare (MULS has no 32-bit
# encoding, so mul is not one).

@dataclass(frozen=True, slots=True)
class OpInfo:
    imm: type | None = None
    clobbers: bool = False
    early_def: bool = False
    terminator: bool = False
    side_effect: bool = False
    float_op: bool = False
    sets_zero_flag: bool = False
    accumulates: bool = False
    low_first: bool = False


def _op(imm: type | None = None, **kw) -> OpInfo:
    return OpInfo(imm, **kw)


_T = dict(terminator=True, side_effect=True)
_Z = dict(sets_zero_flag=True)
_F = dict(float_op=True)

def high_operands(ins: Inst) -> tuple[int, ...]:
    """The operands a `low_first` op reads after writing its low result: the
    high words (al, ah, bl, bh → ah, bh; add64k's al, ah, bl → ah)."""
    return ins.uses[1::2]


# the data-processing ops whose second operand may be a register shifted or
# rotated by a constant in passing: `addsh`, `addrot`, … (`OPS`)
SHIFTED_OPERAND_OPS = ("add", "sub", "rsb", "and", "or", "xor", "bic", "orn")
OPS: dict[str, OpInfo] = {
    # moves and constants
    "mov": _op(), "const": _op(Constant), "symaddr": _op(Symbol),
    "ldslot": _op(FrameSlot), "stslot": _op(FrameSlot, side_effect=True),
    # 32-bit ALU: d = a OP b ; the "i" forms take b as imm
    **{name: _op(**_Z) for name in ("add", "sub", "and", "or", "xor")},
    "bic": _op(**_Z), "orn": _op(**_Z),                     # d = a & ~b, d = a | ~b
    **{name: _op() for name in ("mul", "shl", "shr_u", "shr_s", "rotr",
                                "clz", "ctz", "sxtb", "sxth", "neg")},
    "addi": _op(Constant, **_Z), "subi": _op(Constant, **_Z),
    **{name: _op(Constant) for name in ("rsbi", "andi", "ori", "xori")},
    **{name: _op(Shift) for name in ("shli", "shri_u", "shri_s", "rotri")},
    "rotl": _op(), "popcnt": _op(),
    # d = a OP (x SHIFT k), d = a OP rotr(x, k); rsb: d = (x SHIFT k) - a; bic, orn:
    # d = a & ~(x SHIFT k), d = a | ~(x SHIFT k) (ir/combine.py)
    **{op + "sh": _op(ShiftedOperand, **_Z) for op in SHIFTED_OPERAND_OPS},
    **{op + "rot": _op(Shift, **_Z) for op in SHIFTED_OPERAND_OPS},
    "div_s": _op(DivisorFacts, side_effect=True), "div_u": _op(DivisorFacts, side_effect=True),
    "rem_s": _op(DivisorFacts, early_def=True, side_effect=True),
    "rem_u": _op(DivisorFacts, early_def=True, side_effect=True),
    "setcc": _op(Compare), "setcci": _op(Compare), "selcc": _op(Compare),
    # d = x + (a cond b), d = x + (a cond k): a count of matches (ir/combine.py)
    "addcc": _op(Compare), "addcci": _op(Compare),
    # 64-bit pair ALU
    "add64": _op(low_first=True), "sub64": _op(low_first=True),
    "add64k": _op(Constant, low_first=True), "sub64k": _op(Constant, low_first=True),
    "setcc64": _op(Compare),
    # d… = (a_lo, a_hi) cond (b_lo, b_hi) ? x… : y…, one or two words d selected on
    # one 64-bit compare: uses a_lo a_hi b_lo b_hi x… y… (ir/combine.py)
    "selcc64": _op(Compare),
    # widening multiplies (d_lo, d_hi) = a * b of 32-bit words, d = a * b + c, d = c - a * b;
    # mul64 (d_lo, d_hi) = (a_lo, a_hi) * (b_lo, b_hi) becomes them in ir/combine.py
    "mulw_u": _op(), "mulw_s": _op(), "mla": _op(), "mls": _op(), "mul64": _op(),
    # (acc_lo, acc_hi) += a * b widened, in place: uses a, b, acc_lo, acc_hi (umlal, smlal)
    "mlal_u": _op(accumulates=True), "mlal_s": _op(accumulates=True),
    # d = a * b and d = a * b + c of the low halfwords of a and b, signed (DSP cores only)
    "mul16": _op(), "mla16": _op(),
    "shl64": _op(clobbers=True), "shr_u64": _op(clobbers=True),
    "shr_s64": _op(clobbers=True), "rotl64": _op(clobbers=True), "rotr64": _op(clobbers=True),
    "div_s64": _op(clobbers=True, side_effect=True), "div_u64": _op(clobbers=True, side_effect=True),
    "rem_s64": _op(clobbers=True, side_effect=True), "rem_u64": _op(clobbers=True, side_effect=True),
    # hardware float (operands and results are core words; see ir/hardfloat.py)
    "fbin": _op(FloatOp, **_F), "fun": _op(FloatOp, **_F), "fminmax": _op(FloatOp, **_F),
    "fsetcc": _op(FloatCompare, **_F), "fcvt": _op(FloatOp, **_F),
    "ftrunc": _op(FloatTrunc, side_effect=True, **_F),
    # linear memory (bounds-checked per options) and raw machine memory
    "load": _op(MemAccess, side_effect=True), "store": _op(MemAccess, side_effect=True),
    "load64": _op(MemAccess, side_effect=True), "store64": _op(MemAccess, side_effect=True),
    "ldraw": _op(RawAccess), "straw": _op(RawAccess, side_effect=True),
    "memsize": _op(Memories), "memgrow": _op(Memories, clobbers=True, side_effect=True),
    "memcopy": _op(Memories, clobbers=True, side_effect=True),
    "memfill": _op(Memories, clobbers=True, side_effect=True),
    "meminit": _op(DataSegment, clobbers=True, side_effect=True),
    # calls and checks
    "call": _op(CallSig, clobbers=True, side_effect=True),
    "callptr": _op(CallSig, clobbers=True, side_effect=True),
    "trapif": _op(CondTrap, side_effect=True), "trapifi": _op(CondTrap, side_effect=True),
    # ARMv8.1-M low-overhead loops (arm/lowoverhead.py, the last pass): loopstart c
    # starts a loop of c iterations (dls); loopend.ne -> bH, bX goes back to bH while
    # iterations remain (le)
    "loopstart": _op(side_effect=True),
    "loopend": _op(Branch, **_T),
    # terminators
    "jump": _op(Jump, **_T),
    "brcmp": _op(Branch, **_T), "brcmpi": _op(Branch, **_T), "brcmp64": _op(Branch, **_T),
    "brfcmp": _op(FloatBranch, **_T, **_F),
    "brtable": _op(BranchTable, **_T),
    "ret": _op(**_T),
    # tail calls: the frame is torn down, then a jump to the callee, whose results
    # are the function's (uses: [target,] [the function's sret,] arguments)
    "tailcall": _op(CallSig, clobbers=True, **_T),
    "tailcallptr": _op(CallSig, clobbers=True, **_T),
    "trap": _op(TrapCode, **_T),
}
