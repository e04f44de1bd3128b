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
* c is not zero on the edge P -> B: P's last definition of c is a nonzero
  constant, or P's terminator tests c against a constant so that c = 0 would
  take the other edge;
* B calls nothing (calls and the library sequences write lr).

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
from ..ir.imm import Branch
from ..ir.ir import OPS, Block, Inst, IRFunction
from ..ir.pipeline import PassContext
from .codebuffer import Code
from .encoding import decode_low_overhead
from .operands import LR

LOOP_START, LOOP_END = "loopstart", "loopend"
_SIGNED_OR_UNSIGNED = ("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u")


def low_overhead_loops(fn: IRFunction, ctx: PassContext) -> None:
    """Turn every qualifying loop (module docstring) into loopstart/loopend."""
    if not ctx.low_overhead_loops:
        return
    preds = predecessors(fn)
    live_in = None
    index = {b.id: i for i, b in enumerate(fn.blocks)}
    for i, b in enumerate(fn.blocks):
        counter = _counted_self_loop(b)
        if counter is None or i == 0:
            continue
        c, exit_id = counter
        p = fn.blocks[i - 1]
        if sorted(preds[b.id]) != sorted([p.id, b.id]) or p.id == b.id:
            continue
        if any(OPS[ins.op].clobbers for ins in b.insts) or not _nonzero_into(p, c, b.id):
            continue
        if live_in is None:
            live_in = liveness(fn, ctx.max_opt_work)[0]
        if (live_in[index[exit_id]] >> c) & 1:
            continue
        b.insts = [ins for ins in b.insts if c not in ins.defs]
        b.term = Inst(LOOP_END, imm=Branch("ne", b.id, exit_id), loc=b.term.loc)
        p.insts.append(Inst(LOOP_START, uses=(c,)))


def _counted_self_loop(b: Block) -> tuple[int, int] | None:
    """(counter, exit block) when b ends `c = subi c, 1; brcmpi ne/eq c, 0` back to
    itself and touches c nowhere else."""
    t = b.term
    if t is None or t.op != "brcmpi" or t.imm.k != 0 or t.imm.cond not in ("eq", "ne"):
        return None
    back, out = ((t.imm.then_block, t.imm.else_block) if t.imm.cond == "ne"
                 else (t.imm.else_block, t.imm.then_block))
    if back != b.id or out == b.id:
        return None
    c = t.uses[0]
    touching = [ins for ins in b.insts if c in ins.defs or c in ins.uses]
    if len(touching) != 1:
        return None
    dec = touching[0]
    if dec.op != "subi" or dec.defs != (c,) or dec.uses != (c,) or dec.imm.value != 1:
        return None
    return c, out


def _nonzero_into(p: Block, c: int, target: int) -> bool:
    """Is c nonzero whenever p branches to `target`?"""
    t = p.term
    if t is None:
        return False
    if t.op == "brcmpi" and t.uses[0] == c and t.imm.cond in _SIGNED_OR_UNSIGNED \
            and t.imm.then_block != t.imm.else_block:
        taken = t.imm.then_block == target
        return evaluate(t.imm.cond, 0, t.imm.k) != taken     # c = 0 goes the other way
    for ins in reversed(p.insts):
        if c in ins.defs:
            return ins.op == "const" and ins.imm.value & 0xFFFFFFFF != 0
    return False


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
