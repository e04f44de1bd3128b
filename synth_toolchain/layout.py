"""Module layout: symbol names and static data placement shared by all stages.

Everything a function body needs to know about the rest of the module —
which symbol a call targets, where a global lives, the canonical id of a
signature, the static memory bound — is decided here once, before any
function is compiled, so tiers can compile functions independently.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cnames import c_identifier, implementation_reserved, is_identifier, printable
from .errors import SynthError, UnsupportedError
from .options import Options
from .reserved_names import TOOLCHAIN_SYMBOLS
from .traps import STACK_LIMIT, TRAP_HANDLER
from . import wasi
from .wasm.module import DEFAULT_PAGE_SIZE, ExternKind, Module, ValType

PAGE = DEFAULT_PAGE_SIZE   # wasm's page; a memory's own is `MemoryPlace.page_size`
# Words just below the memory base: [0][grow limit in pages][pages][accessible bytes].
# Importers of a memory read its size and limit there, so they need no link-time facts.
MEMORY_HEADER = 16
MEM_LIMIT, MEM_PAGES, MEM_BYTES = -12, -8, -4
DEFAULT_GROW_BYTES = 16 * PAGE   # without --memory-size, reserve up to a declared max of 1 MiB
# A table object is [size][capacity] then `capacity` one-word entries.
TABLE_HEADER = 8
DEFAULT_TABLE_GROW = 1024  # entries reserved for a growable table without a modest max
# RAM regions of the ARMv7-M/ARMv8-M memory map: SRAM 0x20000000-0x3FFFFFFF
# (0.5 GiB), where firmware puts .data/.bss, and external RAM 0x60000000-0x9FFFFFFF
# (1 GiB), the largest.  No memory or table can be larger than the largest; one
# the user did not size with a flag must fit the SRAM region.
MAX_OBJECT_BYTES = 1 << 30
MAX_DEFAULT_BYTES = 1 << 29
_SIG_LETTER = {ValType.I32: "i", ValType.I64: "l", ValType.F32: "f", ValType.F64: "d",
               ValType.V128: "v", ValType.FUNCREF: "r", ValType.EXTERNREF: "x"}
# The C library functions compilers call for block memory operations (clang's
# `env.memset` under --allow-undefined).  The C library's own take native
# pointers, so the object provides them on its linear memory instead
# (runtime.py: bounds-checked as memory.fill/memory.copy, returning the destination).
LIBC_MEMORY_IMPORTS = {"memset": "libc_memset", "memcpy": "libc_memcpy",
                       "memmove": "libc_memmove"}
LIBC_MEMORY_TYPE = ((ValType.I32,) * 3, (ValType.I32,))


def memory_helper(op: str, memory: int, source: int = 0) -> str:
    """The runtime helper (runtime.py) of memcopy/memfill/meminit on that memory:
    `memfill` on memory 0, `memfill_2` on memory 2, `memcopy_1_0` from 0 into 1."""
    if op == "memcopy" and (memory or source):
        return f"memcopy_{memory}_{source}"
    return f"{op}_{memory}" if memory else op


def shown_import(imp) -> str:
    return f"{printable(imp.module)}.{printable(imp.name)}"


@dataclass(frozen=True, slots=True)
class GlobalSlot:
    offset: int
    words: int


@dataclass(frozen=True, slots=True)
class MemoryPlace:
    """Where one memory lives and what is known of its size at compile time."""
    index: int
    symbol: str                     # the base: byte 0 of the memory, its header below
    imported: bool = False
    initial_pages: int = 0
    max_pages: int = 65536
    reserved: int = 0               # bytes of RAM behind the header (0: imported)
    min_bytes: int = 0              # bytes the memory always has
    grow_limit: int = 0             # pages memory.grow cannot pass (the header's limit)
    static_bound: int | None = None  # the accessible bytes when they never change
    page_size: int = PAGE           # 65536, or 1 (custom-page-sizes): memory.size counts these

    @property
    def page_shift(self) -> int:
        """log2 of the page size: pages << page_shift = bytes (memory.grow)."""
        return self.page_size.bit_length() - 1

    @property
    def initial_bytes(self) -> int:
        return self.initial_pages * self.page_size


class ModuleLayout:
    def __init__(self, module: Module, options: Options):
        self.module = module
        self.options = options
        p = options.prefix
        if p and not is_identifier(p):
            raise SynthError(f"--prefix '{printable(p)}' must be the start of a C identifier "
                             "(letters, digits and _, not starting with a digit)")
        self.prefix = p
        self.nimported = module.num_imported_funcs
        self.globals_symbol = f"{p}synth_globals"
        self.init_symbol = f"{p}synth_init"
        self.runtime_prefix = f"{p}synth_rt_"
        self.funcrefs_symbol = f"{p}synth_funcrefs"
        self._own = f"{p}synth_"
        self.provided_imports: dict[str, str] = {}     # symbol → runtime helper
        self.wasi_stem = f"{p}{wasi.SYMBOL_STEM}"     # symbols the WASI shim defines
        self._wasi_enosys = self.wasi_stem + wasi.ENOSYS_FUNCTION
        self._import_syms = self._name_imports()
        self._export_syms = self._name_exports()
        self._exports = module.exports_by_target()     # the module is not changed after loading
        self._func_symbols = self._name_functions()
        self.global_slots = self._place_globals()
        self.funcrefs = self._referenced_functions()
        self._grown = {ins.imm for f in module.functions for ins in f.body
                       if ins.op == "table.grow"}
        self._grown_memories = {ins.imm for f in module.functions for ins in f.body
                                if ins.op == "memory.grow"}
        self._place_memory()
        self._check_sizes()

    def _check_sizes(self) -> None:
        """Defined memories and tables must fit a Cortex-M RAM region: the largest
        (1 GiB) always, the SRAM region (0.5 GiB) unless sized by their flag."""
        m = self.module
        objects = []        # (what, bytes, flag, sized by the flag, offset in the module)
        nimp_mem = len(m.imports_of(ExternKind.MEMORY))
        for mp in self.memories[nimp_mem:]:
            off = m.memory_offsets[mp.index - nimp_mem] \
                if mp.index - nimp_mem < len(m.memory_offsets) else 0
            objects.append(("memory" + (f" {mp.index}" if mp.index else ""),
                            MEMORY_HEADER + mp.reserved, "--memory-size",
                            self.options.memory_size_of(mp.index) is not None, off))
        nimp = len(self.module.imports_of(ExternKind.TABLE))
        top = self.options.table_size
        for ti in range(nimp, nimp + len(self.module.tables)):
            declared = self.module.table_type(ti).limits.min
            off = m.table_offsets[ti - nimp] if ti - nimp < len(m.table_offsets) else 0
            if TABLE_HEADER + 4 * declared > MAX_OBJECT_BYTES:
                raise UnsupportedError(
                    f"table {ti} declares {declared} entries, {TABLE_HEADER + 4 * declared} "
                    f"bytes of RAM: more than the 1 GiB of the largest Cortex-M RAM region",
                    offset=off)
            # --table-size sizes a table explicitly when it reserves at least its entries
            objects.append((f"table {ti}", TABLE_HEADER + 4 * self.table_capacity(ti),
                            "--table-size", top is not None and top >= declared, off))
        for what, size, flag, _, off in objects:
            if size > MAX_OBJECT_BYTES:
                raise UnsupportedError(
                    f"{what} needs {size} bytes of RAM, more than the 1 GiB of the largest "
                    f"Cortex-M RAM region (reserve less with {flag})", offset=off)
        first = min((o[4] for o in objects), default=0)
        total = sum(o[1] for o in objects)
        if total > MAX_OBJECT_BYTES:
            raise UnsupportedError(
                f"memory and tables need {total} bytes of RAM together, more than the 1 GiB "
                f"of the largest Cortex-M RAM region (see --memory-size / --table-size)",
                offset=first)
        unsized = sorted((o for o in objects if not o[3]), key=lambda o: -o[1])
        if sum(o[1] for o in unsized) > MAX_DEFAULT_BYTES:
            # name the largest alone if it is too big by itself, else all of them
            over = unsized[:1] if unsized[0][1] > MAX_DEFAULT_BYTES else unsized
            size = sum(o[1] for o in over)
            what = " and ".join(o[0] for o in over)
            flags = " / ".join(dict.fromkeys(o[2] for o in over))
            raise UnsupportedError(
                f"{what} need{'s' if len(over) == 1 else ''} {size} bytes of RAM by default, "
                f"more than the 0.5 GiB SRAM region of the Cortex-M memory map; set the "
                f"reservation with {flags}", offset=over[0][4])

    def is_own_symbol(self, sym: str) -> bool:
        """Whether `sym` is in the namespace of the symbols synth itself defines:
        P##synth_… (init, memory, globals, tables, descriptors, segments, runtime)
        and the shared synth_trap, synth_stack_limit and synth_sig_…"""
        return (sym.startswith(self._own) or sym in (TRAP_HANDLER, STACK_LIMIT)
                or sym.startswith("synth_sig_"))

    # -- imports -------------------------------------------------------------
    def _name_imports(self) -> list[str]:
        """Every import is an undefined symbol named after its field; one symbol
        cannot stand for two different imports, nor be one synth defines, nor
        one the C library or libgcc defines, nor the program's `main`.
        env.memset/memcpy/memmove are provided by the object (LIBC_MEMORY_IMPORTS)."""
        names, seen = [], {}
        renamed = dict(self.options.import_symbols)
        for imp in self.module.imports:
            chosen = renamed.get(f"{imp.module}.{imp.name}")
            sym = (self._import_name(imp, chosen) if chosen is not None
                   else self._provided_import(imp) or self._wasi_import(imp)
                   or self._import_name(imp))
            if sym == self._wasi_enosys:        # one ENOSYS stub serves every signature
                names.append(sym)
                continue
            other = seen.setdefault(sym, imp)
            if (other.module, other.name, other.kind) != (imp.module, imp.name, imp.kind):
                raise UnsupportedError(
                    f"imports {shown_import(other)} and {shown_import(imp)} would "
                    f"both be the symbol {sym}", offset=imp.offset)
            if other is not imp and self._import_type(other) != self._import_type(imp):
                raise UnsupportedError(
                    f"imports {shown_import(other)} and {shown_import(imp)} have "
                    f"different types but would both be the symbol {sym}", offset=imp.offset)
            names.append(sym)
        return names

    def _import_name(self, imp, chosen: str | None = None) -> str:
        """The undefined symbol of an import: the one --rename-import chose, else
        its field as an identifier (a C keyword or macro name too: the header
        declares those under an alias)."""
        sym = chosen if chosen is not None else c_identifier(imp.name)
        if self.is_own_symbol(sym):
            raise UnsupportedError(
                f"import {shown_import(imp)} would be the symbol {sym}, which is "
                f"synth's own (rename the import)", offset=imp.offset)
        owner = ("the C library's or libgcc's" if sym in TOOLCHAIN_SYMBOLS
                 else "the C program's" if sym == "main" else None)
        if owner:
            kind = "" if imp.kind == ExternKind.FUNC else f" {imp.kind.name.lower()}"
            raise UnsupportedError(
                f"import {shown_import(imp)} would bind to {owner} '{sym}', which has "
                f"another contract; bind it to a name of yours with --rename-import "
                f"{shown_import(imp)}=my_{sym} (synth-cc: -msynth-rename-import=), or "
                f"rename the{kind} import (in C: __attribute__((import_name(\"my_{sym}\"))))",
                offset=imp.offset)
        return sym

    def _provided_import(self, imp) -> str | None:
        """The symbol of the object's own definition of env.memset/memcpy/memmove,
        None for any other import; a mistyped one is an error."""
        helper = LIBC_MEMORY_IMPORTS.get(imp.name)
        if helper is None or imp.module != "env" or imp.kind != ExternKind.FUNC:
            return None
        ft = self.module.types[imp.desc]
        if (ft.params, ft.results) != LIBC_MEMORY_TYPE:
            raise UnsupportedError(
                f"import env.{imp.name} has the type {ft}, not [i32 i32 i32] -> [i32]: "
                f"synth provides {imp.name} on linear memory only with the C library's "
                f"signature; rename the import", offset=imp.offset)
        if not self.module.all_memories():
            raise UnsupportedError(
                f"import env.{imp.name} works on linear memory, but the module has none",
                offset=imp.offset)
        sym = self.runtime_prefix + helper
        self.provided_imports[sym] = helper
        return sym

    def _wasi_import(self, imp) -> str | None:
        """The symbol of a wasi_snapshot_preview1 import, in synth's namespace
        (P##synth_wasi_…, defined by the WASI shim on this module's memory:
        wasi/), or None for an import of another module."""
        if imp.module != wasi.MODULE:
            return None
        if imp.kind != ExternKind.FUNC:
            raise UnsupportedError(f"import {shown_import(imp)}: WASI preview1 provides "
                                   f"only functions", offset=imp.offset)
        mems = self.module.all_memories()
        if not mems or self.module.imports_of(ExternKind.MEMORY):
            raise UnsupportedError(
                f"import {shown_import(imp)} works on the module's linear memory, but the "
                f"module {'imports its memory' if mems else 'has none'} (the WASI shim "
                f"needs a memory the module defines)", offset=imp.offset)
        ft = self.module.types[imp.desc]
        try:
            return wasi.import_symbol(self.prefix, imp.name, ft.params, ft.results)
        except wasi.WasiImportError as err:
            raise UnsupportedError(f"import {shown_import(imp)} {err}; rename the import "
                                   f"(--rename-import) to provide it yourself",
                                   offset=imp.offset) from None

    def _import_type(self, imp):
        """What one definition must be to satisfy the import: the function or global
        type, a table's element type (its limits are only bounds on the size)."""
        if imp.kind == ExternKind.FUNC:
            return self.module.types[imp.desc]
        if imp.kind == ExternKind.TABLE:
            return imp.desc.elem
        if imp.kind == ExternKind.GLOBAL:
            return imp.desc
        return None

    def provided_helper(self, funcidx: int) -> str | None:
        """The runtime helper that defines imported function funcidx in the
        object itself (env.memset…), or None if it is a true import."""
        if funcidx >= self.nimported:
            return None
        return self.provided_imports.get(self._func_symbols[funcidx])

    def external_function_imports(self) -> list[int]:
        """Indices of the imported functions something outside must define."""
        return [i for i in range(self.nimported) if self.provided_helper(i) is None]

    def import_symbol(self, kind: ExternKind, idx: int) -> str | None:
        """The symbol of the idx-th import of that kind, or None if idx is defined here."""
        k = -1
        for imp, sym in zip(self.module.imports, self._import_syms):
            if imp.kind == kind:
                k += 1
                if k == idx:
                    return sym
        return None

    # -- exports -------------------------------------------------------------
    def _name_exports(self) -> dict[str, str]:
        """Export name → its global symbol: the prefix and the name as a C
        identifier.  When names map to one identifier ("a_b", "a-b") or to an
        import's symbol, a name that is already an identifier keeps it and the
        others get `_2`, `_3`… in export order, so every export links.  A name
        that would be one of synth's own symbols gets `wasm_` after the prefix."""
        taken = set(self._import_syms)
        out = {}

        def base_of(name: str) -> str:
            base = f"{self.prefix}{c_identifier(name)}"
            if self.is_own_symbol(base):
                return f"{self.prefix}wasm_{c_identifier(name)}"
            return base

        exports = sorted(self.module.exports,
                         key=lambda e: base_of(e.name) != self.prefix + e.name)
        for e in exports:
            base = base_of(e.name)
            sym, k = base, 1
            while sym in taken:
                k += 1
                sym = f"{base}_{k}"
            self._check_export(e, sym)
            taken.add(sym)
            out[e.name] = sym
        return out

    def _check_export(self, e, sym: str) -> None:
        """An export defines a global symbol: not one of the C library, libgcc,
        crt files or linker scripts (it would replace theirs for all of the
        firmware), and without --prefix none in the implementation's namespace
        (`__heap_base`, `__dso_handle` of clang's --export-all)."""
        if sym in TOOLCHAIN_SYMBOLS:
            why = "the C library, libgcc or the crt files define"
        elif not self.prefix and implementation_reserved(sym):
            why = "C reserves for the compiler, C library and linker"
        else:
            return
        raise UnsupportedError(
            f"export \"{printable(e.name)}\" would define the symbol {sym}, which {why}; "
            f"compile with --prefix (e.g. --prefix app_) or do not export it", offset=e.offset)

    def reexported_imports(self) -> list[tuple[str, ExternKind, str]]:
        """(export name, kind, import symbol) of exports that name an import."""
        out = []
        for e in self.module.exports:
            sym = self.import_symbol(e.kind, e.index)
            if sym is not None:
                out.append((e.name, e.kind, sym))
        return out

    def _exports_of(self, kind: ExternKind, idx: int) -> list[str]:
        return self._exports.get((kind, idx), [])

    def export_symbol(self, name: str) -> str:
        """The symbol C uses for export `name` (see the generated header)."""
        return self._export_syms[name]

    def export_aliases(self, kind: ExternKind, idx: int) -> list[str]:
        """Symbols for the exports of a defined global, table or memory (an
        imported one keeps its own symbol: an object cannot alias an undefined one)."""
        if self.import_symbol(kind, idx) is not None:
            return []
        return [self._export_syms[n] for n in self._exports_of(kind, idx)]

    # -- memory --------------------------------------------------------------
    def _place_memory(self) -> None:
        """Every memory its own symbol, reservation and bounds (MemoryPlace);
        memory 0's facts also as the flat attributes most of the compiler reads."""
        self.memories = [self._place_one_memory(k)
                         for k in range(len(self.module.all_memories()))]
        self.has_memory = bool(self.memories)
        first = self.memories[0] if self.memories else MemoryPlace(0, f"{self.prefix}synth_memory")
        self.memory_imported = first.imported
        self.memory_symbol = first.symbol
        self.memory_initial_pages = first.initial_pages
        self.memory_max_pages = first.max_pages
        self.memory_reserved = first.reserved
        self.memory_min_bytes = first.min_bytes
        self.memory_grow_limit = first.grow_limit
        self.static_memory_bound = first.static_bound

    def _place_one_memory(self, k: int) -> "MemoryPlace":
        module, options = self.module, self.options
        mt = module.all_memories()[k]
        imported = self.import_symbol(ExternKind.MEMORY, k)
        symbol = imported or f"{self.prefix}synth_memory" + (str(k) if k else "")
        page = mt.page_size
        initial_pages = mt.limits.min
        declared_max = mt.limits.max
        max_pages = declared_max if declared_max is not None else mt.max_pages
        initial = initial_pages * page
        sized = options.memory_size_of(k)
        if imported:
            reserved = 0                        # the exporter's reservation, read at run time
        elif sized is not None:
            reserved = sized
        elif declared_max is not None:
            # a declared, modest maximum is honoured so memory.grow behaves as in wasm
            reserved = max(initial, min(declared_max * page, DEFAULT_GROW_BYTES))
        else:
            reserved = initial
        # the bytes memory has from the start and keeps (it never shrinks); an
        # imported memory's size is the exporter's, known only at run time
        min_bytes = 0 if imported else min(initial, reserved)
        shared = bool(module.exports_of(ExternKind.MEMORY, k))
        # The grow limit the init writes to the header: no memory.grow (here, or in
        # an importer of an exported memory) can pass it.
        grow_limit = min(max_pages, reserved // page)
        fixed = grow_limit <= initial_pages
        grown = k in self._grown_memories
        # When the accessible size can never change, bounds checks compare against
        # a constant instead of loading it (clang's modules export their memory
        # without a maximum: the reservation is the initial size, so it is fixed).
        if imported or not fixed and (grown or shared):
            static_bound = None
        else:
            static_bound = min(initial, reserved)
        return MemoryPlace(k, symbol, imported is not None, initial_pages, max_pages, reserved,
                           min_bytes, grow_limit, static_bound, page)

    # -- functions -----------------------------------------------------------
    def _name_functions(self) -> list[str]:
        """One ELF symbol per function: its first export name, else its name-section
        name, else f<index>; export names are reserved first so no internal
        name can take one."""
        m = self.module
        names: list[str] = [sym for imp, sym in zip(m.imports, self._import_syms)
                            if imp.kind == ExternKind.FUNC]
        used: set[str] = set(names) | set(self._export_syms.values())
        for i in range(len(m.functions)):
            idx = self.nimported + i
            exports = self._exports_of(ExternKind.FUNC, idx)
            if exports:
                names.append(self._export_syms[exports[0]])
                continue
            base = c_identifier(m.function_name(idx) or f"f{idx}")
            sym = f"{self.prefix}{base}"
            if sym in used or self.is_own_symbol(sym):
                sym = f"{self.prefix}wasm_f{idx}_{base}"
            while sym in used:
                sym += "_"
            used.add(sym)
            names.append(sym)
        return names

    def func_symbol(self, funcidx: int) -> str:
        return self._func_symbols[funcidx]

    def export_symbols(self, funcidx: int) -> list[str]:
        return [self._export_syms[n] for n in self._exports_of(ExternKind.FUNC, funcidx)]

    def is_import(self, funcidx: int) -> bool:
        return funcidx < self.nimported

    # -- signatures ----------------------------------------------------------
    def sig_symbol(self, typeidx: int) -> str:
        """Signature identity shared by every object: a weak one-word object named
        after the signature (call_indirect compares its address)."""
        ft = self.module.types[typeidx]
        return ("synth_sig_" + "".join(_SIG_LETTER[t] for t in ft.params) + "_"
                + "".join(_SIG_LETTER[t] for t in ft.results))

    # -- globals -------------------------------------------------------------
    def _place_globals(self) -> list[GlobalSlot | None]:
        """Frame of the defined globals; imported ones live at their own symbol (None)."""
        slots, off = [], 0
        for i, gt in enumerate(self.module.all_globals()):
            if self.import_symbol(ExternKind.GLOBAL, i) is not None:
                slots.append(None)
                continue
            words = 2 if gt.valtype in (ValType.I64, ValType.F64) else 1
            if words == 2 and off % 8:
                off += 4
            slots.append(GlobalSlot(off, words))
            off += 4 * words
        self.globals_size = off
        return slots

    def global_place(self, idx: int) -> tuple[str, int, int]:
        """(symbol, byte offset, words) of global idx."""
        gt = self.module.global_type(idx)
        slot = self.global_slots[idx]
        if slot is None:
            return self.import_symbol(ExternKind.GLOBAL, idx), 0, words_of(gt.valtype)
        return self.globals_symbol, slot.offset, slot.words

    # -- function references -------------------------------------------------
    def _referenced_functions(self) -> dict[int, int]:
        """Functions a funcref can name (ref.func anywhere) → descriptor index."""
        m = self.module
        exprs = [g.init for g in m.globals] + [x for seg in m.elements for x in seg.init] \
            + [t.init for t in m.tables if t.init]
        found = {ins.imm for e in exprs for ins in e if ins.op == "ref.func"}
        found |= {ins.imm for f in m.functions for ins in f.body if ins.op == "ref.func"}
        return {f: k for k, f in enumerate(sorted(found))}

    def funcref_symbol(self, funcidx: int) -> str:
        """The 8-byte descriptor {code|1, signature} that a funcref value points to."""
        return f"{self.prefix}synth_ref{funcidx}"

    def func_sig_symbol(self, funcidx: int) -> str:
        m = self.module
        if funcidx < self.nimported:
            return self.sig_symbol(m.imports_of(ExternKind.FUNC)[funcidx].desc)
        return self.sig_symbol(m.functions[funcidx - self.nimported].type_index)

    # -- tables --------------------------------------------------------------
    def table_symbol(self, tableidx: int) -> str:
        imported = self.import_symbol(ExternKind.TABLE, tableidx)
        return imported or f"{self.prefix}synth_table{tableidx}"

    def table_static_size(self, tableidx: int) -> int | None:
        """The size when nothing can change it: a defined table whose maximum is
        its initial size, or one that is neither exported nor grown here."""
        if self.import_symbol(ExternKind.TABLE, tableidx) is not None:
            return None
        lim = self.module.table_type(tableidx).limits
        if lim.max == lim.min or not (self.module.exports_of(ExternKind.TABLE, tableidx)
                                      or tableidx in self._grown):
            return lim.min
        return None

    def table_capacity(self, tableidx: int) -> int:
        """Entries reserved for a defined table.  One that can grow (grown here, or
        exported so another module may grow it) gets --table-size entries, else its
        declared maximum up to DEFAULT_TABLE_GROW; with neither, its initial size
        (as linear memory: table.grow then returns -1, which wasm allows)."""
        lim = self.module.table_type(tableidx).limits
        if not (tableidx in self._grown or self.module.exports_of(ExternKind.TABLE, tableidx)):
            return lim.min
        top = self.options.table_size
        if top is None:
            top = DEFAULT_TABLE_GROW if lim.max is not None else lim.min
        if lim.max is not None:
            top = min(top, lim.max)
        return max(lim.min, top)

    def elem_symbol(self, elemidx: int) -> str:
        return f"{self.prefix}synth_elem{elemidx}"

    @property
    def softfloat_prefix(self) -> str:
        return f"{self.prefix}synth_sf_"

    def softfloat_symbol(self, name: str) -> str:
        return self.softfloat_prefix + name

    def data_symbol(self, dataidx: int) -> str:
        return f"{self.prefix}synth_data{dataidx}"


_KIND = {ValType.I64: "l", ValType.F32: "f", ValType.F64: "d"}


def abi_kinds(types) -> str:
    """One ABI kind letter per value (see arm/frame.py): i, l, f or d."""
    return "".join(_KIND.get(t, "i") for t in types)


def words_of(t: ValType) -> int:
    """How many 32-bit words a value of type t occupies."""
    return 2 if t in (ValType.I64, ValType.F64) else 1
