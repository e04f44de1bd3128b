"""The state of an instance inside a linked image, and moving it into another image.

Instances that share anything (an imported function, global, table or
memory) live in one image.  Linking a new importer makes a new image with
the whole group; each member's mutable state — memory, globals, tables,
segment descriptors — is copied over instead of running its init again.
Funcref values are addresses of function descriptors, which move with the
code: each is rebased onto the same descriptor in the new image.
"""

from __future__ import annotations

from ..layout import MEMORY_HEADER, TABLE_HEADER
from ..run.emulator import Emulator
from ..run.values import EmulatorError
from ..wasm.module import ExternKind, ValType


def _regions(inst) -> list[tuple[str, int, int, int | None]]:
    """(symbol, offset, bytes, first funcref byte or None) of each piece of mutable state."""
    lay = inst.result.compiled.layout
    m = lay.module
    out = []
    out += [(mp.symbol, -MEMORY_HEADER, MEMORY_HEADER + mp.reserved, None)
            for mp in lay.memories if not mp.imported]
    for idx, slot in enumerate(lay.global_slots):
        if slot is not None:
            ref = 0 if m.global_type(idx).valtype == ValType.FUNCREF else None
            out.append((lay.globals_symbol, slot.offset, 4 * slot.words, ref))
    nimp = len(m.imports_of(ExternKind.TABLE))
    for ti in range(nimp, nimp + len(m.tables)):
        ref = TABLE_HEADER if m.table_type(ti).elem == ValType.FUNCREF else None
        out.append((lay.table_symbol(ti), 0, TABLE_HEADER + 4 * lay.table_capacity(ti), ref))
    out += [(lay.data_symbol(i), 0, 4, None) for i in range(len(m.datas))]
    for i, seg in enumerate(m.elements):
        out.append((lay.elem_symbol(i), 0, 4, None))
        if any(x[0].op == "global.get" for x in seg.init):
            ref = 0 if seg.elem_type == ValType.FUNCREF else None
            out.append((f"{lay.elem_symbol(i)}_items", 0, 4 * len(seg.init), ref))
    return out


def _descriptors(emu: Emulator, members) -> list[tuple[int, int, object]]:
    """(start, end, instance) of each member's function descriptors in this image."""
    out = []
    for inst in members:
        lay = inst.result.compiled.layout
        if lay.funcrefs and lay.funcrefs_symbol in emu.symbols:
            start = emu.symbols[lay.funcrefs_symbol]
            out.append((start, start + 8 * len(lay.funcrefs), inst))
    return out


def move_state(members, old: Emulator, new: Emulator) -> None:
    """Copy the state of `members` (all the instances of image `old`) into `new`."""
    rebase = {}
    for start, end, inst in _descriptors(old, members):
        sym = inst.result.compiled.layout.funcrefs_symbol
        rebase[id(inst)] = (start, end, new.symbols.get(sym, start))
    for inst in members:
        for sym, off, size, ref in _regions(inst):
            if sym not in old.symbols or sym not in new.symbols:
                continue
            try:
                data = bytearray(old.read_memory(old.symbols[sym] + off, size))
            except EmulatorError:
                continue
            if ref is not None:
                for k in range(ref, size, 4):
                    v = int.from_bytes(data[k:k + 4], "little")
                    for start, end, base in rebase.values():
                        if start <= v < end:
                            data[k:k + 4] = (base + v - start).to_bytes(4, "little")
                            break
            new.write_memory(new.symbols[sym] + off, bytes(data))
