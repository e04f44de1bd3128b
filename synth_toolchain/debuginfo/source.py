"""Where a wasm instruction came from: the module's own DWARF, its text, or its bytes.

clang -g leaves DWARF in a module's custom sections (`.debug_info`,
`.debug_line`, …), addressing code by its offset from the start of the code
section's contents.  pyelftools reads it from those bytes.  What is kept is
what the output needs: each compile unit's names and file table, its line
rows, and the subprograms that start a function (by the code offset of the
function's body).  A module without DWARF still has positions: a text module
its LINE:COL (wasm/textmap.py), a binary one its byte offsets, written as
"lines" of the module file.

Malformed DWARF is a warning, not an error: the module compiles, and its
code is described by byte offsets.
"""

from __future__ import annotations

import bisect
import io
import os
from dataclasses import dataclass, field

from elftools.common.exceptions import DWARFError, ELFError
from elftools.construct import ConstructError
from elftools.dwarf.dwarfinfo import DebugSectionDescriptor, DWARFInfo, DwarfConfig

from ..wasm.module import Module

# custom section name → the DWARFInfo argument it fills
_SECTIONS = {".debug_info": "debug_info_sec", ".debug_abbrev": "debug_abbrev_sec",
             ".debug_str": "debug_str_sec", ".debug_line": "debug_line_sec",
             ".debug_ranges": "debug_ranges_sec", ".debug_rnglists": "debug_rnglists_sec",
             ".debug_line_str": "debug_line_str_sec", ".debug_addr": "debug_addr_sec",
             ".debug_str_offsets": "debug_str_offsets_sec", ".debug_loc": "debug_loc_sec",
             ".debug_loclists": "debug_loclists_sec", ".debug_aranges": "debug_aranges_sec"}
_ALL_ARGS = ("debug_info_sec", "debug_aranges_sec", "debug_abbrev_sec", "debug_frame_sec",
             "eh_frame_sec", "debug_str_sec", "debug_loc_sec", "debug_ranges_sec",
             "debug_line_sec", "debug_pubtypes_sec", "debug_pubnames_sec", "debug_addr_sec",
             "debug_str_offsets_sec", "debug_line_str_sec", "debug_loclists_sec",
             "debug_rnglists_sec", "debug_sup_sec", "gnu_debugaltlink_sec", "debug_types_sec")
# what a damaged section makes pyelftools raise
_BAD_DWARF = (ELFError, DWARFError, ConstructError, ValueError, LookupError, AssertionError,
              TypeError, AttributeError, ArithmeticError, RecursionError)


@dataclass(frozen=True, slots=True)
class Position:
    file: int           # index in the unit's file list (`SourceUnit.files`), from 1
    line: int
    column: int = 0


@dataclass(frozen=True, slots=True)
class Subprogram:
    name: str
    decl_file: int      # 0: unknown
    decl_line: int
    external: bool


@dataclass(slots=True)
class SourceUnit:
    """A compile unit of the input (or the module itself): names, files, subprograms."""
    name: str
    comp_dir: str
    producer: str
    language: int
    files: list[str] = field(default_factory=list)      # file 1 is files[0]; paths
    subprograms: dict[int, Subprogram] = field(default_factory=dict)   # by body code offset


@dataclass(slots=True)
class _Sequence:
    start: int
    end: int
    unit: int
    addrs: list[int]
    rows: list[Position]
    prologue_ends: list[int] = field(default_factory=list)    # rows marked prologue_end


class ModuleSource:
    """Positions of a module's instructions: `unit_of` a function, `position` of an
    instruction (file offsets in, positions in that unit's files out)."""

    def __init__(self, module: Module, path: str) -> None:
        self.module = module
        self.path = path
        self.units: list[SourceUnit] = []
        self.warning: str | None = None
        self._sequences: list[_Sequence] = []
        self._starts: list[int] = []
        dwarf = {name: data for name, data in module.customs if name in _SECTIONS}
        if ".debug_info" in dwarf and ".debug_line" in dwarf and module.code_offset is not None:
            try:
                self._read_dwarf(dwarf)
            except _BAD_DWARF as err:
                self.units, self._sequences = [], []
                self.warning = f"the module's DWARF is unreadable ({type(err).__name__}: " \
                               f"{err}); its code is described by byte offsets"[:300]
        self._sequences.sort(key=lambda s: s.start)
        self._starts = [s.start for s in self._sequences]
        # the module itself, last: functions no compile unit covers
        self.own_unit = len(self.units)
        self.units.append(SourceUnit(path, os.getcwd(), "synth", DW_LANG_MIPS_ASSEMBLER, [path]))

    # -- queries ---------------------------------------------------------------
    def _code(self, file_offset: int) -> int:
        return file_offset - (self.module.code_offset or 0)

    def _sequence(self, file_offset: int) -> _Sequence | None:
        a = self._code(file_offset)
        k = bisect.bisect_right(self._starts, a) - 1
        return self._sequences[k] if k >= 0 and a < self._sequences[k].end else None

    def unit_of(self, body_offset: int) -> int:
        """The unit describing the function whose body starts at `body_offset`."""
        for i, u in enumerate(self.units[:self.own_unit]):
            if self._code(body_offset) in u.subprograms:
                return i
        s = self._sequence(body_offset)
        return s.unit if s is not None else self.own_unit

    def subprogram(self, unit: int, body_offset: int) -> Subprogram | None:
        return self.units[unit].subprograms.get(self._code(body_offset))

    def body_start(self, unit: int, body_offset: int) -> int | None:
        """The file offset of the first row the module's DWARF marks `prologue_end`
        in the function whose body starts at `body_offset` (wasm code of its own:
        the shadow-stack pointer's set-up), if any."""
        s = self._sequence(body_offset) if unit != self.own_unit else None
        if s is None:
            return None
        start = self._code(body_offset)
        limit = min([a for a in self.units[unit].subprograms if a > start] + [s.end])
        ends = [a for a in s.prologue_ends if start <= a < limit]
        return min(ends) + (self.module.code_offset or 0) if ends else None

    def position(self, unit: int, file_offset: int) -> Position | None:
        """Where the instruction at `file_offset` came from, in `unit`'s files."""
        if unit == self.own_unit:
            text = self.module.text_map
            if text is not None:
                line, col = text.locate(file_offset)
                return Position(1, line, col)
            return Position(1, file_offset)
        s = self._sequence(file_offset)
        if s is None or s.unit != unit:
            return None
        k = bisect.bisect_right(s.addrs, self._code(file_offset)) - 1
        return s.rows[k] if k >= 0 else None

    # -- reading DWARF ---------------------------------------------------------
    def _read_dwarf(self, sections: dict[str, bytes]) -> None:
        args = dict.fromkeys(_ALL_ARGS)
        for name, data in sections.items():
            args[_SECTIONS[name]] = DebugSectionDescriptor(io.BytesIO(data), name, 0,
                                                           len(data), 0)
        info = DWARFInfo(DwarfConfig(little_endian=True, machine_arch="wasm",
                                     default_address_size=4), **args)
        for cu in info.iter_CUs():
            top = cu.get_top_DIE()
            unit = SourceUnit(_text(top, "DW_AT_name"), _text(top, "DW_AT_comp_dir"),
                              _text(top, "DW_AT_producer"),
                              top.attributes["DW_AT_language"].value
                              if "DW_AT_language" in top.attributes else 0)
            program = info.line_program_for_CU(cu)
            remap: dict[int, int] = {}
            if program is not None:
                remap = self._files(program, unit)
                self._rows(program, remap, len(self.units))
            for die in top.iter_children():
                if die.tag == "DW_TAG_subprogram" and "DW_AT_low_pc" in die.attributes:
                    sub = _subprogram(die, remap)
                    if sub is not None:
                        unit.subprograms[die.attributes["DW_AT_low_pc"].value] = sub
            self.units.append(unit)

    @staticmethod
    def _files(program, unit: SourceUnit) -> dict[int, int]:
        """Fill `unit.files` (full paths); input file index → ours (from 1)."""
        h = program.header
        v5 = h["version"] >= 5
        dirs = [_decode(d) for d in h["include_directory"]]
        remap = {}
        for k, entry in enumerate(h["file_entry"]):
            name = _decode(entry.name)
            d = entry.dir_index
            if v5:
                directory = dirs[d] if d < len(dirs) else ""
            else:
                directory = dirs[d - 1] if 0 < d <= len(dirs) else ""
            full = name if os.path.isabs(name) or not directory else os.path.join(directory, name)
            if not os.path.isabs(full) and unit.comp_dir:
                full = os.path.join(unit.comp_dir, full)
            unit.files.append(full)
            remap[k if v5 else k + 1] = len(unit.files)
        return remap

    def _rows(self, program, remap: dict[int, int], unit: int) -> None:
        addrs: list[int] = []
        rows: list[Position] = []
        prologue_ends: list[int] = []
        for entry in program.get_entries():
            st = entry.state
            if st is None:
                continue
            if st.end_sequence:
                if addrs:
                    self._sequences.append(_Sequence(addrs[0], st.address, unit, addrs, rows,
                                                     prologue_ends))
                addrs, rows, prologue_ends = [], [], []
                continue
            if st.prologue_end:
                prologue_ends.append(st.address)
            if st.file not in remap:
                continue                    # a file the header does not list
            pos = Position(remap[st.file], st.line, st.column)
            if addrs and addrs[-1] == st.address:
                rows[-1] = pos              # several rows at one address: the last holds
            else:
                addrs.append(st.address)
                rows.append(pos)


DW_LANG_MIPS_ASSEMBLER = 0x8001     # what GNU as says of its own code


def _decode(b) -> str:
    return b.decode("utf-8", "surrogateescape") if isinstance(b, bytes) else str(b)


def _text(die, attr: str) -> str:
    a = die.attributes.get(attr)
    return _decode(a.value) if a is not None else ""


def _subprogram(die, remap: dict[int, int]) -> Subprogram | None:
    """A subprogram's name and declaration, following DW_AT_specification /
    DW_AT_abstract_origin for what the DIE itself does not carry."""
    named = die
    for _ in range(4):
        if "DW_AT_name" in named.attributes:
            break
        link = next((a for a in ("DW_AT_specification", "DW_AT_abstract_origin")
                     if a in named.attributes), None)
        if link is None:
            return None
        named = named.get_DIE_from_attribute(link)
    if "DW_AT_name" not in named.attributes:
        return None
    attrs = named.attributes
    return Subprogram(_text(named, "DW_AT_name"),
                      remap.get(attrs["DW_AT_decl_file"].value, 0)
                      if "DW_AT_decl_file" in attrs else 0,
                      attrs["DW_AT_decl_line"].value if "DW_AT_decl_line" in attrs else 0,
                      bool(attrs["DW_AT_external"].value) if "DW_AT_external" in attrs
                      else False)
