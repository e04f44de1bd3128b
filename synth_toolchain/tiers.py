"""The tier ladder: an ordered tuple of strategies, tried until one succeeds.

A tier lowers the function (with or without local promotion), allocates
registers and emits code.  Only `TierFailure` is caught; the reason is kept
for the report.  Because the first tier that succeeds wins, a function that
compiles in `opt` today is byte-identical whatever changes below it.
`baseline` keeps every value in a frame slot and must never fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .arm.asm import Code
from .arm.emit import FunctionEmitter
from .arm.lowering_target import THUMB2
from .arm.regclass import assign_vfp_class
from .arm.regalloc import Allocation, all_slots, check_allocation, linear_scan
from .errors import SynthError, TierFailure
from .ir.combine import combine
from .ir.ir import IRFunction
from .ir.lower import lower_function
from .ir.passes import (fold_known_constants, hoist_loop_constants, prune_unreachable,
                        remove_dead_code, remove_dead_definitions,
                        remove_redundant_bounds_checks, thread_jumps)
from .layout import ModuleLayout
from .options import Options


@dataclass(frozen=True, slots=True)
class Tier:
    name: str
    promote: bool
    allocate: Callable[[IRFunction], Allocation]
    spare: tuple[int, ...] = ()          # registers the emitter may use besides ip/lr
    description: str = ""
    float_regs: bool = False             # f32 values in S registers (arm/regclass.py)
    global_opts: bool = False            # IR passes: jump threading, known constants, dead
                                         # definitions, bounds checks, loop-invariant
                                         # constants (ir/passes.py)


TIERS: tuple[Tier, ...] = (
    Tier("opt", True, linear_scan, (),
         "locals promoted to vregs, linear-scan allocation with spilling", True, True),
    Tier("opt-nopromote", False, linear_scan, (),
         "locals in frame slots, linear-scan allocation for temporaries", True, True),
    Tier("baseline", False, all_slots, (0, 1, 2, 3),
         "every value in a frame slot; compiles any valid function"),
)
TIER_NAMES = tuple(t.name for t in TIERS)


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
    frame_bytes: int = 0
    ir: IRFunction | None = None


def tiers_for(options: Options) -> tuple[Tier, ...]:
    if options.tier is not None:
        chosen = [t for t in TIERS if t.name == options.tier]
        if not chosen:
            raise SynthError(f"unknown tier '{options.tier}' (choose from {', '.join(TIER_NAMES)})")
        return tuple(chosen)
    return tuple(t for t in TIERS if options.local_promote or not t.promote)


def compile_with(tier: Tier, layout: ModuleLayout, funcidx: int, options: Options) -> FunctionResult:
    fn = lower_function(layout, funcidx, tier.promote, THUMB2)
    combine(fn)
    prune_unreachable(fn)
    if tier.global_opts:
        thread_jumps(fn)
        prune_unreachable(fn)
        fold_known_constants(fn)
    remove_dead_code(fn)
    if tier.global_opts:
        remove_dead_definitions(fn)
        remove_redundant_bounds_checks(fn, layout.static_memory_bound, layout.memory_min_bytes)
        remove_dead_code(fn)                # the limits of the checks just dropped
        hoist_loop_constants(fn)
    if tier.float_regs and options.hw_fpu is not None:
        assign_vfp_class(fn)
    alloc = tier.allocate(fn)
    if options.verify_allocation:
        check_allocation(fn, alloc)
    em = FunctionEmitter(fn, alloc, layout, options, tier.spare)
    code = em.emit()
    if em.leaf_candidate(code):
        em = FunctionEmitter(fn, alloc, layout, options, tier.spare, leaf=True)
        code = em.emit()
    promoted = []
    if tier.promote:
        # a local counts as promoted when all its vregs ended up in registers
        lv = fn.local_vregs
        promoted = [i for i, vs in enumerate(lv) if vs and all(alloc.reg[v] is not None for v in vs)]
    return FunctionResult(funcidx, fn.name, code, tier.name, [], promoted, alloc.spilled,
                          em.frame.size + 4 * len(em.frame.saved), fn)


def compile_function(layout: ModuleLayout, funcidx: int, options: Options) -> FunctionResult:
    """Run the ladder for one function."""
    attempts: list[tuple[str, str]] = []
    ladder = tiers_for(options)
    for k, tier in enumerate(ladder):
        try:
            result = compile_with(tier, layout, funcidx, options)
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
            if k == len(ladder) - 1:
                raise
            attempts.append((tier.name, f"{INTERNAL_ERROR}: {type(bug).__name__}: {bug}"[:300]))
            continue
        result.attempts = attempts
        return result
    name = layout.func_symbol(funcidx)
    detail = "; ".join(f"{t}: {r}" for t, r in attempts)
    body = layout.module.functions[funcidx - layout.module.num_imported_funcs]
    raise SynthError(f"function {name} failed in every tier ({detail})", offset=body.offset)
