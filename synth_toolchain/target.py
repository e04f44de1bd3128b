"""Target CPUs: the ABI and attribute facts the back end and ELF writer need."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Isa:
    """What an instruction set offers, as capabilities the back end reads
    (instead of comparing core names)."""
    name: str             # "v7m" (Thumb-2: v7-M, v7E-M, v8-M Mainline) or "v6m" (Thumb-1)
    thumb2: bool          # 32-bit data processing, IT blocks, movw/movt, cbz, tbb, b.w
    hw_divide: bool       # sdiv/udiv
    unaligned: bool       # ldr/ldrh/str/strh accept unaligned addresses
    low_registers: bool   # data processing reaches only r0-r7 (the allocator keeps to them)


THUMB2_ISA = Isa("v7m", thumb2=True, hw_divide=True, unaligned=True, low_registers=False)
V6M_ISA = Isa("v6m", thumb2=False, hw_divide=False, unaligned=False, low_registers=True)
# ARMv8-M Baseline: v6-M plus sdiv/udiv (and movw/movt, cbz, b.w, which synth
# does not use yet: its code is v6-M code with hardware division)
V8M_BASE_ISA = Isa("v8m.base", thumb2=False, hw_divide=True, unaligned=False, low_registers=True)


@dataclass(frozen=True, slots=True)
class Target:
    name: str             # -mcpu spelling
    arch: str             # architecture name, as in Tag_CPU_arch_profile docs
    cpu_arch: int         # Tag_CPU_arch value (ARM IHI 0045)
    dsp: bool             # has the DSP extension (Tag_DSP_extension / v7E-M)
    fpu: str | None       # default FPU when hard float is requested (issue 3)
    # ARMv8.1-M (issue 16): gcc writes `.eabi_attribute 5, "<core>"` for these cores
    # (Tag_CPU_name is the core's name, not the architecture's), and with an FPU
    # Tag_ABI_FP_16bit_format 1 (fp16 comes with +fp) and Tag_MVE_arch (2 = integer
    # and float) from `.arch_extension mve.fp`; soft float drops both, as gcc does
    cpu_name: str | None = None
    fp16: bool = False
    mve: int = 0
    low_overhead_loops: bool = False   # dls/wls/le (docs/abi.md, "ARMv8.1-M")
    # the -march= equivalent for cores Debian's gcc 12 does not know (gcc_cpu_option)
    gcc_march: str | None = None
    isa: Isa = THUMB2_ISA

    @property
    def gnu_arch(self) -> str:
        """The assembler's `.arch` for listings (synth-cc -S): armv7e-m, armv6s-m, …"""
        return "arm" + self.arch.lower()


# Tag_CPU_arch values: 10 = v7 (v7-M uses 10 with profile M), 12 = v6S-M,
# 13 = v7E-M, 16 = v8-M.baseline, 17 = v8-M.mainline, 21 = v8.1-M.mainline.
# gcc calls all three ARMv6-M cores "6S-M".
TARGETS: dict[str, Target] = {
    "cortex-m0": Target("cortex-m0", "v6S-M", 12, False, None, isa=V6M_ISA),
    "cortex-m0plus": Target("cortex-m0plus", "v6S-M", 12, False, None, isa=V6M_ISA),
    "cortex-m1": Target("cortex-m1", "v6S-M", 12, False, None, isa=V6M_ISA),
    "cortex-m23": Target("cortex-m23", "v8-M.base", 16, False, None, isa=V8M_BASE_ISA),
    "cortex-m3": Target("cortex-m3", "v7-M", 10, False, None),
    "cortex-m4": Target("cortex-m4", "v7E-M", 13, True, "fpv4-sp-d16"),
    "cortex-m7": Target("cortex-m7", "v7E-M", 13, True, "fpv5-d16"),
    "cortex-m33": Target("cortex-m33", "v8-M.main", 17, True, "fpv5-sp-d16"),
    # M85 = M55 + PACBTI (gcc 13: armv8.1-m.main+pacbti+mve.fp+fp.dp); PACBTI adds no
    # attribute (tests/test_v81m.py derives its attributes from gcc's M55 ones)
    "cortex-m55": Target("cortex-m55", "v8.1-M.main", 21, True, "fpv5-d16",
                         cpu_name="cortex-m55", fp16=True, mve=2, low_overhead_loops=True),
    "cortex-m85": Target("cortex-m85", "v8.1-M.main", 21, True, "fpv5-d16",
                         cpu_name="cortex-m85", fp16=True, mve=2, low_overhead_loops=True,
                         gcc_march="armv8.1-m.main+mve.fp+fp.dp"),
}

DEFAULT_TARGET = "cortex-m4"


def gcc_cpu_option(cpu: str) -> str:
    """The gcc option selecting `cpu` for C code and links beside synth's objects:
    -mcpu=, or the same architecture and extensions as -march= for a core gcc 12
    does not know (cortex-m85; gcc 13 knows it, and accepts the -march= too)."""
    target = TARGETS.get(cpu)
    if target is not None and target.gcc_march:
        return f"-march={target.gcc_march}"
    return f"-mcpu={cpu}"


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
