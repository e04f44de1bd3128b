"""The frozen compile options, filled once from the command line."""

from __future__ import annotations

from dataclasses import dataclass

from .target import DEFAULT_TARGET, TARGETS, Target


@dataclass(frozen=True, slots=True)
class Options:
    cpu: str = DEFAULT_TARGET
    tier: str | None = None            # force one tier of the ladder
    local_promote: bool = True
    bounds: str = "checked"            # "checked" | "none"
    memory_size: int | None = None     # bytes reserved for linear memory
    prefix: str = ""                   # prepended to every defined global symbol
    float_abi: str = "soft"
    stack_check: bool = False          # trap "call stack exhausted" below synth_stack_limit
    verify_allocation: bool = False    # run the allocation checker (tests, --verify-alloc)

    @property
    def target(self) -> Target:
        return TARGETS[self.cpu]
