"""Static data of references: function descriptors, signatures, tables, element segments.

A funcref value is the address of its function's 8-byte descriptor
{code|1, &signature} in .rodata; the signature is a weak one-word object
named after the signature, so equal signatures of separately compiled
modules link to one address.  Tables that nothing else writes before them
are initialised statically; element segments the init must apply (an
imported table, an offset read from an imported global, or anything after
such a segment, to keep the spec's order) become init steps.

A table is one object, [size][capacity] then its entries.  Mostly null, it is
zero-initialised storage (.bss): the init writes the header and copies the
statically known runs of entries from .rodata, so null entries cost neither
object bytes nor flash.  Otherwise it is one .data image (smaller then: the
init code for a .bss table costs some 80 bytes of flash).
"""

from __future__ import annotations

from .constexpr import fold
from .elf.objfile import ObjectFile, Reloc, Section, Symbol
from .layout import TABLE_HEADER, ModuleLayout
from .traps import Trap

# A table is zero-initialised storage when at least this many of its entries
# are null outside the runs of known entries; a run of known entries is
# split where this many nulls separate them.
NULL_RUN = 64
from .wasm.module import ExternKind


def _word_data(words: list, relocs: list, base: int = 0) -> bytes:
    """Encode words: an int, or a symbol name relocated with R_ARM_ABS32."""
    out = bytearray()
    for k, w in enumerate(words):
        if isinstance(w, str):
            relocs.append(Reloc(base + 4 * k, "R_ARM_ABS32", w))
            w = 0
        out += (w & 0xFFFFFFFF).to_bytes(4, "little")
    return bytes(out)


def _static_ref(expr, layout: ModuleLayout):
    """A constant element/global expression as a word: 0, a descriptor symbol, or
    None when it reads an imported global (set by the init)."""
    ins = expr[0]
    if ins.op == "ref.func":
        return layout.funcref_symbol(ins.imm)
    if ins.op == "ref.null":
        return 0
    return None


def add_signatures(obj: ObjectFile, symbols: set[str]) -> None:
    """One weak object per signature; its address is the identity.  The bytes
    are the signature's name, so a linker folding identical read-only data
    (lld --icf=all) cannot give two signatures one address."""
    for sym in sorted(symbols):
        sec = f".rodata.{sym}"
        data = sym.encode() + b"\0"
        data += bytes(-len(data) % 4)
        obj.sections.append(Section(sec, "rodata", data, align=4))
        obj.symbols.append(Symbol(sym, sec, 0, len(data), "weak", "object"))


def add_funcrefs(obj: ObjectFile, layout: ModuleLayout) -> set[str]:
    """One descriptor per function named by ref.func; returns the signatures used."""
    if not layout.funcrefs:
        return set()
    words, sigs = [], set()
    for f in layout.funcrefs:
        sig = layout.func_sig_symbol(f)
        words += [layout.func_symbol(f), sig]
        sigs.add(sig)
    relocs: list = []
    sec = f".rodata.{layout.funcrefs_symbol}"
    data = _word_data(words, relocs)
    obj.sections.append(Section(sec, "rodata", data, align=4, relocs=relocs))
    obj.symbols.append(Symbol(layout.funcrefs_symbol, sec, 0, len(data), "local", "object"))
    for f, k in layout.funcrefs.items():
        obj.symbols.append(Symbol(layout.funcref_symbol(f), sec, 8 * k, 8, "local", "object"))
    return sigs


def add_tables(obj: ObjectFile, layout: ModuleLayout) -> list[tuple]:
    """Defined tables and element segments; returns the init steps for the segments."""
    m = layout.module
    nimp = len(m.imports_of(ExternKind.TABLE))
    # entry index → word of each statically initialised entry; the rest are null
    entries: dict[int, dict[int, object]] = {ti: {} for ti in range(nimp, nimp + len(m.tables))}
    steps: list[tuple] = []
    fills: list[tuple] = []            # tables whose start value the init reads from a global
    filled: set[int] = set()           # their indices: segments into them wait for the fill
    for ti, t in zip(entries, m.tables):
        start = _static_ref(t.init, layout) if t.init else 0
        if start is None:
            filled.add(ti)
            fills.append(("fill", layout.table_symbol(ti), TABLE_HEADER, t.init,
                          t.limits.min))
        elif start:
            entries[ti].update(dict.fromkeys(range(t.limits.min), start))
    runtime: set[int] = set()          # active segments the init applies
    static_ok = True
    for i, seg in enumerate(m.elements):
        if seg.mode != "active" or steps and steps[-1][0] == "trap":
            continue
        base = fold(seg.offset_expr, m)
        words = [_static_ref(x, layout) for x in seg.init]
        if static_ok and seg.table in entries and seg.table not in filled and base is not None \
                and None not in words:
            if base + len(words) > m.table_type(seg.table).limits.min:
                steps.append(("trap", int(Trap.OUT_OF_BOUNDS_TABLE)))
            else:
                entries[seg.table].update(zip(range(base, base + len(words)), words))
            continue
        static_ok = False
        runtime.add(i)
        steps.append(("segment", "tableinit", layout.table_symbol(seg.table), seg.offset_expr,
                      len(seg.init), layout.elem_symbol(i)))
    table_steps: list[tuple] = []
    for ti, known in entries.items():
        size, capacity = m.table_type(ti).limits.min, layout.table_capacity(ti)
        sym = layout.table_symbol(ti)
        runs = _runs({k: w for k, w in known.items() if w})
        if capacity - sum(len(words) for _, words in runs) >= NULL_RUN:
            sec = f".bss.{sym}"
            nbytes = TABLE_HEADER + 4 * capacity
            obj.sections.append(Section(sec, "bss", size=nbytes, align=4))
            table_steps.append(("words", sym, 0, (size, capacity)))
            for k, (first, words) in enumerate(runs):
                isym = f"{sym}_init{k}"
                irelocs: list = []
                idata = _word_data(words, irelocs)
                obj.sections.append(Section(f".rodata.{isym}", "rodata", idata, align=4,
                                            relocs=irelocs))
                obj.symbols.append(Symbol(isym, f".rodata.{isym}", 0, len(idata), "local",
                                          "object"))
                table_steps.append(("copy", sym, TABLE_HEADER + 4 * first, isym, len(idata)))
        else:
            relocs: list = []
            data = bytearray(_word_data([size, capacity], relocs))
            data += bytes(4 * capacity)
            for k, w in sorted(known.items()):
                if isinstance(w, str):
                    relocs.append(Reloc(TABLE_HEADER + 4 * k, "R_ARM_ABS32", w))
                elif w:
                    data[TABLE_HEADER + 4 * k:TABLE_HEADER + 4 * k + 4] = (
                        w & 0xFFFFFFFF).to_bytes(4, "little")
            nbytes = len(data)
            sec = f".data.{sym}"
            obj.sections.append(Section(sec, "data", bytes(data), align=4, relocs=relocs))
        obj.symbols.append(Symbol(sym, sec, 0, nbytes, "local", "object"))
        for alias in layout.export_aliases(ExternKind.TABLE, ti):
            obj.symbols.append(Symbol(alias, sec, 0, nbytes, "global", "object"))
    uses = {ins.op for f in m.functions for ins in f.body} & {"table.init", "elem.drop"}
    patches = _add_segments(obj, layout, runtime if not uses else set(range(len(m.elements))),
                            runtime)
    # a .bss table is filled before any segment the init applies checks its size,
    # and a table starts with its initial value before segments write into it
    return table_steps + fills + patches + steps


def _runs(known: dict[int, object]) -> list[tuple[int, list]]:
    """(first index, words) of each run of known non-null entries, nulls between
    them included unless NULL_RUN or more separate two."""
    runs: list[tuple[int, list]] = []
    for k in sorted(known):
        if runs and k - (runs[-1][0] + len(runs[-1][1])) < NULL_RUN:
            first, words = runs[-1]
            words += [0] * (k - first - len(words)) + [known[k]]
        else:
            runs.append((k, [known[k]]))
    return runs


def _add_segments(obj: ObjectFile, layout: ModuleLayout, wanted: set[int],
                  runtime: set[int]) -> list[tuple]:
    """A writable [length, address] descriptor per segment and its entries; active
    segments the init does not apply, and declarative ones, start dropped (length 0).
    Returns the init steps that store entries read from imported globals."""
    steps = []
    for i in sorted(wanted):
        seg = layout.module.elements[i]
        dsym = layout.elem_symbol(i)
        live = seg.mode == "passive" or i in runtime
        words = [_static_ref(x, layout) for x in seg.init] if live else []
        relocs: list = [Reloc(4, "R_ARM_ABS32", f"{dsym}_items")] if live else []
        dsec = f".data.{dsym}"
        obj.sections.append(Section(dsec, "data", _word_data([len(words), 0], []), align=4,
                                    relocs=relocs))
        obj.symbols.append(Symbol(dsym, dsec, 0, 8, "local", "object"))
        if not live:
            continue
        isym = f"{dsym}_items"
        kind = "data" if None in words else "rodata"
        irelocs: list = []
        data = _word_data([0 if w is None else w for w in words], irelocs)
        isec = f".{kind}.{isym}"
        obj.sections.append(Section(isec, kind, data, align=4, relocs=irelocs))
        obj.symbols.append(Symbol(isym, isec, 0, len(data), "local", "object"))
        steps += [("store", isym, 4 * k, seg.init[k], 0)
                  for k, w in enumerate(words) if w is None]
    return steps
