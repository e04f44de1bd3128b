"""Debug information for a compiled module (-g): DWARF 4 in the object.

    .debug_line   every instruction of a wasm function → its source position: the
                  C (or other) line of the module's own DWARF, translated from
                  wasm code offsets to the function's Thumb code; without DWARF,
                  the module's text LINE:COL or its byte offset (source.py, lines.py)
    .debug_frame  CFI for every function of the object, runtime included (frames.py)
    .debug_info   a compile unit per input compile unit, with a subprogram per
                  function it describes (its source name), and one for the rest
                  of the object (symbols); .debug_abbrev, .debug_ranges (info.py)

The code carries its source positions already: every IR instruction records
the wasm instruction it came from (`Inst.loc`, set by lowering), and every
emitted item records the IR instruction that produced it (`Span.origin`).
Nothing here runs without -g, and nothing here changes the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import __version__
from ..arm.codebuffer import Code
from ..arm.emit import PROLOGUE
from ..compile import CompiledModule
from ..elf.objfile import Section
from ..ir.ir import Inst
from .encode import Blob
from .frames import frame_states, write_cie, write_fde
from .info import (CFA_LOCATION, CODE_SUBPROGRAM, COMPILE_UNIT, SOURCE_SUBPROGRAM, Die, Ref,
                   write_abbrevs, write_ranges, write_unit)
from .lines import Row, Sequence, write_program
from .source import ModuleSource, Position

ABBREV, INFO, RANGES, LINE, FRAME = (".debug_abbrev", ".debug_info", ".debug_ranges",
                                     ".debug_line", ".debug_frame")


@dataclass
class _Unit:
    subprograms: list[Die] = field(default_factory=list)
    sequences: list[Sequence] = field(default_factory=list)
    spans: list[tuple[str, int]] = field(default_factory=list)


def add_debug_info(compiled: CompiledModule, path: str) -> None:
    """Add the .debug_* sections describing `compiled.obj` (a `CompiledModule` of
    the module at `path`); a warning when the module's own DWARF is unusable."""
    obj, module, layout = compiled.obj, compiled.module, compiled.layout
    source = ModuleSource(module, path)
    if source.warning:
        compiled.warnings.append(source.warning)
    results = {r.symbol: r for r in compiled.functions}
    external = {s.section for s in obj.symbols if s.binding != "local" and s.kind == "func"}
    units: dict[int, _Unit] = {}
    frame = Blob()
    write_cie(frame)
    # a weak default (synth_trap) is replaced and dropped in most images: its DWARF
    # would be left at address 0
    weak = {s.section for s in obj.symbols if s.binding == "weak"}
    for sec in [s for s in obj.sections if s.kind == "text" and s.name not in weak]:
        size = len(sec.data)
        write_fde(frame, FRAME, sec.name, size, frame_states(sec.data, sec.mapping))
        result = results.get(sec.name.removeprefix(".text."))
        if result is None:
            unit = units.setdefault(source.own_unit, _Unit())
            unit.subprograms.append(Die(CODE_SUBPROGRAM, (
                sec.name.removeprefix(".text."), sec.name in external, Ref(sec.name), size,
                CFA_LOCATION)))
        else:
            body = module.functions[result.funcidx - layout.nimported].offset
            k = source.unit_of(body)
            unit = units.setdefault(k, _Unit())
            sub = source.subprogram(k, body)
            if sub is not None and sub.decl_file:
                unit.subprograms.append(Die(SOURCE_SUBPROGRAM, (
                    sub.name, sub.decl_file, sub.decl_line, sub.external, Ref(sec.name), size,
                    CFA_LOCATION)))
            elif sub is not None:           # its declaration names no file of the table
                unit.subprograms.append(Die(CODE_SUBPROGRAM, (
                    sub.name, sub.external, Ref(sec.name), size, CFA_LOCATION)))
            else:
                unit.subprograms.append(Die(CODE_SUBPROGRAM, (
                    result.symbol, sec.name in external, Ref(sec.name), size, CFA_LOCATION)))
            unit.sequences.append(Sequence(sec.name, size,
                                           _rows(result.code, body, source, k)))
        unit.spans.append((sec.name, size))
    abbrev, info, ranges, line = Blob(), Blob(), Blob(), Blob()
    write_abbrevs(abbrev)
    for k in sorted(units):
        u, src = units[k], source.units[k]
        stmt = len(line)
        write_program(line, src.files, u.sequences)
        producer = src.producer if k != source.own_unit else f"synth {__version__}"
        root = Die(COMPILE_UNIT, (producer, src.language, src.name, src.comp_dir,
                                  Ref(LINE, stmt), 0, Ref(RANGES, write_ranges(ranges, u.spans))),
                   u.subprograms)
        write_unit(info, ABBREV, root)
    for name, blob in ((ABBREV, abbrev), (INFO, info), (RANGES, ranges), (LINE, line),
                       (FRAME, frame)):
        obj.sections.append(Section(name, "debug", bytes(blob.data), align=1,
                                    relocs=blob.relocs))


def _rows(code: Code, body: int, source: ModuleSource, unit: int) -> list[Row]:
    """A row wherever the source position of the code changes.  The prologue is
    the function's start; what no IR instruction made (epilogue, trap exits,
    literals) and what has no position keeps the position before it.  The body
    starts (`prologue_end`) at the first instruction of the wasm code the
    module's DWARF says is past its own prologue, else at the first of the IR."""
    rows: list[Row] = []
    loc, last = body, None
    in_body = False
    first = source.body_start(unit, body) or -1
    for span in code.spans:
        origin = span.origin
        if isinstance(origin, Inst):
            loc = origin.loc if origin.loc >= 0 else loc
        elif origin is PROLOGUE:
            loc = body
        pos: Position | None = source.position(unit, loc) or last
        starts_body = isinstance(origin, Inst) and loc >= first and not in_body
        in_body = in_body or starts_body
        if pos is not None and (pos != last or starts_body):
            rows.append(Row(span.offset, pos, starts_body and span.offset > 0))
            last = pos
    return rows
