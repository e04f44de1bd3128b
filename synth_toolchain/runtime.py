"""Module runtime code emitted next to the functions: init, bulk-memory helpers, trap default.

These are tiny fixed routines written directly with the assembler; they
follow AAPCS so compiled functions reach them with a plain `bl`.
"""

from __future__ import annotations

from .arm.asm import LR, PC, Assembler, Code, Cond, Imm, Shift, ShiftedReg
from .constexpr import const_value
from .layout import MEMORY_HEADER, PAGE, ModuleLayout
from .traps import TRAP_HANDLER, Trap

HELPERS = ("memcopy", "memfill", "meminit", "copybytes")


def _trap(a: Assembler, code: int):
    lab = a.new_label()
    return lab, (lab, code)


def _emit_traps(a: Assembler, traps) -> None:
    for lab, code in traps:
        a.bind(lab)
        a.mov(0, Imm(int(code)))
        a.bl(TRAP_HANDLER)


def _check_range(a: Assembler, addr: int, n: int, limit: int, oob) -> None:
    """Trap to `oob` unless addr + n <= limit (33-bit), clobbering ip."""
    a.add(12, addr, n, flags=True)
    a.b(oob, Cond.HS)
    a.cmp(12, limit)
    a.b(oob, Cond.HI)


def _copy_loop(a: Assembler, dst: int, src: int, n: int, backward: bool) -> None:
    """Copy n bytes, a word at a time when dst and src are equally aligned.

    Forward runs ascending from dst/src, backward descending from dst+n/src+n
    (memmove with dst > src).  Bytes until the pointers are word-aligned,
    then words, then the remaining bytes.  Clobbers ip and the arguments.
    """
    step = -1 if backward else 1
    bytes_, align, words, done = a.new_label(), a.new_label(), a.new_label(), a.new_label()
    if backward:
        a.add(dst, dst, n)
        a.add(src, src, n)
    a.cmp(n, Imm(8))
    a.b(bytes_, Cond.LO)
    a.eor(12, dst, src)
    a.tst(12, Imm(3))
    a.b(bytes_, Cond.NE)                        # never aligned together: bytes only
    a.bind(align)
    a.tst(dst, Imm(3))
    a.b(words, Cond.EQ)
    _move(a, "b", dst, src, step)
    a.sub(n, n, Imm(1))
    a.b(align)
    a.bind(words)
    _word_loop(a, n, lambda: _move(a, "w", dst, src, 4 * step))
    a.bind(bytes_)
    a.cbz(n, done)
    byte = a.new_label()
    a.bind(byte)
    _move(a, "b", dst, src, step)
    a.sub(n, n, Imm(1), flags=True)
    a.b(byte, Cond.NE)
    a.bind(done)


def _word_loop(a: Assembler, n: int, body) -> None:
    """Run `body` (one word) while n >= 4, leaving n = the remaining bytes (0-3)."""
    loop, tail = a.new_label(), a.new_label()
    a.sub(n, n, Imm(4), flags=True)
    a.b(tail, Cond.LO)
    a.bind(loop)
    body()
    a.sub(n, n, Imm(4), flags=True)
    a.b(loop, Cond.HS)
    a.bind(tail)
    a.add(n, n, Imm(4))


def _move(a: Assembler, kind: str, dst: int, src: int, step: int) -> None:
    """One element through ip; pointers advance by step (pre-decrement when negative)."""
    if step < 0:
        a.sub(src, src, Imm(-step))
        a.sub(dst, dst, Imm(-step))
        a.load(kind, 12, src, 0)
        a.store(kind, 12, dst, 0)
    else:
        a.load(kind, 12, src, 0)
        a.add(src, src, Imm(step))
        a.store(kind, 12, dst, 0)
        a.add(dst, dst, Imm(step))


def _fill_loop(a: Assembler, dst: int, value: int, n: int) -> None:
    """Fill n bytes with the low byte of value: bytes to word alignment, words, bytes."""
    words, byte, done, align = a.new_label(), a.new_label(), a.new_label(), a.new_label()
    a.uxtb(value, value)
    a.orr(value, value, ShiftedReg(value, Shift.LSL, 8))
    a.orr(value, value, ShiftedReg(value, Shift.LSL, 16))
    a.cmp(n, Imm(8))
    a.b(byte, Cond.LO)
    a.bind(align)
    a.tst(dst, Imm(3))
    a.b(words, Cond.EQ)
    a.store("b", value, dst, 0)
    a.add(dst, dst, Imm(1))
    a.sub(n, n, Imm(1))
    a.b(align)
    a.bind(words)

    def store_word() -> None:
        a.store("w", value, dst, 0)
        a.add(dst, dst, Imm(4))
    _word_loop(a, n, store_word)
    a.bind(byte)
    bl = a.new_label()
    a.cbz(n, done)
    a.bind(bl)
    a.store("b", value, dst, 0)
    a.add(dst, dst, Imm(1))
    a.sub(n, n, Imm(1), flags=True)
    a.b(bl, Cond.NE)
    a.bind(done)


def build(name: str, layout: ModuleLayout) -> Code:
    a = Assembler()
    oob, trap = _trap(a, Trap.OUT_OF_BOUNDS_MEMORY)
    if name == "copybytes":                     # (dst, src, n) raw addresses, forward
        _copy_loop(a, 0, 1, 2, backward=False)
        a.bx(LR)
        return a.finish()
    a.push([4, LR])
    a.mov_symbol(3 if name != "meminit" else 4, layout.memory_symbol)
    if name == "memcopy":                       # (dst, src, n) wasm addresses, memmove
        a.load("w", 4, 3, -4)
        _check_range(a, 0, 2, 4, oob)
        _check_range(a, 1, 2, 4, oob)
        a.add(0, 0, 3)
        a.add(1, 1, 3)
        fwd, done = a.new_label(), a.new_label()
        a.cmp(0, 1)
        a.b(fwd, Cond.LS)
        _copy_loop(a, 0, 1, 2, backward=True)
        a.b(done)
        a.bind(fwd)
        _copy_loop(a, 0, 1, 2, backward=False)
        a.bind(done)
    elif name == "memfill":                     # (dst, value, n)
        a.load("w", 4, 3, -4)
        _check_range(a, 0, 2, 4, oob)
        a.add(0, 0, 3)
        _fill_loop(a, 0, 1, 2)
    elif name == "meminit":                     # (dst, src offset, n, segment descriptor)
        # r4 = memory base; descriptor = [length, address]
        a.load("w", 12, 4, -4)
        a.push([5, 6])
        a.mov(6, 12)
        a.load("w", 5, 3, 0)                    # segment length
        _check_range(a, 1, 2, 5, oob)
        _check_range(a, 0, 2, 6, oob)
        a.load("w", 3, 3, 4)
        a.add(1, 1, 3)
        a.add(0, 0, 4)
        a.pop([5, 6])
        _copy_loop(a, 0, 1, 2, backward=False)
    else:
        raise KeyError(name)
    a.pop([4, PC])
    _emit_traps(a, [trap])
    return a.finish()


def build_init(layout: ModuleLayout, init_traps: list[int]) -> Code:
    """`<prefix>synth_init()`: memory header, active data segments, start function."""
    a = Assembler()
    m = layout.module
    a.push([4, LR])
    traps = []
    for code in init_traps[:1]:
        a.mov(0, Imm(code))
        a.bl(TRAP_HANDLER)
    if layout.has_memory:
        a.mov_symbol(4, layout.memory_symbol)
        a.mov_imm32(0, layout.memory_initial_pages)
        a.store("w", 0, 4, -MEMORY_HEADER)
        accessible = min(layout.memory_initial_pages * PAGE, layout.memory_reserved)
        a.mov_imm32(0, accessible)
        a.store("w", 0, 4, -4)
        for i, d in enumerate(m.datas):
            if d.mode != "active":
                continue
            off = const_value(d.offset_expr, "data segment offset")
            if off + len(d.data) > accessible:
                lab = a.new_label()
                traps.append((lab, Trap.OUT_OF_BOUNDS_MEMORY))
                a.b(lab)
                break
            if not d.data:
                continue
            a.mov_imm32(0, off)
            a.add(0, 0, 4)
            a.mov_symbol(1, f"{layout.data_symbol(i)}_bytes")
            a.mov_imm32(2, len(d.data))
            a.bl(layout.runtime_prefix + "copybytes")
    if m.start is not None:
        a.bl(layout.func_symbol(m.start))
    a.pop([4, PC])
    _emit_traps(a, traps)
    return a.finish()


def build_default_trap() -> Code:
    """Weak default `synth_trap`: stop in a debugger (bkpt), else spin with the code in r0."""
    a = Assembler()
    a.bkpt(0)
    spin = a.new_label()
    a.bind(spin)
    a.b(spin)
    return a.finish()
