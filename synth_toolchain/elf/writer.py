"""Serialise an `ObjectFile` as an ELF32 little-endian ARM relocatable object.

Every header, section header, symbol and relocation entry is built through
pyelftools' structure definitions (`ELFStructs`), so the layout is the one
pyelftools itself parses.  Output is a pure function of the input.

File layout:

    Elf32_Ehdr
    section contents, in section-header order, each at its alignment
    section header table (4-aligned)

Section header order:

    0 NULL
    for each given section: the section, then `.rel<name>` if it has relocations
    .ARM.attributes, .symtab, [.symtab_shndx], .strtab, .shstrtab

Extended section numbering (ELF gABI, "Sections" and "Symbol Table"): section
indices are 16 bits in the ELF header and in symbols, and 0xff00-0xffff are
reserved.  With 0xff00 (SHN_LORESERVE) sections or more, e_shnum is 0 and the
count is section 0's sh_size; if .shstrtab's index is reserved-range,
e_shstrndx is SHN_XINDEX and the index is section 0's sh_link; a symbol in such
a section has st_shndx SHN_XINDEX and its index in the parallel
SHT_SYMTAB_SHNDX section (.symtab_shndx, one word per symbol, 0 for the
others), which exists only then.  sh_link/sh_info are 32-bit: no escape needed.
A GNU-as object with -ffunction-sections and as many functions looks the same.
Smaller objects are unaffected.

Symbol order: null, one STT_SECTION per given section, mapping symbols
(`$t`/`$d`) by section and offset, the other locals in the given order, then
globals/weaks in the given order, then undefined symbols that relocations
reference but the symbol list did not declare (GLOBAL NOTYPE UND).

e_flags: GNU as (and so arm-none-eabi-gcc -c) writes EF_ARM_EABI_VER5 alone
(0x05000000) into relocatable objects for soft, softfp and hard float alike;
the float ABI lives in `.ARM.attributes` (Tag_ABI_VFP_args), and ld derives
EF_ARM_ABI_FLOAT_SOFT/HARD for the linked image from those attributes.  We
write exactly what gcc writes.
"""

from __future__ import annotations

from elftools.construct import Container
from elftools.elf.enums import ENUM_RELOC_TYPE_ARM
from elftools.elf.structs import ELFStructs

from .attributes import build_attributes
from .objfile import BINDINGS, SECTION_KINDS, SYMBOL_KINDS, VISIBILITIES, ObjectFile, Section

EF_ARM_EABI_VER5 = 0x05000000

SHF_WRITE = 0x1
SHF_ALLOC = 0x2
SHF_EXECINSTR = 0x4
SHF_INFO_LINK = 0x40

SHN_LORESERVE = 0xFF00      # first reserved section index
SHN_XINDEX = 0xFFFF         # "the index is elsewhere" (section 0 / .symtab_shndx)
SHT_SYMTAB_SHNDX = "SHT_SYMTAB_SHNDX"

_SECTION_FLAGS = {
    "text": SHF_ALLOC | SHF_EXECINSTR,
    "rodata": SHF_ALLOC,
    "data": SHF_ALLOC | SHF_WRITE,
    "bss": SHF_ALLOC | SHF_WRITE,
    "debug": 0,
}

_BIND = {"local": "STB_LOCAL", "global": "STB_GLOBAL", "weak": "STB_WEAK"}
_TYPE = {"func": "STT_FUNC", "object": "STT_OBJECT", "notype": "STT_NOTYPE"}
_VIS = {"default": "STV_DEFAULT", "hidden": "STV_HIDDEN"}


class _StrTab:
    """A string table with a leading NUL and exact-duplicate sharing."""

    def __init__(self) -> None:
        self.data = bytearray(b"\0")
        self.index: dict[str, int] = {"": 0}

    def add(self, s: str) -> int:
        if s not in self.index:
            self.index[s] = len(self.data)
            self.data += s.encode("utf-8") + b"\0"
        return self.index[s]


def _structs() -> ELFStructs:
    structs = ELFStructs(little_endian=True, elfclass=32)
    structs.create_basic_structs()
    structs.create_advanced_structs("ET_REL", "EM_ARM", "ELFOSABI_SYSV")
    return structs


def _reloc_type(t) -> int:
    if isinstance(t, int):
        return t
    try:
        return ENUM_RELOC_TYPE_ARM[t]
    except KeyError:
        raise ValueError(f"unknown ARM relocation type {t!r}") from None


def _align(n: int, a: int) -> int:
    return (n + a - 1) // a * a if a > 1 else n


def _check(obj: ObjectFile) -> None:
    names = set()
    for s in obj.sections:
        if s.kind not in SECTION_KINDS:
            raise ValueError(f"section {s.name}: bad kind {s.kind!r}")
        if s.name in names:
            raise ValueError(f"duplicate section {s.name}")
        names.add(s.name)
        if s.align < 1 or s.align & (s.align - 1):
            raise ValueError(f"section {s.name}: alignment {s.align} is not a power of two")
        if s.kind == "bss" and (s.data or s.relocs):
            raise ValueError(f"section {s.name}: bss sections have no bytes or relocations")
        size = s.size if s.kind == "bss" else len(s.data)
        for r in s.relocs:
            if not 0 <= r.offset <= size - 2:
                raise ValueError(f"section {s.name}: relocation at 0x{r.offset:x} outside "
                                 f"the section (size 0x{size:x})")
        for off, _name in s.mapping:
            if not 0 <= off <= size:
                raise ValueError(f"section {s.name}: mapping symbol at 0x{off:x} outside")
    for sym in obj.symbols:
        if sym.binding not in BINDINGS or sym.kind not in SYMBOL_KINDS \
                or sym.visibility not in VISIBILITIES:
            raise ValueError(f"symbol {sym.name}: bad binding/kind/visibility")
        if sym.section is None and sym.binding == "local":
            raise ValueError(f"symbol {sym.name}: undefined symbols cannot be local")
        if sym.section is not None and sym.section not in names:
            raise ValueError(f"symbol {sym.name}: unknown section {sym.section}")


def write_elf(obj: ObjectFile) -> bytes:
    """The ELF relocatable object for `obj` (deterministic)."""
    _check(obj)
    st = _structs()

    # ---- section header indices -------------------------------------------
    shndx: dict[str, int] = {}
    order: list[tuple[str, Section]] = []     # ('sec' | 'rel', section)
    idx = 1
    for s in obj.sections:
        shndx[s.name] = idx
        order.append(("sec", s))
        idx += 1
        if s.relocs:
            order.append(("rel", s))
            idx += 1
    # only the given sections carry symbols, and they come first: whether any
    # symbol needs .symtab_shndx is known before the last indices are assigned
    need_xindex = max(shndx.values(), default=0) >= SHN_LORESERVE
    attr_idx, symtab_idx = idx, idx + 1
    xindex_idx = idx + 2 if need_xindex else None
    strtab_idx = symtab_idx + 1 + need_xindex
    shstrtab_idx = strtab_idx + 1
    shnum = shstrtab_idx + 1

    # ---- symbols -------------------------------------------------------------
    strtab = _StrTab()
    # entries: (name, value, size, bind, type, visibility, shndx)
    entries: list[tuple[str, int, int, str, str, str, int | str]] = [
        ("", 0, 0, "STB_LOCAL", "STT_NOTYPE", "STV_DEFAULT", "SHN_UNDEF")]
    section_sym: dict[str, int] = {}
    for s in obj.sections:
        section_sym[s.name] = len(entries)
        entries.append(("", 0, 0, "STB_LOCAL", "STT_SECTION", "STV_DEFAULT", shndx[s.name]))
    for s in obj.sections:
        for off, name in sorted({(int(o), str(n)) for o, n in s.mapping}):
            # the assembler says 't'/'d'; the ARM ELF ABI names them $t/$d
            name = name if name.startswith("$") else "$" + name
            entries.append((name, off, 0, "STB_LOCAL", "STT_NOTYPE", "STV_DEFAULT",
                            shndx[s.name]))

    by_name: dict[str, int] = {}
    seen: dict[str, object] = {}
    kinds = {s.name: s.kind for s in obj.sections}
    locals_ = [sym for sym in obj.symbols if sym.binding == "local"]
    others = [sym for sym in obj.symbols if sym.binding != "local"]
    first_global = 0
    for sym in locals_ + others:
        if sym.binding != "local" and not first_global:
            first_global = len(entries)
        if sym.name in seen:
            if seen[sym.name] == sym:
                continue        # an identical re-declaration (e.g. an import twice)
            raise ValueError(f"symbol {sym.name} defined twice")
        seen[sym.name] = sym
        value = sym.value
        if sym.kind == "func" and sym.section is not None and kinds[sym.section] == "text":
            value |= 1          # Thumb function, as GNU as marks it
        by_name[sym.name] = len(entries)
        entries.append((sym.name, value, sym.size, _BIND[sym.binding], _TYPE[sym.kind],
                        _VIS[sym.visibility],
                        shndx[sym.section] if sym.section is not None else "SHN_UNDEF"))
    if not first_global:
        first_global = len(entries)     # no declared globals: imports follow

    def symbol_index(name: str) -> int:
        if name in by_name:
            return by_name[name]
        if name in section_sym:
            return section_sym[name]
        by_name[name] = len(entries)     # an undeclared import
        entries.append((name, 0, 0, "STB_GLOBAL", "STT_NOTYPE", "STV_DEFAULT", "SHN_UNDEF"))
        return by_name[name]

    rel_data: dict[str, bytes] = {}
    for s in obj.sections:
        if not s.relocs:
            continue
        out = bytearray()
        for r in sorted(s.relocs, key=lambda r: r.offset):
            sym_i = symbol_index(r.symbol)
            rtype = _reloc_type(r.type)
            out += st.Elf_Rel.build(Container(
                r_offset=r.offset, r_info=(sym_i << 8) | rtype,
                r_info_sym=sym_i, r_info_type=rtype))
        rel_data[s.name] = bytes(out)

    symtab, xindex = bytearray(), bytearray()
    for name, value, size, bind, typ, vis, ndx in entries:
        real = ndx if isinstance(ndx, int) and ndx >= SHN_LORESERVE else 0
        xindex += real.to_bytes(4, "little")
        symtab += st.Elf_Sym.build(Container(
            st_name=strtab.add(name) if name else 0, st_value=value, st_size=size,
            st_info=Container(bind=bind, type=typ),
            st_other=Container(local=0, visibility=vis),
            st_shndx=SHN_XINDEX if real else ndx))

    # ---- section contents and headers --------------------------------------
    shstrtab = _StrTab()
    # section 0 holds the section count and .shstrtab's index when the ELF
    # header's 16-bit fields cannot
    headers: list[Container] = [Container(
        sh_name=0, sh_type="SHT_NULL", sh_flags=0, sh_addr=0, sh_offset=0,
        sh_size=shnum if shnum >= SHN_LORESERVE else 0,
        sh_link=shstrtab_idx if shstrtab_idx >= SHN_LORESERVE else 0,
        sh_info=0, sh_addralign=0, sh_entsize=0)]
    body = bytearray()
    ehsize = st.Elf_Ehdr.sizeof()

    def place(content: bytes, align: int) -> int:
        nonlocal body
        pad = _align(ehsize + len(body), align) - (ehsize + len(body))
        body += bytes(pad)
        off = ehsize + len(body)
        body += content
        return off

    def header(name: str, sh_type: str, flags: int, offset: int, size: int,
               link: int = 0, info: int = 0, align: int = 1, entsize: int = 0) -> None:
        headers.append(Container(
            sh_name=shstrtab.add(name), sh_type=sh_type, sh_flags=flags, sh_addr=0,
            sh_offset=offset, sh_size=size, sh_link=link, sh_info=info,
            sh_addralign=align, sh_entsize=entsize))

    for what, s in order:
        if what == "sec":
            if s.kind == "bss":
                off = _align(ehsize + len(body), s.align)
                header(s.name, "SHT_NOBITS", _SECTION_FLAGS["bss"], off, s.size, align=s.align)
            else:
                off = place(bytes(s.data), s.align)
                header(s.name, "SHT_PROGBITS", _SECTION_FLAGS[s.kind], off, len(s.data),
                       align=s.align)
        else:
            data = rel_data[s.name]
            off = place(data, 4)
            header(".rel" + s.name, "SHT_REL", SHF_INFO_LINK, off, len(data),
                   link=symtab_idx, info=shndx[s.name], align=4,
                   entsize=st.Elf_Rel.sizeof())
    attrs = build_attributes(obj.target, obj.float_abi, obj.fpu)
    header(".ARM.attributes", "SHT_ARM_ATTRIBUTES", 0, place(attrs, 1), len(attrs))
    header(".symtab", "SHT_SYMTAB", 0, place(bytes(symtab), 4), len(symtab),
           link=strtab_idx, info=first_global, align=4, entsize=st.Elf_Sym.sizeof())
    if need_xindex:
        header(".symtab_shndx", SHT_SYMTAB_SHNDX, 0, place(bytes(xindex), 4), len(xindex),
               link=symtab_idx, align=4, entsize=4)
    header(".strtab", "SHT_STRTAB", 0, place(bytes(strtab.data), 1), len(strtab.data))
    shstrtab.add(".shstrtab")
    header(".shstrtab", "SHT_STRTAB", 0, place(bytes(shstrtab.data), 1), len(shstrtab.data))
    assert len(headers) == shnum and attr_idx == symtab_idx - 1
    assert xindex_idx is None or headers[xindex_idx].sh_type == SHT_SYMTAB_SHNDX

    shoff = _align(ehsize + len(body), 4)
    body += bytes(shoff - ehsize - len(body))
    for h in headers:
        body += st.Elf_Shdr.build(h)

    ehdr = st.Elf_Ehdr.build(Container(
        e_ident=Container(EI_MAG=[0x7F, ord("E"), ord("L"), ord("F")], EI_CLASS="ELFCLASS32",
                          EI_DATA="ELFDATA2LSB", EI_VERSION="EV_CURRENT",
                          EI_OSABI="ELFOSABI_SYSV", EI_ABIVERSION=0),
        e_type="ET_REL", e_machine="EM_ARM", e_version="EV_CURRENT", e_entry=0,
        e_phoff=0, e_shoff=shoff, e_flags=EF_ARM_EABI_VER5, e_ehsize=ehsize,
        e_phentsize=0, e_phnum=0, e_shentsize=st.Elf_Shdr.sizeof(),
        e_shnum=shnum if shnum < SHN_LORESERVE else 0,
        e_shstrndx=shstrtab_idx if shstrtab_idx < SHN_LORESERVE else SHN_XINDEX))
    assert len(ehdr) == ehsize
    return ehdr + bytes(body)
