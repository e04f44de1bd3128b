"""IR functions to test IR-level properties on: every function of every
fixture (and of the soft-float runtime) at every tier, in the float
configurations the golden tests use, straight after lowering and after the
tier's passes; plus functions of a few generated programs (tests/progen.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator

from synth_toolchain.arm.lowering_target import THUMB2
from synth_toolchain.ir.ir import IRFunction
from synth_toolchain.ir.lower import lower_function
from synth_toolchain.layout import ModuleLayout
from synth_toolchain.options import Options
from synth_toolchain.softfloat import RUNTIME_WAT_PATH
from synth_toolchain.tiers import TIERS, compile_function
from synth_toolchain.wasm.loader import load_bytes, load_module
from tests.difftest import FIXTURES, to_wasm
from tests.progen import generate

# (cpu, float ABI) per configuration; the float fixtures run in all of them
CONFIGS = {"soft": ("cortex-m4", "soft"), "m4-hard": ("cortex-m4", "hard"),
           "m7-softfp": ("cortex-m7", "softfp")}
FLOAT_FIXTURES = ("f32_ops.wat", "f64_ops.wat", "float_more.wat")
PROGRAM_SEEDS = (1, 2, 3)


def sources() -> list[tuple[str, str]]:
    """(label, config) for every fixture, the float runtime and the sample programs."""
    names = sorted(n for n in os.listdir(FIXTURES) if n.endswith(".wat"))
    out = [(n, "soft") for n in names]
    out += [(n, cfg) for n in FLOAT_FIXTURES for cfg in CONFIGS if cfg != "soft"]
    out += [("softfloat-runtime", "soft")]
    out += [(f"progen-{seed}", "soft") for seed in PROGRAM_SEEDS]
    out += [(f"progen-{seed}-floats", cfg) for seed in PROGRAM_SEEDS[:1]
            for cfg in ("soft", "m4-hard")]
    return out


def _module(label: str):
    if label == "softfloat-runtime":
        return load_module(RUNTIME_WAT_PATH)
    if label.startswith("progen-"):
        seed = int(label.split("-")[1])
        return load_bytes(to_wasm(generate(seed, floats=label.endswith("floats"))), label)
    return load_module(os.path.join(FIXTURES, label))


def functions(label: str, config: str) -> Iterator[tuple[str, IRFunction]]:
    """(where, fn) for every function at every tier: lowered, then after the passes."""
    cpu, abi = CONFIGS[config]
    module = _module(label)
    for tier in TIERS:
        options = Options(cpu=cpu, float_abi=abi, tier=tier.name)
        layout = ModuleLayout(module, options)
        for i in range(len(module.functions)):
            idx = layout.nimported + i
            where = f"{label}:{config}:{tier.name}:{layout.func_symbol(idx)}"
            yield f"{where}:lowered", lower_function(layout, idx, tier.promote, THUMB2)
            yield f"{where}:passes", compile_function(layout, idx, options).ir
