"""`.debug_line`: one line-number program per compile unit (DWARF 4, 6.2).

Each function is one sequence: `DW_LNE_set_address` (relocated against the
function's section), a row wherever the source position changes, and
`DW_LNE_end_sequence` at the function's end.  Only standard opcodes are
written (no special opcodes): the program stays easy to read in a dump, and
its size matters only with -g.  The first row after the prologue carries
`prologue_end`, where debuggers put a breakpoint on the function.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .encode import Blob
from .source import Position

MIN_INSTRUCTION_LENGTH = 2          # Thumb: every instruction starts on a halfword
LINE_BASE, LINE_RANGE, OPCODE_BASE = -5, 14, 13
# operands of the standard opcodes 1..12 (DWARF 4, 6.2.5.2)
STANDARD_OPCODE_LENGTHS = (0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1)

LNS_COPY, LNS_ADVANCE_PC, LNS_ADVANCE_LINE, LNS_SET_FILE, LNS_SET_COLUMN = 1, 2, 3, 4, 5
LNS_SET_PROLOGUE_END = 10
LNE_END_SEQUENCE, LNE_SET_ADDRESS = 1, 2


@dataclass(frozen=True, slots=True)
class Row:
    address: int                # offset in the function's section
    pos: Position
    prologue_end: bool = False


@dataclass(frozen=True, slots=True)
class Sequence:
    section: str                # the function's code section
    size: int
    rows: list[Row]


def write_program(b: Blob, files: list[str], sequences: list[Sequence]) -> None:
    """One line-number program: `files` (paths; file k is files[k-1]) and the rows."""
    dirs: list[str] = []
    entries = []
    for path in files:
        d, name = os.path.split(path)
        if d and d not in dirs:
            dirs.append(d)
        entries.append((name or path, dirs.index(d) + 1 if d else 0))
    with b.unit():
        b.u16(4)                                    # version
        header = Blob()
        header.u8(MIN_INSTRUCTION_LENGTH)
        header.u8(1)                                # maximum operations per instruction
        header.u8(1)                                # default is_stmt
        header.u8(LINE_BASE & 0xFF)
        header.u8(LINE_RANGE)
        header.u8(OPCODE_BASE)
        header.raw(bytes(STANDARD_OPCODE_LENGTHS))
        for d in dirs:
            header.cstr(d)
        header.u8(0)
        for name, d in entries:
            header.cstr(name)
            header.uleb(d)
            header.uleb(0)                          # modification time
            header.uleb(0)                          # length
        header.u8(0)
        b.u32(len(header))
        b.raw(bytes(header.data))
        for seq in sequences:
            _sequence(b, seq)


def _sequence(b: Blob, seq: Sequence) -> None:
    b.u8(0)                                         # extended opcode: set_address
    b.uleb(5)
    b.u8(LNE_SET_ADDRESS)
    b.ref(seq.section, 0)
    address, file, line, column = 0, 1, 1, 0
    for row in seq.rows:
        if row.address > address:
            b.u8(LNS_ADVANCE_PC)
            b.uleb((row.address - address) // MIN_INSTRUCTION_LENGTH)
            address = row.address
        if row.pos.file != file:
            b.u8(LNS_SET_FILE)
            b.uleb(row.pos.file)
            file = row.pos.file
        if row.pos.column != column:
            b.u8(LNS_SET_COLUMN)
            b.uleb(row.pos.column)
            column = row.pos.column
        if row.pos.line != line:
            b.u8(LNS_ADVANCE_LINE)
            b.sleb(row.pos.line - line)
            line = row.pos.line
        if row.prologue_end:
            b.u8(LNS_SET_PROLOGUE_END)
        b.u8(LNS_COPY)
    if seq.size > address:
        b.u8(LNS_ADVANCE_PC)
        b.uleb((seq.size - address) // MIN_INSTRUCTION_LENGTH)
    b.u8(0)
    b.uleb(1)
    b.u8(LNE_END_SEQUENCE)
