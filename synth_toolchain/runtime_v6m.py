"""ARMv6-M helpers for the instructions the core lacks (arm/asm_v6m.py's `_millicode`).

Convention: the caller pushes the operands (the first at the lowest address)
and calls `synth_v6m_<name>`; the helper overwrites the first words with the
results and returns with every register but lr, and the flags, unchanged
(handlers keep a carry across a long multiply: isel_alu's multiply-accumulate).
Division, the long multiply and clz call libgcc's ARMv6-M routines (linked by
`arm-none-eabi-gcc` by default); the wasm traps (division by zero, overflow)
are tested by the caller before.  Each object gets a local copy of the
helpers it uses (a few dozen bytes each).
"""

from __future__ import annotations

from .arm.asm_v6m import MILLICODE_PREFIX, V6MAssembler
from .arm.codebuffer import Code
from .arm.operands import LR, PC, SP, Cond, Imm

_SAVED = [0, 1, 2, 3, LR]         # pushed by every helper, then the flags (APSR)
_ARGS = 4 * len(_SAVED) + 4       # where the operands start

# name → (libgcc routine or None, operand words, result words, argument setup)
# setup: (destination register, operand index or a constant/sign rule)
_LIBGCC = {
    "udiv": ("__aeabi_uidiv", ((0, 0), (1, 1)), (0,)),
    "sdiv": ("__aeabi_idiv", ((0, 0), (1, 1)), (0,)),
    "clz": ("__clzsi2", ((0, 0),), (0,)),
    "umull": ("__aeabi_lmul", ((0, 0), (2, 1), (1, "zero"), (3, "zero")), (0, 1)),
    "smull": ("__aeabi_lmul", ((0, 0), (2, 1), (1, "sign0"), (3, "sign2")), (0, 1)),
}

HELPERS = tuple(_LIBGCC) + ("rbit",)


def _setup(a: V6MAssembler, reg: int, how) -> None:
    if isinstance(how, int):
        a.load("w", reg, SP, _ARGS + 4 * how)
    elif how == "zero":
        a.mov(reg, Imm(0))
    else:                                       # "sign<k>": the sign of register k
        a.asr(reg, int(how[4:]), Imm(31))


def build(name: str) -> Code:
    """The helper `synth_v6m_<name>`."""
    a = V6MAssembler()
    a.push(_SAVED)
    a.mrs_apsr(0)
    a.push([0])
    if name == "rbit":                          # r1 = r0 reversed, a bit at a time
        a.load("w", 0, SP, _ARGS)
        a.mov(1, Imm(0))
        a.mov(2, Imm(32))
        loop = a.new_label()
        a.bind(loop)
        a.lsr(0, 0, Imm(1))                     # carry = the bit shifted out
        a.adc(1, 1, 1)
        a.sub(2, 2, Imm(1))
        a.b(loop, Cond.NE)
        a.store("w", 1, SP, _ARGS)
    else:
        routine, setup, results = _LIBGCC[name]
        for reg, how in setup:
            _setup(a, reg, how)
        a.bl(routine)
        for k, reg in enumerate(results):
            a.store("w", reg, SP, _ARGS + 4 * k)
    a.pop([0])
    a.msr_apsr(0)
    a.pop([0, 1, 2, 3, PC])
    return a.finish()


def symbol(name: str) -> str:
    return MILLICODE_PREFIX + name
