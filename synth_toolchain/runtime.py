"""Module runtime code emitted next to the functions: init, bulk-memory helpers, trap default.

These are tiny fixed routines written directly with the assembler; they
follow AAPCS so compiled functions reach them with a plain `bl`.
"""

from __future__ import annotations

from .arm.asm import Assembler
from .arm.asm_v6m import SAVED_BY_FRAME, assembler_for
from .arm.codebuffer import Code
from .arm.literalpool import LiteralPool
from .arm.operands import LR, PC, SP, Cond, Imm, Shift, ShiftedReg
from .constexpr import ARITH, fold
from .layout import MEM_BYTES, MEM_LIMIT, MEM_PAGES, TABLE_HEADER, ModuleLayout
from .traps import TRAP_HANDLER, Trap

HELPERS = ("memcopy", "memfill", "meminit", "copybytes",
           "tablegrow", "tablefill", "tablecopy", "tableinit")
# env.memset/memcpy/memmove provided in the object (layout.LIBC_MEMORY_IMPORTS):
# memory.fill / memory.copy (memmove semantics for memcpy too, overlap is
# harmless) that return the destination offset, as the C functions do.
LIBC_HELPERS = {"libc_memset": "memfill", "libc_memcpy": "memcopy", "libc_memmove": "memcopy"}


def helper_memories(name: str) -> tuple[str, tuple[int, ...]]:
    """(helper, memory indices) of a helper name layout.memory_helper made:
    memcopy_1_0 → ("memcopy", (1, 0)); memcopy → ("memcopy", (0, 0))."""
    base, _, rest = name.partition("_")
    if base not in ("memcopy", "memfill", "meminit"):
        return name, (0,)
    found = tuple(int(k) for k in rest.split("_")) if rest else ()
    return base, found or ((0, 0) if base == "memcopy" else (0,))


def is_helper(name: str) -> bool:
    """Whether `name` (after the runtime prefix) is one of the helpers `build` makes."""
    base, memories = helper_memories(name)
    return base in HELPERS and all(k >= 0 for k in memories)


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


def _byte_copy_down(a: Assembler, dst: int, src: int, n: int) -> None:
    """Copy n bytes of disjoint buffers, the last first: 10 bytes of 16-bit
    code, where _copy_loop's words take 78.  The size levels' copy of the data
    segments at instantiation (cycles there are paid once).  Clobbers r3 and n."""
    loop, test = a.new_label(), a.new_label()
    a.b(test)
    a.bind(loop)
    a.load_reg("b", 3, src, n)
    a.store_reg("b", 3, dst, n)
    a.bind(test)
    a.sub(n, n, Imm(1), flags=True)             # n = 0 borrows: done
    a.b(loop, Cond.HS)


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


def _entry_loop(a: Assembler, dst: int, src: int | None, n: int, value: int = 0,
               backward: bool = False) -> None:
    """Copy n table entries src → dst (or store register `value` n times when src is None).

    n counts entries (words), not bytes; clobbers ip.
    """
    loop, done = a.new_label(), a.new_label()
    a.cbz(n, done)
    if backward:
        a.add(dst, dst, ShiftedReg(n, Shift.LSL, 2))
        a.add(src, src, ShiftedReg(n, Shift.LSL, 2))
    a.bind(loop)
    if backward:
        a.sub(src, src, Imm(4))
        a.sub(dst, dst, Imm(4))
    if src is not None:
        a.load("w", 12, src, 0)
        value = 12
        if not backward:
            a.add(src, src, Imm(4))
    a.store("w", value, dst, 0)
    if not backward:
        a.add(dst, dst, Imm(4))
    a.sub(n, n, Imm(1), flags=True)
    a.b(loop, Cond.NE)
    a.bind(done)


def _memmove(a: Assembler, loop) -> None:
    """Copy r2 units from r1 to r0 in the direction overlap needs: `loop(backward)`
    descending when the destination lies above the source, else ascending."""
    fwd, done = a.new_label(), a.new_label()
    a.cmp(0, 1)
    a.b(fwd, Cond.LS)
    loop(True)
    a.b(done)
    a.bind(fwd)
    loop(False)
    a.bind(done)


def _entry(a: Assembler, rd: int, table: int, idx: int) -> None:
    """rd = address of entry idx of the table object at `table`."""
    a.add(rd, table, ShiftedReg(idx, Shift.LSL, 2))
    a.add(rd, rd, Imm(TABLE_HEADER))


def _saved(layout: ModuleLayout, regs: list[int]) -> list[int]:
    """The registers a helper pushes: `regs`, and on ARMv6-M the registers its
    assembler writes besides (asm_v6m.SAVED_BY_FRAME), lr last."""
    if layout.options.target.isa.thumb2:
        return regs
    low = set(regs) - {LR} | set(SAVED_BY_FRAME)
    if len(low) % 2 == 0:                       # keep sp 8-aligned: r3 carries no result
        low.add(3)
    return sorted(low) + [LR]


def _assembler(layout: ModuleLayout) -> Assembler:
    return assembler_for(layout.options.target.isa)


def _build_table(name: str, layout: ModuleLayout) -> Code:
    """Table helpers; the table objects are [size][capacity][entries] (layout.py)."""
    a = _assembler(layout)
    oob, trap = _trap(a, Trap.OUT_OF_BOUNDS_TABLE)
    saved = _saved(layout, [4, 5, 6, LR])
    r5 = 5 if layout.options.target.isa.thumb2 else 6   # r5 is the v6-M assembler's own
    stack_arg = 4 * len(saved)                  # the fifth argument
    a.push(saved)
    if name == "tablegrow":                     # (value, n, table) → old size or -1
        fail = a.new_label()
        a.load("w", 3, 2, 0)
        a.add(4, 3, 1, flags=True)
        a.b(fail, Cond.HS)
        a.load("w", 12, 2, 4)
        a.cmp(4, 12)
        a.b(fail, Cond.HI)
        a.store("w", 4, 2, 0)
        _entry(a, r5, 2, 3)
        _entry_loop(a, r5, None, 1, value=0)
        a.mov(0, 3)
        a.pop(saved[:-1] + [PC])
        a.bind(fail)
        a.mvn(0, Imm(0))
    elif name == "tablefill":                   # (i, value, n, table)
        a.load("w", 4, 3, 0)
        _check_range(a, 0, 2, 4, oob)
        _entry(a, 0, 3, 0)
        _entry_loop(a, 0, None, 2, value=1)
    elif name == "tablecopy":                   # (d, s, n, dst table, [sp] src table)
        a.load("w", r5, SP, stack_arg)
        a.load("w", 4, 3, 0)
        _check_range(a, 0, 2, 4, oob)
        a.load("w", 4, r5, 0)
        _check_range(a, 1, 2, 4, oob)
        _entry(a, 0, 3, 0)
        _entry(a, 1, r5, 1)
        _memmove(a, lambda backward: _entry_loop(a, 0, 1, 2, backward=backward))
    elif name == "tableinit":                   # (d, s, n, table, [sp] segment descriptor)
        a.load("w", r5, SP, stack_arg)
        a.load("w", 4, r5, 0)                    # segment length (0 once dropped)
        _check_range(a, 1, 2, 4, oob)
        a.load("w", 4, 3, 0)
        _check_range(a, 0, 2, 4, oob)
        a.load("w", r5, r5, 4)
        a.add(1, r5, ShiftedReg(1, Shift.LSL, 2))
        _entry(a, 0, 3, 0)
        _entry_loop(a, 0, 1, 2)
    else:
        raise KeyError(name)
    a.pop(saved[:-1] + [PC])
    _emit_traps(a, [trap])
    return a.finish()


def build(name: str, layout: ModuleLayout) -> Code:
    if name.startswith("table"):
        return _build_table(name, layout)
    a = _assembler(layout)
    oob, trap = _trap(a, Trap.OUT_OF_BOUNDS_MEMORY)
    if name == "copybytes":                     # (dst, src, n) raw addresses, disjoint
        saved = _saved(layout, [LR])
        if len(saved) > 1:
            a.push(saved)
        if layout.options.choices.compact_init:
            _byte_copy_down(a, 0, 1, 2)
        else:
            _copy_loop(a, 0, 1, 2, backward=False)
        if len(saved) > 1:
            a.pop(saved[:-1] + [PC])
        else:
            a.bx(LR)
        return a.finish()
    saved = _saved(layout, [0, 4, 5, LR] if name in LIBC_HELPERS else [4, LR])
    name, memories = helper_memories(LIBC_HELPERS.get(name, name))
    symbols = [layout.memories[k].symbol for k in memories]
    a.push(saved)
    a.mov_symbol(3 if name != "meminit" else 4, symbols[0])
    if name == "memcopy" and memories[0] != memories[1]:   # between two memories: disjoint
        for r, sym in ((0, None), (1, symbols[1])):
            if sym is not None:
                a.mov_symbol(3, sym)
            a.load("w", 4, 3, MEM_BYTES)
            _check_range(a, r, 2, 4, oob)
            a.add(r, r, 3)
        _copy_loop(a, 0, 1, 2, backward=False)
    elif name == "memcopy":                     # (dst, src, n) wasm addresses, memmove
        a.load("w", 4, 3, MEM_BYTES)
        _check_range(a, 0, 2, 4, oob)
        _check_range(a, 1, 2, 4, oob)
        a.add(0, 0, 3)
        a.add(1, 1, 3)
        _memmove(a, lambda backward: _copy_loop(a, 0, 1, 2, backward=backward))
    elif name == "memfill":                     # (dst, value, n)
        a.load("w", 4, 3, MEM_BYTES)
        _check_range(a, 0, 2, 4, oob)
        a.add(0, 0, 3)
        _fill_loop(a, 0, 1, 2)
    elif name == "meminit":                     # (dst, src offset, n, segment descriptor)
        # r4 = memory base; descriptor = [length, address]
        a.load("w", 12, 4, MEM_BYTES)
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
    a.pop(saved[:-1] + [PC])
    _emit_traps(a, [trap])
    return a.finish()


def load_const(a: Assembler, rd: int, expr, layout: ModuleLayout, word: int = 0) -> None:
    """rd = word `word` of a constant expression's value: folded when it can
    be (constexpr.fold), else computed here from imported globals (r0-r3, ip)."""
    value = fold(expr, layout.module)
    if value is not None:
        a.mov_imm32(rd, (value >> (32 * word)) & 0xFFFFFFFF)
    elif len(expr) == 1 and expr[0].op == "ref.func":
        a.mov_symbol(rd, layout.funcref_symbol(expr[0].imm))
    elif len(expr) == 1:                        # global.get
        sym, off, _ = layout.global_place(expr[0].imm)
        a.mov_symbol(rd, sym)
        a.load("w", rd, rd, off + 4 * word)
    else:
        for ins in expr:
            _push_const(a, ins, layout)
        a.pop([0, 1])
        if rd != word:
            a.mov(rd, word)


def _push_const(a: Assembler, ins, layout: ModuleLayout) -> None:
    """One instruction of an extended constant expression on the machine stack,
    every value as a (lo, hi) pair: push {r0, r1}."""
    kind, _, name = ins.op.partition(".")
    if name in ARITH:
        a.pop([2, 3])                           # b
        a.pop([0, 1])                           # a
        if kind == "i32" or name != "mul":
            lo, hi = {"add": (a.add, a.adc), "sub": (a.sub, a.sbc),
                      "mul": (a.mul, None)}[name]
            lo(0, 0, 2, flags=kind == "i64" or None)   # i32: the flags are dead here
            if kind == "i64":
                hi(1, 1, 3)
        else:                                   # (r0, r1) * (r2, r3) mod 2^64
            a.mul(1, 1, 2)
            a.mla(1, 0, 3, 1)
            a.umull(0, 12, 0, 2)
            a.add(1, 1, 12)
    else:
        one = [ins]
        load_const(a, 0, one, layout, 0)
        if kind == "i64" or ins.op == "global.get" and \
                layout.module.global_type(ins.imm).valtype.text == "i64":
            load_const(a, 1, one, layout, 1)
        else:
            a.mov(1, Imm(0))
    a.push([0, 1])


def build_init(layout: ModuleLayout, steps: list[tuple]) -> Code:
    """`<prefix>synth_init()`: run the instantiation steps in order (compile.py plans them):

      ("trap", code)                       an active segment known to be out of bounds
      ("memheader", limit, pages, bytes, symbol)
                                           the header of a defined memory
      ("store", symbol, offset, expr, k)   word k of a constant expression into memory
      ("words", symbol, offset, values)    constant words (a .bss table's header)
      ("fill", symbol, offset, expr, n)    n words of a constant expression's value (a
                                           table's initial value read from a global)
      ("copy", symbol, offset, source, n)  n bytes from source to symbol+offset: a data
                                           segment checked at compile time, or a .bss
                                           table's known entries
      ("segment", helper, target, offset expr, n, descriptor)
                                           table.init / memory.init at run time, then drop
      ("start", funcidx)
    """
    a = _assembler(layout)
    if layout.options.choices.literal_pool and a.pool is None:   # a word each, not movw/movt
        a.pool = LiteralPool(a)
    saved = _saved(layout, [4, LR])
    a.push(saved)
    # compact: r4 = the memory's header (16-bit stores), kept for the copies into memory
    compact = layout.options.choices.compact_init
    bias = MEM_LIMIT if compact else 0
    r4_holds = None                             # (symbol, addend) r4 still holds
    for step in steps:
        kind = step[0]
        if kind == "trap":
            a.mov(0, Imm(int(step[1])))
            a.bl(TRAP_HANDLER)
        elif kind == "memheader":
            symbol = step[4]
            a.mov_symbol(4, symbol, bias)
            r4_holds = (symbol, bias) if compact else None
            r0 = None
            for value, off in zip(step[1:4], (MEM_LIMIT, MEM_PAGES, MEM_BYTES)):
                if value != r0:
                    a.mov_imm32(0, value)
                r0 = value if compact else None
                a.store("w", 0, 4, off - bias)
        elif kind == "store":
            _, sym, off, expr, k = step
            load_const(a, 0, expr, layout, k)
            a.mov_symbol(1, sym)
            a.store("w", 0, 1, off)
        elif kind == "fill":
            _, sym, off, expr, n = step
            load_const(a, 4, expr, layout)
            a.mov_symbol(0, sym, off)
            a.mov_imm32(2, n)
            _entry_loop(a, 0, None, 2, value=4)
            r4_holds = None
        elif kind == "words":
            _, sym, off, values = step
            a.mov_symbol(1, sym)
            for k, value in enumerate(values):
                a.mov_imm32(0, value)
                a.store("w", 0, 1, off + 4 * k)
        elif kind == "copy":
            _, target, off, sym, n = step
            if r4_holds is not None and r4_holds[0] == target and 0 <= off - r4_holds[1] < 4096:
                a.add(0, 4, Imm(off - r4_holds[1]))
            else:
                a.mov_symbol(4, target)
                a.mov_imm32(0, off)
                a.add(0, 0, 4)
                r4_holds = (target, 0) if compact else None
            a.mov_symbol(1, sym)
            a.mov_imm32(2, n)
            a.bl(layout.runtime_prefix + "copybytes")
        elif kind == "segment":
            _, helper, target, expr, n, desc = step
            load_const(a, 0, expr, layout)
            a.mov(1, Imm(0))
            a.mov_imm32(2, n)
            a.mov_symbol(4, desc)
            if helper == "tableinit":           # (d, s, n, table, [sp] segment)
                a.mov_symbol(3, target)
                a.sub(SP, SP, Imm(8))
                a.store("w", 4, SP, 0)
                a.bl(layout.runtime_prefix + helper)
                a.add(SP, SP, Imm(8))
            else:                               # meminit…(d, s, n, segment)
                a.mov(3, 4)
                a.bl(layout.runtime_prefix + helper)
            a.mov_symbol(4, desc)
            r4_holds = None
            a.mov(0, Imm(0))
            a.store("w", 0, 4, 0)               # an applied active segment counts as dropped
        elif kind == "start":
            a.bl(layout.func_symbol(step[1]))
        else:
            raise KeyError(kind)
    a.pop(saved[:-1] + [PC])
    if a.pool is not None:
        a.pool.place()
    return a.finish()


def build_default_trap() -> Code:
    """Weak default `synth_trap`: stop in a debugger (bkpt), else spin with the code in r0."""
    a = Assembler()
    a.bkpt(0)
    spin = a.new_label()
    a.bind(spin)
    a.b(spin)
    return a.finish()
