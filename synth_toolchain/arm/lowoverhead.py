"""ARMv8.1-M low-overhead loops: a counted loop's back edge becomes `le`.

`dls lr, rN` before a loop and `le lr, label` at its back edge replace the
`subs rN, #1; bne label` of a loop whose counter only counts; the core then
branches back without fetching the branch again (Cortex-M55/M85).  `le`
falls through when lr <= 1 and otherwise decrements lr and branches, so the
loop runs lr times for any count of at least 1; a count of 0 would run once.
Hence the rules, all conservative (issue 16):

* the loop is one block B that branches back to itself, laid out right after
  its only other predecessor P (so the code between `dls` and `le` is P's
  terminator and B, nothing else);
* B ends `c = subi c, 1; brcmpi.ne c, 0 -> B, X` (or `.eq -> X, B`), reads c
  nowhere else and defines it nowhere else, and c is dead in X: c only counts;
* c is not zero on the edge P -> B: on the way into B (P, and the blocks
  before it while each has one predecessor) the last definition of c is a
  nonzero constant, or a terminator tests c against a constant so that c = 0
  would take the other edge;
* B calls nothing (calls and the library sequences write lr).

A loop whose induction variable the body reads qualifies too when its trip
count is a constant: B ends `brcmpi.ne i, K -> B, X` (or `.eq -> X, B`),
defines i once, by `i = addi i, s` (or subi), and the last definition of i
on the way into B is a constant i0 such that i reaches K after t = (K - i0) / s steps exactly (no
wrap past it, 1 <= t).  Then i keeps its increment and its value after the
loop; only the compare and branch become `le`, with `dls lr` of the constant t.

The pass puts `loopstart c` (dls) at the end of P, harmless on P's other edge
because lr is a scratch register there, and ends B with `loopend -> B, X`
(`le`).  The count then lives in lr, which the emitter's handlers also take
as a scratch register (arm/emit.py): `lr_free_in_loops` checks the emitted
code, and tiers.py compiles the function again without this pass when an
instruction between a `dls` and its `le` writes lr.
"""

from __future__ import annotations

from ..ir.analysis import liveness, predecessors
from ..ir.conds import evaluate
from ..ir.imm import Branch, Constant
from ..ir.ir import OPS, Block, Inst, IRFunction
from ..ir.pipeline import PassContext
from .codebuffer import Code
from .encoding import decode_low_overhead
from .operands import LR

LOOP_START, LOOP_END = "loopstart", "loopend"
# the loop's predecessor P, the loop block's id, the predecessor lists, blocks by id
Entry = tuple[Block, int, dict[int, list[int]], dict[int, Block]]
_SIGNED_OR_UNSIGNED = ("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u")


def low_overhead_loops(fn: IRFunction, ctx: PassContext) -> None:
    """Turn every qualifying loop (module docstring) into loopstart/loopend."""
    if not ctx.low_overhead_loops:
        return
    preds = predecessors(fn)
    by_id = {b.id: b for b in fn.blocks}
    live_in = None
    index = {b.id: i for i, b in enumerate(fn.blocks)}
    for i, b in enumerate(fn.blocks):
        if i == 0 or not _self_loop_after(b, fn.blocks[i - 1], preds):
            continue
        p = fn.blocks[i - 1]
        if any(OPS[ins.op].clobbers for ins in b.insts):
            continue
        entry = (p, b.id, preds, by_id)
        counter = _counted_self_loop(b)
        if counter is not None and _nonzero_into(entry, counter[0]):
            c, exit_id = counter
            if live_in is None:
                live_in = liveness(fn, ctx.max_opt_work)[0]
            if not (live_in[index[exit_id]] >> c) & 1:
                b.insts = [ins for ins in b.insts if c not in ins.defs]
                _make_low_overhead(p, b, c, exit_id)
                continue
        trip = _constant_trip(entry, b)
        if trip is not None:
            t, exit_id = trip
            count = fn.new_vreg()
            p.insts.append(Inst("const", defs=(count,), imm=Constant(t)))
            _make_low_overhead(p, b, count, exit_id)


def _self_loop_after(b: Block, p: Block, preds: dict[int, list[int]]) -> bool:
    """b branches to itself, and p, laid out just before it, is its only other way in."""
    return p.id != b.id and b.id in b.successors() and \
        sorted(preds[b.id]) == sorted([p.id, b.id])


def _make_low_overhead(p: Block, b: Block, count: int, exit_id: int) -> None:
    b.term = Inst(LOOP_END, imm=Branch("ne", b.id, exit_id), loc=b.term.loc)
    p.insts.append(Inst(LOOP_START, uses=(count,)))


def _loop_branch(b: Block) -> tuple[int, int, int] | None:
    """(tested vreg, constant, exit block) of b's `brcmpi.ne x, K -> b, X` or
    `brcmpi.eq x, K -> X, b`."""
    t = b.term
    if t is None or t.op != "brcmpi" or t.imm.cond not in ("eq", "ne"):
        return None
    back, out = ((t.imm.then_block, t.imm.else_block) if t.imm.cond == "ne"
                 else (t.imm.else_block, t.imm.then_block))
    if back != b.id or out == b.id:
        return None
    return t.uses[0], t.imm.k, out


def _constant_trip(entry: Entry, b: Block) -> tuple[int, int] | None:
    """(trip count, exit block) of a loop stepping i from a constant to K (docstring)."""
    branch = _loop_branch(b)
    if branch is None:
        return None
    x, k, exit_id = branch
    defs = [ins for ins in b.insts if x in ins.defs]
    if len(defs) != 1 or defs[0].op not in ("addi", "subi") or defs[0].uses != (x,):
        return None
    step = defs[0].imm.value if defs[0].op == "addi" else -defs[0].imm.value
    step = (step + (1 << 31)) % (1 << 32) - (1 << 31)       # signed
    start = _constant_into(entry, x)
    if start is None or step == 0:
        return None
    distance = ((k - start) if step > 0 else (start - k)) % (1 << 32)
    if distance == 0 or distance % abs(step):
        return None                         # 0: the loop would wrap around; else never exact
    return distance // abs(step), exit_id


def _counted_self_loop(b: Block) -> tuple[int, int] | None:
    """(counter, exit block) when b ends `c = subi c, 1; brcmpi ne/eq c, 0` back to
    itself and touches c nowhere else."""
    branch = _loop_branch(b)
    if branch is None or branch[1] != 0:
        return None
    c, _, out = branch
    touching = [ins for ins in b.insts if c in ins.defs or c in ins.uses]
    if len(touching) != 1:
        return None
    dec = touching[0]
    if dec.op != "subi" or dec.defs != (c,) or dec.uses != (c,) or dec.imm.value != 1:
        return None
    return c, out


def _entry_path(entry: Entry):
    """(block, where it goes next) from P back through blocks with one predecessor
    each (a preheader loop versioning or jump threading left), at most 8."""
    p, target, preds, by_id = entry
    seen: set[int] = set()
    while p.id not in seen and len(seen) < 8:
        yield p, target
        seen.add(p.id)
        if len(preds[p.id]) != 1:
            return
        p, target = by_id[preds[p.id][0]], p.id


def _nonzero_into(entry: Entry, c: int) -> bool:
    """Is c nonzero whenever the path into the loop enters it?"""
    for q, target in _entry_path(entry):
        t = q.term
        if t is not None and t.op == "brcmpi" and t.uses[0] == c and \
                t.imm.cond in _SIGNED_OR_UNSIGNED and t.imm.then_block != t.imm.else_block:
            taken = t.imm.then_block == target
            return evaluate(t.imm.cond, 0, t.imm.k) != taken    # c = 0 goes the other way
        if any(c in ins.defs for ins in q.insts):
            start = _last_constant(q, c)
            return start is not None and start != 0
    return False


def _constant_into(entry: Entry, v: int) -> int | None:
    """v's value (32-bit pattern) entering the loop when the last definition on the
    path is a const."""
    for q, _ in _entry_path(entry):
        if any(v in ins.defs for ins in q.insts):
            return _last_constant(q, v)
    return None


def _last_constant(q: Block, v: int) -> int | None:
    for ins in reversed(q.insts):
        if v in ins.defs:
            return ins.imm.value & 0xFFFFFFFF if ins.op == "const" else None
    return None


def lr_free_in_loops(code: Code) -> bool:
    """No instruction between a `dls` (the spans of a loopstart) and its `le` writes lr."""
    inside = False
    for span in code.spans:
        op = getattr(span.origin, "op", None)
        if op == LOOP_START:
            inside = True
        elif op == LOOP_END:
            inside = False
        elif inside and LR in span.writes:
            return False
    return True


def uses_low_overhead_loops(fn: IRFunction) -> bool:
    return any(b.term is not None and b.term.op == LOOP_END for b in fn.blocks)


def disasm_lite(cs, data: bytes, start: int, end: int):
    """capstone's `disasm_lite` over data[start:end] (addresses = offsets), with
    the dls/wls/le capstone 5 cannot decode filled in (`decode_low_overhead`);
    a branch shows its target as capstone shows others' (`#0x1c`)."""
    pos = start
    while pos < end:
        stopped = pos
        for addr, size, mnemonic, ops in cs.disasm_lite(data[pos:end], pos):
            if mnemonic == ".byte" and decode_low_overhead(data[addr:end]) is not None:
                break                       # skipdata's guess at what we decode below
            yield addr, size, mnemonic, ops
            stopped = addr + size
        else:
            if stopped >= end:
                return
        lob = decode_low_overhead(data[stopped:end])
        if lob is None:
            return                          # what capstone could not read, nor we
        mnemonic, ops, offset = lob
        if offset is not None:
            ops += f", #{stopped + 4 + offset:#x}"
        yield stopped, 4, mnemonic, ops
        pos = stopped + 4


def instructions(cs, data: bytes, start: int, end: int):
    """capstone's instructions of data[start:end] (addresses = offsets), stepping
    over the dls/wls/le capstone 5 stops at: they write lr and branch within the
    function, which the stack and frame scans (stackscan.py, debuginfo/frames.py)
    have no use for."""
    pos = start
    while pos < end:
        for ins in cs.disasm(data[pos:end], pos):
            yield ins
            pos = ins.address + ins.size
        if pos >= end or decode_low_overhead(data[pos:end]) is None:
            return
        pos += 4
