"""`.debug_info`, `.debug_abbrev` and `.debug_ranges` (DWARF 4): compile units
holding one subprogram per function.

The abbreviations are a table (`ABBREVS`): a DIE is written as its
abbreviation's code and one value per attribute, each encoded by its form
(`_FORMS`).  A compile unit covers its functions' sections through
`DW_AT_ranges` (base address 0, every bound relocated) and points at its
line-number program with `DW_AT_stmt_list`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .encode import Blob

# DW_TAG_*, DW_AT_*, DW_FORM_* (DWARF 4, 7.5)
TAG_COMPILE_UNIT, TAG_SUBPROGRAM = 0x11, 0x2E
AT_NAME, AT_STMT_LIST, AT_LOW_PC, AT_HIGH_PC, AT_LANGUAGE = 0x03, 0x10, 0x11, 0x12, 0x13
AT_COMP_DIR, AT_PRODUCER, AT_DECL_FILE, AT_DECL_LINE = 0x1B, 0x25, 0x3A, 0x3B
AT_EXTERNAL, AT_FRAME_BASE, AT_RANGES = 0x3F, 0x40, 0x55
FORM_ADDR, FORM_DATA2, FORM_DATA4, FORM_STRING, FORM_FLAG = 0x01, 0x05, 0x06, 0x08, 0x0C
FORM_UDATA, FORM_SEC_OFFSET, FORM_EXPRLOC = 0x0F, 0x17, 0x18
OP_CALL_FRAME_CFA = 0x9C

COMPILE_UNIT, SOURCE_SUBPROGRAM, CODE_SUBPROGRAM = 1, 2, 3
# code → (tag, has children, ((attribute, form), ...))
ABBREVS: dict[int, tuple[int, bool, tuple[tuple[int, int], ...]]] = {
    COMPILE_UNIT: (TAG_COMPILE_UNIT, True, (
        (AT_PRODUCER, FORM_STRING), (AT_LANGUAGE, FORM_DATA2), (AT_NAME, FORM_STRING),
        (AT_COMP_DIR, FORM_STRING), (AT_STMT_LIST, FORM_SEC_OFFSET), (AT_LOW_PC, FORM_ADDR),
        (AT_RANGES, FORM_SEC_OFFSET))),
    # a function the input's DWARF describes: its source name and declaration
    SOURCE_SUBPROGRAM: (TAG_SUBPROGRAM, False, (
        (AT_NAME, FORM_STRING), (AT_DECL_FILE, FORM_UDATA),
        (AT_DECL_LINE, FORM_UDATA), (AT_EXTERNAL, FORM_FLAG), (AT_LOW_PC, FORM_ADDR),
        (AT_HIGH_PC, FORM_DATA4), (AT_FRAME_BASE, FORM_EXPRLOC))),
    # any other code: its symbol
    CODE_SUBPROGRAM: (TAG_SUBPROGRAM, False, (
        (AT_NAME, FORM_STRING), (AT_EXTERNAL, FORM_FLAG), (AT_LOW_PC, FORM_ADDR),
        (AT_HIGH_PC, FORM_DATA4), (AT_FRAME_BASE, FORM_EXPRLOC))),
}
CFA_LOCATION = bytes([OP_CALL_FRAME_CFA])       # a subprogram's frame base


@dataclass(frozen=True)
class Ref:
    """An address or section offset the linker fills in: `section` + `addend`."""
    section: str
    addend: int = 0


def _ref_or_zero(b: Blob, v) -> None:
    if isinstance(v, Ref):
        b.ref(v.section, v.addend)
    else:
        b.u32(v)


def _exprloc(b: Blob, v: bytes) -> None:
    b.uleb(len(v))
    b.raw(v)


_FORMS = {
    FORM_ADDR: _ref_or_zero, FORM_SEC_OFFSET: _ref_or_zero,
    FORM_DATA2: Blob.u16, FORM_DATA4: Blob.u32, FORM_UDATA: Blob.uleb,
    FORM_STRING: Blob.cstr, FORM_FLAG: lambda b, v: b.u8(int(bool(v))),
    FORM_EXPRLOC: _exprloc,
}


@dataclass
class Die:
    abbrev: int
    values: tuple
    children: list[Die] = field(default_factory=list)


def write_abbrevs(b: Blob) -> None:
    for code, (tag, children, attrs) in ABBREVS.items():
        b.uleb(code)
        b.uleb(tag)
        b.u8(int(children))
        for at, form in attrs:
            b.uleb(at)
            b.uleb(form)
        b.u8(0)
        b.u8(0)
    b.u8(0)


def write_unit(b: Blob, abbrev_section: str, root: Die) -> None:
    with b.unit():
        b.u16(4)                        # version
        b.ref(abbrev_section, 0)
        b.u8(4)                         # address size
        _die(b, root)


def _die(b: Blob, die: Die) -> None:
    tag, children, attrs = ABBREVS[die.abbrev]
    assert len(attrs) == len(die.values)
    b.uleb(die.abbrev)
    for (_, form), v in zip(attrs, die.values):
        _FORMS[form](b, v)
    if children:
        for c in die.children:
            _die(b, c)
        b.u8(0)


def write_ranges(b: Blob, spans: list[tuple[str, int]]) -> int:
    """A range list of whole sections ((section, size), ...); its offset."""
    at = len(b)
    for section, size in spans:
        b.ref(section, 0)
        b.ref(section, size)
    b.u32(0)
    b.u32(0)
    return at
