"""Thumb-2 and AAPCS answers to lowering's questions (ir/target.py)."""

from __future__ import annotations

from ..ir.target import LoweringTarget
from .encoding import encodable_modimm, limit_compare
from .frame import call_layout, returns_in_memory

M32 = 0xFFFFFFFF


def _alu_immediate(k: int) -> bool:
    """A constant some Thumb-2 data-processing immediate (or its negation/inverse) holds."""
    k &= M32
    return (k < 4096 or (-k & M32) < 4096 or encodable_modimm(k)
            or encodable_modimm(~k & M32) or encodable_modimm(-k & M32))


def _compare_immediate(k: int) -> bool:
    """cmp with imm8 or a modified immediate, or cmn with the negation (k: 32 bits)."""
    return k < 256 or encodable_modimm(k) or encodable_modimm(-k & M32)


def _bounds_limit_immediate(limit: int) -> bool:
    """The emitter tests `addr > limit` with one immediate compare (the one
    place that decides: encoding.limit_compare)."""
    return limit_compare(limit) is not None


def _stack_argument_bytes(params: str, results: str, vfp: bool) -> int:
    return call_layout(params, results, vfp).stack


THUMB2 = LoweringTarget(alu_immediate=_alu_immediate, compare_immediate=_compare_immediate,
                        bounds_limit_immediate=_bounds_limit_immediate,
                        returns_in_memory=returns_in_memory,
                        stack_argument_bytes=_stack_argument_bytes)
