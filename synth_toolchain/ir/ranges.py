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


# a rule: the bound of an instruction's result, given the bound of any vreg
Rule = Callable[[Inst, Callable[[int], int]], int]


def _signed_narrow(limit: int) -> Rule:
    """sxtb/sxth keep a value that has its sign bit clear."""
    return lambda i, u: u(i.uses[0]) if u(i.uses[0]) <= limit else M32


# how a bound of x becomes one of x SHIFT k (an asr keeps a value with its sign bit clear)
_SHIFTS: dict[str, Callable[[int, int], int]] = {
    "lsl": lambda x, k: _cap(x << k),
    "lsr": lambda x, k: x >> k,
    "asr": lambda x, k: x >> k if x <= 0x7FFFFFFF else M32,
}


def _rotated(x: int, k: int) -> int:
    """A bound of rotr(x, k): x's bits above k move down, its low k bits to the top."""
    k &= 31
    return (_bits_of(x) >> k) | ((_bits_of(x) & ((1 << k) - 1)) << (32 - k) & M32)


# op → bound of `a OP b` from the bounds of a and b: the plain ops and the ones
# whose b is shifted or rotated in passing (`addsh`, `xorrot`, …).  sub, rsb and
# orn have none: without a lower bound of a (or b) their result can wrap anywhere.
_COMBINE: dict[str, Callable[[int, int], int]] = {
    "add": lambda a, b: _cap(a + b),
    "and": min,
    "or": lambda a, b: _bits_of(max(a, b)),
    "xor": lambda a, b: _bits_of(max(a, b)),
    "bic": lambda a, b: a,                  # a & ~b
}


def _plain(combine: Callable[[int, int], int]) -> Rule:
    return lambda i, u: combine(u(i.uses[0]), u(i.uses[1]))


def _with_shifted(combine: Callable[[int, int], int]) -> Rule:
    return lambda i, u: combine(u(i.uses[0]),
                                _SHIFTS[i.imm.shift](u(i.uses[1]), i.imm.amount & 31))


def _with_rotated(combine: Callable[[int, int], int]) -> Rule:
    return lambda i, u: combine(u(i.uses[0]), _rotated(u(i.uses[1]), i.imm.amount))


def _shift_by_imm(shift: str) -> Rule:
    return lambda i, u: _SHIFTS[shift](u(i.uses[0]), i.imm.amount & 31)


def _halfword_product(i: Inst, u: Callable[[int], int]) -> int:
    """mul16/mla16 multiply the low halfwords, signed: a product of factors
    below 2^15 is the plain one (and not negative)."""
    a, b = u(i.uses[0]), u(i.uses[1])
    return a * b if a <= 0x7FFF and b <= 0x7FFF else M32


# op → bound of its single result, given the instruction and the bound of a vreg
UPPER_RULES: dict[str, Rule] = {
    "const": lambda i, u: i.imm.value & M32,
    "mov": lambda i, u: u(i.uses[0]),
    **{op: _plain(f) for op, f in _COMBINE.items()},
    **{op + "sh": _with_shifted(f) for op, f in _COMBINE.items()},
    **{op + "rot": _with_rotated(f) for op, f in _COMBINE.items()},
    "andi": lambda i, u: min(u(i.uses[0]), i.imm.value & M32),
    "ori": lambda i, u: _bits_of(max(u(i.uses[0]), i.imm.value & M32)),
    "xori": lambda i, u: _bits_of(max(u(i.uses[0]), i.imm.value & M32)),
    "addi": lambda i, u: _cap(u(i.uses[0]) + (i.imm.value & M32)),
    "mul": lambda i, u: _cap(u(i.uses[0]) * u(i.uses[1])),
    "mla": lambda i, u: _cap(u(i.uses[0]) * u(i.uses[1]) + u(i.uses[2])),   # a * b + c
    "mul16": _halfword_product,
    "mla16": lambda i, u: _cap(_halfword_product(i, u) + u(i.uses[2])),
    "shli": _shift_by_imm("lsl"), "shri_u": _shift_by_imm("lsr"), "shri_s": _shift_by_imm("asr"),
    "shr_u": lambda i, u: u(i.uses[0]),
    "sxtb": _signed_narrow(0x7F),
    "sxth": _signed_narrow(0x7FFF),
    "div_u": lambda i, u: u(i.uses[0]),
    "rem_u": lambda i, u: min(u(i.uses[0]), max(u(i.uses[1]), 1) - 1),
    "clz": lambda i, u: 32, "ctz": lambda i, u: 32, "popcnt": lambda i, u: 32,
    "setcc": lambda i, u: 1, "setcci": lambda i, u: 1, "fsetcc": lambda i, u: 1,
    "setcc64": lambda i, u: 1,
    "load": lambda i, u: {"b": 0xFF, "h": 0xFFFF}.get(i.imm.kind, M32),
}
ANY_MEMORY_PAGES = (1 << 32) - 1          # memory.size of a memory of 1-byte pages: the most


def upper_bounds(fn: IRFunction, memory_pages: Callable[[int], int] = lambda k: ANY_MEMORY_PAGES
                 ) -> Callable[[int], int]:
    """A function giving the unsigned upper bound of a vreg's value anywhere it is used.
    `memory_pages(k)`: the most pages memory.size of memory k can count
    (MemType.max_pages: 65536 of 64 KiB, 2^32 - 1 of 1 byte: PassContext.max_pages)."""
    count: dict[int, int] = {v: 2 for v in fn.params}   # parameters: unknown
    single: dict[int, Inst] = {}
    for b in fn.blocks:
        for ins in b.insts:
            for d in ins.defs:
                count[d] = count.get(d, 0) + 1
                single[d] = ins
    return _UpperBound(count, single, memory_pages)


class _UpperBound:
    """upper_bounds' function: an object, not a closure that calls itself, since
    such a closure is a reference cycle that keeps the function's dropped
    instructions alive until the collector's next full pass."""
    __slots__ = ("count", "single", "memo", "memory_pages")

    def __init__(self, count: dict[int, int], single: dict[int, Inst],
                 memory_pages: Callable[[int], int]) -> None:
        self.count, self.single, self.memory_pages = count, single, memory_pages
        self.memo: dict[int, int] = {}

    def __call__(self, v: int, depth: int = 0) -> int:
        memo = self.memo
        known = memo.get(v)
        if known is not None:
            return known
        ins = self.single.get(v)
        if ins is not None and ins.op == "memsize" and self.count[v] == 1:
            return self.memory_pages(ins.imm.memory)
        rule = UPPER_RULES.get(ins.op) if ins is not None else None
        if rule is None or self.count[v] != 1 or len(ins.defs) != 1 or depth > _MAX_DEPTH:
            return M32
        memo[v] = M32                    # a cycle through v stays unbounded
        memo[v] = out = rule(ins, lambda w: self(w, depth + 1))
        return out
