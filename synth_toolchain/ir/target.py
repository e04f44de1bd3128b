"""What lowering asks of the target, so that ir/ imports nothing from arm/.

Lowering keeps a constant as an instruction immediate or puts it in a vreg
(built once per block, hoisted out of loops), and gives a function with
several results a hidden struct pointer; both depend on the instruction set
and the ABI.  The back end answers with an instance (arm/lowering_target.py)
that the caller of `lower_function` passes in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True, slots=True)
class LoweringTarget:
    # k is an immediate of add/sub/and/or/xor (as it is, negated or inverted)
    alu_immediate: Callable[[int], bool]
    # `x cond k` is one compare with an immediate
    compare_immediate: Callable[[int], bool]
    # the bounds check `addr > limit` is one compare with an immediate
    bounds_limit_immediate: Callable[[int], bool]
    # (result kinds, AAPCS-VFP) -> results travel in a caller-allocated struct
    returns_in_memory: Callable[[str, bool], bool]
    # (param kinds, result kinds, AAPCS-VFP) -> bytes of stack arguments of that signature
    stack_argument_bytes: Callable[[str, str, bool], int]
