"""The tier ladder: an ordered tuple of strategies, tried until one succeeds.

A tier lowers the function (with or without local promotion), runs its list
of named passes in order, allocates registers and emits code.  Only
`TierFailure` is caught; the reason is kept for the report.  Because the
first tier that succeeds wins, a function that compiles in `opt` today is
byte-identical whatever changes below it.  `baseline` keeps every value in a
frame slot and must never fail.

The compile functions take a `Ladder` (the tiers, the analysis budget, who
sees the IR after each step) as a parameter instead of reading module state,
so a test can build a tier with a failing pass, or a ladder with budget 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from .arm.asm_v6m import SAVED_BY_FRAME
from .arm.codebuffer import Code
from .arm.emit import FunctionEmitter
from .arm.loopsplit import split_around_loops
from .arm.lowoverhead import low_overhead_loops, lr_free_in_loops, uses_low_overhead_loops
from .arm.operands import LR
from .arm.lowering_target import THUMB2
from .arm.regclass import assign_vfp_class
from .arm.regalloc import Allocation, all_slots, check_allocation, linear_scan
from .errors import SynthError, TierFailure
from .ir.combine import combine, combine_late
from .ir.ir import IRFunction
from .ir.checkmerge import merge_bounds_checks, share_limit_constants
from .ir.lower import lower_function
from .ir.passes import (fold_known_constants, hoist_loop_constants, prune_unreachable,
                        remove_dead_code, remove_dead_definitions,
                        remove_redundant_bounds_checks, thread_jumps)
from .ir.pipeline import MAX_OPT_WORK, Pass, PassContext
from .ir.versioning import version_loops
from .ir.webs import split_webs
from .layout import ModuleLayout
from .options import Options

# Every pass a tier may list, by the name `--dump ir:after=NAME` takes.
PASSES: dict[str, Pass] = {p.name: p for p in (
    Pass("combine", combine),           # ir/combine.py's rules; every tier: mul64 needs it
    Pass("prune-unreachable", prune_unreachable),
    Pass("thread-jumps", thread_jumps),
    Pass("fold-constants", fold_known_constants),
    Pass("dead-code", remove_dead_code),
    Pass("dead-defs", remove_dead_definitions),
    Pass("bounds-checks", remove_redundant_bounds_checks),
    Pass("merge-checks", lambda fn, ctx: merge_bounds_checks(fn, ctx, THUMB2)),
    Pass("share-limits", share_limit_constants),
    Pass("version-loops", version_loops),   # ir/versioning.py: checks tested once per loop
    Pass("combine-late", combine_late),     # ir/combine.py's LATE_RULES (mla), after bounds-checks
    Pass("hoist-constants", hoist_loop_constants),
    Pass("vfp-class", assign_vfp_class, needs_fpu=True),   # f32 values in S registers
    Pass("split-webs", split_webs),     # one vreg per independent value (ir/webs.py)
    Pass("split-loops", split_around_loops),   # values unused in a crowded loop leave it
    Pass("low-overhead-loops", low_overhead_loops,   # dls/le on ARMv8.1-M (arm/lowoverhead.py)
         needs_target="low_overhead_loops"),
)}
LOWER = "lower"                         # the step before every pass: wasm → IR
STEP_NAMES = (LOWER, *PASSES)


def passes_named(*names: str) -> tuple[Pass, ...]:
    return tuple(PASSES[n] for n in names)


@dataclass(frozen=True, slots=True, kw_only=True)
class Tier:
    name: str
    promote: bool                       # lowering keeps wasm locals in vregs
    passes: tuple[Pass, ...]            # run in order after lowering
    allocate: Callable[[IRFunction, PassContext], Allocation]
    spare: tuple[int, ...] = ()         # registers the emitter may use besides ip/lr
    description: str = ""


OPT_PASSES = passes_named(
    "combine", "prune-unreachable", "thread-jumps", "prune-unreachable", "fold-constants",
    "dead-code", "dead-defs", "bounds-checks", "merge-checks", "share-limits", "version-loops",
    "combine-late",
    "dead-code",                        # the limits of the checks just dropped
    "hoist-constants", "vfp-class", "split-webs", "split-loops", "low-overhead-loops")

TIERS: tuple[Tier, ...] = (
    Tier(name="opt", promote=True, passes=OPT_PASSES, allocate=linear_scan,
         description="locals promoted to vregs, linear-scan allocation with spilling"),
    Tier(name="opt-nopromote", promote=False, passes=OPT_PASSES, allocate=linear_scan,
         description="locals in frame slots, linear-scan allocation for temporaries"),
    Tier(name="baseline", promote=False,
         passes=passes_named("combine", "combine-late", "prune-unreachable", "dead-code"),
         allocate=all_slots, spare=(0, 1, 2, 3),
         description="every value in a frame slot; compiles any valid function"),
)
TIER_NAMES = tuple(t.name for t in TIERS)

# (tier name, step name, the function just after that step): `--dump ir:all`
Observer = Callable[[str, str, IRFunction], None]


def _unobserved(tier: str, step: str, fn: IRFunction) -> None:
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class Ladder:
    """How a module's functions are compiled: `compile_function` tries `tiers` in order."""
    tiers: tuple[Tier, ...] = TIERS
    max_opt_work: int = MAX_OPT_WORK    # PassContext.max_opt_work
    observe: Observer = _unobserved


LADDER = Ladder()


# the start of an attempt's reason when a tier failed on a compiler defect
INTERNAL_ERROR = "internal compiler error"


@dataclass(slots=True)
class FunctionResult:
    funcidx: int
    symbol: str
    code: Code
    tier: str
    attempts: list[tuple[str, str]] = field(default_factory=list)   # (tier, failure reason)
    promoted: list[int] = field(default_factory=list)
    spills: int = 0
    frame_bytes: int = 0        # what the prologue pushes (core and S registers) and reserves
    # wasm offsets of the tail calls made a call and a return (IRFunction field of that name)
    calls_for_tail_calls: list[int] = field(default_factory=list)

    ir: IRFunction | None = None


def tiers_for(options: Options, ladder: Ladder = LADDER) -> tuple[Tier, ...]:
    if options.tier is not None:
        chosen = [t for t in ladder.tiers if t.name == options.tier]
        if not chosen:
            names = ", ".join(t.name for t in ladder.tiers)
            raise SynthError(f"unknown tier '{options.tier}' (choose from {names})")
        return tuple(chosen)
    return tuple(t for t in ladder.tiers if options.local_promote or not t.promote)


def _trim_v6m_frame(em, code, fn, alloc, layout, options, tier):
    """ARMv6-M: the first emission saves r5-r7 (the assembler's registers) in
    every frame; emit again saving only those it wrote, or with no frame at
    all when it wrote none of them and no lr (a leaf).  A re-emission that
    writes a register its frame does not save is dropped (layouts differ)."""
    written = em.written_registers(code)
    used = tuple(r for r in SAVED_BY_FRAME if r in written)
    tries = []
    if not written & {4, 5, 6, 7, LR} and not alloc.callee_saved and not em.frame.size:
        tries.append({"leaf": True})
    if used != SAVED_BY_FRAME:
        tries.append({"v6m_saved": used})
    for kw in tries:
        again = FunctionEmitter(fn, alloc, layout, options, tier.spare, **kw)
        again_code = again.emit()
        if again.saves_what_it_writes(again_code):
            return again, again_code
    return em, code


def compile_with(tier: Tier, layout: ModuleLayout, funcidx: int, options: Options,
                 ladder: Ladder = LADDER, low_overhead: bool = True) -> FunctionResult:
    """`low_overhead`: False for the second try of a function whose emitted
    low-overhead loop found lr taken inside (arm/lowoverhead.py)."""
    ctx = PassContext.for_layout(layout, ladder.max_opt_work)
    if not low_overhead:
        ctx = replace(ctx, low_overhead_loops=False)
    fn = lower_function(layout, funcidx, tier.promote, THUMB2)
    ladder.observe(tier.name, LOWER, fn)
    for p in tier.passes:
        if (options.hw_fpu is not None or not p.needs_fpu) and \
                (p.needs_target is None or getattr(options.target, p.needs_target)):
            p.run(fn, ctx)
            ladder.observe(tier.name, p.name, fn)
    alloc = tier.allocate(fn, ctx)
    if options.verify_allocation:
        check_allocation(fn, alloc)
    em = FunctionEmitter(fn, alloc, layout, options, tier.spare)
    code = em.emit()
    if uses_low_overhead_loops(fn) and not lr_free_in_loops(code):
        return compile_with(tier, layout, funcidx, options, ladder, low_overhead=False)
    if options.target.isa.low_registers:
        em, code = _trim_v6m_frame(em, code, fn, alloc, layout, options, tier)
    elif em.leaf_candidate(code):
        em = FunctionEmitter(fn, alloc, layout, options, tier.spare, leaf=True)
        code = em.emit()
    promoted = []
    if tier.promote:
        # a local counts as promoted when all its vregs ended up in registers
        lv = fn.local_vregs
        promoted = [i for i, vs in enumerate(lv) if vs and all(alloc.reg[v] is not None for v in vs)]
    return FunctionResult(funcidx, fn.name, code, tier.name, [], promoted, alloc.spilled,
                          em.frame.size + em.frame.pushed + em.borrowed_stack,
                          list(fn.calls_for_tail_calls), fn)


def compile_function(layout: ModuleLayout, funcidx: int, options: Options,
                     ladder: Ladder = LADDER) -> FunctionResult:
    """Run the ladder for one function."""
    attempts: list[tuple[str, str]] = []
    tiers = tiers_for(options, ladder)
    for k, tier in enumerate(tiers):
        try:
            result = compile_with(tier, layout, funcidx, options, ladder)
        except TierFailure as failure:
            attempts.append((tier.name, failure.reason))
            continue
        except (RecursionError, ArithmeticError, AssertionError, LookupError,
                TypeError, ValueError) as bug:
            # Why this is not "typed failures only": a TierFailure is a tier
            # saying it cannot do the function (out of registers, over its
            # budget), an expected outcome.  These exceptions are defects of
            # synth itself; in an optimising tier such a defect must not cost
            # the user the function, so the next tier compiles it and the
            # report and a warning say what happened.  The list is the kinds
            # of defect Python code raises (not KeyboardInterrupt, MemoryError
            # or OSError, which are not about the function).  The last tier has
            # no safety net: its defect is an internal compiler error.
            if k == len(tiers) - 1:
                raise
            attempts.append((tier.name, f"{INTERNAL_ERROR}: {type(bug).__name__}: {bug}"[:300]))
            continue
        result.attempts = attempts
        return result
    name = layout.func_symbol(funcidx)
    detail = "; ".join(f"{t}: {r}" for t, r in attempts)
    body = layout.module.functions[funcidx - layout.module.num_imported_funcs]
    raise SynthError(f"function {name} failed in every tier ({detail})", offset=body.offset)
