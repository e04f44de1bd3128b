"""Handlers of linear-memory access: loads and stores with their bounds checks
and effective addresses, raw accesses (absolute addresses of the runtime),
memory.size and memory.grow, and the bulk-memory runtime calls.

A checked access traps before touching memory unless addr + offset + size
fits; lowering and ir/passes.py decide which accesses check.
"""

from __future__ import annotations

from ..ir.analysis import definitions
from ..ir.ir import IRFunction
from ..layout import MEM_BYTES, MEM_LIMIT, MEM_PAGES, memory_helper
from ..traps import Trap
from .encoding import encodable_modimm, limit_compare
from .handlers import COND, S0, S1, HandlerTable, fixed_in, fixed_out
from .operands import M32, Cond, Imm

HANDLERS = HandlerTable()
handler = HANDLERS.handler


def _folded_offset(ins, v: int, k: int) -> int | None:
    """The whole offset (address + offset, wrapping as the add would) of an
    unchecked load/store whose address is the constant vreg v (= k); else None."""
    if ins.op not in ("load", "store") or ins.imm.checked or ins.uses[1] != v or \
            v == ins.uses[0] or v in ins.uses[2:]:
        return None
    return ((k & M32) + ins.imm.offset) & M32


def folded_addresses(fn: IRFunction) -> tuple[dict[int, int], frozenset[int]]:
    """(constant vreg → value; the constants every use of which is an access
    with the address folded into its offset: no need to build them at all).

    Why: `i32.load offset=1312 (i32.const 0)` (C statics) is `ldr r0, [r4, #1312]`
    instead of `movs r0, #0; adds r0, r4; ldr.w r0, [r0, #1312]`; beyond the
    immediate's 4095, `movw ip, #10040; str r0, [r4, ip]`."""
    count, value = definitions(fn)
    consts = {v: k for v, k in value.items() if count[v] == 1}
    folds: dict[int, bool] = {}
    for b in fn.blocks:
        for ins in (*b.insts, b.term):
            for v in set(ins.uses) & consts.keys():
                folds[v] = folds.get(v, True) and _folded_offset(ins, v, consts[v]) is not None
    return consts, frozenset(v for v, ok in folds.items() if ok)


def _constant_offset(e, ins) -> int | None:
    addr = ins.uses[1]
    k = e.const_vregs.get(addr)
    return None if k is None else _folded_offset(ins, addr, k)


def _bounds_check(e, base: int, addr: int, off: int, size: int, memory: int,
                  scratch: int = S0) -> int | None:
    """Trap unless addr + off + size <= accessible bytes (33-bit arithmetic).

    Returns the register that still holds addr afterwards (a spilled address
    loaded into `scratch` for the compare need not be loaded again), else None.
    Lowering decides which accesses check (none under --bounds none)."""
    a = e.a
    oob = e.trap_label(Trap.OUT_OF_BOUNDS_MEMORY)
    end = off + size
    bound = e.layout.memories[memory].static_bound
    if bound is not None:
        limit = bound - end
        if limit < 0:
            a.b(oob)
            return None
        ra = e.src(addr, scratch)
        form = limit_compare(limit)
        if form is None:                    # (lowering compares with a register instead)
            e.cmp_imm(ra, limit, S1)        # S1 only: ra survives
            a.b(oob, Cond.HI)
            return ra
        mnemonic, k, beyond = form
        getattr(a, mnemonic)(ra, Imm(k))
        a.b(oob, COND[beyond])
        return ra
    if end > M32:                           # addr + end >= 2^32: beyond any memory
        a.b(oob)
        return None
    ra = e.src(addr, scratch)
    if encodable_modimm(end):
        a.add(S0, ra, Imm(end), flags=True)
    else:
        a.mov_imm32(S1, end & M32, flags=False)
        a.add(S0, ra, S1, flags=True)
    a.b(oob, Cond.HS)                       # carry out: beyond 4 GiB
    rb = e.src(base, S1)
    a.load("w", S1, rb, MEM_BYTES)
    a.cmp(S0, S1)
    a.b(oob, Cond.HI)
    return None if ra == S0 else ra


def _effective(e, base: int, addr: int, off: int,
               ra: int | None = None, into: int = S1) -> tuple[int, int]:
    """Address register (`into`) and remaining immediate offset; uses S1 (and S0
    transiently).  `ra`: a register already holding addr (from the bounds check)."""
    if ra is None:
        ra = e.src(addr, S0 if into == S1 else into)
    rb = e.src(base, S1)
    e.a.add(into, rb, ra)
    if off > 4095:
        e.a.mov_imm32(S0, off, flags=False)
        e.a.add(into, into, S0)
        off = 0
    return into, off


def _address_in_result(e, base: int, addr: int, rd: int) -> bool:
    """At the size levels a load whose result is a low register computes its
    address there, not in lr: `adds r0, r4, r1; ldr r0, [r0, #8]` (4 bytes) for
    `add.w lr, r4, r1; ldr.w r0, [lr, #8]` (8), and a spilled address reloads
    with the 16-bit `ldr r0, [sp, #k]`.  rd may not hold the base while a
    spilled address is reloaded into it."""
    return (e.options.choices.result_as_temp and rd < 8 and
            (e.alloc.reg[addr] is not None or rd != e.alloc.reg[base]))


def _effective_pair(e, base: int, addr: int, access) -> tuple[int, int]:
    """Address of an 8-byte access (checked unless lowering placed the check),
    with room for the second word's offset."""
    off = access.offset
    ra = _bounds_check(e, base, addr, off, 8, access.memory) if access.checked else None
    r, o = _effective(e, base, addr, off, ra)
    if o + 4 > 4095:
        e.a.add(S1, S1, Imm(o))
        o = 0
    return r, o


@handler("load")
def _load(e, ins):
    (d,), (base, addr) = ins.defs, ins.uses
    kind, off, size = ins.imm.kind, ins.imm.offset, ins.imm.size
    rd = e.dst(d, S0)
    whole = _constant_offset(e, ins)
    if whole is not None:
        rb = e.src(base, S1)
        if whole <= 4095:
            e.a.load(kind, rd, rb, whole)
        else:
            t = rd if rd < 8 and rd != rb else S0
            e.a.mov_imm32(t, whole, flags=False)
            e.a.load_reg(kind, rd, rb, t)
        e.put(d, rd)
        return
    into = rd if _address_in_result(e, base, addr, rd) else S1
    held = _bounds_check(e, base, addr, off, size, ins.imm.memory,
                         S0 if into == S1 else into) if ins.imm.checked else None
    rb, ra = e.alloc.reg[base], e.alloc.reg[addr]
    if off == 0 and rb is not None and ra is not None:
        e.a.load_reg(kind, rd, rb, ra)
    else:
        r, o = _effective(e, base, addr, off, held, into)
        e.a.load(kind, rd, r, o)
    e.put(d, rd)


@handler("load64")
def _load64(e, ins):
    (dl, dh), (base, addr) = ins.defs, ins.uses
    r, o = _effective_pair(e, base, addr, ins.imm)
    for v, k in ((dl, 0), (dh, 4)):
        rd = e.dst(v, S0)
        e.a.load("w", rd, r, o + k)
        e.put(v, rd, busy=(S1,))


@handler("store")
def _store(e, ins):
    base, addr, val = ins.uses
    kind, off, size = ins.imm.kind, ins.imm.offset, ins.imm.size
    whole = _constant_offset(e, ins)
    if whole is not None and whole <= 4095:
        rv = e.src(val, S0)
        e.a.store(kind, rv, e.src(base, S1), whole)
        return
    if whole is not None:
        rb = e.src(base, S1)
        e.a.mov_imm32(S0, whole, flags=False)
        if e.alloc.reg[val] is not None:
            e.a.store_reg(kind, e.alloc.reg[val], rb, S0)
        else:                               # the value needs S0: the address goes to S1
            e.a.add(S1, rb, S0)
            e.a.store(kind, e.src(val, S0), S1, 0)
        return
    held = _bounds_check(e, base, addr, off, size, ins.imm.memory) if ins.imm.checked else None
    rb, ra = e.alloc.reg[base], e.alloc.reg[addr]
    if off == 0 and rb is not None and ra is not None:
        e.a.store_reg(kind, e.src(val, S0), rb, ra)
        return
    if ra is not None and off <= 4095:
        # the address needs S1 only: the value first, while a reload of the
        # slot its definition just stored can still become nothing (ld_sp)
        rv = e.src(val, S0)
        r, o = _effective(e, base, addr, off, ra)
    else:
        r, o = _effective(e, base, addr, off, held)
        rv = e.src(val, S0)
    e.a.store(kind, rv, r, o)


@handler("store64")
def _store64(e, ins):
    base, addr, lo, hi = ins.uses
    r, o = _effective_pair(e, base, addr, ins.imm)
    e.a.store("w", e.src(lo, S0), r, o)
    e.a.store("w", e.src(hi, S0), r, o + 4)


@handler("ldraw")
def _ldraw(e, ins):
    (d,), (p,) = ins.defs, ins.uses
    kind, off = ins.imm.kind, ins.imm.offset
    rp = e.src(p, S0)
    if not -255 <= off <= 4095:
        e.add_imm(S0, rp, off, S1)
        rp, off = S0, 0
    rd = e.dst(d, S0)
    e.a.load(kind, rd, rp, off)
    e.put(d, rd)


@handler("straw")
def _straw(e, ins):
    p, v = ins.uses
    kind, off = ins.imm.kind, ins.imm.offset
    rp = e.src(p, S0)
    if not -255 <= off <= 4095:
        e.add_imm(S0, rp, off, S1)
        rp, off = S0, 0
    e.a.store(kind, e.src(v, S1), rp, off)


@handler("memsize")
def _memsize(e, ins):
    (d,), (base,) = ins.defs, ins.uses
    rb = e.src(base, S0)
    rd = e.dst(d, S0)
    e.a.load("w", rd, rb, MEM_PAGES)
    e.put(d, rd)


@handler("memgrow")
def _memgrow(e, ins):
    fixed_in(e, ins.uses)              # r0 = delta pages (of the memory's page size)
    a = e.a
    fail, done = a.new_label(), a.new_label()
    mp = e.layout.memories[ins.imm.memory]
    a.mov_symbol(1, mp.symbol)
    a.load("w", 2, 1, MEM_PAGES)
    a.add(3, 2, 0, flags=True)
    a.b(fail, Cond.HS)
    a.load("w", S0, 1, MEM_LIMIT)       # min(declared max, reservation), set by the init
    a.cmp(3, S0)
    a.b(fail, Cond.HI)
    a.store("w", 3, 1, MEM_PAGES)
    if mp.page_shift:                   # pages of 1 byte are bytes already
        a.lsl(3, 3, Imm(mp.page_shift))
    a.store("w", 3, 1, MEM_BYTES)
    a.mov(0, 2)
    a.b(done)
    a.bind(fail)
    a.mvn(0, Imm(0))
    a.bind(done)
    fixed_out(e, ins.defs)


@handler("memcopy", "memfill")
def _memrt(e, ins):
    fixed_in(e, ins.uses)
    m = ins.imm
    e.a.bl(e.layout.runtime_prefix + memory_helper(ins.op, m.memory, m.source))


@handler("meminit")
def _meminit(e, ins):
    fixed_in(e, ins.uses)
    e.a.mov_symbol(3, e.layout.data_symbol(ins.imm.index))
    e.a.bl(e.layout.runtime_prefix + memory_helper("meminit", ins.imm.memory))

