"""Frame layout and AAPCS argument placement.

    sp → [outgoing stack arguments][multi-value result area]
         [spill slots][local slots][padding]
         [saved registers, lr last]            ← pushed by the prologue
         [incoming stack arguments]
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ArgLoc:
    reg: int | None          # core register, or None if on the stack
    stack: int | None        # byte offset in the stack-argument area


def aapcs_layout(word_groups: list[int], first_reg: int = 0) -> tuple[list[list[ArgLoc]], int]:
    """Place arguments (1 or 2 words each) per AAPCS base standard.

    64-bit values take an even register pair or an 8-aligned stack slot; once
    an argument spills to the stack no later argument uses a register.
    Returns per-argument word locations and the stack bytes used.
    """
    ncrn, nsaa = first_reg, 0
    out: list[list[ArgLoc]] = []
    for w in word_groups:
        if w == 2 and ncrn % 2:
            ncrn += 1
        if ncrn + w <= 4:
            out.append([ArgLoc(ncrn + k, None) for k in range(w)])
            ncrn += w
        else:
            ncrn = 4
            if w == 2 and nsaa % 8:
                nsaa += 4
            out.append([ArgLoc(None, nsaa + 4 * k) for k in range(w)])
            nsaa += 4 * w
    return out, nsaa


def struct_layout(word_groups: list[int]) -> tuple[list[int], int]:
    """Field offsets of the C struct returning several results (8-aligned i64)."""
    offs, off = [], 0
    for w in word_groups:
        if w == 2 and off % 8:
            off += 4
        offs.append(off)
        off += 4 * w
    return offs, (off + 7) & ~7


@dataclass(slots=True)
class Frame:
    out_args: int           # bytes
    sret_area: int          # bytes
    spill_slots: int        # count
    local_slots: int        # count
    saved: list[int]        # pushed registers (ascending, lr included)

    @property
    def sret_base(self) -> int:
        return self.out_args

    @property
    def spill_base(self) -> int:
        return self.out_args + self.sret_area

    @property
    def local_base(self) -> int:
        return self.spill_base + 4 * self.spill_slots

    @property
    def size(self) -> int:
        raw = self.local_base + 4 * self.local_slots
        pushed = 4 * len(self.saved)
        return raw + (-(raw + pushed) % 8)

    @property
    def incoming_base(self) -> int:
        return self.size + 4 * len(self.saved)
