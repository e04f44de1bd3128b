"""The vocabulary of the IR's text form, shared by the printer and the parser.

An instruction is one line:

    [DEFS =] OP[.SUFFIX…] [@SYMBOL[±ADDEND]] [USES][, OPERANDS] [TAIL]

    v1 = load.w v9, v14 +4112 unchecked
    trapif.gt_u v7, v8 -> out_of_bounds_memory
    brcmpi.lt_s v3, 10 -> b4, b7

`IMM_SYNTAX` says, per immediate class (ir/imm.py), how an immediate is
split into those parts (`write`) and rebuilt from a cursor over a parsed
line (`read`, see parser.py for the cursor), so the two directions of one
class sit side by side.  `ATTRIBUTES` does the same for the function fields
written between a function's header and its first block.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from ..traps import Trap
from . import conds
from .calls import CallSig
from .imm import (Branch, BranchTable, CondTrap, Compare, Constant, DataSegment, DivisorFacts,
                  FloatBranch, FloatCompare, FloatOp, FloatTrunc, FrameSlot, Jump, MemAccess,
                  Memories, RawAccess, Shift, ShiftedOperand, Symbol, TrapCode)

WORD = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*"
SYMBOL_CHARS = r"[A-Za-z0-9_.$]+"

# bytes per memory access kind (MemAccess.size, unless the text says otherwise)
ACCESS_SIZE = {"w": 4, "h": 2, "sh": 2, "b": 1, "sb": 1, "d": 8}
ACCESS_KINDS = tuple(ACCESS_SIZE)
# words per ABI kind letter (arm/frame.py)
KIND_WORDS = {"i": 1, "f": 1, "l": 2, "d": 2}
PRECISION = {"f32": False, "f64": True}
SIGNEDNESS = {"s": True, "u": False}
FLOAT_CONDS = ("eq", "ne", "lt", "le", "gt", "ge")
TRAPS = {t.name.lower(): t for t in Trap}
OPERAND_SHIFTS = ("lsl", "lsr", "asr")


def number(value: int) -> str:
    """An integer: decimal up to 0xFFFF in magnitude, hex beyond."""
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value)}" if abs(value) <= 0xFFFF else f"{sign}0x{abs(value):X}"


def offset(value: int) -> str:
    """A signed offset, `+4112` or `-4`."""
    return number(value) if value < 0 else "+" + number(value)


def name(text: str) -> str:
    """A function name: bare when it is a plain word, else a quoted string."""
    return text if re.fullmatch(WORD, text) else json.dumps(text)


def symbol(text: str, addend: int | None = None) -> str:
    """`@name`, quoted when it has unusual characters, with any addend."""
    core = text if re.fullmatch(SYMBOL_CHARS, text) else json.dumps(text)
    return "@" + core + (offset(addend) if addend else "")


def word_groups(words, kinds: str) -> str:
    """Values of a signature: `(i, l)` by ABI kind, or `(1, 2)` by words when
    the kinds are not known."""
    if kinds:
        if [KIND_WORDS.get(k) for k in kinds] != list(words):
            raise ValueError(f"ABI kinds {kinds!r} disagree with words {tuple(words)}")
        return "(" + ", ".join(kinds) + ")"
    return "(" + ", ".join(str(w) for w in words) + ")"


def blocks(*ids: int) -> str:
    return ", ".join(f"b{b}" for b in ids)


@dataclass(frozen=True, slots=True)
class Parts:
    """An immediate in text: what goes where on its instruction's line."""
    suffixes: tuple[str, ...] = ()
    symbol: str = ""                  # written text, after the op
    operands: tuple[str, ...] = ()    # after the uses, comma-separated
    tail: str = ""                    # the rest of the line


@dataclass(frozen=True, slots=True)
class ImmSyntax:
    suffixes: int                     # how many .SUFFIX parts the op carries
    symbol: bool                      # the op may be followed by @SYMBOL
    write: Callable[[Any], Parts]
    read: Callable[[Any], Any]        # a parser cursor → the immediate


def _flags(*pairs: tuple[bool, str]) -> str:
    return " ".join(text for on, text in pairs if on)


def _access_tail(a: MemAccess) -> str:
    return " ".join(filter(None, (offset(a.offset) if a.offset else "",
                                  f"size {a.size}" if a.size != ACCESS_SIZE.get(a.kind) else "",
                                  "" if a.checked else "unchecked", _memory(a.memory))))


def _memory(k: int) -> str:
    """`memory K` after an instruction on memory K; nothing for memory 0."""
    return f"memory {k}" if k else ""


def _read_memory(c) -> int:
    return c.int() if c.accept("memory") else 0


def _read_access(c) -> MemAccess:
    kind = c.suffix(0, ACCESS_KINDS)
    off = c.int() if c.at_int() else 0
    size = c.int() if c.accept("size") else ACCESS_SIZE[kind]
    checked = not c.accept("unchecked")
    return MemAccess(kind, off, size, checked, _read_memory(c))


def _read_data_segment(c) -> DataSegment:
    c.expect("data")
    index = c.int()
    return DataSegment(index, _read_memory(c))


def _read_memories(c) -> Memories:
    memory = _read_memory(c)
    return Memories(memory, c.int() if c.accept("from") else 0)


def _memories_tail(i: Memories) -> str:
    return " ".join(filter(None, (_memory(i.memory), f"from {i.source}" if i.source else "")))


def _k(k: int | None) -> tuple[str, ...]:
    return () if k is None else (number(k),)


def _read_cond_trap(c) -> CondTrap:
    cond, k = c.suffix(0, conds.CONDS), c.optional_int()
    c.expect("->")
    return CondTrap(cond, c.trap(), k)


def _read_branch(c) -> Branch:
    cond, k = c.suffix(0, conds.CONDS), c.optional_int()
    c.expect("->")
    then_block = c.block()
    c.expect(",")
    return Branch(cond, then_block, c.block(), k)


def _read_float_branch(c) -> FloatBranch:
    cond, double = c.suffix(0, FLOAT_CONDS), c.suffix(1, PRECISION)
    negate = c.accept("negate")
    c.expect("->")
    then_block = c.block()
    c.expect(",")
    return FloatBranch(cond, double, negate, then_block, c.block())


def _read_table(c) -> BranchTable:
    c.expect("->")
    c.expect("[")
    targets = []
    while not c.accept("]"):
        if targets:
            c.expect(",")
        targets.append(c.block())
    c.expect(",")
    return BranchTable(tuple(targets), c.block())


def _read_call(c) -> CallSig:
    callee, _ = c.symbol(required=False, addend=False)
    c.expect(":")
    params, param_kinds = c.word_groups()
    c.expect("->")
    results, result_kinds = c.word_groups()
    return CallSig(callee, params, results, param_kinds, result_kinds, c.accept("vfp"))


def _read_trap_code(c) -> TrapCode:
    c.expect("->")
    return TrapCode(c.trap())


def _read_keyword_int(keyword: str, cls: type) -> Callable[[Any], Any]:
    def read(c):
        c.expect(keyword)
        return cls(c.int())
    return read


_P = {True: "f64", False: "f32"}

IMM_SYNTAX: dict[type | None, ImmSyntax] = {
    None: ImmSyntax(0, False, lambda i: Parts(), lambda c: None),
    Constant: ImmSyntax(0, False, lambda i: Parts(operands=(number(i.value),)),
                        lambda c: Constant(c.int())),
    Shift: ImmSyntax(0, False, lambda i: Parts(operands=(number(i.amount),)),
                     lambda c: Shift(c.int())),
    ShiftedOperand: ImmSyntax(1, False, lambda i: Parts((i.shift,), operands=(number(i.amount),)),
                              lambda c: ShiftedOperand(c.suffix(0, OPERAND_SHIFTS), c.int())),
    FrameSlot: ImmSyntax(0, False, lambda i: Parts(operands=(f"slot {i.index}",)),
                         _read_keyword_int("slot", FrameSlot)),
    DataSegment: ImmSyntax(0, False, lambda i: Parts(operands=(f"data {i.index}",),
                                                     tail=_memory(i.memory)),
                           _read_data_segment),
    Memories: ImmSyntax(0, False, lambda i: Parts(tail=_memories_tail(i)), _read_memories),
    Symbol: ImmSyntax(0, True, lambda i: Parts(symbol=symbol(i.name, i.addend)),
                      lambda c: Symbol(*c.symbol(required=True, addend=True))),
    MemAccess: ImmSyntax(1, False, lambda i: Parts((i.kind,), tail=_access_tail(i)),
                         _read_access),
    RawAccess: ImmSyntax(1, False,
                         lambda i: Parts((i.kind,), tail=offset(i.offset) if i.offset else ""),
                         lambda c: RawAccess(c.suffix(0, ACCESS_KINDS),
                                             c.int() if c.at_int() else 0)),
    Compare: ImmSyntax(1, False, lambda i: Parts((i.cond,), operands=_k(i.k)),
                       lambda c: Compare(c.suffix(0, conds.CONDS), c.optional_int())),
    DivisorFacts: ImmSyntax(0, False,
                            lambda i: Parts(tail=_flags((i.nonzero, "nonzero"),
                                                        (i.not_minus1, "not_minus1"))),
                            lambda c: DivisorFacts(c.accept("nonzero"), c.accept("not_minus1"))),
    CondTrap: ImmSyntax(1, False, lambda i: Parts((i.cond,), operands=_k(i.k),
                                                  tail=f"-> {i.trap.name.lower()}"),
                        _read_cond_trap),
    TrapCode: ImmSyntax(0, False, lambda i: Parts(tail=f"-> {i.trap.name.lower()}"),
                        _read_trap_code),
    FloatOp: ImmSyntax(2, False, lambda i: Parts((i.op, _P[i.double])),
                       lambda c: FloatOp(c.suffix(0), c.suffix(1, PRECISION))),
    FloatTrunc: ImmSyntax(2, False, lambda i: Parts(("s" if i.signed else "u", _P[i.double])),
                          lambda c: FloatTrunc(c.suffix(0, SIGNEDNESS), c.suffix(1, PRECISION))),
    FloatCompare: ImmSyntax(2, False, lambda i: Parts((i.cond, _P[i.double]),
                                                      tail=_flags((i.negate, "negate"))),
                            lambda c: FloatCompare(c.suffix(0, FLOAT_CONDS),
                                                   c.suffix(1, PRECISION), c.accept("negate"))),
    FloatBranch: ImmSyntax(2, False, lambda i: Parts(
        (i.cond, _P[i.double]),
        tail=_flags((i.negate, "negate"), (True, "-> " + blocks(i.then_block, i.else_block)))),
        _read_float_branch),
    Jump: ImmSyntax(0, False, lambda i: Parts(operands=(f"b{i.target}",)),
                    lambda c: Jump(c.block())),
    Branch: ImmSyntax(1, False, lambda i: Parts((i.cond,), operands=_k(i.k),
                                                tail="-> " + blocks(i.then_block, i.else_block)),
                      _read_branch),
    BranchTable: ImmSyntax(0, False, lambda i: Parts(
        tail=f"-> [{blocks(*i.targets)}], b{i.default}"), _read_table),
    CallSig: ImmSyntax(0, True, lambda i: Parts(
        symbol=symbol(i.symbol) if i.symbol is not None else "",
        tail=(f": {word_groups(i.params, i.param_kinds)} -> "
              f"{word_groups(i.results, i.result_kinds)}" + (" vfp" if i.vfp else ""))),
        _read_call),
}


# -- function attributes: `NAME VALUE…` lines between the header and the
# first block, each written only when it differs from the field's default

@dataclass(frozen=True, slots=True)
class Attribute:
    name: str                                  # the IRFunction field, and the keyword
    write: Callable[[Any], str | None]         # the value's text, None to leave it out
    read: Callable[[Any], Any]                 # a parser cursor → the field's value


def _vregs(vs) -> str:
    return " ".join(f"v{v}" for v in vs)


ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("num_vregs", lambda fn: str(fn.num_vregs), lambda c: c.int()),
    Attribute("local_slots", lambda fn: str(fn.local_slots) if fn.local_slots else None,
              lambda c: c.int()),
    Attribute("promoted_locals",
              lambda fn: " ".join(map(str, fn.promoted_locals)) if fn.promoted_locals else None,
              lambda c: c.ints()),
    Attribute("local_vregs",
              lambda fn: " ".join(f"({_vregs(vs)})" for vs in fn.local_vregs)
              if fn.local_vregs else None,
              lambda c: c.vreg_tuples()),
    Attribute("vfp_abi", lambda fn: "" if fn.vfp_abi else None, lambda c: True),
    Attribute("vfp_vregs", lambda fn: _vregs(sorted(fn.vfp_vregs)) if fn.vfp_vregs else None,
              lambda c: frozenset(c.vregs())),
    Attribute("uses_memory", lambda fn: "" if fn.uses_memory else None, lambda c: True),
    Attribute("calls_for_tail_calls",
              lambda fn: " ".join(map(str, fn.calls_for_tail_calls))
              if fn.calls_for_tail_calls else None,
              lambda c: c.ints()),
)
