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
from .ranges import ANY_MEMORY_PAGES

# The opt tiers refuse functions whose liveness sets would make allocation
# slow (bit-set work grows with vregs × blocks); baseline takes them.
MAX_OPT_WORK = 40_000_000


@dataclass(frozen=True, slots=True, kw_only=True)
class PassContext:
    """What every pass is given besides the function (one per function and tier)."""
    max_opt_work: int = MAX_OPT_WORK        # liveness budget of passes and allocator
    static_memory_bound: int | None = None  # ModuleLayout.static_memory_bound
    memory_min_bytes: int = 0               # bytes linear memory always has
    other_memory_min_bytes: tuple[int, ...] = ()    # the same of memory 1, 2, …
    memory_max_pages: tuple[int, ...] = ()  # of memory 0, 1, …: the most pages memory.size counts
    dsp: bool = False                       # the core multiplies halfwords (smulbb, smlabb)
    speed: bool = True                      # code may grow for speed (CodeChoices.version_loops)
    low_overhead_loops: bool = False        # dls/le for counted loops (arm/lowoverhead.py)
    low_registers: bool = False             # values live in r0-r7 only (ARMv6-M, target.Isa)

    @classmethod
    def for_layout(cls, layout: ModuleLayout, max_opt_work: int = MAX_OPT_WORK) -> PassContext:
        """The context of a function of the module `layout` describes."""
        return cls(max_opt_work=max_opt_work, static_memory_bound=layout.static_memory_bound,
                   memory_min_bytes=layout.memory_min_bytes,
                   other_memory_min_bytes=tuple(mp.min_bytes for mp in layout.memories[1:]),
                   memory_max_pages=tuple(mt.max_pages for mt in layout.module.all_memories()),
                   dsp=layout.options.target.dsp, speed=layout.options.choices.version_loops,
                   low_overhead_loops=layout.options.target.low_overhead_loops
                   and layout.options.choices.version_loops,
                   low_registers=layout.options.target.isa.low_registers)

    def min_bytes(self, memory: int) -> int:
        """The bytes memory `memory` always has (0 for one the layout did not give)."""
        if memory == 0:
            return self.memory_min_bytes
        others = self.other_memory_min_bytes
        return others[memory - 1] if memory - 1 < len(others) else 0

    def max_pages(self, memory: int) -> int:
        """The most pages memory.size of memory `memory` can count (MemType.max_pages:
        65536 of 64 KiB, 2^32 - 1 of 1 byte; the latter for one the layout did not give)."""
        pages = self.memory_max_pages
        return pages[memory] if memory < len(pages) else ANY_MEMORY_PAGES


@dataclass(frozen=True, slots=True)
class Pass:
    """A step of a tier after lowering: `run(fn, ctx)` rewrites `fn` in place."""
    name: str                               # as `--dump ir:after=NAME` takes it
    run: Callable[[IRFunction, PassContext], object]
    needs_fpu: bool = False                 # runs only when code may use a hardware FPU
    needs_target: str | None = None         # runs only on cores with this Target flag
