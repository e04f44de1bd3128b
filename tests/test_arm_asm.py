"""Assembler buffer: labels, branch relaxation, cbz, jump tables, relocations,
mapping symbols and errors.  Compared with GNU as (one batched call) where GNU
can express the same thing."""

from __future__ import annotations

import functools
import random

import pytest

from synth_toolchain.arm.asm import Assembler
from synth_toolchain.arm.codebuffer import Code, Fixed, Label, Reloc
from synth_toolchain.arm.operands import LR, PC, SP, Cond, Imm, Shift, ShiftedReg
from synth_toolchain.errors import EncodingError, TierFailure
from tests.test_arm_encoding import cs_decode, gnu_assemble, needs_as

NOP = b"\x00\xbf"


def fill(a: Assembler, k: int) -> None:
    """k 16-bit nops as one item (test helper)."""
    a.items.append(Fixed(NOP * k))


def gfill(k: int) -> str:
    return f".fill {k}, 2, 0xbf00" if k else ""


# ---------------------------------------------------------------------------
# builders: each returns (Code, GNU text)

def br_fwd(k, cond=Cond.AL):
    a = Assembler()
    L = a.new_label()
    a.b(L, cond)
    fill(a, k)
    a.bind(L)
    a.nop()
    cc = "" if cond == Cond.AL else cond.name.lower()
    return a.finish(), f"b{cc} 1f\n{gfill(k)}\n1: nop"


def br_back(k, cond=Cond.AL):
    a = Assembler()
    L = a.new_label()
    a.bind(L)
    fill(a, k)
    a.b(L, cond)
    cc = "" if cond == Cond.AL else cond.name.lower()
    return a.finish(), f"1: {gfill(k)}\nb{cc} 1b"


def far_fwd(k, cond):
    c, _ = br_fwd(k, cond)
    inv = cond.invert().name.lower()
    return c, f"b{inv}.n 2f\nb.w 1f\n2: {gfill(k)}\n1: nop"


def far_back(k, cond):
    c, _ = br_back(k, cond)
    inv = cond.invert().name.lower()
    return c, f"1: {gfill(k)}\nb{inv}.n 2f\nb.w 1b\n2:"


def cbz_fwd(k, rn=0, nz=False):
    a = Assembler()
    L = a.new_label()
    (a.cbnz if nz else a.cbz)(rn, L)
    fill(a, k)
    a.bind(L)
    a.nop()
    code = a.finish()
    op = "cbnz" if nz else "cbz"
    b = "bne" if nz else "beq"
    if rn < 8 and 0 <= 2 * k - 2 <= 126:
        txt = f"{op} r{rn}, 1f"
    else:
        txt = f"cmp{'' if rn < 8 else '.w'} r{rn}, #0\n{b} 1f"
    return code, f"{txt}\n{gfill(k)}\n1: nop"


def cbz_back(k, rn=0):
    a = Assembler()
    L = a.new_label()
    a.bind(L)
    fill(a, k)
    a.cbz(rn, L)
    return a.finish(), f"1: {gfill(k)}\ncmp{'' if rn < 8 else '.w'} r{rn}, #0\nbeq 1b"


def it_branch():
    a = Assembler()
    L = a.new_label()
    a.cmp(0, 1)
    a.it(Cond.EQ)
    a.b(L, Cond.EQ)
    a.nop()
    a.bind(L)
    a.it(Cond.NE)
    a.b(L)
    return a.finish(), "cmp r0, r1\nit eq\nbeq 1f\nnop\n1: it ne\nbne 1b"


def it_branch_wide():
    a = Assembler()
    L = a.new_label()
    a.it(Cond.LT)
    a.b(L)
    fill(a, 1100)
    a.bind(L)
    return a.finish(), f"it lt\nblt.w 1f\n{gfill(1100)}\n1:"


def it_increment():
    """The conditional increment of `addcc` (isel_alu.py): 16-bit adds inside IT
    do not set flags, so a low register takes the 2-byte form."""
    a = Assembler()
    a.cmp(5, 2)
    a.mov(3, 4, flags=False)
    a.it(Cond.EQ)
    a.add(3, 3, Imm(1))
    a.it(Cond.NE)
    a.add(9, 9, Imm(1))
    return a.finish(), "cmp r5, r2\nmov r3, r4\nit eq\naddeq r3, r3, #1\nit ne\naddne r9, r9, #1"


def symbols():
    a = Assembler()
    a.bl("ext")
    a.b_symbol("other")
    a.mov_symbol(0, "ext", 8)
    a.mov_symbol(12, "data", -4)
    a.mov_symbol(3, "d2", 0x7FFF)
    a.align(4)
    a.word(0x12345678)
    a.word_symbol("ext", 4)
    a.word(-1)
    a.bx(LR)
    return a.finish(), ("bl ext\nb.w other\nmovw r0, #:lower16:ext+8\nmovt r0, #:upper16:ext+8\n"
                        "movw r12, #:lower16:data-4\nmovt r12, #:upper16:data-4\n"
                        "movw r3, #:lower16:d2+0x7fff\nmovt r3, #:upper16:d2+0x7fff\n"
                        ".p2align 2\n.word 0x12345678\n.word ext+4\n.word -1\nbx lr")


def align_code():
    a = Assembler()
    a.nop()
    a.align(4)
    a.add(0, 0, Imm(1))
    a.align(8)
    a.nop()
    return a.finish(), "nop\n.p2align 2\nadds r0, #1\n.p2align 3\nnop"


def table(kind, rm=0):
    """tbb: 3 forward targets; tbh: one far forward target; stubs: plus backward ones."""
    a = Assembler()
    back = a.new_label()
    a.bind(back)
    a.nop()
    labs = [a.new_label() for _ in range(3)]
    targets = list(labs)
    if kind == "stubs":
        targets = [labs[0], back, labs[1], back, labs[2]]
    a.jump_table(rm, targets, 12)
    fill_sizes = [0, 1, 300 if kind != "tbb" else 2]
    for lab, k in zip(labs, fill_sizes):
        fill(a, k)
        a.bind(lab)
        a.nop()
    g = ["0: nop"]
    T, S = f"T_{kind}_{rm}", f"S_{kind}_{rm}"
    names = {labs[0]: "1f", labs[1]: "2f", labs[2]: "3f", back: S}
    if kind == "tbb":
        g.append(f"tbb [pc, r{rm}]\n{T}: .byte (1f-{T})/2, (2f-{T})/2, (3f-{T})/2\n.byte 0")
    else:
        ents = ", ".join(f"({names[t]}-{T})/2" for t in targets)
        g.append(f"tbh [pc, r{rm}, lsl #1]\n{T}: .hword {ents}")
        if kind == "stubs":
            g.append(f"{S}: b.w 0b")
    for n, k in zip((1, 2, 3), fill_sizes):
        g.append(f"{gfill(k)}\n{n}: nop")
    return a.finish(), "\n".join(g)


def random_program(seed):
    """Branches of every kind crossing each other around the range limits."""
    rnd = random.Random(seed)
    a = Assembler()
    labels = [a.new_label() for _ in range(12)]
    unbound = list(range(12))
    rnd.shuffle(unbound)
    g = []
    for step in range(60):
        r = rnd.random()
        if r < 0.25 and unbound:
            i = unbound.pop()
            a.bind(labels[i])
            g.append(f"L{i}_{seed}:")
        elif r < 0.55:
            k = rnd.choice([1, 60, 120, 127, 128, 500, 1000, 1023])
            fill(a, k)
            g.append(gfill(k))
        else:
            i = rnd.randrange(12)
            cond = rnd.choice(list(Cond))
            a.b(labels[i], cond)
            cc = "" if cond == Cond.AL else cond.name.lower()
            g.append(f"b{cc} L{i}_{seed}")
    for i in unbound:
        a.bind(labels[i])
        g.append(f"L{i}_{seed}:")
    a.nop()
    g.append("nop")
    return a.finish(), "\n".join(g)


def builders():
    out = {}
    for k in (1024, 1025, 1026):
        out[f"fwd_uncond_{k}"] = lambda k=k: br_fwd(k)
    for k in (1022, 1023):
        out[f"back_uncond_{k}"] = lambda k=k: br_back(k)
    for cond in (Cond.EQ, Cond.NE, Cond.HS, Cond.LO, Cond.MI, Cond.PL, Cond.VS, Cond.VC,
                 Cond.HI, Cond.LS, Cond.GE, Cond.LT, Cond.GT, Cond.LE):
        for k in (128, 129):
            out[f"fwd_{cond.name}_{k}"] = lambda k=k, c=cond: br_fwd(k, c)
        for k in (126, 127):
            out[f"back_{cond.name}_{k}"] = lambda k=k, c=cond: br_back(k, c)
    out["fwd_cond_1MB"] = lambda: br_fwd(524287, Cond.GE)
    out["fwd_cond_far"] = lambda: far_fwd(524288, Cond.GE)
    out["back_cond_1MB"] = lambda: br_back(524286, Cond.NE)
    out["back_cond_far"] = lambda: far_back(524287, Cond.NE)
    for k in (0, 1, 64, 65, 200):
        out[f"cbz_fwd_{k}"] = lambda k=k: cbz_fwd(k)
        out[f"cbnz_fwd_{k}"] = lambda k=k: cbz_fwd(k, rn=7, nz=True)
    out["cbz_high_reg"] = lambda: cbz_fwd(3, rn=9)
    out["cbz_back"] = lambda: cbz_back(3)
    out["cbz_back_far"] = lambda: cbz_back(200, rn=12)
    out["it_branch"] = it_branch
    out["it_branch_wide"] = it_branch_wide
    out["it_increment"] = it_increment
    out["symbols"] = symbols
    out["align"] = align_code
    out["tbb"] = lambda: table("tbb")
    out["tbb_high"] = lambda: table("tbb", rm=9)
    out["tbh"] = lambda: table("tbh")
    out["tbh_stubs"] = lambda: table("stubs")
    for s in range(6):
        out[f"random_{s}"] = lambda s=s: random_program(s)
    return out


BUILDERS = builders()


@functools.lru_cache(maxsize=None)
def _built():
    return {name: b() for name, b in BUILDERS.items()}


@functools.lru_cache(maxsize=None)
def _gnu():
    built = _built()
    names = list(built)
    res = gnu_assemble([built[n][1] for n in names])
    return dict(zip(names, res))


@needs_as
@pytest.mark.parametrize("name", list(BUILDERS))
def test_matches_gnu_as(name):
    code, _ = _built()[name]
    g = dict(_gnu()[name])
    if ".p2align" in _built()[name][1] and len(g["data"]) > len(code.data):
        # GNU pads the section size to the section alignment with nops
        pad = g["data"][len(code.data):]
        assert len(pad) < 8 and pad == NOP * (len(pad) // 2)
        g["data"] = g["data"][:len(code.data)]
    assert len(code.data) == len(g["data"])
    if code.data != g["data"]:
        i = next(i for i in range(len(code.data)) if code.data[i] != g["data"][i])
        raise AssertionError(f"differs at {i:#x}: ours {code.data[i - 4:i + 8].hex()} "
                             f"gnu {g['data'][i - 4:i + 8].hex()}")
    assert [(r.offset, r.type, r.symbol) for r in code.relocs] == g["relocs"]
    if ".fill" not in _built()[name][1]:          # GNU marks .fill as data
        assert code.mapping == g["mapping"]


def test_sizes_at_range_edges():
    c, _ = br_fwd(1024)
    assert len(c.data) == 2 + 2048 + 2                  # b.n reaches +2046
    c, _ = br_fwd(1025)
    assert len(c.data) == 4 + 2050 + 2                  # b.w
    c, _ = br_back(1022)
    assert len(c.data) == 2044 + 2
    c, _ = br_fwd(128, Cond.EQ)
    assert len(c.data) == 2 + 256 + 2
    c, _ = br_fwd(524289, Cond.EQ)
    assert len(c.data) == 6 + 2 * 524289 + 2            # b<!c>.n over b.w
    dec = cs_decode(c.data[:6])
    assert [d[2] for d in dec] == ["bne", "b.w"]


def test_unconditional_out_of_range():
    a = Assembler()
    L = a.new_label()
    a.b(L)
    fill(a, (1 << 23) + 8)                              # > 16 MB
    a.bind(L)
    with pytest.raises(EncodingError):
        a.finish()


def test_cbz_states():
    assert cs_decode(cbz_fwd(64)[0].data[:2])[0][2] == "cbz"
    c = cbz_fwd(65)[0]
    assert [d[2] for d in cs_decode(c.data[:4])] == ["cmp", "beq"]
    c = cbz_fwd(200, nz=True)[0]
    assert [d[2] for d in cs_decode(c.data[:6])] == ["cmp", "bne.w"]


# ---------------------------------------------------------------------------
# jump tables

def _chain_targets(code: Code, start: int, n: int) -> dict[int, int]:
    """Decode a compare chain: index -> branch target address."""
    import capstone
    md = capstone.Cs(capstone.CS_ARCH_ARM, capstone.CS_MODE_THUMB | capstone.CS_MODE_MCLASS)
    md.detail = True
    out, cur, scratch, skip_to = {}, None, {}, None
    for ins in md.disasm(code.data[start:], start):
        if skip_to is not None and ins.address < skip_to:
            continue
        ops = ins.operands
        m = ins.mnemonic.removesuffix(".w")
        if m in ("movw", "mov"):
            scratch[ops[0].reg] = ops[1].imm
        elif m == "movt":
            scratch[ops[0].reg] = (scratch[ops[0].reg] & 0xFFFF) | (ops[1].imm << 16)
        elif m == "cmp":
            cur = ops[1].imm if ops[1].type == capstone.arm.ARM_OP_IMM else scratch[ops[1].reg]
        elif m == "beq":
            out.setdefault(cur, ops[0].imm)
        elif m == "bne":                                # far form: bne over b.w
            skip_to = None
            nxt = next(md.disasm(code.data[ins.address + 2:ins.address + 6], ins.address + 2))
            out.setdefault(cur, nxt.operands[0].imm)
            skip_to = ins.address + 6
        elif m == "b":
            out[n - 1] = ops[0].imm
            break
    return out


def test_jump_table_compare_chain():
    # more distinct backward targets than tbh + stubs can address -> compare chain
    n = 21900
    a = Assembler()
    labs = [a.new_label() for _ in range(n)]
    addrs = {}
    for i, lab in enumerate(labs):
        a.bind(lab)
        a.nop()
    a.jump_table(3, labs, 12)
    a.bx(LR)
    code = a.finish()
    start = 2 * n
    assert code.mapping == [(0, "t")]                   # no inline data
    targets = _chain_targets(code, start, n)
    assert len(targets) == n
    assert all(targets[i] == 2 * i for i in range(n))


def test_jump_table_tbh_stub_limit():
    # fewer distinct targets: tbh + stubs still works (one stub per distinct label)
    a = Assembler()
    back = a.new_label()
    a.bind(back)
    a.nop()
    a.jump_table(0, [back] * 30000, 12)
    code = a.finish()
    dec = cs_decode(code.data[2:6])
    assert dec[0][2] == "tbh"
    assert code.mapping == [(0, "t"), (6, "d"), (6 + 60000, "t")]


def test_jump_table_compare_chain_in_range():
    # an index register that needs a scratch for large compare constants
    n = 21900
    a = Assembler()
    labs = [a.new_label() for _ in range(n)]
    for lab in labs:
        a.bind(lab)
        a.nop()
    a.jump_table(9, labs, 12)                           # high index register
    code = a.finish()
    targets = _chain_targets(code, 2 * n, n)
    assert all(targets[i] == 2 * i for i in range(n))


# ---------------------------------------------------------------------------
# API details and errors

def test_cond_invert_and_types():
    assert Cond.EQ.invert() == Cond.NE and Cond.LE.invert() == Cond.GT
    with pytest.raises(EncodingError):
        Cond.AL.invert()
    assert issubclass(EncodingError, TierFailure)
    assert Label(1) == Label(1) and Imm(3) == Imm(3)
    assert Reloc(0, "R_ARM_ABS32", "x").symbol == "x"


def test_empty_and_data_mapping():
    assert Assembler().finish() == Code(b"", [], [(0, "t")])
    a = Assembler()
    a.nop()
    a.word(1)
    c = a.finish()
    assert c.mapping == [(0, "t"), (2, "d")]


def _err(fn):
    a = Assembler()
    with pytest.raises(EncodingError):
        fn(a)
        a.finish()


@pytest.mark.parametrize("fn", [
    lambda a: a.load("w", 0, 1, 4096),
    lambda a: a.load("w", 0, 1, -256),
    lambda a: a.load("w", 0, PC, 0),
    lambda a: a.load("b", SP, 0, 0),
    lambda a: a.store("sb", 0, 1, 0),
    lambda a: a.load_reg("w", 0, 1, SP),
    lambda a: a.load_reg("w", 0, 1, 2, lsl=4),
    lambda a: a.ldrd(0, 0, 1, 0),
    lambda a: a.ldrd(0, 1, 2, 2),
    lambda a: a.strd(0, 1, 2, 1024),
    lambda a: a.add(0, 1, Imm(0x12345678)),
    lambda a: a.add(PC, 1, 2),
    lambda a: a.and_(0, SP, 1),
    lambda a: a.and_(0, 1, SP),
    lambda a: a.mov(0, Imm(0x12345678)),
    lambda a: a.mov(PC, 0),
    lambda a: a.mov_imm32(0, 0x12345678, flags=True),
    lambda a: a.mov_symbol(0, "x", 0x8000),
    lambda a: a.movw(0, 0x10000),
    lambda a: a.movt(SP, 0),
    lambda a: a.lsl(0, 1, Imm(32)),
    lambda a: a.lsr(0, 1, Imm(33)),
    lambda a: a.ror(0, 1, Imm(32)),
    lambda a: a.add(0, 1, ShiftedReg(2, Shift.LSL, 32)),
    lambda a: a.mul(8, 9, 8, flags=True),
    lambda a: a.umull(0, 0, 1, 2),
    lambda a: a.sdiv(SP, 0, 1),
    lambda a: a.ubfx(0, 1, 16, 17),
    lambda a: a.bfi(0, 1, 0, 0),
    lambda a: a.push([]),
    lambda a: a.push([PC]),
    lambda a: a.pop([LR, PC]),
    lambda a: a.pop([SP]),
    lambda a: a.udf(256),
    lambda a: a.bkpt(-1),
    lambda a: a.it(Cond.EQ, "tttt"),
    lambda a: (a.it(Cond.EQ), a.it(Cond.NE)),
    lambda a: a.it(Cond.EQ),                            # unterminated
    lambda a: (a.it(Cond.EQ), a.mov_imm32(0, 0x12345678)),
    lambda a: (a.it(Cond.EQ, "t"), a.bl("f")),          # bl not last
    lambda a: (a.it(Cond.EQ), a.cbz(0, a.new_label())),
    lambda a: (a.it(Cond.EQ), a.jump_table(0, [a.new_label()], 12)),
    lambda a: (a.it(Cond.EQ), a.b(a.new_label(), Cond.NE)),
    lambda a: (a.it(Cond.EQ), a.word(0)),
    lambda a: a.b(a.new_label()),                       # never bound
    lambda a: (lambda l: (a.bind(l), a.bind(l)))(a.new_label()),
    lambda a: a.jump_table(0, [], 12),
    lambda a: a.jump_table(SP, [a.new_label()], 12),
    lambda a: a.align(3),
    lambda a: a.word(1 << 32),
    lambda a: a.add(0, 1, Imm(1.5)),
    lambda a: a.add(16, 1, 2),
])
def test_errors(fn):
    _err(fn)


def test_it_block_tracking_selects_encodings():
    a = Assembler()
    a.it(Cond.EQ, "e")
    a.add(0, 0, Imm(1))                 # 16-bit, not flag-setting inside IT
    a.add(0, 0, Imm(1), flags=True)     # must be 32-bit adds
    a.add(0, 0, Imm(1))                 # outside IT again: 16-bit adds
    c = a.finish()
    assert len(c.data) == 2 + 2 + 4 + 2
    a = Assembler()
    a.add(0, 0, Imm(1), flags=False)    # outside IT, must not set flags
    assert len(a.finish().data) == 4


def test_labels_at_end_and_relaxation_grows_only():
    a = Assembler()
    labs = [a.new_label() for _ in range(40)]
    for i, lab in enumerate(labs):      # a chain of forward branches
        a.b(lab, Cond.NE)
        fill(a, 6 * i)
    for lab in labs:
        a.bind(lab)
    c = a.finish()
    dec = cs_decode(c.data)
    assert sum(d[1] for d in dec) == len(c.data)
