"""Unsigned upper bounds of vreg values, from how each vreg is computed.

Why: an address that provably stays below the memory's guaranteed size needs
no bounds check.  Firmware indexes tables with masked or narrow values
(`table[(crc ^ b) & 0xFF]`, an S-box at `sbox[x & 0xFF]`, a load8_u as an
index), and a 32-bit address built from such a value plus a static base
cannot reach the end of memory, which never shrinks.

A vreg with one definition has the bound of that definition's rule below,
applied to the bounds of its operands; parameters, vregs assigned in several
places (promoted locals, loop counters) and any operation without a rule are
unbounded (2^32 - 1).  Rules are conservative over wrap-around: a sum, product
or shift that could pass 2^32 - 1 is unbounded.
"""

from __future__ import annotations

from typing import Callable

from .ir import Inst, IRFunction

M32 = 0xFFFFFFFF
_MAX_DEPTH = 64                          # a longer chain is simply unbounded


def _cap(x: int) -> int:
    return x if x <= M32 else M32


def _bits_of(x: int) -> int:
    """The largest value with no bit above x's highest bit (bound of or/xor)."""
    return (1 << x.bit_length()) - 1


def _signed_narrow(limit: int) -> Callable[[Inst, Callable[[int], int]], int]:
    """sxtb/sxth/shri_s keep a value that has its sign bit clear."""
    return lambda i, u: u(i.uses[0]) if u(i.uses[0]) <= limit else M32


# op → bound of its single result, given the instruction and the bound of a vreg
UPPER_RULES: dict[str, Callable[[Inst, Callable[[int], int]], int]] = {
    "const": lambda i, u: i.imm.value & M32,
    "mov": lambda i, u: u(i.uses[0]),
    "and": lambda i, u: min(u(i.uses[0]), u(i.uses[1])),
    "andi": lambda i, u: min(u(i.uses[0]), i.imm.value & M32),
    "or": lambda i, u: _bits_of(max(u(i.uses[0]), u(i.uses[1]))),
    "xor": lambda i, u: _bits_of(max(u(i.uses[0]), u(i.uses[1]))),
    "ori": lambda i, u: _bits_of(max(u(i.uses[0]), i.imm.value & M32)),
    "xori": lambda i, u: _bits_of(max(u(i.uses[0]), i.imm.value & M32)),
    "add": lambda i, u: _cap(u(i.uses[0]) + u(i.uses[1])),
    "addi": lambda i, u: _cap(u(i.uses[0]) + (i.imm.value & M32)),
    "addsh": lambda i, u: _cap(u(i.uses[0]) + (u(i.uses[1]) << (i.imm.amount & 31))),
    "mul": lambda i, u: _cap(u(i.uses[0]) * u(i.uses[1])),
    "shli": lambda i, u: _cap(u(i.uses[0]) << (i.imm.amount & 31)),
    "shri_u": lambda i, u: u(i.uses[0]) >> (i.imm.amount & 31),
    "shr_u": lambda i, u: u(i.uses[0]),
    "shri_s": lambda i, u: (u(i.uses[0]) >> (i.imm.amount & 31)) if u(i.uses[0]) <= 0x7FFFFFFF
    else M32,
    "sxtb": _signed_narrow(0x7F),
    "sxth": _signed_narrow(0x7FFF),
    "div_u": lambda i, u: u(i.uses[0]),
    "rem_u": lambda i, u: min(u(i.uses[0]), max(u(i.uses[1]), 1) - 1),
    "clz": lambda i, u: 32, "ctz": lambda i, u: 32, "popcnt": lambda i, u: 32,
    "setcc": lambda i, u: 1, "setcci": lambda i, u: 1, "fsetcc": lambda i, u: 1,
    "setcc64": lambda i, u: 1,
    "load": lambda i, u: {"b": 0xFF, "h": 0xFFFF}.get(i.imm.kind, M32),
    "memsize": lambda i, u: 65536,
}


def upper_bounds(fn: IRFunction) -> Callable[[int], int]:
    """A function giving the unsigned upper bound of a vreg's value anywhere it is used."""
    count: dict[int, int] = {v: 2 for v in fn.params}   # parameters: unknown
    single: dict[int, Inst] = {}
    for b in fn.blocks:
        for ins in b.insts:
            for d in ins.defs:
                count[d] = count.get(d, 0) + 1
                single[d] = ins
    memo: dict[int, int] = {}

    def bound(v: int, depth: int = 0) -> int:
        known = memo.get(v)
        if known is not None:
            return known
        ins = single.get(v)
        rule = UPPER_RULES.get(ins.op) if ins is not None else None
        if rule is None or count[v] != 1 or len(ins.defs) != 1 or depth > _MAX_DEPTH:
            return M32
        memo[v] = M32                    # a cycle through v stays unbounded
        memo[v] = out = rule(ins, lambda w: bound(w, depth + 1))
        return out

    return bound
