"""Frame layout and AAPCS argument placement.

    sp → [outgoing stack arguments][multi-value result area]
         [spill slots][local slots][padding]
         [saved S registers s16..]             ← vpush
         [saved registers, lr last]            ← pushed by the prologue
         [incoming stack arguments]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..ir.calls import CallSig


@dataclass(frozen=True, slots=True)
class ArgLoc:
    reg: int | None          # core register, or None if on the stack
    stack: int | None        # byte offset in the stack-argument area
    vfp: int | None = None   # S register (AAPCS-VFP); an f64 in d<k> is s<2k>, s<2k+1>


# Value kinds of a signature, one letter per value: i (i32 and references),
# l (i64), f (f32), d (f64).  Words per kind:
KIND_WORDS = {"i": 1, "l": 2, "f": 1, "d": 2}


def kinds_of_words(words) -> str:
    """Kinds of integer-only signatures (runtime and libgcc helpers)."""
    return "".join("l" if w == 2 else "i" for w in words)


@dataclass(frozen=True, slots=True)
class CallLayout:
    args: list[list[ArgLoc]]        # per parameter, per word
    stack: int                      # bytes of stack arguments
    rets: list[ArgLoc] | None       # per result word; None: through a hidden struct pointer


def _hfa(results: str) -> bool:
    """A homogeneous float aggregate (2-4 floats of one kind): returned in VFP registers."""
    return 2 <= len(results) <= 4 and len(set(results)) == 1 and results[0] in "fd"


def returns_in_memory(results: str, vfp: bool) -> bool:
    """Several results travel in a caller-allocated struct whose address is in r0."""
    return len(results) > 1 and not (vfp and _hfa(results))


@lru_cache(maxsize=1024)
def call_layout(params: str, results: str, vfp: bool) -> CallLayout:
    """Argument and result locations per AAPCS (vfp=False) or AAPCS-VFP (vfp=True).
    Cached (a module has few signatures, asked for at every call and return):
    the layout is shared, callers only read it.

    Under AAPCS-VFP, f32/f64 take the first free s0-s15 / even-aligned d0-d7
    (singles back-fill holes left by doubles); once one float goes to the
    stack, no later float uses a VFP register.  Integers follow the base rules.
    """
    sret = returns_in_memory(results, vfp)
    ncrn, nsaa = (1 if sret else 0), 0
    free = [True] * 16                  # s0-s15
    vfp_full = False
    args: list[list[ArgLoc]] = []
    for k in params:
        n = KIND_WORDS[k]
        if vfp and k in "fd":
            start = None
            if not vfp_full:
                start = next((s for s in range(0, 16, n) if all(free[s:s + n])), None)
            if start is not None:
                free[start:start + n] = [False] * n
                args.append([ArgLoc(None, None, start + w) for w in range(n)])
                continue
            vfp_full = True
        else:
            if n == 2 and ncrn % 2:
                ncrn += 1
            if ncrn + n <= 4:
                args.append([ArgLoc(ncrn + w, None) for w in range(n)])
                ncrn += n
                continue
            ncrn = 4
        if n == 2 and nsaa % 8:
            nsaa += 4
        args.append([ArgLoc(None, nsaa + 4 * w) for w in range(n)])
        nsaa += 4 * n
    stack = nsaa
    rets: list[ArgLoc] | None
    if sret:
        rets = None
    elif vfp and results and results[0] in "fd":
        rets = [ArgLoc(None, None, i) for i in range(sum(KIND_WORDS[k] for k in results))]
    else:
        rets = [ArgLoc(i, None) for i in range(sum(KIND_WORDS[k] for k in results))]
    return CallLayout(args, stack, rets)


def call_sig_layout(sig: CallSig) -> CallLayout:
    """Where the arguments and results of an IR `call`/`callptr` go."""
    return call_layout(sig.param_kinds or kinds_of_words(sig.params),
                       sig.result_kinds or kinds_of_words(sig.results), sig.vfp)


def struct_layout(word_groups: list[int]) -> tuple[list[int], int]:
    """Field offsets of the C struct returning several results (8-aligned i64)."""
    offs, off = [], 0
    for w in word_groups:
        if w == 2 and off % 8:
            off += 4
        offs.append(off)
        off += 4 * w
    return offs, (off + 7) & ~7


@dataclass(slots=True)
class Frame:
    out_args: int           # bytes
    sret_area: int          # bytes
    spill_slots: int        # count
    local_slots: int        # count
    saved: list[int]        # pushed registers (ascending, lr included)
    vfp_saved: int = 0      # S registers s16.. pushed after the core registers

    @property
    def sret_base(self) -> int:
        return self.out_args

    @property
    def spill_base(self) -> int:
        return self.out_args + self.sret_area

    @property
    def local_base(self) -> int:
        return self.spill_base + 4 * self.spill_slots

    @property
    def size(self) -> int:
        raw = self.local_base + 4 * self.local_slots
        return raw + (-(raw + self.pushed) % 8)

    @property
    def pushed(self) -> int:
        return 4 * (len(self.saved) + self.vfp_saved)

    @property
    def incoming_base(self) -> int:
        return self.size + self.pushed
