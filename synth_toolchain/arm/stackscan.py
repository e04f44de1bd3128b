"""How deep below its entry sp a piece of finished Thumb code takes the stack.

Read from the bytes (capstone), not from what produced them: the runtime
routines written directly with the assembler (runtime.py) have no frame
object, and the test of the emitter's `frame_bytes` needs an independent
witness.  The walk is in address order with a running depth: pushes and sp
decrements deepen it, pops and sp increments undo it, except that a return
(`pop {…, pc}`) leaves it alone, because the code after a return is reached
by a branch from before it, at the depth before it; so does a tail call's
epilogue (sp increments and pops, then an unconditional `b.w` or `bx`): the
code after it has the depth from before that run.  That is exact for the
shapes synth writes (one prologue, early returns, a bracketed `sub sp`/`add
sp` around a call); any other instruction writing sp is refused rather than
guessed at.
"""

from __future__ import annotations

from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs
from capstone import arm as csarm

from .lowoverhead import instructions

_CS = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
_CS.detail = True
_SP, _PC = csarm.ARM_REG_SP, csarm.ARM_REG_PC


class StackScanError(ValueError):
    """Code that changes sp in a way the scan does not model."""


def _regs(ins) -> list:
    return [op for op in ins.operands if op.type == csarm.ARM_OP_REG]


def _step(ins, consts: dict[int, int]) -> int | None:
    """The change of depth (bytes, deeper positive) made by `ins`; None for a return."""
    m = ins.mnemonic.split(".")[0]
    ops = ins.operands
    if m in ("push", "vpush"):
        return 4 * len(ops) * (2 if m == "vpush" and _is_double(ops) else 1)
    if m in ("pop", "vpop"):
        if any(op.type == csarm.ARM_OP_REG and op.reg == _PC for op in ops):
            return None
        return -4 * len(ops) * (2 if m == "vpop" and _is_double(ops) else 1)
    if m in ("sub", "subw", "add", "addw") and ops and ops[0].type == csarm.ARM_OP_REG \
            and ops[0].reg == _SP:
        last = ops[-1]
        if last.type == csarm.ARM_OP_IMM:
            amount = last.imm
        elif last.reg in consts:
            amount = consts[last.reg]
        else:
            raise StackScanError(f"sp changed by an unknown amount: {ins.mnemonic} {ins.op_str}")
        return amount if m.startswith("sub") else -amount
    if m in ("ldr", "str") and ins.writeback and len(ops) >= 2 and \
            ops[1].type == csarm.ARM_OP_MEM and ops[1].mem.base == _SP:
        # one register popped (`ldr lr, [sp], #4`: a tail call's epilogue) or pushed
        moved = ops[2].imm if len(ops) == 3 else ops[1].mem.disp
        if m == "ldr" and moved == 4:
            return None if ops[0].reg == _PC else -4
        if m == "str" and moved == -4:
            return 4
    _, written = ins.regs_access()
    if _SP in written:
        raise StackScanError(f"unmodelled write of sp: {ins.mnemonic} {ins.op_str}")
    return 0


def _is_double(ops) -> bool:
    return any(csarm.ARM_REG_D0 <= op.reg <= csarm.ARM_REG_D31 for op in ops
               if op.type == csarm.ARM_OP_REG)


def _track_constant(ins, consts: dict[int, int]) -> None:
    """Remember movw/movt/mov of constants (a large frame: `movw ip, #n; sub sp, sp, ip`)."""
    m = ins.mnemonic.split(".")[0]
    ops = ins.operands
    if m in ("movw", "mov") and len(ops) == 2 and ops[1].type == csarm.ARM_OP_IMM:
        consts[ops[0].reg] = ops[1].imm & 0xFFFFFFFF
        return
    if m == "movt" and ops[0].reg in consts:
        consts[ops[0].reg] = (consts[ops[0].reg] & 0xFFFF) | ((ops[1].imm & 0xFFFF) << 16)
        return
    _, written = ins.regs_access()
    for r in written:
        consts.pop(r, None)


def stack_depth(data: bytes, mapping: list[tuple[int, str]]) -> int:
    """The most bytes the code `data` (with its mapping symbols, as in `Code` or an
    object's `Section`) keeps below the sp it was entered with (see module doc)."""
    depth = deepest = 0
    undone_from = None              # the depth before the run of frame-undoing steps
    consts: dict[int, int] = {}
    for start, end in _text_ranges(data, mapping):
        for ins in instructions(_CS, data, start, end):
            step = _step(ins, consts)
            _track_constant(ins, consts)
            if step is not None and step < 0:
                undone_from = depth if undone_from is None else undone_from
            elif undone_from is not None and _is_jump(ins):
                depth = undone_from         # a tail call's epilogue: later code has the frame
                undone_from = None
                continue
            else:
                undone_from = None
            if step is not None:
                depth += step
                deepest = max(deepest, depth)
    return deepest


def _is_jump(ins) -> bool:
    """An unconditional branch away (`b.w callee`, `bx rN`): nothing falls through."""
    m = ins.mnemonic
    return m in ("b", "b.w", "bx") and ins.cc in (csarm.ARM_CC_AL, csarm.ARM_CC_INVALID)


def _text_ranges(data: bytes, mapping) -> list[tuple[int, int]]:
    """The [start, end) runs of instructions (mapping symbols $t), without the data ($d)."""
    marks = sorted(mapping) + [(len(data), "end")]
    return [(off, nxt) for (off, kind), (nxt, _) in zip(marks, marks[1:])
            if kind == "t" and nxt > off]
