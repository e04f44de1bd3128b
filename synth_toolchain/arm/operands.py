"""The operand vocabulary of the code buffer, the assembler and the emitter.

Register numbers, condition codes, immediates and shifted-register operands,
and the checks that a register operand is one an encoding accepts: both the
code buffer (arm/codebuffer.py: branches, IT blocks) and the mnemonic layer
(arm/asm.py) speak it, so it lives below both.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from ..errors import EncodingError

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


def check_reg(r, what="register") -> int:
    if not isinstance(r, int) or isinstance(r, bool) or not 0 <= r <= 15:
        raise EncodingError(f"bad {what} {r!r}")
    return r


def no_pc(*regs):
    for r in regs:
        if check_reg(r) == PC:
            raise EncodingError("PC not allowed here")


def no_sp_pc(*regs):
    for r in regs:
        if check_reg(r) in (SP, PC):
            raise EncodingError("SP/PC not allowed here")

