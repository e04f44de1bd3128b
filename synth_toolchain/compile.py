"""The pipeline: wasm module → compiled functions + module data → ELF object.

    load (wasm/) → layout → per function: tier ladder (lower → allocate →
    emit) → module data (memory, globals, tables, segments, init, runtime)
    → ObjectFile (elf/) → report
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from . import runtime
from .elf.objfile import ObjectFile, Reloc, Section, Symbol
from .elf.attributes import resolve_fpu
from .errors import UnsupportedError
from .layout import MEMORY_HEADER, ModuleLayout, c_identifier
from .options import Options
from .constexpr import const_value
from .tiers import FunctionResult, compile_function
from .traps import STACK_LIMIT, TRAP_HANDLER
from .wasm.module import ExternKind, Module, ValType


@dataclass(slots=True)
class CompiledModule:
    module: Module
    layout: ModuleLayout
    functions: list[FunctionResult]
    obj: ObjectFile


def compile_module(module: Module, options: Options) -> CompiledModule:
    for imp in module.imports:
        if imp.kind != ExternKind.FUNC:
            raise UnsupportedError(f"import {imp.module}.{imp.name}: only function imports "
                                   "are supported", offset=imp.offset)
    fpu = resolve_fpu(options.target, options.float_abi, options.fpu)
    layout = ModuleLayout(module, options)
    results = [compile_function(layout, layout.nimported + i, options)
               for i in range(len(module.functions))]
    obj = ObjectFile(target=options.target, float_abi=options.float_abi, fpu=fpu,
                     sections=[], symbols=[])
    _add_functions(obj, layout, results)
    needs = _runtime_needs(results)
    _add_memory(obj, layout)
    _add_globals(obj, layout)
    init_traps = _add_tables(obj, layout)
    _add_data(obj, layout)
    for name in sorted(needs | ({"copybytes"} if _active_datas(module) else set())):
        _add_code(obj, layout.runtime_prefix + name, runtime.build(name, layout), "local")
    _add_softfloat(obj, layout, results, options)
    _add_code(obj, layout.init_symbol, runtime.build_init(layout, init_traps), "global")
    _add_code(obj, TRAP_HANDLER, runtime.build_default_trap(), "weak")
    if options.stack_check:
        sec = f".bss.{STACK_LIMIT}"
        obj.sections.append(Section(sec, "bss", size=4, align=4))
        obj.symbols.append(Symbol(STACK_LIMIT, sec, 0, 4, "weak", "object"))
    return CompiledModule(module, layout, results, obj)


@lru_cache(maxsize=8)
def _softfloat_runtime(options: Options) -> dict[str, FunctionResult]:
    """The integer-only float runtime, compiled by this same compiler (cached)."""
    from .softfloat import RUNTIME_WAT_PATH
    from .wasm.loader import load_module
    module = load_module(RUNTIME_WAT_PATH)
    rt_layout = ModuleLayout(module, options)
    return {r.symbol: r for r in (compile_function(rt_layout, rt_layout.nimported + i, options)
                                  for i in range(len(module.functions)))}


def _add_softfloat(obj: ObjectFile, layout: ModuleLayout, results: list[FunctionResult],
                   options: Options) -> None:
    """Add the runtime functions the code calls, and what they call in turn."""
    prefix = layout.softfloat_prefix
    wanted = sorted({r.symbol for fr in results for r in fr.code.relocs
                     if r.symbol.startswith(prefix)})
    if not wanted:
        return
    rt = _softfloat_runtime(replace(options, prefix=prefix, tier=None, local_promote=True))
    chosen: set[str] = set()
    while wanted:
        sym = wanted.pop()
        if sym in chosen:
            continue
        chosen.add(sym)
        wanted.extend(r.symbol for r in rt[sym].code.relocs if r.symbol.startswith(prefix))
    for sym in sorted(chosen):
        _add_code(obj, sym, rt[sym].code, "local")


def _add_code(obj: ObjectFile, symbol: str, code, binding: str) -> None:
    sec = f".text.{symbol}"
    obj.sections.append(Section(sec, "text", code.data, align=4, relocs=list(code.relocs),
                                mapping=list(code.mapping)))
    obj.symbols.append(Symbol(symbol, sec, 0, len(code.data), binding, "func"))


def _add_functions(obj: ObjectFile, layout: ModuleLayout, results: list[FunctionResult]) -> None:
    for r in results:
        exports = layout.export_symbols(r.funcidx)
        binding = "global" if r.symbol in exports else "local"
        _add_code(obj, r.symbol, r.code, binding)
        sec = f".text.{r.symbol}"
        for alias in exports:
            if alias != r.symbol:
                obj.symbols.append(Symbol(alias, sec, 0, len(r.code.data), "global", "func"))


def _runtime_needs(results: list[FunctionResult]) -> set[str]:
    needs = set()
    for r in results:
        for reloc in r.code.relocs:
            for name in runtime.HELPERS:
                if reloc.symbol.endswith("synth_rt_" + name):
                    needs.add(name)
    return needs


def _add_memory(obj: ObjectFile, layout: ModuleLayout) -> None:
    if not layout.has_memory:
        return
    sec = f".bss.{layout.memory_symbol}"
    obj.sections.append(Section(sec, "bss", size=MEMORY_HEADER + layout.memory_reserved, align=8))
    obj.symbols.append(Symbol(layout.memory_symbol, sec, MEMORY_HEADER, layout.memory_reserved,
                              "global", "object"))


def _add_globals(obj: ObjectFile, layout: ModuleLayout) -> None:
    m = layout.module
    if not layout.globals_size:
        return
    data = bytearray(layout.globals_size)
    nimp = len(m.imports_of(ExternKind.GLOBAL))
    for i, g in enumerate(m.globals):
        slot = layout.global_slots[nimp + i]
        value = const_value(g.init, f"global {nimp + i}")
        data[slot.offset:slot.offset + 4 * slot.words] = value.to_bytes(4 * slot.words, "little")
    sec = f".data.{layout.globals_symbol}"
    obj.sections.append(Section(sec, "data", bytes(data), align=8))
    obj.symbols.append(Symbol(layout.globals_symbol, sec, 0, len(data), "local", "object"))
    for e in m.exports:
        if e.kind == ExternKind.GLOBAL:
            slot = layout.global_slots[e.index]
            obj.symbols.append(Symbol(f"{layout.prefix}{c_identifier(e.name)}", sec, slot.offset,
                                      4 * slot.words, "global", "object"))


def _add_tables(obj: ObjectFile, layout: ModuleLayout) -> list[int]:
    """Tables as arrays of (function address | 1, signature id); returns init traps."""
    from .traps import Trap
    m = layout.module
    traps: list[int] = []
    for ti, tt in enumerate(m.all_tables()):
        if tt.elem != ValType.FUNCREF:
            raise UnsupportedError(f"table {ti}: only funcref tables are supported")
        size = tt.limits.min
        entries: list[int | None] = [None] * size
        for seg in m.elements:
            if seg.mode != "active" or seg.table != ti:
                continue
            base = const_value(seg.offset_expr, "element segment offset")
            if base + len(seg.init) > size:
                traps.append(int(Trap.OUT_OF_BOUNDS_TABLE))
                break
            for k, expr in enumerate(seg.init):
                ins = expr[0]
                entries[base + k] = ins.imm if ins.op == "ref.func" else None
        data = bytearray()
        relocs = []
        for k, f in enumerate(entries):
            if f is None:
                data += (0).to_bytes(4, "little") + (0xFFFFFFFF).to_bytes(4, "little")
            else:
                relocs.append(Reloc(8 * k, "R_ARM_ABS32", layout.func_symbol(f)))
                tid = layout.type_id(m.functions[f - layout.nimported].type_index
                                     if f >= layout.nimported
                                     else m.imports_of(ExternKind.FUNC)[f].desc)
                data += (0).to_bytes(4, "little") + tid.to_bytes(4, "little")
        sym = layout.table_symbol(ti)
        sec = f".data.{sym}"
        obj.sections.append(Section(sec, "data", bytes(data), align=4, relocs=relocs))
        obj.symbols.append(Symbol(sym, sec, 0, len(data), "local", "object"))
    return traps


def _active_datas(m: Module):
    return [(i, d) for i, d in enumerate(m.datas) if d.mode == "active"]


def _add_data(obj: ObjectFile, layout: ModuleLayout) -> None:
    """Segment bytes in .rodata; a writable [length, address] descriptor per segment.

    Active segments are copied by the init function and then count as
    dropped (length 0), as the spec requires for memory.init afterwards.
    """
    m = layout.module
    for i, d in enumerate(m.datas):
        bytes_sym = f"{layout.data_symbol(i)}_bytes"
        rsec = f".rodata.{bytes_sym}"
        obj.sections.append(Section(rsec, "rodata", d.data, align=4))
        obj.symbols.append(Symbol(bytes_sym, rsec, 0, len(d.data), "local", "object"))
        dsym = layout.data_symbol(i)
        dsec = f".data.{dsym}"
        length = len(d.data) if d.mode == "passive" else 0
        obj.sections.append(Section(dsec, "data", length.to_bytes(4, "little") + bytes(4),
                                    align=4, relocs=[Reloc(4, "R_ARM_ABS32", bytes_sym)]))
        obj.symbols.append(Symbol(dsym, dsec, 0, 8, "local", "object"))
