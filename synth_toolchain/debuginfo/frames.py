"""`.debug_frame`: how to find the caller's frame at every instruction of every function.

Read from the finished code (capstone), not from what produced it, so the
runtime routines written directly with the assembler get CFI too.  The walk
goes in address order with the frame state (CFA = sp + depth; where each
saved register lies): pushes, `sub sp` and vpushes deepen it and record the
registers, pops, vpops and `add sp` undo it.  After a return (`pop {…, pc}`,
`bx lr`) or an unconditional branch (a tail call's `b.w` or `bx rN` too) the
next instruction is not reached from the one before: it gets the state of a
branch seen earlier that targets it, else the state before the run of
frame-undoing instructions that led to the return (an epilogue undoes the
frame the rest of the function still has).
Each change becomes CFA instructions at the address after the instruction.
A leaf function's trap exit (`bl synth_trap` with lr not saved) loses the
return address: from that `bl` on, lr is "undefined" and a backtrace ends
there instead of looping.

The CIE says: CFA = sp + 0, return address in lr (r14), code alignment 2
(Thumb), data alignment -4.  DWARF register numbers (ARM DWARF ABI): r0-r15
are 0-15, s0-s31 64-95, d0-d31 256-287.
"""

from __future__ import annotations

from dataclasses import dataclass

from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs
from capstone import arm as csarm

from ..arm.lowoverhead import instructions

from .encode import Blob

_CS = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
_CS.detail = True

SP, LR = 13, 14
CODE_ALIGN, DATA_ALIGN = 2, -4

# DW_CFA_* (DWARF 4, 6.4.2)
CFA_ADVANCE_LOC, CFA_OFFSET, CFA_RESTORE = 0x40, 0x80, 0xC0
CFA_ADVANCE_LOC1, CFA_ADVANCE_LOC2, CFA_ADVANCE_LOC4 = 0x02, 0x03, 0x04
CFA_OFFSET_EXTENDED, CFA_RESTORE_EXTENDED = 0x05, 0x06
CFA_UNDEFINED, CFA_DEF_CFA, CFA_DEF_CFA_OFFSET, CFA_NOP = 0x07, 0x0C, 0x0E, 0x00

_CORE = {**{f"r{i}": i for i in range(13)}, "sb": 9, "sl": 10, "fp": 11, "ip": 12,
         "sp": 13, "lr": 14, "pc": 15}


def dwarf_reg(name: str) -> int:
    if name in _CORE:
        return _CORE[name]
    base = {"s": 64, "d": 256}[name[0]]
    return base + int(name[1:])


@dataclass(frozen=True, slots=True)
class FrameState:
    depth: int = 0                                  # CFA = sp + depth
    saved: tuple[tuple[int, int], ...] = ()         # (DWARF register, offset from the CFA)
    # a `bl` with lr not saved: the return address is gone (a leaf function's trap
    # exit, which never returns); the unwinder is told, instead of reading lr
    lost_return: bool = False


_ENTRY = FrameState()


def _reg_names(ins) -> list[str]:
    return [ins.reg_name(op.reg) for op in ins.operands if op.type == csarm.ARM_OP_REG]


def _sp_mem(ins, disp: int) -> bool:
    """`str rt, [sp, #-4]!` / `ldr rt, [sp], #4`: a one-register push or pop."""
    ops = ins.operands
    return (ins.writeback and len(ops) >= 2 and ops[1].type == csarm.ARM_OP_MEM
            and ins.reg_name(ops[1].mem.base) == "sp"
            and (ops[1].mem.disp == disp or (len(ops) == 3 and ops[2].imm == -disp)))


def _pushed(state: FrameState, regs: list[str], width: int) -> FrameState:
    depth = state.depth + width * len(regs)
    have = dict(state.saved)
    for i, r in enumerate(regs):
        have.setdefault(dwarf_reg(r), -depth + width * i)
    return FrameState(depth, tuple(sorted(have.items())))


def _popped(state: FrameState, regs: list[str], width: int) -> FrameState:
    gone = {dwarf_reg(r) for r in regs}
    return FrameState(state.depth - width * len(regs),
                      tuple((r, o) for r, o in state.saved if r not in gone))


def _effect(ins, consts: dict[str, int], state: FrameState):
    """(the state after `ins`, whether it returns) — or None when `ins` leaves
    the frame alone."""
    m = ins.mnemonic.split(".")[0]
    if m in ("push", "vpush", "pop", "vpop"):
        regs = _reg_names(ins)
        width = 8 if regs and regs[0][0] == "d" else 4
        if m in ("push", "vpush"):
            return _pushed(state, regs, width), False
        if "pc" in regs:
            return state, True
        return _popped(state, regs, width), False
    if m == "str" and _sp_mem(ins, -4):
        return _pushed(state, _reg_names(ins)[:1], 4), False
    if m == "ldr" and _sp_mem(ins, 4):
        regs = _reg_names(ins)[:1]
        return (state, True) if regs == ["pc"] else (_popped(state, regs, 4), False)
    if m == "bx" and _reg_names(ins) == ["lr"]:
        return state, True
    ops = ins.operands
    if m in ("sub", "subw", "add", "addw") and ops and ops[0].type == csarm.ARM_OP_REG \
            and ins.reg_name(ops[0].reg) == "sp":
        last = ops[-1]
        amount = last.imm if last.type == csarm.ARM_OP_IMM else consts.get(
            ins.reg_name(last.reg), 0)
        delta = amount if m.startswith("sub") else -amount
        return FrameState(state.depth + delta, state.saved), False
    return None


def _track_constant(ins, consts: dict[str, int]) -> None:
    """movw/movt/mov of constants (a large frame: `movw ip, #n; sub sp, sp, ip`)."""
    m = ins.mnemonic.split(".")[0]
    ops = ins.operands
    names = _reg_names(ins)
    if m in ("movw", "mov") and len(ops) == 2 and ops[1].type == csarm.ARM_OP_IMM:
        consts[names[0]] = ops[1].imm & 0xFFFFFFFF
    elif m == "movt" and names and names[0] in consts:
        consts[names[0]] = (consts[names[0]] & 0xFFFF) | ((ops[1].imm & 0xFFFF) << 16)
    else:
        for r in names[:1]:
            consts.pop(r, None)


_BRANCHES = {"b", "cbz", "cbnz"} | {"b" + c for c in (
    "eq", "ne", "hs", "cs", "lo", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le")}


def _unconditional(ins) -> bool:
    return ins.cc in (csarm.ARM_CC_AL, csarm.ARM_CC_INVALID)


def _calls(ins) -> bool:
    return ins.mnemonic.split(".")[0] in ("bl", "blx")


def _branch_target(ins) -> int | None:
    if ins.mnemonic.split(".")[0] in _BRANCHES:
        last = ins.operands[-1] if ins.operands else None
        if last is not None and last.type == csarm.ARM_OP_IMM:
            return last.imm
    return None


def frame_states(data: bytes, mapping: list[tuple[int, str]]) -> list[tuple[int, FrameState]]:
    """(address, the state from that address on), at each change, from address 0."""
    out = [(0, _ENTRY)]
    state, run_start = _ENTRY, None
    at_target: dict[int, FrameState] = {}
    consts: dict[str, int] = {}
    cut = False                         # the previous instruction does not fall through
    for start, end in _text_ranges(data, mapping):
        for ins in instructions(_CS, data, start, end):
            if cut:
                state = at_target.get(ins.address, run_start or state)
                run_start, cut = None, False
                if state != out[-1][1]:
                    out.append((ins.address, state))
            no_return = _calls(ins) and LR not in dict(state.saved)
            if no_return and not state.lost_return:
                # from the `bl` itself: a caller's frame is looked up at its return
                # address - 1, inside the `bl`
                state = FrameState(state.depth, state.saved, True)
                if out[-1][0] == ins.address:
                    out[-1] = (ins.address, state)
                else:
                    out.append((ins.address, state))
            effect = _effect(ins, consts, state)
            _track_constant(ins, consts)
            target = _branch_target(ins)
            if target is not None and target > ins.address:
                at_target.setdefault(target, state)
            if effect is None:
                run_start = None
                cut = no_return or _unconditional(ins) and (
                    target is not None and ins.mnemonic.split(".")[0] == "b"
                    or ins.mnemonic == "bx")            # a tail call through a register
                continue
            new, returns = effect
            if new.depth < state.depth and run_start is None:
                run_start = state
            elif new.depth > state.depth:
                run_start = None
            if returns:
                cut = _unconditional(ins)     # else it falls through, frame intact
                continue
            state = new
            if state != out[-1][1]:
                out.append((ins.address + ins.size, state))
    return out


def _text_ranges(data: bytes, mapping) -> list[tuple[int, int]]:
    """The [start, end) runs of instructions (mapping symbols $t), without the data ($d)."""
    marks = sorted(mapping) + [(len(data), "end")]
    return [(off, nxt) for (off, kind), (nxt, _) in zip(marks, marks[1:])
            if kind in ("t", "$t") and nxt > off]


# -- the section ---------------------------------------------------------------

def write_cie(b: Blob) -> None:
    with b.unit():
        b.u32(0xFFFFFFFF)               # CIE_id
        b.u8(1)                         # version (.debug_frame)
        b.cstr("")                      # augmentation
        b.uleb(CODE_ALIGN)
        b.sleb(DATA_ALIGN)
        b.u8(LR)                        # return address register
        b.u8(CFA_DEF_CFA)
        b.uleb(SP)
        b.uleb(0)
        b.pad(4, CFA_NOP)


def write_fde(b: Blob, frame_section: str, section: str, size: int,
              states: list[tuple[int, FrameState]]) -> None:
    """One FDE for the code of `section` (`size` bytes); the CIE at offset 0."""
    with b.unit():
        b.ref(frame_section, 0)         # CIE pointer
        b.ref(section, 0)               # initial location
        b.u32(size)
        at, prev = 0, _ENTRY
        for addr, state in states:
            if addr >= size or state == prev:
                continue
            _advance(b, (addr - at) // CODE_ALIGN)
            at = addr
            _diff(b, prev, state)
            prev = state
        b.pad(4, CFA_NOP)


def _advance(b: Blob, delta: int) -> None:
    if delta < 0x40:
        b.u8(CFA_ADVANCE_LOC | delta)
    elif delta < 0x100:
        b.u8(CFA_ADVANCE_LOC1)
        b.u8(delta)
    elif delta < 0x10000:
        b.u8(CFA_ADVANCE_LOC2)
        b.u16(delta)
    else:
        b.u8(CFA_ADVANCE_LOC4)
        b.u32(delta)


def _diff(b: Blob, old: FrameState, new: FrameState) -> None:
    if new.depth != old.depth:
        b.u8(CFA_DEF_CFA_OFFSET)
        b.uleb(new.depth)
    before, after = dict(old.saved), dict(new.saved)
    for reg, off in new.saved:
        if before.get(reg) != off:
            if reg < 0x40:
                b.u8(CFA_OFFSET | reg)
            else:
                b.u8(CFA_OFFSET_EXTENDED)
                b.uleb(reg)
            b.uleb(off // DATA_ALIGN)
    if new.lost_return != old.lost_return:
        b.u8(CFA_UNDEFINED if new.lost_return else CFA_RESTORE | LR)
        if new.lost_return:
            b.uleb(LR)
    for reg, _ in old.saved:
        if reg not in after:
            if reg < 0x40:
                b.u8(CFA_RESTORE | reg)
            else:
                b.u8(CFA_RESTORE_EXTENDED)
                b.uleb(reg)
