"""WebAssembly 2.0 binary decoder: bytes -> `Module` (no validation).

Strict like the specification's binary format (the `assert_malformed`
cases): every error is a `WasmDecodeError` carrying the byte offset.
SIMD (0xFD prefix, v128) raises `UnsupportedError`.

The hot paths (LEB128 and the instruction loop) work on indices into an
immutable `bytes` object and inline the one-byte LEB128 case.
"""

from __future__ import annotations

import struct

from ..errors import TruncatedInput, UnsupportedError, WasmDecodeError
from . import features
from . import opcodes as O
from .module import (DataSegment, ElemSegment, Export, ExternKind, FuncType, Function,
                     Global, GlobalType, Import, Instr, Limits, MemArg, MemType, Module,
                     Names, TableType, ValType)

MAGIC = b"\0asm"
VERSION = b"\x01\0\0\0"

_VALTYPES = {0x7F: ValType.I32, 0x7E: ValType.I64, 0x7D: ValType.F32, 0x7C: ValType.F64,
             0x70: ValType.FUNCREF, 0x6F: ValType.EXTERNREF}
_REFTYPES = {0x70: ValType.FUNCREF, 0x6F: ValType.EXTERNREF}

SECTION_NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table",
                 5: "memory", 6: "global", 7: "export", 8: "start", 9: "element",
                 10: "code", 11: "data", 12: "data count"}
# position of each known section in the mandatory order
_ORDER = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 12: 10, 10: 11, 11: 12}

MAX_LOCALS = (1 << 32) - 1
PAGE_SIZE_FLAG = 0x08     # memory limits flag: the log2 of a custom page size follows
#: valid but beyond what this compiler will materialise as a list
PRACTICAL_MAX_LOCALS = 1 << 20

# immediate-kind codes for the instruction loop
(_K_NONE, _K_BLOCK, _K_LABEL, _K_BR_TABLE, _K_FUNC, _K_CALL_INDIRECT, _K_LOCAL,
 _K_GLOBAL, _K_MEMARG, _K_MEM0, _K_I32, _K_I64, _K_F32, _K_F64, _K_SELECT_T,
 _K_TABLE, _K_TABLE_COPY, _K_TABLE_INIT, _K_ELEM, _K_DATA, _K_MEMORY_INIT,
 _K_MEMORY_COPY, _K_HEAPTYPE) = range(23)
_KIND_CODE = {
    O.IMM_NONE: _K_NONE, O.IMM_BLOCKTYPE: _K_BLOCK, O.IMM_LABEL: _K_LABEL,
    O.IMM_BR_TABLE: _K_BR_TABLE, O.IMM_FUNC: _K_FUNC,
    O.IMM_CALL_INDIRECT: _K_CALL_INDIRECT, O.IMM_LOCAL: _K_LOCAL,
    O.IMM_GLOBAL: _K_GLOBAL, O.IMM_MEMARG: _K_MEMARG, O.IMM_MEM_ZERO: _K_MEM0,
    O.IMM_I32: _K_I32, O.IMM_I64: _K_I64, O.IMM_F32: _K_F32, O.IMM_F64: _K_F64,
    O.IMM_SELECT_T: _K_SELECT_T, O.IMM_TABLE: _K_TABLE,
    O.IMM_TABLE_COPY: _K_TABLE_COPY, O.IMM_TABLE_INIT: _K_TABLE_INIT,
    O.IMM_ELEM: _K_ELEM, O.IMM_DATA: _K_DATA, O.IMM_MEMORY_INIT: _K_MEMORY_INIT,
    O.IMM_MEMORY_COPY: _K_MEMORY_COPY, O.IMM_HEAPTYPE: _K_HEAPTYPE,
}
# per byte: (name, kind code, nesting delta) or None
_BYTE_DISPATCH: list = [None] * 256
for _info in O.BYTE_TABLE:
    if _info is not None:
        _delta = 1 if _info.name in ("block", "loop", "if") else (-1 if _info.name == "end" else 0)
        _BYTE_DISPATCH[_info.code] = (_info.name, _KIND_CODE[_info.imm], _delta)
# WebAssembly 2.0 reads the bytes of the 3.0 operators as illegal opcodes
_BYTE_DISPATCH_2_0 = [None if d is not None and d[0] in O.WASM_3_OPS else d
                      for d in _BYTE_DISPATCH]
_FC_DISPATCH = {sub: (info.name, _KIND_CODE[info.imm]) for sub, info in O.FC_TABLE.items()}

_unpack_f32 = struct.Struct("<I").unpack_from
_unpack_f64 = struct.Struct("<Q").unpack_from


def decode(data: bytes, path: str, name_features: bool = True) -> Module:
    """Decode a binary module.  Raises `WasmDecodeError` / `UnsupportedError`.
    `name_features`: a byte that a later feature gives a meaning (features.py)
    is refused naming it; else it is malformed, as in WebAssembly 2.0."""
    return _Decoder(bytes(data), path, name_features).run()


class _Decoder:
    def __init__(self, data: bytes, path: str, name_features: bool = True):
        self.data = data
        self.path = path
        self.name_features = name_features
        self.module = Module()
        self.func_types: list[int] = []
        self.func_types_offset = 0
        self.saw_function_section = False
        self.code_count: int | None = None
        self.code_offset = 0

    # -- errors -----------------------------------------------------------------------
    def err(self, msg: str, pos: int):
        raise WasmDecodeError(msg, path=self.path, offset=pos)

    def refuse_feature(self, table: dict, key: int, pos: int, what: str) -> None:
        """An UnsupportedError naming the feature that gives `key` its meaning, if any."""
        self.refuse(table.get(key), key, pos, what)

    def refuse(self, feature: str | None, key: int, pos: int, what: str) -> None:
        """An UnsupportedError naming `feature` (None: nothing to name)."""
        if feature is not None and (self.name_features or feature in features.IN_WASM_2):
            raise UnsupportedError(f"{feature}: not supported ({what} 0x{key:02x})",
                                   path=self.path, offset=pos)

    def eof(self, pos: int, what: str, end: int | None = None):
        """Raise `TruncatedInput`: the file (`end` None) or the section/body ends at `pos`."""
        if end is None:
            self.truncated(f"unexpected end while reading {what}", pos)
        self.truncated(f"unexpected end of section or function while reading {what}", pos)

    def truncated(self, msg: str, pos: int):
        raise TruncatedInput(msg, path=self.path, offset=pos)

    # -- primitive readers (return (value, new_pos)) -----------------------------------
    def u8(self, pos: int, end: int, what: str) -> tuple[int, int]:
        if pos >= end:
            self.eof(pos, what, end)
        return self.data[pos], pos + 1

    def u32(self, pos: int, end: int, what: str) -> tuple[int, int]:
        data = self.data
        if pos >= end:
            self.eof(pos, what, end)
        b = data[pos]
        if b < 0x80:
            return b, pos + 1
        start = pos
        result = b & 0x7F
        shift = 7
        pos += 1
        while True:
            if pos >= end:
                self.eof(pos, what, end)
            b = data[pos]
            pos += 1
            if shift == 28:
                if b & 0x80:
                    self.err(f"integer representation too long while reading {what}", start)
                if b & 0x70:
                    self.err(f"integer too large while reading {what}", start)
                return result | (b << 28), pos
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result, pos
            shift += 7

    def sleb(self, pos: int, end: int, bits: int, what: str) -> tuple[int, int]:
        data = self.data
        if pos >= end:
            self.eof(pos, what, end)
        b = data[pos]
        if b < 0x80:
            return (b - 0x80 if b & 0x40 else b), pos + 1
        maxbytes = (bits + 6) // 7
        start = pos
        result = 0
        shift = 0
        n = 0
        while True:
            if pos >= end:
                self.eof(pos, what, end)
            b = data[pos]
            pos += 1
            n += 1
            if n == maxbytes:
                if b & 0x80:
                    self.err(f"integer representation too long while reading {what}", start)
                used = bits - 7 * (maxbytes - 1)
                rest = b >> used
                if (b >> (used - 1)) & 1:
                    ok = rest == (1 << (7 - used)) - 1
                else:
                    ok = rest == 0
                if not ok:
                    self.err(f"integer too large while reading {what}", start)
                result |= (b & 0x7F) << shift
                shift += 7
                break
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        if b & 0x40:
            result -= 1 << shift
        return result, pos

    def name(self, pos: int, end: int, what: str) -> tuple[str, int]:
        length, pos = self.u32(pos, end, f"{what} length")
        if pos + length > end:
            self.err(f"length out of bounds: unexpected end while reading {what}", pos)
        raw = self.data[pos:pos + length]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self.err(f"malformed UTF-8 encoding in {what}", pos)
        return text, pos + length

    def valtype(self, pos: int, end: int, what: str = "value type") -> tuple[ValType, int]:
        if pos >= end:
            self.eof(pos, what, end)
        b = self.data[pos]
        t = _VALTYPES.get(b)
        if t is None:
            t = self.nullable_abstract(pos, end)
            if t is not None:
                return t, pos + 2
            self.refuse_feature(features.VALUE_TYPES, b, pos, what)
            self.err(f"malformed value type 0x{b:02x} while reading {what}", pos)
        return t, pos + 1

    def reftype(self, pos: int, end: int, what: str = "reference type") -> tuple[ValType, int]:
        if pos >= end:
            self.eof(pos, what, end)
        b = self.data[pos]
        t = _REFTYPES.get(b)
        if t is None:
            t = self.nullable_abstract(pos, end)
            if t is not None:
                return t, pos + 2
            self.refuse_feature(features.VALUE_TYPES, b, pos, what)
            self.err(f"malformed reference type 0x{b:02x} while reading {what}", pos)
        return t, pos + 1

    def limits(self, pos: int, end: int, what: str, extra: int = 0) -> tuple[Limits, int, int]:
        """(limits, flag byte, position after them); `extra`: flag bits the
        caller reads (a memory's page size) besides bit 0, the maximum."""
        if pos >= end:
            self.eof(pos, f"{what} limits flags", end)
        flag = self.data[pos]
        if flag & 0x80:
            self.err(f"integer representation too long while reading {what} limits flags", pos)
        if flag & ~(1 | extra):
            self.refuse(features.limits_feature(flag & ~extra, what), flag, pos,
                        f"{what} limits flags")
            self.err(f"integer too large: malformed {what} limits flags 0x{flag:02x}", pos)
        pos += 1
        lo, pos = self.u32(pos, end, f"{what} limits minimum")
        hi = None
        if flag & 1:
            hi, pos = self.u32(pos, end, f"{what} limits maximum")
        return Limits(lo, hi), flag, pos

    def memtype(self, pos: int, end: int) -> tuple[MemType, int]:
        """Limits, then (flag bit 3, custom-page-sizes proposal, not under 2.0) the
        log2 of the page size; the validator allows 1 and 65536 bytes."""
        extra = PAGE_SIZE_FLAG if self.name_features else 0
        lim, flag, pos = self.limits(pos, end, "memory", extra)
        if not flag & PAGE_SIZE_FLAG:
            return MemType(lim), pos
        start = pos
        log2, pos = self.u32(pos, end, "memory page size")
        if log2 > 64:
            self.err(f"invalid custom page size: 2^{log2} bytes is malformed", start)
        return MemType(lim, 1 << log2), pos

    def nullable_abstract(self, pos: int, end: int) -> ValType | None:
        """3.0's long spelling of funcref/externref, `ref null func|extern`
        (0x63 then the abstract heap type): the same type, so read as it."""
        if self.name_features and self.data[pos] == 0x63 and pos + 1 < end:
            return _REFTYPES.get(self.data[pos + 1])
        return None

    def tabletype(self, pos: int, end: int, defined: bool = False) -> tuple[TableType, int]:
        """A table type; a defined table's may start 0x40 0x00 and end with the
        expression every entry starts as (3.0; not for an imported table)."""
        has_init = defined and self.name_features and self.data[pos:pos + 1] == b"\x40"
        if has_init:
            if self.data[pos + 1:pos + 2] != b"\x00":
                self.err("malformed table type: 0x40 must be followed by 0x00", pos + 1)
            pos += 2
        et, pos = self.reftype(pos, end, "table element type")
        lim, _, pos = self.limits(pos, end, "table")
        init = None
        if has_init:
            init, pos = self.const_expr(pos, end)
        return TableType(et, lim, init), pos

    def globaltype(self, pos: int, end: int) -> tuple[GlobalType, int]:
        t, pos = self.valtype(pos, end, "global type")
        if pos >= end:
            self.eof(pos, "global mutability", end)
        m = self.data[pos]
        if m > 1:
            self.err(f"malformed mutability 0x{m:02x} while reading global mutability", pos)
        return GlobalType(t, bool(m)), pos + 1

    # -- module -----------------------------------------------------------------------
    def run(self) -> Module:
        data = self.data
        n = len(data)
        if n < 4:
            self.err("unexpected end while reading magic header (magic header not detected)", 0)
        if data[:4] != MAGIC:
            self.err("magic header not detected: bad magic value", 0)
        if n < 8:
            self.err("unexpected end while reading version (unknown binary version)", 4)
        if data[4:8] != VERSION:
            self.err(f"unknown binary version 0x{int.from_bytes(data[4:8], 'little'):x}", 4)
        pos = 8
        last_rank = 0
        last_id = 0
        m = self.module
        while pos < n:
            sec_pos = pos
            sid = data[pos]
            pos += 1
            if sid not in SECTION_NAMES:
                self.refuse_feature(features.SECTIONS, sid, sec_pos, "section id")
                self.err(f"invalid section id {sid} (malformed section id)", sec_pos)
            size, pos = self._section_size(pos, n)
            send = pos + size
            if send > n:
                self.err(f"section size {size} extends past end of file "
                         f"(length out of bounds / unexpected end)", pos)
            if sid == 0:
                self.custom_section(pos, send)
                pos = send
                continue
            rank = _ORDER[sid]
            if rank <= last_rank:
                self.err(f"unexpected content after last section: {SECTION_NAMES[sid]} section "
                         f"out of order (after {SECTION_NAMES[last_id]} section)", sec_pos)
            last_rank = rank
            last_id = sid
            end_pos = _SECTION_READERS[sid](self, pos, send)
            if end_pos != send:
                self.err(f"section size mismatch: {SECTION_NAMES[sid]} section ended at "
                         f"0x{end_pos:x}, declared end 0x{send:x}", end_pos)
            pos = send
        # post-checks
        if len(self.func_types) != (self.code_count or 0):
            self.err("function and code section have inconsistent lengths "
                     f"({len(self.func_types)} functions, {self.code_count or 0} bodies)",
                     self.code_offset if self.code_count is not None else self.func_types_offset)
        if m.data_count is not None and m.data_count != len(m.datas) and not self._saw_data:
            self.err("data count and data section have inconsistent lengths "
                     f"(data count {m.data_count}, no data section)", n)
        return m

    _saw_data = False

    def _section_size(self, pos: int, n: int) -> tuple[int, int]:
        if pos >= n:
            self.eof(pos, "section size")
        try:
            return self.u32(pos, n, "section size")
        except TruncatedInput:
            self.eof(n, "section size")

    def vec_count(self, pos: int, end: int, what: str) -> tuple[int, int]:
        return self.u32(pos, end, f"{what} count")

    # 0: custom
    def custom_section(self, pos: int, end: int) -> None:
        name, pos = self.name(pos, end, "custom section name")
        payload = self.data[pos:end]
        self.module.customs.append((name, payload))
        if name == "name":
            try:
                self.module.names = self.name_section(pos, end)
            except (WasmDecodeError, UnsupportedError):
                self.module.names = Names()   # malformed custom sections are ignored

    def name_section(self, pos: int, end: int) -> Names:
        names = Names()
        while pos < end:
            sub, pos = self.u8(pos, end, "name subsection id")
            size, pos = self.u32(pos, end, "name subsection size")
            send = pos + size
            if send > end:
                self.err("name subsection too long", pos)
            if sub == 0:
                names.module, p = self.name(pos, send, "module name")
            elif sub == 1:
                names.functions, p = self.namemap(pos, send)
            elif sub == 2:
                count, p = self.u32(pos, send, "local name count")
                for _ in range(count):
                    fidx, p = self.u32(p, send, "function index")
                    names.locals[fidx], p = self.namemap(p, send)
            else:
                p = send
            if p != send:
                self.err("name subsection size mismatch", p)
            pos = send
        return names

    def namemap(self, pos: int, end: int) -> tuple[dict[int, str], int]:
        count, pos = self.u32(pos, end, "name map count")
        out: dict[int, str] = {}
        for _ in range(count):
            idx, pos = self.u32(pos, end, "name map index")
            out[idx], pos = self.name(pos, end, "name")
        return out, pos

    # 1: type
    def _read_type_section(self, pos: int, end: int) -> int:
        count, pos = self.vec_count(pos, end, "type")
        types = self.module.types
        for _ in range(count):
            if pos >= end:
                self.eof(pos, "function type form", end)
            form = self.data[pos]
            if form != 0x60:
                self.refuse_feature(features.TYPE_FORMS, form, pos, "type form")
                self.err(f"integer representation too long / malformed function type form "
                         f"0x{form:02x} (expected 0x60)", pos)
            pos += 1
            np, pos = self.u32(pos, end, "parameter count")
            params = []
            for _ in range(np):
                t, pos = self.valtype(pos, end, "parameter type")
                params.append(t)
            nr, pos = self.u32(pos, end, "result count")
            results = []
            for _ in range(nr):
                t, pos = self.valtype(pos, end, "result type")
                results.append(t)
            types.append(FuncType(tuple(params), tuple(results)))
        return pos

    # 2: import
    def _read_import_section(self, pos: int, end: int) -> int:
        count, pos = self.vec_count(pos, end, "import")
        for _ in range(count):
            ipos = pos
            mod, pos = self.name(pos, end, "import module name")
            nm, pos = self.name(pos, end, "import field name")
            if pos >= end:
                self.eof(pos, "import kind", end)
            kind = self.data[pos]
            pos += 1
            if kind == 0:
                desc, pos = self.u32(pos, end, "import function type index")
            elif kind == 1:
                desc, pos = self.tabletype(pos, end)
            elif kind == 2:
                desc, pos = self.memtype(pos, end)
            elif kind == 3:
                desc, pos = self.globaltype(pos, end)
            else:
                self.refuse_feature(features.EXTERN_KINDS, kind, pos - 1, "import kind")
                self.err(f"malformed import kind {kind}", pos - 1)
            self.module.imports.append(Import(mod, nm, ExternKind(kind), desc, ipos))
        return pos

    # 3: function
    def _read_function_section(self, pos: int, end: int) -> int:
        self.func_types_offset = pos
        count, pos = self.vec_count(pos, end, "function")
        ft = self.func_types
        for _ in range(count):
            t, pos = self.u32(pos, end, "function type index")
            ft.append(t)
        return pos

    # 4: table
    def _read_table_section(self, pos: int, end: int) -> int:
        count, pos = self.vec_count(pos, end, "table")
        for _ in range(count):
            self.module.table_offsets.append(pos)
            t, pos = self.tabletype(pos, end, defined=True)
            self.module.tables.append(t)
        return pos

    # 5: memory
    def _read_memory_section(self, pos: int, end: int) -> int:
        count, pos = self.vec_count(pos, end, "memory")
        for _ in range(count):
            self.module.memory_offsets.append(pos)
            mt, pos = self.memtype(pos, end)
            self.module.memories.append(mt)
        return pos

    # 6: global
    def _read_global_section(self, pos: int, end: int) -> int:
        count, pos = self.vec_count(pos, end, "global")
        for _ in range(count):
            gpos = pos
            gt, pos = self.globaltype(pos, end)
            init, pos = self.const_expr(pos, end)
            self.module.globals.append(Global(gt, init, gpos))
        return pos

    # 7: export
    def _read_export_section(self, pos: int, end: int) -> int:
        count, pos = self.vec_count(pos, end, "export")
        for _ in range(count):
            epos = pos
            nm, pos = self.name(pos, end, "export name")
            if pos >= end:
                self.eof(pos, "export kind", end)
            kind = self.data[pos]
            if kind > 3:
                self.refuse_feature(features.EXTERN_KINDS, kind, pos, "export kind")
                self.err(f"malformed export kind {kind}", pos)
            pos += 1
            idx, pos = self.u32(pos, end, "export index")
            self.module.exports.append(Export(nm, ExternKind(kind), idx, epos))
        return pos

    # 8: start
    def _read_start_section(self, pos: int, end: int) -> int:
        self.start_offset = self.module.start_offset = pos
        self.module.start, pos = self.u32(pos, end, "start function index")
        return pos

    # 9: element
    def _read_element_section(self, pos: int, end: int) -> int:
        count, pos = self.vec_count(pos, end, "element segment")
        for _ in range(count):
            spos = pos
            flags, pos = self.u32(pos, end, "element segment flags")
            if flags > 7:
                self.err(f"malformed elements segment kind {flags}", spos)
            table = 0
            offset_expr = None
            if flags & 1:
                mode = "declarative" if flags & 2 else "passive"
            else:
                mode = "active"
                if flags & 2:
                    table, pos = self.u32(pos, end, "element segment table index")
                offset_expr, pos = self.const_expr(pos, end)
            elem_type = ValType.FUNCREF
            if flags & 3:           # explicit elemkind / reftype
                if flags & 4:
                    elem_type, pos = self.reftype(pos, end, "element segment reference type")
                else:
                    if pos >= end:
                        self.eof(pos, "element kind", end)
                    if self.data[pos] != 0:
                        self.err(f"malformed element kind 0x{self.data[pos]:02x}", pos)
                    pos += 1
            n, pos = self.u32(pos, end, "element count")
            init: list[list[Instr]] = []
            if flags & 4:
                for _ in range(n):
                    e, pos = self.const_expr(pos, end)
                    init.append(e)
            else:
                for _ in range(n):
                    ipos = pos
                    idx, pos = self.u32(pos, end, "element function index")
                    init.append([Instr("ref.func", idx, ipos)])
            self.module.elements.append(ElemSegment(mode, table, offset_expr, elem_type, init, spos))
        return pos

    # 12: data count
    def _read_data_count_section(self, pos: int, end: int) -> int:
        self.module.data_count, pos = self.u32(pos, end, "data count")
        return pos

    # 10: code
    def _read_code_section(self, pos: int, end: int) -> int:
        self.code_offset = self.module.code_offset = pos
        count, pos = self.vec_count(pos, end, "function body")
        self.code_count = count
        if count != len(self.func_types):
            self.err("function and code section have inconsistent lengths "
                     f"({len(self.func_types)} functions, {count} bodies)", self.code_offset)
        funcs = self.module.functions
        for i in range(count):
            size, pos = self.u32(pos, end, "function body size")
            bstart = pos
            bend = pos + size
            if bend > end:
                self.truncated("unexpected end of section or function: function body extends "
                              "past the end of the code section", pos)
            ngroups, pos = self.u32(pos, bend, "local declaration count")
            locs: list[ValType] = []
            total = 0
            for _ in range(ngroups):
                lpos = pos
                c, pos = self.u32(pos, bend, "local count")
                t, pos = self.valtype(pos, bend, "local type")
                total += c
                if total > MAX_LOCALS:
                    self.err("too many locals", lpos)
                if total > PRACTICAL_MAX_LOCALS:
                    # keep checking the format before complaining about size
                    continue
                locs.extend([t] * c)
            if total > PRACTICAL_MAX_LOCALS:
                raise UnsupportedError(f"function with {total} locals is too large",
                                       path=self.path, offset=bstart)
            body: list[Instr] = []
            pos = self.expr(pos, bend, body, True)
            if pos != bend:
                self.err("section size mismatch: junk after the end of the function body", pos)
            funcs.append(Function(self.func_types[i], locs, body, bstart, size))
        return pos

    # 11: data
    def _read_data_section(self, pos: int, end: int) -> int:
        self._saw_data = True
        cpos = pos
        count, pos = self.vec_count(pos, end, "data segment")
        m = self.module
        if m.data_count is not None and m.data_count != count:
            self.err("data count and data section have inconsistent lengths "
                     f"(data count {m.data_count}, {count} segments)", cpos)
        for _ in range(count):
            spos = pos
            flags, pos = self.u32(pos, end, "data segment flags")
            memory = 0
            offset_expr = None
            if flags == 0:
                mode = "active"
                offset_expr, pos = self.const_expr(pos, end)
            elif flags == 1:
                mode = "passive"
            elif flags == 2:
                mode = "active"
                memory, pos = self.u32(pos, end, "data segment memory index")
                offset_expr, pos = self.const_expr(pos, end)
            else:
                self.err(f"malformed data segment kind {flags}", spos)
            length, pos = self.u32(pos, end, "data segment size")
            if pos + length > end:
                self.truncated("unexpected end of section or function: data segment extends past "
                              "the end of the data section", pos)
            m.datas.append(DataSegment(mode, memory, offset_expr, self.data[pos:pos + length], spos))
            pos += length
        return pos

    def memory_index(self, pos: int, end: int, name: str) -> tuple[int, int]:
        """A memory index immediate: a u32 in 3.0 (multiple memories), the
        reserved zero byte of 2.0."""
        if self.name_features:
            return self.u32(pos, end, f"{name} memory index")
        if pos >= end:
            self.eof(pos, f"{name} reserved byte", end)
        if self.data[pos] != 0:
            self.err(f"zero byte expected for {name} memory index", pos)
        return 0, pos + 1

    # -- expressions ----------------------------------------------------------------------
    def const_expr(self, pos: int, end: int) -> tuple[list[Instr], int]:
        out: list[Instr] = []
        pos = self.expr(pos, end, out, False)
        out.pop()           # the final end
        return out, pos

    def expr(self, pos: int, end: int, out: list[Instr], is_body: bool) -> int:
        """Decode instructions up to and including the `end` closing depth 0."""
        data = self.data
        dispatch = _BYTE_DISPATCH if self.name_features else _BYTE_DISPATCH_2_0
        append = out.append
        u32 = self.u32
        depth = 0
        need_datacount = self.module.data_count is None
        while True:
            if pos >= end:
                if is_body:
                    self.err("END opcode expected: unexpected end of function body", pos)
                self.eof(pos, "expression (END opcode expected)", end)
            op_pos = pos
            b = data[pos]
            pos += 1
            d = dispatch[b]
            if d is None:
                if b == 0xFC:
                    sub, pos = u32(pos, end, "0xfc sub-opcode")
                    fd = _FC_DISPATCH.get(sub)
                    if fd is None:
                        self.err(f"illegal opcode 0xfc 0x{sub:x}", op_pos)
                    name, kind = fd
                    delta = 0
                    if need_datacount and (sub == 8 or sub == 9):
                        self.err(f"data count section required for {name}", op_pos)
                elif b == 0xFD:
                    sub, _ = u32(pos, end, "0xfd sub-opcode")
                    relaxed = sub in features.RELAXED_SIMD_OPCODES
                    raise UnsupportedError(f"{features.RELAXED_SIMD if relaxed else features.SIMD}: "
                                           f"not supported (opcode 0xfd 0x{sub:x})",
                                           path=self.path, offset=op_pos)
                else:
                    self.refuse_feature(features.OPCODES, b, op_pos, "opcode")
                    self.err(f"illegal opcode 0x{b:02x}", op_pos)
            else:
                name, kind, delta = d
            if kind == _K_NONE:
                if delta:
                    if depth == 0:
                        append(Instr(name, None, op_pos))
                        return pos
                    depth -= 1
                append(Instr(name, None, op_pos))
                continue
            if kind == _K_LOCAL or kind == _K_GLOBAL or kind == _K_LABEL or kind == _K_FUNC:
                if pos < end and data[pos] < 0x80:
                    imm = data[pos]
                    pos += 1
                else:
                    imm, pos = u32(pos, end, f"{name} index")
            elif kind == _K_I32:
                if pos < end and data[pos] < 0x80:
                    imm = data[pos]
                    if imm & 0x40:
                        imm -= 0x80
                    pos += 1
                else:
                    imm, pos = self.sleb(pos, end, 32, "i32 constant")
            elif kind == _K_MEMARG:
                apos = pos
                align, pos = u32(pos, end, "memarg alignment")
                mem = 0
                if align & 0x40 and self.name_features:     # 3.0: a memory index follows
                    align -= 0x40
                    mem, pos = u32(pos, end, "memarg memory index")
                if align >= 32:
                    self.err(f"malformed memop flags: alignment exponent {align} in {name}",
                             apos)
                off, pos = u32(pos, end, "memarg offset")
                imm = MemArg(align, off, mem)
            elif kind == _K_BLOCK:
                depth += 1
                if pos >= end:
                    self.eof(pos, "block type", end)
                bt = data[pos]
                if bt == 0x40:
                    imm = None
                    pos += 1
                elif bt in _VALTYPES:
                    imm = _VALTYPES[bt]
                    pos += 1
                elif bt in features.VALUE_TYPES:
                    self.refuse_feature(features.VALUE_TYPES, bt, pos, "block type")
                    self.err(f"malformed block type 0x{bt:02x}", pos)
                else:
                    bpos = pos
                    imm, pos = self.sleb(pos, end, 33, "block type")
                    if imm < 0:
                        self.err(f"malformed block type 0x{bt:02x}", bpos)
            elif kind == _K_I64:
                imm, pos = self.sleb(pos, end, 64, "i64 constant")
            elif kind == _K_F32:
                if pos + 4 > end:
                    self.eof(pos, "f32 constant", end)
                imm = _unpack_f32(data, pos)[0]
                pos += 4
            elif kind == _K_F64:
                if pos + 8 > end:
                    self.eof(pos, "f64 constant", end)
                imm = _unpack_f64(data, pos)[0]
                pos += 8
            elif kind == _K_BR_TABLE:
                n, pos = u32(pos, end, "br_table target count")
                targets = []
                for _ in range(n):
                    t, pos = u32(pos, end, "br_table target depth")
                    targets.append(t)
                dflt, pos = u32(pos, end, "br_table default depth")
                imm = (tuple(targets), dflt)
            elif kind == _K_CALL_INDIRECT:
                ti, pos = u32(pos, end, "call_indirect type index")
                tab, pos = u32(pos, end, "call_indirect table index")
                imm = (ti, tab)
            elif kind == _K_MEM0:
                imm, pos = self.memory_index(pos, end, name)
            elif kind == _K_TABLE or kind == _K_ELEM or kind == _K_DATA:
                imm, pos = u32(pos, end, f"{name} index")
            elif kind == _K_HEAPTYPE:
                imm, pos = self.reftype(pos, end, "ref.null heap type")
            elif kind == _K_SELECT_T:
                n, pos = u32(pos, end, "select type count")
                ts = []
                for _ in range(n):
                    t, pos = self.valtype(pos, end, "select type")
                    ts.append(t)
                imm = tuple(ts)
            elif kind == _K_MEMORY_INIT:
                di, pos = u32(pos, end, "memory.init data index")
                mi, pos = self.memory_index(pos, end, name)
                imm = (di, mi)
            elif kind == _K_MEMORY_COPY:
                dst, pos = self.memory_index(pos, end, name)
                src, pos = self.memory_index(pos, end, name)
                imm = (dst, src)
            elif kind == _K_TABLE_COPY:
                dst, pos = u32(pos, end, "table.copy destination table")
                src, pos = u32(pos, end, "table.copy source table")
                imm = (dst, src)
            elif kind == _K_TABLE_INIT:
                ei, pos = u32(pos, end, "table.init element index")
                ti, pos = u32(pos, end, "table.init table index")
                imm = (ei, ti)
            else:  # pragma: no cover - table is exhaustive
                raise AssertionError(kind)
            append(Instr(name, imm, op_pos))


# the reader of each known non-custom section, by section id (`run` checks the order)
_SECTION_READERS = {
    1: _Decoder._read_type_section,
    2: _Decoder._read_import_section,
    3: _Decoder._read_function_section,
    4: _Decoder._read_table_section,
    5: _Decoder._read_memory_section,
    6: _Decoder._read_global_section,
    7: _Decoder._read_export_section,
    8: _Decoder._read_start_section,
    9: _Decoder._read_element_section,
    10: _Decoder._read_code_section,
    11: _Decoder._read_data_section,
    12: _Decoder._read_data_count_section,
}
