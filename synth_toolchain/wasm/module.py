"""The decoded WebAssembly module: plain dataclasses, no behaviour beyond index-space helpers.

Function bodies are kept as the flat instruction list of the binary format
(block/loop/if/else/end markers included, final `end` included) so that
every instruction keeps its byte offset for diagnostics.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class ValType(enum.Enum):
    I32 = 0x7F
    I64 = 0x7E
    F32 = 0x7D
    F64 = 0x7C
    V128 = 0x7B
    FUNCREF = 0x70
    EXTERNREF = 0x6F

    @property
    def text(self) -> str:
        return self.name.lower()


class ExternKind(enum.IntEnum):
    FUNC = 0
    TABLE = 1
    MEMORY = 2
    GLOBAL = 3


@dataclass(frozen=True, slots=True)
class FuncType:
    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    def __str__(self) -> str:
        p = " ".join(t.text for t in self.params)
        r = " ".join(t.text for t in self.results)
        return f"[{p}] -> [{r}]"


DEFAULT_PAGE_SIZE = 65536     # a memory's page size unless its type says otherwise


@dataclass(frozen=True, slots=True)
class Limits:
    min: int
    max: int | None = None


@dataclass(frozen=True, slots=True)
class TableType:
    elem: ValType
    limits: Limits
    init: list | None = field(default=None, compare=False)   # 3.0: every entry's start value


@dataclass(frozen=True, slots=True)
class MemType:
    limits: Limits          # in pages of `page_size` bytes
    page_size: int = DEFAULT_PAGE_SIZE   # 65536, or 1 (custom-page-sizes proposal)

    @property
    def page_shift(self) -> int:
        """log2 of the page size: pages << page_shift = bytes."""
        return self.page_size.bit_length() - 1

    @property
    def max_pages(self) -> int:
        """The most pages a 32-bit memory of this page size can have (2^32 bytes,
        and a page count that fits a u32)."""
        return min((1 << 32) // self.page_size, (1 << 32) - 1)


@dataclass(frozen=True, slots=True)
class GlobalType:
    valtype: ValType
    mutable: bool


@dataclass(frozen=True, slots=True)
class MemArg:
    align: int              # log2 of the alignment hint
    offset: int
    memory: int = 0


@dataclass(slots=True)
class Instr:
    """One instruction.  `op` is the text-format name (e.g. "i32.add").

    `imm` by instruction:
      block/loop/if          BlockType: None (no result), a ValType, or an int type index
      br, br_if              label depth (int)
      br_table               (tuple of depths, default depth)
      call, ref.func         function index
      call_indirect          (type index, table index)
      local.*/global.*       index
      *.load*/*.store*       MemArg
      memory.size/grow/fill  memory index
      memory.init            (data index, memory index)
      memory.copy            (dst memory, src memory)
      data.drop, elem.drop   segment index
      i32.const/i64.const    value as a signed Python int
      f32.const/f64.const    raw IEEE bits as an unsigned int (keeps NaN payloads)
      select (typed)         tuple of ValType; untyped select has imm None
      table.get/set/size/grow/fill  table index
      table.copy             (dst table, src table)
      table.init             (elem index, table index)
      ref.null               ValType (heap type as a reference type)
      others                 None
    """
    op: str
    imm: Any = None
    offset: int = 0


BlockType = Any  # None | ValType | int


@dataclass(slots=True)
class Import:
    module: str
    name: str
    kind: ExternKind
    desc: Any               # int type index | TableType | MemType | GlobalType
    offset: int = 0


@dataclass(slots=True)
class Function:
    """A function defined in the module (imports are in Module.imports)."""
    type_index: int
    locals: list[ValType] = field(default_factory=list)   # declared locals, params excluded
    body: list[Instr] = field(default_factory=list)       # ends with the final "end"
    offset: int = 0                                       # offset of the body in the file
    size: int = 0                                         # body size in bytes


@dataclass(slots=True)
class Global:
    type: GlobalType
    init: list[Instr]       # constant expression without its final "end"
    offset: int = 0


@dataclass(slots=True)
class Export:
    name: str
    kind: ExternKind
    index: int
    offset: int = 0


@dataclass(slots=True)
class ElemSegment:
    mode: str                           # "active" | "passive" | "declarative"
    table: int
    offset_expr: list[Instr] | None     # active only
    elem_type: ValType
    init: list[list[Instr]]             # one constant expression per element
    offset: int = 0


@dataclass(slots=True)
class DataSegment:
    mode: str                           # "active" | "passive"
    memory: int
    offset_expr: list[Instr] | None
    data: bytes
    offset: int = 0


@dataclass(slots=True)
class Names:
    module: str | None = None
    functions: dict[int, str] = field(default_factory=dict)
    locals: dict[int, dict[int, str]] = field(default_factory=dict)


@dataclass(slots=True)
class Module:
    types: list[FuncType] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    functions: list[Function] = field(default_factory=list)
    tables: list[TableType] = field(default_factory=list)
    memories: list[MemType] = field(default_factory=list)
    globals: list[Global] = field(default_factory=list)
    exports: list[Export] = field(default_factory=list)
    start: int | None = None
    elements: list[ElemSegment] = field(default_factory=list)
    datas: list[DataSegment] = field(default_factory=list)
    data_count: int | None = None
    names: Names = field(default_factory=Names)
    customs: list[tuple[str, bytes]] = field(default_factory=list)
    # byte offsets of the defined tables and memories and of the start index, for diagnostics
    table_offsets: list[int] = field(default_factory=list)
    memory_offsets: list[int] = field(default_factory=list)
    start_offset: int | None = None
    # where the code section's contents start: DWARF in a module addresses code
    # from there (debuginfo/)
    code_offset: int | None = None
    text_map: Any = None    # a textmap.TextMap when assembled from text: offsets -> LINE:COL

    # -- index spaces (imports come first in every space) -------------------
    def imports_of(self, kind: ExternKind) -> list[Import]:
        return [i for i in self.imports if i.kind == kind]

    @property
    def num_imported_funcs(self) -> int:
        return len(self.imports_of(ExternKind.FUNC))

    def func_type(self, funcidx: int) -> FuncType:
        imported = self.imports_of(ExternKind.FUNC)
        if funcidx < len(imported):
            return self.types[imported[funcidx].desc]
        return self.types[self.functions[funcidx - len(imported)].type_index]

    def global_type(self, idx: int) -> GlobalType:
        imported = self.imports_of(ExternKind.GLOBAL)
        if idx < len(imported):
            return imported[idx].desc
        return self.globals[idx - len(imported)].type

    def table_type(self, idx: int) -> TableType:
        imported = self.imports_of(ExternKind.TABLE)
        if idx < len(imported):
            return imported[idx].desc
        return self.tables[idx - len(imported)]

    def memory_type(self, idx: int) -> MemType:
        imported = self.imports_of(ExternKind.MEMORY)
        if idx < len(imported):
            return imported[idx].desc
        return self.memories[idx - len(imported)]

    def all_tables(self) -> list[TableType]:
        return [i.desc for i in self.imports_of(ExternKind.TABLE)] + list(self.tables)

    def all_memories(self) -> list[MemType]:
        return [i.desc for i in self.imports_of(ExternKind.MEMORY)] + list(self.memories)

    def all_globals(self) -> list[GlobalType]:
        return [i.desc for i in self.imports_of(ExternKind.GLOBAL)] + [g.type for g in self.globals]

    def block_type(self, bt: BlockType) -> FuncType:
        """The function type of a block/loop/if immediate."""
        if bt is None:
            return FuncType((), ())
        if isinstance(bt, ValType):
            return FuncType((), (bt,))
        return self.types[bt]

    def function_name(self, funcidx: int) -> str | None:
        return self.names.functions.get(funcidx)

    def exports_of(self, kind: ExternKind, index: int) -> list[str]:
        return [e.name for e in self.exports if e.kind == kind and e.index == index]

    def exports_by_target(self) -> dict[tuple[ExternKind, int], list[str]]:
        """exports_of for every exported item in one pass over the exports (a
        loop over the functions asking each would be quadratic)."""
        found: dict[tuple[ExternKind, int], list[str]] = {}
        for e in self.exports:
            found.setdefault((e.kind, e.index), []).append(e.name)
        return found
