"""The frozen compile options, filled once from the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .target import DEFAULT_TARGET, FPUS, TARGETS, Fpu, Target
from .wasm.validator import DEFAULT_WASM_VERSION


@dataclass(frozen=True, slots=True)
class CodeChoices:
    """The choices an optimisation level makes, each one switch the emitter or
    allocator reads (README, "Command line": --opt-level)."""
    literal_pool: bool = False      # 32-bit constants, symbol addresses: ldr from a pool
    version_loops: bool = True      # copy a loop to test its bounds once (ir/versioning.py)
    result_as_temp: bool = False    # spilled operands, load addresses: in a low result register
    compact_init: bool = False      # synth_init: byte copy loop, registers reused
    fold_const_address: bool = False   # load/store at a constant address: one immediate


# fold_const_address is faster too (sort -0.6% est. cycles, no kernel slower);
# result_as_temp is not, by a hair (biquad +0.07%): size levels only
SPEED = CodeChoices(fold_const_address=True)
SIZE = CodeChoices(literal_pool=True, version_loops=False, result_as_temp=True, compact_init=True,
                   fold_const_address=True)
# --opt-level → choices; 0 and 1 are 2: synth has no cheaper, less optimised code
# of its own to offer (the baseline tier is a fallback, not a level)
OPT_LEVELS: dict[str, CodeChoices] = {"0": SPEED, "1": SPEED, "2": SPEED, "s": SIZE, "z": SIZE}
DEFAULT_OPT_LEVEL = "2"


@dataclass(frozen=True, slots=True)
class Options:
    cpu: str = DEFAULT_TARGET
    tier: str | None = None            # force one tier of the ladder
    local_promote: bool = True
    bounds: str = "checked"            # "checked" | "none"
    memory_size: int | None = None     # bytes reserved for memory 0
    # (memory index, bytes) reserved for the other memories (--memory-size K=BYTES)
    memory_sizes: tuple[tuple[int, int], ...] = ()
    table_size: int | None = None      # entries reserved for each table that can grow
    prefix: str = ""                   # prepended to every defined global symbol
    float_abi: str = "soft"            # "soft" | "softfp" | "hard", as gcc's -mfloat-abi
    fpu: str | None = None             # None: the target's FPU (softfp/hard), as -mfpu=auto
    stack_check: bool = False          # trap "call stack exhausted" below synth_stack_limit
    verify_allocation: bool = False    # run the allocation checker (tests, --verify-alloc)
    # ("module.field", symbol): imports bound to a symbol of the user's choosing
    # (--rename-import), e.g. AssemblyScript's env.abort, which is not libc's abort
    import_symbols: tuple[tuple[str, str], ...] = ()
    # (symbol, bytes): what calls to functions outside the object cost on the stack
    # (--stack-budget; the report's stack bounds, stackbound.py)
    stack_budget: tuple[tuple[str, int], ...] = ()
    opt_level: str = DEFAULT_OPT_LEVEL  # a key of OPT_LEVELS (--opt-level, synth-cc's -O)
    wasm: str = DEFAULT_WASM_VERSION   # the standard validated against (--wasm; wasm/validator.py)
    debug: bool = False                # -g: DWARF line, frame and unit info (debuginfo/)

    def memory_size_of(self, index: int) -> int | None:
        """The bytes --memory-size reserves for memory `index` (None: the default)."""
        if index == 0:
            return self.memory_size
        return dict(self.memory_sizes).get(index)

    @property
    def choices(self) -> CodeChoices:
        return OPT_LEVELS[self.opt_level]

    @property
    def target(self) -> Target:
        return TARGETS[self.cpu]

    @property
    def hw_fpu(self) -> Fpu | None:
        """The FPU code may use, or None for pure soft float (ABI "soft")."""
        if self.float_abi == "soft":
            return None
        return FPUS[self.fpu or self.target.fpu]

    @property
    def vfp_args(self) -> bool:
        """Float arguments and results travel in s0-s15/d0-d7 (ABI "hard")."""
        return self.float_abi == "hard"


_SIZE = re.compile(r"^(\d+)\s*([kKmM]?)(i?[bB])?$")


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_import_rename(text: str) -> tuple[str, str]:
    """MODULE.FIELD=SYMBOL (the module ends at the first dot, the field at the
    last `=`) as ("MODULE.FIELD", SYMBOL); ValueError if malformed."""
    key, eq, sym = text.rpartition("=")
    if not eq or "." not in key or not _IDENT.fullmatch(sym):
        raise ValueError(f"invalid import rename '{text}' (MODULE.FIELD=SYMBOL, the "
                         "symbol a C identifier: env.abort=as_abort)")
    return key, sym


def parse_memory_size(text: str) -> tuple[int, int]:
    """[INDEX=]SIZE as (memory index, bytes): `64K` sizes memory 0, `1=4K` memory 1."""
    index, eq, size = text.rpartition("=")
    if eq and not index.strip().isdigit():
        raise ValueError(f"invalid memory index '{index}' in '{text}' (INDEX=SIZE, e.g. 1=4K)")
    return (int(index) if eq else 0), parse_size(size)


def memory_size_options(pairs) -> dict:
    """The Options fields of (memory index, bytes) pairs, the last for an index winning."""
    sizes = dict(pairs)
    return {"memory_size": sizes.pop(0, None), "memory_sizes": tuple(sorted(sizes.items()))}


def parse_size(text: str) -> int:
    """A size in bytes as the flags take it: 65536, 16K, 1M (ValueError if not)."""
    m = _SIZE.match(text.strip())
    if not m:
        raise ValueError(f"invalid size '{text}' (e.g. 65536, 16K, 1M)")
    scale = {"": 1, "k": 1024, "m": 1024 * 1024}[m.group(2).lower()]
    return int(m.group(1)) * scale
