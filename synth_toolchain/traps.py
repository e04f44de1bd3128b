"""Trap codes: the value passed in r0 to the trap handler `synth_trap`.

The table is the single source for the emitted code, docs/abi.md, the C
header and the test harness (which maps wasmtime's trap messages onto it).
"""

from __future__ import annotations

import enum

TRAP_HANDLER = "synth_trap"
STACK_LIMIT = "synth_stack_limit"     # with --stack-check: lowest allowed sp (weak, 0 by default)


class Trap(enum.IntEnum):
    UNREACHABLE = 1
    INTEGER_OVERFLOW = 2
    INTEGER_DIVIDE_BY_ZERO = 3
    INVALID_CONVERSION = 4
    OUT_OF_BOUNDS_MEMORY = 5
    UNDEFINED_ELEMENT = 6          # call_indirect index outside the table
    UNINITIALIZED_ELEMENT = 7      # call_indirect through a null entry
    INDIRECT_CALL_TYPE_MISMATCH = 8
    STACK_EXHAUSTED = 9
    OUT_OF_BOUNDS_TABLE = 10

    @property
    def message(self) -> str:
        return _MESSAGES[self]


# The spec test suite's wording for each trap (used by `synth run` and tests).
_MESSAGES = {
    Trap.UNREACHABLE: "unreachable",
    Trap.INTEGER_OVERFLOW: "integer overflow",
    Trap.INTEGER_DIVIDE_BY_ZERO: "integer divide by zero",
    Trap.INVALID_CONVERSION: "invalid conversion to integer",
    Trap.OUT_OF_BOUNDS_MEMORY: "out of bounds memory access",
    Trap.UNDEFINED_ELEMENT: "undefined element",
    Trap.UNINITIALIZED_ELEMENT: "uninitialized element",
    Trap.INDIRECT_CALL_TYPE_MISMATCH: "indirect call type mismatch",
    Trap.STACK_EXHAUSTED: "call stack exhausted",
    Trap.OUT_OF_BOUNDS_TABLE: "out of bounds table access",
}
