"""What a pass is, and what it may know besides the function it rewrites.

A tier (tiers.py) is a list of `Pass`es run in order after lowering; every
pass is called as `run(fn, ctx)`.  The context carries the analysis budgets
(so a test can set them for one compile instead of patching a module
global) and the layout facts some passes need.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..layout import ModuleLayout
from .ir import IRFunction

# The opt tiers refuse functions whose liveness sets would make allocation
# slow (bit-set work grows with vregs × blocks); baseline takes them.
MAX_OPT_WORK = 40_000_000


@dataclass(frozen=True, slots=True, kw_only=True)
class PassContext:
    """What every pass is given besides the function (one per function and tier)."""
    max_opt_work: int = MAX_OPT_WORK        # liveness budget of passes and allocator
    static_memory_bound: int | None = None  # ModuleLayout.static_memory_bound
    memory_min_bytes: int = 0               # bytes linear memory always has
    memory_max_pages: int = 1 << 16         # the most pages memory.size can count (MemType.max_pages)
    dsp: bool = False                       # the core multiplies halfwords (smulbb, smlabb)
    speed: bool = True                      # code may grow for speed (CodeChoices.version_loops)

    @classmethod
    def for_layout(cls, layout: ModuleLayout, max_opt_work: int = MAX_OPT_WORK) -> PassContext:
        """The context of a function of the module `layout` describes."""
        return cls(max_opt_work=max_opt_work, static_memory_bound=layout.static_memory_bound,
                   memory_min_bytes=layout.memory_min_bytes,
                   memory_max_pages=layout.memory_type.max_pages, dsp=layout.options.target.dsp,
                   speed=layout.options.choices.version_loops)


@dataclass(frozen=True, slots=True)
class Pass:
    """A step of a tier after lowering: `run(fn, ctx)` rewrites `fn` in place."""
    name: str                               # as `--dump ir:after=NAME` takes it
    run: Callable[[IRFunction, PassContext], object]
    needs_fpu: bool = False                 # runs only when code may use a hardware FPU
