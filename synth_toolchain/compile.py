"""The pipeline: wasm module → compiled functions + module data → ELF object.

    load (wasm/) → layout → per function: tier ladder (lower → allocate →
    emit) → module data (memory, globals, tables, segments, init, runtime)
    → ObjectFile (elf/) → report
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import runtime, runtime_v6m, tabledata
from .arm.asm_v6m import assembler_for
from .cnames import printable
from .elf.objfile import ObjectFile, Reloc, Section, Symbol
from .elf.attributes import resolve_fpu
from .errors import UnsupportedError
from .layout import MEMORY_HEADER, ModuleLayout, memory_helper
from .options import Options
from .constexpr import fold
from .tiers import INTERNAL_ERROR, LADDER, FunctionResult, Ladder, compile_function
from .traps import STACK_LIMIT, TRAP_HANDLER, Trap
from .wasm.module import ExternKind, Module, ValType


@dataclass(slots=True)
class CompiledModule:
    module: Module
    layout: ModuleLayout
    functions: list[FunctionResult]
    obj: ObjectFile
    warnings: list[str] = field(default_factory=list)
    # the soft-float runtime functions added to the object (compiled by the ladder too)
    runtime_functions: list[FunctionResult] = field(default_factory=list)


@contextmanager
def _frozen_once_compiled(functions: int):
    """`keep(result)` moves what exists once a function is compiled (mostly the
    IR and code kept for it) out of the cyclic collector's sight until the
    module is done.  Else each full pass walks every function compiled so far:
    nine passes at 4000 functions, an eighth of the compile.  Compiling makes
    no reference cycles per function, so nothing waits on the collector;
    a caller that froze objects itself is left alone.  A large module first
    gets one full pass over what exists (the loaded module: 0.06 s at 4000
    functions): it resets the collector's count of objects promoted since its
    last full pass, which would otherwise start a pass over everything as
    soon as the compiled functions are unfrozen (0.4 s)."""
    active = gc.isenabled() and gc.get_freeze_count() == 0
    if active:
        # the caller's young garbage goes first: frozen, then unfrozen into the
        # oldest generation, a dropped cycle would wait for a full pass (an
        # emulator's unicorn memory per call of a long-running caller)
        gc.collect(2 if functions >= _COLLECT_FIRST_FROM else 1)

    def keep(result):
        if active:
            gc.freeze()
        return result
    try:
        yield keep
    finally:
        if active:
            gc.unfreeze()


_COLLECT_FIRST_FROM = 500               # functions; a small module's compile is short anyway


def compile_module(module: Module, options: Options, ladder: Ladder = LADDER) -> CompiledModule:
    """`ladder` compiles the module's functions; the float runtime added to them
    is always compiled by the standard one."""
    fpu = resolve_fpu(options.target, options.float_abi, options.fpu)
    layout = ModuleLayout(module, options)
    with _frozen_once_compiled(len(module.functions)) as keep:
        results = [keep(compile_function(layout, layout.nimported + i, options, ladder))
                   for i in range(len(module.functions))]
    obj = ObjectFile(target=options.target, float_abi=options.float_abi, fpu=fpu,
                     sections=[], symbols=[])
    _add_functions(obj, layout, results)
    warnings = _add_reexports(obj, layout)
    warnings += [f"function {fr.symbol}: tier {t} failed with an {why}; compiled by "
                 f"tier {fr.tier} instead (please report this)"
                 for fr in results for t, why in fr.attempts if why.startswith(INTERNAL_ERROR)]
    # instantiation order: globals, element segments, data segments, start
    steps = _add_memory(obj, layout) + _add_globals(obj, layout)
    steps += tabledata.add_tables(obj, layout)
    if not any(s[0] == "trap" for s in steps):
        steps += _add_data(obj, layout)
    else:
        _add_data(obj, layout)
    if module.start is not None:
        steps.append(("start", module.start))
    sigs = tabledata.add_funcrefs(obj, layout)
    sigs |= {r.symbol for fr in results for r in fr.code.relocs
             if r.symbol.startswith("synth_sig_")}
    tabledata.add_signatures(obj, sigs)
    helpers = {s[1] for s in steps if s[0] == "segment"}
    helpers |= {"copybytes"} if any(s[0] == "copy" for s in steps) else set()
    for name in sorted(_runtime_needs(results, layout.runtime_prefix) | helpers):
        _add_code(obj, layout.runtime_prefix + name, runtime.build(name, layout), "local")
    for sym, name in sorted(layout.provided_imports.items()):
        _add_code(obj, sym, runtime.build(name, layout), "local")
    runtime_functions = _add_softfloat(obj, layout, results, options)
    _add_code(obj, layout.init_symbol, runtime.build_init(layout, steps), "global")
    _add_code(obj, TRAP_HANDLER, runtime.build_default_trap(), "weak")
    _add_millicode(obj)
    if options.stack_check:
        sec = f".bss.{STACK_LIMIT}"
        obj.sections.append(Section(sec, "bss", size=4, align=4))
        obj.symbols.append(Symbol(STACK_LIMIT, sec, 0, 4, "weak", "object"))
    return CompiledModule(module, layout, results, obj, warnings, runtime_functions)


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
                   options: Options) -> list[FunctionResult]:
    """Add the runtime functions the code calls, and what they call in turn; return them."""
    prefix = layout.softfloat_prefix
    wanted = sorted({r.symbol for fr in results for r in fr.code.relocs
                     if r.symbol.startswith(prefix)})
    if not wanted:
        return []
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
    return [rt[sym] for sym in sorted(chosen)]


def _add_millicode(obj: ObjectFile) -> None:
    """The ARMv6-M helpers (runtime_v6m.py) the object's code calls, local to it."""
    used = {r.symbol for sec in obj.sections for r in sec.relocs}
    for name in runtime_v6m.HELPERS:
        if runtime_v6m.symbol(name) in used:
            _add_code(obj, runtime_v6m.symbol(name), runtime_v6m.build(name), "local")


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


def _add_reexports(obj: ObjectFile, layout: ModuleLayout) -> list[str]:
    """An export of an imported function is a tail branch to the import.  An
    export of an imported global, table or memory cannot be expressed (ELF has
    no alias of an undefined symbol): C reaches it through the import's own
    symbol, and the compile says so in a warning."""
    warnings = []
    for name, kind, sym in layout.reexported_imports():
        export = layout.export_symbol(name)
        if kind == ExternKind.FUNC:
            a = assembler_for(layout.options.target.isa)
            a.b_symbol(sym)
            _add_code(obj, export, a.finish(), "global")
        else:
            warnings.append(f"export \"{printable(name)}\" re-exports the imported "
                            f"{kind.name.lower()} "
                            f"'{sym}', which gets no symbol of its own; C uses '{sym}'")
    return warnings


def _runtime_needs(results: list[FunctionResult], prefix: str) -> set[str]:
    """The runtime helpers the code calls (by their names after `prefix`)."""
    needs = set()
    for r in results:
        for reloc in r.code.relocs:
            name = reloc.symbol[len(prefix):]
            if reloc.symbol.startswith(prefix) and runtime.is_helper(name):
                needs.add(name)
    return needs


def _add_memory(obj: ObjectFile, layout: ModuleLayout) -> list[tuple]:
    """Each defined memory in .bss behind its header; the init fills the headers."""
    steps = []
    for mp in layout.memories:
        if mp.imported:
            continue
        sec = f".bss.{mp.symbol}"
        size = mp.reserved
        obj.sections.append(Section(sec, "bss", size=MEMORY_HEADER + size, align=8))
        for sym, binding in [(mp.symbol, "global")] + [
                (a, "global") for a in layout.export_aliases(ExternKind.MEMORY, mp.index)]:
            obj.symbols.append(Symbol(sym, sec, MEMORY_HEADER, size, binding, "object"))
        steps.append(("memheader", mp.grow_limit, mp.initial_pages,
                      min(mp.initial_bytes, size), mp.symbol))
    return steps


def _add_globals(obj: ObjectFile, layout: ModuleLayout) -> list[tuple]:
    """Defined globals in one .data block; returns init steps for initialisers that
    read an imported global."""
    m = layout.module
    if not layout.globals_size:
        return []
    data = bytearray(layout.globals_size)
    relocs, steps = [], []
    nimp = len(m.imports_of(ExternKind.GLOBAL))
    for i, g in enumerate(m.globals):
        slot = layout.global_slots[nimp + i]
        value = fold(g.init, m)
        if value is not None:
            data[slot.offset:slot.offset + 4 * slot.words] = value.to_bytes(4 * slot.words,
                                                                            "little")
        elif len(g.init) == 1 and g.init[0].op == "ref.func":
            relocs.append(Reloc(slot.offset, "R_ARM_ABS32", layout.funcref_symbol(g.init[0].imm)))
        else:                           # reads an imported global: known at run time
            steps += [("store", layout.globals_symbol, slot.offset + 4 * k, g.init, k)
                      for k in range(slot.words)]
    sec = f".data.{layout.globals_symbol}"
    obj.sections.append(Section(sec, "data", bytes(data), align=8, relocs=relocs))
    obj.symbols.append(Symbol(layout.globals_symbol, sec, 0, len(data), "local", "object"))
    for e in m.exports:
        slot = layout.global_slots[e.index] if e.kind == ExternKind.GLOBAL else None
        if slot is not None:
            obj.symbols.append(Symbol(layout.export_symbol(e.name), sec,
                                      slot.offset, 4 * slot.words, "global", "object"))
    return steps


def _add_data(obj: ObjectFile, layout: ModuleLayout) -> list[tuple]:
    """Segment bytes in .rodata; a writable [length, address] descriptor per segment.

    Returns the init steps of the active segments: a copy checked at compile
    time into a defined memory at a constant offset, else memory.init at run
    time.  Applied segments then count as dropped (length 0), as the spec
    requires for memory.init afterwards.
    """
    m = layout.module
    steps: list[tuple] = []
    for i, d in enumerate(m.datas):
        bytes_sym = f"{layout.data_symbol(i)}_bytes"
        rsec = f".rodata.{bytes_sym}"
        obj.sections.append(Section(rsec, "rodata", d.data, align=4))
        obj.symbols.append(Symbol(bytes_sym, rsec, 0, len(d.data), "local", "object"))
        dsym = layout.data_symbol(i)
        length = len(d.data) if d.mode == "passive" else 0
        if d.mode == "active" and not (steps and steps[-1][0] == "trap"):
            off = fold(d.offset_expr, m)
            mp = layout.memories[d.memory]
            if mp.imported or off is None:
                length = len(d.data)
                steps.append(("segment", memory_helper("meminit", d.memory), None,
                              d.offset_expr, length, dsym))
            elif off + len(d.data) > min(mp.initial_bytes, mp.reserved):
                steps.append(("trap", int(Trap.OUT_OF_BOUNDS_MEMORY)))
            elif d.data:
                steps.append(("copy", mp.symbol, off, bytes_sym, len(d.data)))
        dsec = f".data.{dsym}"
        obj.sections.append(Section(dsec, "data", length.to_bytes(4, "little") + bytes(4),
                                    align=4, relocs=[Reloc(4, "R_ARM_ABS32", bytes_sym)]))
        obj.symbols.append(Symbol(dsym, dsec, 0, 8, "local", "object"))
    return steps
