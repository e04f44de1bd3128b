"""Target CPUs: the ABI and attribute facts the back end and ELF writer need."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Target:
    name: str             # -mcpu spelling
    arch: str             # architecture name, as in Tag_CPU_arch_profile docs
    cpu_arch: int         # Tag_CPU_arch value (ARM IHI 0045)
    dsp: bool             # has the DSP extension (Tag_DSP_extension / v7E-M)
    fpu: str | None       # default FPU when hard float is requested (issue 3)


# Tag_CPU_arch values: 10 = v7 (v7-M uses 10 with profile M), 13 = v7E-M,
# 17 = v8-M.mainline.
TARGETS: dict[str, Target] = {
    "cortex-m3": Target("cortex-m3", "v7-M", 10, False, None),
    "cortex-m4": Target("cortex-m4", "v7E-M", 13, True, "fpv4-sp-d16"),
    "cortex-m7": Target("cortex-m7", "v7E-M", 13, True, "fpv5-d16"),
    "cortex-m33": Target("cortex-m33", "v8-M.main", 17, True, "fpv5-sp-d16"),
}

DEFAULT_TARGET = "cortex-m4"


@dataclass(frozen=True, slots=True)
class Fpu:
    """What an FPU computes in hardware; everything else stays soft float."""
    name: str             # -mfpu spelling
    double: bool          # f64 arithmetic in hardware (else libgcc / the runtime)
    v8: bool              # FPv5: VRINT{A,N,P,M,Z} for ceil/floor/trunc/nearest


FPUS: dict[str, Fpu] = {
    "fpv4-sp-d16": Fpu("fpv4-sp-d16", False, False),
    "fpv5-sp-d16": Fpu("fpv5-sp-d16", False, True),
    "fpv5-d16": Fpu("fpv5-d16", True, True),
}
