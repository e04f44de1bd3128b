"""Small IR clean-ups run after lowering.

Every pass takes the function and a PassContext (ir/pipeline.py); tiers.py
lists them by name, and each tier is a sequence of these names."""

from __future__ import annotations

from dataclasses import replace

from .analysis import definitions, dominators, liveness, natural_loops, predecessors
from .checkmerge import OOB_CHECK
from .imm import BRANCHES, Constant, Jump, MemAccess
from .intervals import Walk, unsigned
from .ir import OPS, Inst, IRFunction
from .loopranges import block_entry_ranges, tracked_for
from .pipeline import PassContext
from .ranges import upper_bounds

# interval analysis budget: instructions interpreted per instruction of the function
_RANGE_WORK_PER_INST = 40


def prune_unreachable(fn: IRFunction, ctx: PassContext) -> None:
    """Drop blocks no path from the entry reaches (dead code after br/return)."""
    by_id = {b.id: b for b in fn.blocks}
    seen = {fn.blocks[0].id}
    work = [fn.blocks[0].id]
    while work:
        for s in by_id[work.pop()].successors():
            if s not in seen:
                seen.add(s)
                work.append(s)
    fn.blocks = [b for b in fn.blocks if b.id in seen]


def _retarget(term: Inst, to) -> None:
    """Map every successor id of a terminator through `to` (ir/imm.py)."""
    if isinstance(term.imm, BRANCHES):
        term.imm = term.imm.retarget(to)


def thread_jumps(fn: IRFunction, ctx: PassContext) -> None:
    """Branch straight to where an empty block's jump goes.

    Why: wasm's `block`/`if` structure leaves empty blocks that only jump on
    (the end of an `if` arm, a loop exit), and empty `if`s whose arms meet
    again; branching to them gave `blt 1f; b else; 1: …` where the target
    follows anyway.  Conditions left with one target become jumps."""
    by_id = {b.id: b for b in fn.blocks}
    memo: dict[int, int] = {}

    def final(start: int) -> int:
        """Where control entering a block really goes: the block itself, unless
        it is empty and all its (threaded) successors are one block.  Iterative
        (a chain of nested `block`s can be thousands deep); a successor still
        being worked out (a cycle of empty blocks) stands for itself."""
        stack, open_ = [start], set()
        while stack:
            t = stack[-1]
            if t in memo:
                stack.pop()
                continue
            b = by_id[t]
            succ = b.successors()
            if b.insts or not succ:
                memo[t] = t
                stack.pop()
                continue
            todo = [s for s in succ if s not in memo and s not in open_]
            if todo and t not in open_:
                open_.add(t)
                stack.extend(todo)
                continue
            targets = {memo.get(s, s) for s in succ}
            memo[t] = targets.pop() if len(targets) == 1 else t
            open_.discard(t)
            stack.pop()
        return memo[start]

    for b in fn.blocks:
        _retarget(b.term, final)
    merge_identical_branches(fn)


def merge_identical_branches(fn: IRFunction) -> None:
    """A conditional branch (or table) whose targets are all one block is a jump:
    the condition, and whatever only it needed, is dead (a `br_if` to the block
    that follows anyway, once empty blocks are gone)."""
    for b in fn.blocks:
        succ = b.successors()
        if b.term.op != "jump" and len(set(succ)) == 1:
            b.term = Inst("jump", (), (), Jump(succ[0]))


def remove_dead_code(fn: IRFunction, ctx: PassContext) -> None:
    """Delete side-effect-free instructions whose results nothing reads: never
    read anywhere, or overwritten later in their block before any read (the
    zero a wasm local starts with, when the code sets it first)."""
    while True:
        used: set[int] = set()
        for b in fn.blocks:
            for ins in b.insts:
                used.update(ins.uses)
            used.update(b.term.uses)
        removed = False
        for b in fn.blocks:
            keep = [ins for ins in b.insts
                    if OPS[ins.op].side_effect or not ins.defs or used.intersection(ins.defs)]
            keep = _drop_overwritten(keep, b.term)
            if len(keep) != len(b.insts):
                b.insts = keep
                removed = True
        if not removed:
            return


def _zero_operand(known: dict[int, int], ins: Inst) -> int | None:
    """Index of a use known to be 0 among the first two (the ALU operands)."""
    for k, u in enumerate(ins.uses[:2]):
        if known.get(u) == 0:
            return k
    return None


def _keep_other(ins: Inst, zero: int) -> Inst:
    return Inst("mov", ins.defs, (ins.uses[1 - zero],))


def _make_zero(ins: Inst, zero: int) -> Inst:
    return Inst("const", ins.defs, (), Constant(0))


# op → the instruction it becomes when operand `zero` (0 or 1) is known to be 0
_WITH_ZERO_OPERAND = {
    "mla": lambda ins, zero: Inst("mov", ins.defs, (ins.uses[2],)),   # x*0 + acc
    "mul": _make_zero, "and": _make_zero,
    "add": _keep_other, "or": _keep_other, "xor": _keep_other,
}


def _same_loc(new: Inst, old: Inst) -> Inst:
    """`new` replaces `old`: it keeps the source position (debug information)."""
    new.loc = old.loc
    return new


def _add64_const_high(known: dict[int, int], ins: Inst) -> Inst | None:
    """add64/sub64 whose second operand's high word is a known constant k:
    add64k/sub64k taking k as an immediate (adc/sbc #k), no register for it.
    An add64 with the constant on the left is commuted first."""
    al, ah, bl, bh = ins.uses
    if bh not in known and ins.op == "add64" and ah in known:
        al, ah, bl, bh = bl, bh, al, ah
    if bh not in known:
        return None
    return Inst(ins.op + "k", ins.defs, (al, ah, bl), Constant(known[bh]))


def fold_known_constants(fn: IRFunction, ctx: PassContext) -> None:
    """Within each block, simplify operations on vregs known to hold a constant.

    Why: clang keeps the two halves of a 64-bit value in separate wasm
    locals, so `(u64)(u32)x * y` reaches us as a local whose high word was
    set to 0 a few instructions earlier; lowering cannot see through the
    local and multiplies by it (an `mla` per zero high word).  A block-local
    forward walk knows which vregs hold a constant (a `const`, or a `mov` of
    a known vreg) and turns `x*0 + acc` into `acc`, `x | 0` into `x`, etc.;
    a 64-bit add of a zero-extended value takes its high word as an immediate."""
    for b in fn.blocks:
        known: dict[int, int] = {}
        for k, ins in enumerate(b.insts):
            rule = _WITH_ZERO_OPERAND.get(ins.op)
            if rule is not None:
                zero = _zero_operand(known, ins)
                if zero is not None:
                    ins = b.insts[k] = _same_loc(rule(ins, zero), ins)
            elif ins.op in ("add64", "sub64"):
                ins = b.insts[k] = _same_loc(_add64_const_high(known, ins) or ins, ins)
            for d in ins.defs:
                known.pop(d, None)
            if ins.op == "const":
                known[ins.defs[0]] = ins.imm.value & 0xFFFFFFFF
            elif ins.op == "mov" and ins.uses[0] in known:
                known[ins.defs[0]] = known[ins.uses[0]]


def _drop_overwritten(insts: list, term) -> list:
    """Backwards through a block: a pure instruction whose every result is
    written again further down before anything reads it does nothing."""
    overwritten: set[int] = set()
    overwritten.difference_update(term.uses)
    out = []
    for ins in reversed(insts):
        if ins.defs and not OPS[ins.op].side_effect and overwritten.issuperset(ins.defs):
            continue
        overwritten.update(ins.defs)
        overwritten.difference_update(ins.uses)
        out.append(ins)
    out.reverse()
    return out


def _worth_hoisting(value: int) -> bool:
    """A constant that takes a 32-bit instruction or two (movw, mov.w, movw + movt)
    to build; below 256 a 16-bit movs rebuilds it as cheaply as a register holds it."""
    return not 0 <= value & 0xFFFFFFFF < 256


def hoist_loop_constants(fn: IRFunction, ctx: PassContext) -> None:
    """Move wide constants and symbol addresses out of loops.

    Each costs one or two instructions where it stands; in a loop that is
    every iteration.  A `const` (from 256 up) or `symaddr` whose
    vreg has no other definition moves to the end of the loop's preheader,
    the one block outside the loop that jumps to its header; equal ones
    there are merged.  Inner loops go first, so a constant can climb out of
    a nest.  Loops whose header has several outside predecessors are left
    alone (no preheader is created).
    """
    by_id = {b.id: b for b in fn.blocks}
    preds, rpo, loops = natural_loops(fn)
    defs, _ = definitions(fn)
    rename: dict[int, int] = {}
    for header, body in sorted(loops.items(), key=lambda kv: len(kv[1])):
        outside = [p for p in preds[header] if p not in body]
        if len(outside) != 1 or by_id[outside[0]].successors() != [header]:
            continue
        pre = by_id[outside[0]]
        # only constants nothing redefines can stand in for another
        have = {(i.op, i.imm): i.defs[0] for i in pre.insts
                if i.op in ("const", "symaddr") and defs.get(i.defs[0]) == 1}
        for bid in sorted(body, key=lambda x: rpo.index(x)):
            blk = by_id[bid]
            keep = []
            for ins in blk.insts:
                movable = (ins.op == "symaddr" or ins.op == "const"
                           and _worth_hoisting(ins.imm.value)) and defs.get(ins.defs[0]) == 1
                if not movable:
                    keep.append(ins)
                    continue
                key = (ins.op, ins.imm)
                if key in have:
                    rename[ins.defs[0]] = have[key]
                else:
                    have[key] = ins.defs[0]
                    pre.insts.append(ins)
            blk.insts = keep
    if rename:
        def final(v: int) -> int:
            while v in rename:          # a merged constant may be merged again further out
                v = rename[v]
            return v

        def fix(vs: tuple[int, ...]) -> tuple[int, ...]:
            return tuple(final(v) for v in vs)
        for b in fn.blocks:
            for ins in b.insts:
                ins.uses = fix(ins.uses)
            b.term.uses = fix(b.term.uses)


def remove_dead_definitions(fn: IRFunction, ctx: PassContext) -> None:
    """Delete pure instructions whose results are dead across the whole CFG
    (a local's initial zero when every path sets it before reading it).
    Liveness (ir/analysis.py) has the optimizing allocator's budget; a function
    too large for it raises TierFailure, so this runs in the optimizing tiers only."""
    _, live_out = liveness(fn, ctx.max_opt_work)
    for i, b in enumerate(fn.blocks):
        live = live_out[i]
        for u in b.term.uses:
            live |= 1 << u
        keep = []
        for ins in reversed(b.insts):
            if ins.defs and not OPS[ins.op].side_effect and \
                    not any((live >> d) & 1 for d in ins.defs):
                continue
            for d in ins.defs:
                live &= ~(1 << d)
            for u in ins.uses:
                live |= 1 << u
            keep.append(ins)
        keep.reverse()
        b.insts = keep


def _checked_address(ins: Inst, static_bound: int | None, const: dict[int, int],
                     count: dict[int, int]) -> tuple[int, int, int] | None:
    """(memory, address vreg, end it proves) of a bounds check `ins` does, else
    None (a `trapif` limit is memory 0's: lowering places none for another)."""
    if isinstance(ins.imm, MemAccess) and ins.imm.checked:
        return ins.imm.memory, ins.uses[1], ins.imm.end
    if ins.op == "trapif" and ins.imm == OOB_CHECK and static_bound is not None \
            and ins.uses[1] in const and count.get(ins.uses[1]) == 1:
        return 0, ins.uses[0], static_bound - const[ins.uses[1]]
    return None


def _check_key(memory: int, addr: int):
    """What a passed check is remembered under: memory 0's by its address vreg
    alone, another memory's with its index (a check proves nothing for another)."""
    return (memory, addr) if memory else addr


def _key_vreg(key) -> int:
    return key[1] if isinstance(key, tuple) else key


def remove_redundant_bounds_checks(fn: IRFunction, ctx: PassContext) -> None:
    """Drop a memory bounds check that an earlier check already covers (same
    memory and address vreg, an end no further), or that the address's range
    proves (its upper bound plus the access's end within `ctx.min_bytes`, the
    bytes that memory always has: ir/ranges.py for a vreg's one definition,
    ir/loopranges.py for its value where the check is, loop counters
    included).  Memory never shrinks, so a passed check stays true while the
    address keeps its value.

    Walks the dominator tree.  An address with one definition (or a
    parameter) keeps its value from a check to any block the check dominates:
    its def dominates both and cannot run again between them (a path around
    it would avoid the check).  Any other vreg (a promoted local, assigned in
    many places) is followed only into blocks whose single predecessor is the
    checking block, and forgotten where the block assigns it.
    """
    if not fn.blocks:
        return
    static_bound = ctx.static_memory_bound
    preds = predecessors(fn)
    idom, rpo = dominators(fn, preds)
    count, const = definitions(fn)
    children: dict[int, list[int]] = {b: [] for b in rpo}
    for b in rpo[1:]:
        children[idom[b]].append(b)
    by_id = {b.id: b for b in fn.blocks}
    upper = upper_bounds(fn, ctx.max_pages)
    open_checks = {_checked_address(ins, static_bound, const, count) for b in fn.blocks
                   for ins in b.insts} - {None}
    wanted = {v for k, v, end in open_checks if upper(v) + end > ctx.min_bytes(k)}
    others = sorted({k for k, _, _ in open_checks if k})     # memories other than 0
    # the loop ranges only matter to checks the one-definition bound leaves open
    tracked = tracked_for(fn, wanted) if wanted else set()
    entry_ranges = block_entry_ranges(
        fn, _RANGE_WORK_PER_INST * sum(len(b.insts) for b in fn.blocks), tracked) \
        if tracked else None
    stack: list[tuple[int, dict[int, int]]] = [(rpo[0], {})]
    while stack:
        bid, checked = stack.pop()
        blk = by_id[bid]
        here = Walk(dict(entry_ranges[bid]), tracked) \
            if entry_ranges and bid in entry_ranges else None
        keep = []
        for ins in blk.insts:
            found = _checked_address(ins, static_bound, const, count)
            if found is not None:
                memory, addr, end = found
                key = _check_key(memory, addr)
                top = upper(addr) if here is None else min(upper(addr), unsigned(here.get(addr))[1])
                if checked.get(key, -1) >= end or top + end <= ctx.min_bytes(memory):
                    if ins.op == "trapif":
                        continue
                    ins.imm = replace(ins.imm, checked=False)
                else:
                    checked[key] = end
            for d in ins.defs:
                checked.pop(d, None)
                for k in others:
                    checked.pop((k, d), None)
            if here is not None:
                here.step(ins)
            keep.append(ins)
        blk.insts = keep
        for c in children[bid]:
            if preds[c] == [bid]:
                stack.append((c, dict(checked)))
            else:
                stack.append((c, {key: e for key, e in checked.items()
                                  if count.get(_key_vreg(key)) == 1}))
