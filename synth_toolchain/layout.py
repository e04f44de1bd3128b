"""Module layout: symbol names and static data placement shared by all stages.

Everything a function body needs to know about the rest of the module —
which symbol a call targets, where a global lives, the canonical id of a
signature, the static memory bound — is decided here once, before any
function is compiled, so tiers can compile functions independently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .options import Options
from .wasm.module import ExternKind, FuncType, Module, ValType

PAGE = 65536
MEMORY_HEADER = 8          # [pages][accessible bytes] words just below the base
DEFAULT_GROW_PAGES = 16    # without --memory-size, reserve up to a declared max of 1 MiB


def c_identifier(name: str) -> str:
    """Make a wasm name usable as a C/ELF symbol (non-identifier chars → '_')."""
    s = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return s if s and not s[0].isdigit() else "_" + s


@dataclass(frozen=True, slots=True)
class GlobalSlot:
    offset: int
    words: int


class ModuleLayout:
    def __init__(self, module: Module, options: Options):
        self.module = module
        self.options = options
        p = options.prefix
        self.prefix = p
        self.nimported = module.num_imported_funcs
        self.memory_symbol = f"{p}synth_memory"
        self.globals_symbol = f"{p}synth_globals"
        self.init_symbol = f"{p}synth_init"
        self.runtime_prefix = f"{p}synth_rt_"
        self._func_symbols = self._name_functions()
        self._type_ids = self._canonical_types()
        self.global_slots = self._place_globals()
        mems = module.all_memories()
        self.has_memory = bool(mems)
        self.memory_initial_pages = mems[0].limits.min if mems else 0
        self.memory_max_pages = (mems[0].limits.max if mems and mems[0].limits.max is not None
                                 else 65536)
        initial = self.memory_initial_pages * PAGE
        declared_max = mems[0].limits.max if mems else None
        if options.memory_size is not None:
            self.memory_reserved = options.memory_size
        elif declared_max is not None:
            # a declared, modest maximum is honoured so memory.grow behaves as in wasm
            self.memory_reserved = max(initial, min(declared_max, DEFAULT_GROW_PAGES) * PAGE)
        else:
            self.memory_reserved = initial
        grows = any(ins.op == "memory.grow" for f in module.functions for ins in f.body)
        # With no memory.grow anywhere the accessible size never changes, so
        # bounds checks compare against a constant instead of loading it.
        self.static_memory_bound = None if grows else min(initial, self.memory_reserved)

    # -- functions -----------------------------------------------------------
    def _name_functions(self) -> list[str]:
        """One ELF symbol per function: its first export name, else its name-section
        name, else f<index>; export names are reserved first so no internal
        name can take one."""
        m = self.module
        names: list[str] = [c_identifier(imp.name) for imp in m.imports_of(ExternKind.FUNC)]
        used: set[str] = set(names)
        for e in m.exports:
            if e.kind == ExternKind.FUNC and e.index >= self.nimported:
                used.add(f"{self.prefix}{c_identifier(e.name)}")
        for i in range(len(m.functions)):
            idx = self.nimported + i
            exports = m.exports_of(ExternKind.FUNC, idx)
            if exports:
                names.append(f"{self.prefix}{c_identifier(exports[0])}")
                continue
            base = c_identifier(m.function_name(idx) or f"f{idx}")
            sym = f"{self.prefix}{base}"
            if sym in used:
                sym = f"{self.prefix}wasm_f{idx}_{base}"
            while sym in used:
                sym += "_"
            used.add(sym)
            names.append(sym)
        return names

    def func_symbol(self, funcidx: int) -> str:
        return self._func_symbols[funcidx]

    def export_symbols(self, funcidx: int) -> list[str]:
        return [f"{self.prefix}{c_identifier(n)}"
                for n in self.module.exports_of(ExternKind.FUNC, funcidx)]

    def is_import(self, funcidx: int) -> bool:
        return funcidx < self.nimported

    # -- signatures ----------------------------------------------------------
    def _canonical_types(self) -> list[int]:
        first: dict[FuncType, int] = {}
        return [first.setdefault(t, i) for i, t in enumerate(self.module.types)]

    def type_id(self, typeidx: int) -> int:
        return self._type_ids[typeidx]

    # -- globals -------------------------------------------------------------
    def _place_globals(self) -> list[GlobalSlot]:
        slots, off = [], 0
        for gt in self.module.all_globals():
            words = 2 if gt.valtype in (ValType.I64, ValType.F64) else 1
            if words == 2 and off % 8:
                off += 4
            slots.append(GlobalSlot(off, words))
            off += 4 * words
        self.globals_size = off
        return slots

    # -- tables --------------------------------------------------------------
    def table_symbol(self, tableidx: int) -> str:
        return f"{self.prefix}synth_table{tableidx}"

    def table_size(self, tableidx: int) -> int:
        return self.module.table_type(tableidx).limits.min

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
