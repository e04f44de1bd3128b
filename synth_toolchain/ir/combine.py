"""Combine: small named rewrite rules over complete IR, run right after lowering.

Lowering emits plain forms: an `add` or `xor` of a shifted value, `andi` then a test
against zero, a whole 64-bit `mul64`.  Each rule here looks at one
instruction and at the definitions reaching its operands, and rewrites it
into a form the back end does in fewer instructions (`eor d, a, x, ror #k`,
`tst x, #mask`, `mla`, one `umull`/`smull`).  `RULES` maps an op to its rules;
`LATE_RULES` are those whose result the range analysis of the bounds-checks
pass cannot see through, run as a pass of their own after it.

Why so careful about definitions: the IR is not SSA (a promoted wasm local
is one vreg assigned in many places), so "v = x << k" holds only between
that definition and the next write of v or x.  A rule reads only the
definition reaching the use within the block (ir/analysis.py `BlockDefs`)
and fires only when the operands that definition read are unchanged since;
forgetting the second half once folded a shift that had overwritten its own
source (tests/wast/review_opts.wast).

`mul64` has no back-end handler: its rule always picks the form, so this
pass runs in every tier.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .analysis import BlockDefs, use_counts
from .imm import Compare, Shift, ShiftedOperand
from .ir import Inst, IRFunction
from .pipeline import PassContext

M32 = 0xFFFFFFFF


# -- the walk -------------------------------------------------------------------

Rule = Callable[["Combiner", Inst], "list[Inst] | None"]


class Combiner:
    """One walk over a function: rules see the block rewritten so far (`out`)."""

    def __init__(self, fn: IRFunction, rules: dict[str, tuple[Rule, ...]], dsp: bool = False):
        self.fn = fn
        self.rules = rules
        self.dsp = dsp                      # halfword multiplies exist (PassContext.dsp)
        self.uses = use_counts(fn)
        self.below: dict[int, int] = {}     # new vreg → the vreg it is numbered just below
        self.out: list[Inst | None] = []
        self.defs = BlockDefs()
        self.fired: list[str] = []          # the rule of each rewrite, in order

    def run(self) -> None:
        for b in self.fn.blocks:
            self.out, self.defs = [], BlockDefs()
            for ins in b.insts:
                for new in self.combine(ins):
                    self.defs.passed(len(self.out), new)
                    self.out.append(new)
            if b.term is not None:              # (a block lowering left unreachable)
                (b.term,) = self.combine(b.term)
            b.insts = [ins for ins in self.out if ins is not None]
        if self.below:
            _renumber(self.fn, self.below)

    def combine(self, ins: Inst) -> list[Inst]:
        for rule in self.rules.get(ins.op, ()):
            new = rule(self, ins)
            if new is not None:
                self.fired.append(rule.__name__)
                for v in ins.uses:
                    self.uses[v] -= 1
                for n in new:
                    for v in n.uses:
                        self.uses[v] = self.uses.get(v, 0) + 1
                    if n.loc < 0:
                        n.loc = ins.loc         # the rewrite keeps the source position
                return new
        return [ins]

    # facts for the rules
    def definition(self, v: int) -> tuple[int, Inst] | None:
        """(index in `out`, instruction) of the definition of v reaching this
        point in the block, if the block has one."""
        i = self.defs.reaching(v)
        if i is None or self.out[i] is None:
            return None
        return i, self.out[i]

    def unchanged(self, v: int, since: int) -> bool:
        return self.defs.unchanged(v, since)

    def delete(self, i: int) -> None:
        """Drop an earlier instruction of the block whose result nothing reads now."""
        for v in self.out[i].uses:
            self.uses[v] -= 1
        self.out[i] = None

    def new_vreg(self, below: int) -> int:
        """A vreg for a value a rule adds, numbered (once the walk is done) just
        below `below` and after any added before it: where lowering would
        have allocated it, so baseline, which gives every vreg the frame slot
        of its number, lays out the frame as if lowering had emitted the form."""
        v = self.fn.new_vreg()
        self.below[v] = below
        return v


def _renumber(fn: IRFunction, below: dict[int, int]) -> None:
    """Give each new vreg its number just below its anchor; later vregs move up."""
    first_new = min(below)
    placed: dict[int, list[int]] = {}
    for v, anchor in below.items():
        placed.setdefault(anchor, []).append(v)
    order: list[int] = []
    for v in range(first_new):
        order.extend(placed.get(v, ()))
        order.append(v)
    number = {old: new for new, old in enumerate(order)}

    def of(vs):
        return tuple(number[v] for v in vs)
    for b in fn.blocks:
        for ins in b.insts if b.term is None else (*b.insts, b.term):
            ins.defs, ins.uses = of(ins.defs), of(ins.uses)
    fn.params = list(of(fn.params))
    if fn.sret is not None:
        fn.sret = number[fn.sret]
    fn.local_vregs = [of(vs) for vs in fn.local_vregs]
    fn.vfp_vregs = frozenset(of(fn.vfp_vregs))


# -- the rules ----------------------------------------------------------------

# the shift ops whose result a data-processing op can compute in passing
_OPERAND_SHIFT = {"shli": "lsl", "shri_u": "lsr", "shri_s": "asr", "rotri": "ror"}
_COMMUTES = {"add", "and", "or", "xor"}


def _shifted(c: Combiner, v: int) -> tuple[int, str, int] | None:
    """(x, shift, k) when v = x SHIFT k (1 <= k <= 31) reaches here and x
    still holds what the shift read."""
    found = c.definition(v)
    if found is None:
        return None
    i, d = found
    if d.op not in _OPERAND_SHIFT or not 1 <= d.imm.amount <= 31 \
            or not c.unchanged(d.uses[0], i):
        return None
    return d.uses[0], _OPERAND_SHIFT[d.op], d.imm.amount


def shifted_operand(c: Combiner, ins: Inst) -> list[Inst] | None:
    """`a OP (x SHIFT k)`: the op shifts or rotates x itself (`eor d, a, x,
    ror #k`: `xorrot`; `add d, a, x, lsl #k`: `addsh.lsl`).  A commuting op
    tries both operands; a sub whose minuend is the shift is an rsb."""
    a, b = ins.uses
    turned = ins.op if ins.op in _COMMUTES else "rsb"
    for op, keep, shifted in ((ins.op, a, b), (turned, b, a)):
        found = _shifted(c, shifted)
        if found is not None:
            return [_with_shifted_operand(op, ins.defs, keep, *found)]
    return None


def _with_shifted_operand(op: str, defs: tuple[int, ...], a: int, x: int, shift: str,
                          k: int) -> Inst:
    """d = a OP (x SHIFT k): `OProt` for a rotate, else `OPsh`."""
    if shift == "ror":
        return Inst(op + "rot", defs, (a, x), Shift(k))
    return Inst(op + "sh", defs, (a, x), ShiftedOperand(shift, k))


_INVERTING = {"and": "bic", "or": "orn"}


def inverted_operand(c: Combiner, ins: Inst) -> list[Inst] | None:
    """`a & ~y`, `a | ~y` (the ~ an `xori y, -1` earlier in the block, either
    operand): one bic or orn of y, which also shifts y when y is itself a
    shift there (`bic d, a, x, ror #k`)."""
    a, b = ins.uses
    for keep, inverted in ((a, b), (b, a)):
        found = c.definition(inverted)
        if found is None:
            continue
        i, d = found
        if d.op != "xori" or d.imm.value & M32 != M32 or not c.unchanged(d.uses[0], i):
            continue
        op, y = _INVERTING[ins.op], d.uses[0]
        shifted = _shifted(c, y)
        if shifted is None:
            return [Inst(op, ins.defs, (keep, y))]
        return [_with_shifted_operand(op, ins.defs, keep, *shifted)]
    return None


def tst_under_mask(c: Combiner, ins: Inst) -> list[Inst] | None:
    """`t = x & mask` tested against zero (a branch, setcc or select), t read
    nowhere else: test the bits directly (`tst x, #mask`), no t."""
    cond, k = ins.imm.cond, ins.imm.k          # a Branch (brcmpi) or a Compare
    if cond not in ("eq", "ne") or k != 0 or c.uses[ins.uses[0]] != 1:
        return None
    found = c.definition(ins.uses[0])
    if found is None:
        return None
    i, d = found
    x = d.uses[0] if d.op == "andi" else None
    if x is None or not c.unchanged(x, i):
        return None
    c.delete(i)
    return [Inst(ins.op, ins.defs, (x, *ins.uses[1:]),
                 replace(ins.imm, cond="tst_" + cond, k=d.imm.value))]


def _product(c: Combiner, v: int) -> tuple[int, Inst] | None:
    """(index, instruction) of the mul or mul16 that computed v just before this
    instruction (nothing defining a value in between), when v is read nowhere
    else and the factors still hold what it read.  Why "just before": the
    fused instruction multiplies where the add was, so the factors stay live
    up to it; across other values that costs registers (an unrolled dot
    product's four products would keep all eight factors live)."""
    found = c.definition(v)
    if found is None or c.uses[v] != 1:
        return None
    i, d = found
    if d.op not in ("mul", "mul16") or not all(c.unchanged(u, i) for u in d.uses) \
            or any(n is not None and n.defs for n in c.out[i + 1:]):
        return None
    return i, d


def multiply_accumulate(c: Combiner, ins: Inst) -> list[Inst] | None:
    """`acc + x * y` (either order) is one mla, `acc - x * y` one mls, when
    the product is read nowhere else: the mul goes.  On a DSP core a product
    of halfwords is an mla16 (smlabb; the M4 does mla and smlabb in one cycle
    each, so the gain is the sign extensions smlabb does not need)."""
    a, b = ins.uses
    pairs = ((b, a), (a, b)) if ins.op == "add" else ((b, a),)
    for product, acc in pairs:
        found = _product(c, product)
        if found is None:
            continue
        i, d = found
        if d.op == "mul16" and ins.op == "sub":
            continue                # its factors' high halves need not be the sign
        halves = _halfwords(c, d.uses) if d.op == "mul" and ins.op == "add" else None
        c.delete(i)
        if d.op == "mul16" or halves is not None:
            return [Inst("mla16", ins.defs, (*(halves or d.uses), acc))]
        return [Inst("mla" if ins.op == "add" else "mls", ins.defs, (*d.uses, acc))]
    return None


def conditional_increment(c: Combiner, ins: Inst) -> list[Inst] | None:
    """`x + (a cond b)`, the 0/1 of a setcc read nowhere else (a count of
    matches): compare, then add 1 under an IT (`cmp; it eq; addeq`) instead of
    building the 0/1 with two conditional moves and adding it.  The compare
    moves to the add, so its operands must still hold what the setcc read."""
    a, b = ins.uses
    for t, x in ((b, a), (a, b)):
        found = c.definition(t)
        if found is None or c.uses[t] != 1:
            continue
        i, d = found
        if d.op not in ("setcc", "setcci") or not all(c.unchanged(u, i) for u in d.uses):
            continue
        c.delete(i)
        return [Inst("addcc" if d.op == "setcc" else "addcci", ins.defs, (*d.uses, x), d.imm)]
    return None


# definitions whose result is its operand's low halfword, sign-extended
_SIGN_EXTENSIONS = {"sxth", "sxtb"}


def _halfword(c: Combiner, v: int) -> tuple[int, bool] | None:
    """(w, looked_through) when v's value is the low halfword of w sign-extended:
    w = x when v = sxth x (or sxtb: a byte's sign extension is one of its
    halfword) and x still holds what it read, else w = v when v is known to
    fit in a signed halfword (a narrow signed or byte load, a small constant or
    mask)."""
    found = c.definition(v)
    if found is None:
        return None
    i, d = found
    if d.op == "sxth" and c.unchanged(d.uses[0], i):
        return d.uses[0], True
    fits = (d.op in _SIGN_EXTENSIONS
            or (d.op == "load" and d.imm.kind in ("sh", "sb", "b"))
            or (d.op == "const" and -0x8000 <= _signed(d.imm.value) <= 0x7FFF)
            or (d.op == "andi" and 0 <= d.imm.value <= 0x7FFF))
    return (v, False) if fits else None


def _signed(k: int) -> int:
    k &= M32
    return k - (1 << 32) if k >> 31 else k


def _halfwords(c: Combiner, factors: tuple[int, ...]) -> tuple[int, int] | None:
    """The operands of a halfword multiply for factors (x, y), on a DSP core."""
    if not c.dsp:
        return None
    found = [_halfword(c, v) for v in factors]
    if None in found:
        return None
    return found[0][0], found[1][0]


def halfword_multiply(c: Combiner, ins: Inst) -> list[Inst] | None:
    """`sxth(x) * y`, y also a sign-extended halfword, on a DSP core: one mul16
    (smulbb) of x itself, no sxth.  (Without an extension to drop, smulbb is
    no faster than a mul and has no 16-bit form: the mul stays, and an add of
    it still becomes an mla16.)"""
    if not c.dsp:
        return None
    found = [_halfword(c, v) for v in ins.uses]
    if None in found or not any(through for _, through in found):
        return None
    return [Inst("mul16", ins.defs, tuple(w for w, _ in found))]


def _copied_from(c: Combiner, v: int) -> int:
    """The vreg whose value v holds through the copies (`mov`) reaching here,
    each source unchanged since its copy: a promoted local set from a
    temporary is that temporary."""
    for _ in range(4):
        found = c.definition(v)
        if found is None or found[1].op != "mov" or not c.unchanged(found[1].uses[0], found[0]):
            break
        v = found[1].uses[0]
    return v


def _extension(c: Combiner, lo: int, hi: int) -> str:
    """How the i64 (lo, hi) is known to extend its low word: "u" (high word
    0), "s" (high word = lo >> 31, arithmetic), both, or neither ("").
    Narrow i64 loads and i64.extend_i32_* leave `const hi 0` or `shri_s hi,
    lo, 31` (maybe through copies into locals); constants are both when they
    fit in 31 bits."""
    found = c.definition(_copied_from(c, hi))
    if found is None:
        return ""
    i, d = found
    if d.op == "shri_s":
        low = _copied_from(c, lo)
        signed = d.uses == (low,) and d.imm.amount == 31 and c.unchanged(low, i)
        return "s" if signed else ""
    if d.op != "const":
        return ""
    top = d.imm.value & M32
    low = c.definition(lo)
    signed = low is not None and low[1].op == "const" and \
        top == (M32 if low[1].imm.value >> 31 & 1 else 0)
    return ("u" if top == 0 else "") + ("s" if signed else "")


def multiply64(c: Combiner, ins: Inst) -> list[Inst]:
    """i64.mul from 32x32 products: one smull when both operands are sign
    extensions (not both also zero extensions), else umull of the low words
    plus an mla for each high word not known to be zero."""
    (lo, hi), (al, ah, bl, bh) = ins.defs, ins.uses
    ka, kb = _extension(c, al, ah), _extension(c, bl, bh)
    if "s" in ka and "s" in kb and not ("u" in ka and "u" in kb):
        return [Inst("mulw_s", (lo, hi), (al, bl))]
    products = [xy for xy, zero in (((al, bh), "u" in kb), ((ah, bl), "u" in ka)) if not zero]
    if not products:
        return [Inst("mulw_u", (lo, hi), (al, bl))]
    # the low word is written first: if an mla still reads that vreg as a factor
    # (a local multiplied into itself), write it last, through a new vreg
    low = c.new_vreg(hi) if lo in {v for xy in products for v in xy} else lo
    acc = c.new_vreg(hi)
    out = [Inst("mulw_u", (low, acc), (al, bl))]
    for n, (x, y) in enumerate(products):
        d = hi if n == len(products) - 1 else c.new_vreg(hi)
        out.append(Inst("mla", (d,), (x, y, acc)))
        acc = d
    if low != lo:
        out.append(Inst("mov", (lo,), (low,)))
    return out


def _wide_product(c: Combiner, lo: int, hi: int) -> tuple[str, int, int] | None:
    """(mulw op, x, y) when (lo, hi) is the widening product x * y reaching
    here (its high word maybe through one `mov`), read nowhere else, and x, y
    still hold what the multiply read; the multiply (and the mov) go."""
    if c.uses[lo] != 1 or c.uses[hi] != 1:
        return None
    copy = c.definition(hi)
    if copy is None:
        return None
    if copy[1].op == "mov" and c.uses[copy[1].uses[0]] == 1:
        high = copy[1].uses[0]
    else:
        high, copy = hi, None
    found = c.definition(lo)
    if found is None:
        return None
    i, d = found
    if d.op not in ("mulw_u", "mulw_s") or d.defs != (lo, high) \
            or not all(c.unchanged(u, i) for u in d.uses):
        return None
    if copy is not None:
        if not c.unchanged(high, i + 1) or copy[0] < i:
            return None
        c.delete(copy[0])
    c.delete(i)
    return d.op, *d.uses


def multiply_accumulate64(c: Combiner, ins: Inst) -> list[Inst] | None:
    """`acc + x * y` of i64 where the product is a widening 32x32 multiply
    read nowhere else: one umlal/smlal (`mlal_u`, `mlal_s`), which adds into
    the accumulator's registers in place, so the sum is first copied to the
    result's vregs (when they differ, the allocator usually gives both one
    register and the copy disappears).  The M4 does umlal in the cycle of
    umull; the adds/adc pair and the product's two registers go."""
    (dl, dh), (al, ah, bl, bh) = ins.defs, ins.uses
    for (pl, ph), (sl, sh) in (((bl, bh), (al, ah)), ((al, ah), (bl, bh))):
        if pl == ph or (dl == sh and dl != sl):
            continue
        found = c.definition(pl)
        if found is None or found[1].op not in ("mulw_u", "mulw_s") \
                or {dl, dh} & set(found[1].uses):
            continue            # (the fallback re-reads x and y after writing dl)
        product = _wide_product(c, pl, ph)
        if product is None:
            continue
        op, x, y = product
        moves = [Inst("mov", (d,), (s,)) for d, s in ((dl, sl), (dh, sh)) if d != s]
        return [*moves, Inst("mlal" + op[4:], (dl, dh), (x, y, dl, dh))]
    return None


def select_on_compare64(c: Combiner, ins: Inst) -> list[Inst] | None:
    """`selcc.ne t, x, y, 0` where t = setcc64 of unchanged operands: one
    selcc64 that selects on the compare's flags, no 0/1 in between (the
    setcc64 goes when nothing else reads t).  A select just before on the
    same compare (an i64 select: one per half) joins it: one compare, two
    conditional moves."""
    cond, k = ins.imm.cond, ins.imm.k
    if k != 0 or cond not in ("ne", "eq") or len(ins.uses) != 3:
        return None
    t, x, y = ins.uses
    found = c.definition(t)
    if found is None:
        return None
    i, d = found
    if d.op != "setcc64" or not all(c.unchanged(u, i) for u in d.uses):
        return None
    if cond == "eq":                            # t == 0: the compare is false
        x, y = y, x
    (r,) = ins.defs
    new = Inst("selcc64", (r,), (*d.uses, x, y), Compare(d.imm.cond))
    j = next((j for j in range(len(c.out) - 1, -1, -1) if c.out[j] is not None), None)
    prev = c.out[j] if j is not None else None
    if prev is not None and prev.op == "selcc64" and len(prev.defs) == 1 \
            and prev.imm == new.imm and prev.uses[:4] == d.uses \
            and prev.defs[0] not in (*d.uses, x, y, r):
        (p,), (px, py) = prev.defs, prev.uses[4:]
        c.delete(j)                             # (its reads move here)
        new = Inst("selcc64", (p, r), (*d.uses, px, x, py, y), new.imm)
    if c.uses[t] == 1:
        c.delete(i)
    return [new]


RULES: dict[str, tuple[Rule, ...]] = {
    **{op: (shifted_operand,) for op in ("add", "sub", "and", "or", "xor")},
    "brcmpi": (tst_under_mask,), "setcci": (tst_under_mask,), "selcc": (tst_under_mask,),
    "mul64": (multiply64,),
}


# Rules run after the bounds-checks pass: ir/ranges.py bounds an mla, a mul16 and a
# bic too, but only as loosely as their plain parts or looser (a mul16 of signed
# halfwords, an mls not at all), so the checks are decided on the plain add and mul.
LATE_RULES: dict[str, tuple[Rule, ...]] = {
    "mul": (halfword_multiply,),
    "and": (inverted_operand,), "or": (inverted_operand,),
    "add": (multiply_accumulate, conditional_increment), "sub": (multiply_accumulate,),
    "add64": (multiply_accumulate64,), "selcc": (select_on_compare64,),
}


def combine(fn: IRFunction, ctx: PassContext | None = None) -> list[str]:
    """Apply `RULES` to every instruction of fn; returns the rule of each rewrite.
    (A pass of every tier: needs nothing from the context.)"""
    c = Combiner(fn, RULES)
    c.run()
    return c.fired


def combine_late(fn: IRFunction, ctx: PassContext | None = None) -> list[str]:
    """Apply `LATE_RULES` (after bounds-checks); returns the rule of each rewrite.
    The halfword multiplies need a DSP core (ctx.dsp)."""
    c = Combiner(fn, LATE_RULES, dsp=ctx is not None and ctx.dsp)
    c.run()
    return c.fired
