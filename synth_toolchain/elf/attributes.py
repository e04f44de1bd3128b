"""The `.ARM.attributes` section (ARM IHI 0045, "Addenda to the ELF for the ARM
Architecture", build attributes).

The content mirrors what arm-none-eabi-gcc 12.2 (through GNU as 2.39) puts in
an object compiled from C with `-mcpu=<cpu> -mthumb [-mfloat-abi=… -mfpu=…]`,
so that `ld` merges our objects with C objects of the same flags silently and
rejects the same combinations it rejects for C (hard-float VFP argument
passing against soft/softfp: "uses VFP register arguments, … does not").

Reference bytes (readelf -A of an empty C file), in ascending tag order:

    Tag_CPU_name (5)              "7-M" / "7E-M" / "8-M.MAIN" (gcc emits
                                  `.arch armv7e-m`, so the *architecture*
                                  name, not the CPU name, ends up here)
                                  ARMv8.1-M: the core's name ("cortex-m55"),
                                  from gcc's `.eabi_attribute 5`
    Tag_CPU_arch (6)              10 v7 / 13 v7E-M / 17 v8-M.mainline /
                                  21 v8.1-M.mainline
    Tag_CPU_arch_profile (7)      'M'
    Tag_THUMB_ISA_use (9)         2 (Thumb-2) for v7-M/v7E-M, 3 for v8-M
    Tag_FP_arch (10)              softfp/hard only: 6 fpv4-sp-d16, 8 fpv5-*
    Tag_ABI_PCS_wchar_t (18)      4                            -- omitted
    Tag_ABI_FP_denormal (20)      1 needed
    Tag_ABI_FP_exceptions (21)    1 needed
    Tag_ABI_FP_number_model (23)  3 IEEE 754
    Tag_ABI_align_needed (24)     1 8-byte
    Tag_ABI_align_preserved (25)  1 8-byte except leaf SP
    Tag_ABI_enum_size (26)        1 small                      -- omitted
    Tag_ABI_HardFP_use (27)       1 "SP only", for single-precision FPUs
    Tag_ABI_VFP_args (28)         1 VFP registers, hard float only
    Tag_ABI_optimization_goals (30) 6 "aggressive debug" (-O0) -- omitted
    Tag_CPU_unaligned_access (34) 1 v6-style
    Tag_ABI_FP_16bit_format (38)  1 IEEE, v8.1-M with an FPU (fp16 comes with +fp)
    Tag_DSP_extension (46)        1 on v8-M with DSP (implied by v7E-M)
    Tag_MVE_arch (48)             2 integer+float, v8.1-M with an FPU (gcc drops
                                  MVE with -mfloat-abi=soft)

Omitted on purpose -- they describe facts about C source that compiled
WebAssembly cannot have, and leaving them out (value 0 = "not used") keeps
the object link-compatible with *every* C object instead of only those built
with gcc's defaults:

* Tag_ABI_PCS_wchar_t: our code has no wchar_t in its interface; emitting 4
  would make ld warn against C objects built with -fshort-wchar.
* Tag_ABI_enum_size: wasm has no C enums; emitting "small" would make ld warn
  against C objects built with -fno-short-enums.
* Tag_ABI_optimization_goals: a description of the C compiler's -O level
  (gcc writes "aggressive debug" for -O0); advisory only, ld ignores it.

Tag_DIV_use is not emitted by gcc for these CPUs (hardware divide is implied
by the v7-M/v8-M.main architecture), so we do not emit it either.
"""

from __future__ import annotations

from ..errors import SynthError
from ..target import Target

# Tag numbers (ARM IHI 0045).
TAG_FILE = 1
TAG_CPU_NAME = 5
TAG_CPU_ARCH = 6
TAG_CPU_ARCH_PROFILE = 7
TAG_THUMB_ISA_USE = 9
TAG_FP_ARCH = 10
TAG_ABI_PCS_WCHAR_T = 18
TAG_ABI_FP_DENORMAL = 20
TAG_ABI_FP_EXCEPTIONS = 21
TAG_ABI_FP_NUMBER_MODEL = 23
TAG_ABI_ALIGN_NEEDED = 24
TAG_ABI_ALIGN_PRESERVED = 25
TAG_ABI_ENUM_SIZE = 26
TAG_ABI_HARDFP_USE = 27
TAG_ABI_VFP_ARGS = 28
TAG_ABI_OPTIMIZATION_GOALS = 30
TAG_CPU_UNALIGNED_ACCESS = 34
TAG_ABI_FP_16BIT_FORMAT = 38
TAG_DSP_EXTENSION = 46
TAG_MVE_ARCH = 48

FLOAT_ABIS = ("soft", "softfp", "hard")

# FPU name -> (Tag_FP_arch, single precision only)
FPUS: dict[str, tuple[int, bool]] = {
    "fpv4-sp-d16": (6, True),     # VFPv4-D16, SP only
    "fpv5-sp-d16": (8, True),     # FPv5/FP-D16 for ARMv8, SP only
    "fpv5-d16": (8, False),       # FPv5/FP-D16 for ARMv8, SP and DP
}

_V8M_MIN_ARCH = 16                # Tag_CPU_arch 16 = v8-M.baseline, 17 = v8-M.mainline


def resolve_fpu(target: Target, float_abi: str, fpu: str | None) -> str | None:
    """The FPU the object is built for, or None for pure soft float.

    `-mfloat-abi=soft` ignores any FPU (gcc emits no Tag_FP_arch then); softfp
    and hard default to the target's FPU like gcc's `-mfpu=auto`.
    """
    if float_abi not in FLOAT_ABIS:
        raise SynthError(f"unknown float ABI '{float_abi}' (expected soft, softfp or hard)")
    if float_abi == "soft":
        return None
    fpu = fpu or target.fpu
    if fpu is None:
        raise SynthError(f"-mfloat-abi={float_abi}: {target.name} has no FPU")
    if fpu not in FPUS:
        raise SynthError(f"unsupported FPU '{fpu}' (supported: {', '.join(sorted(FPUS))})")
    return fpu


def cpu_name_attr(target: Target) -> str:
    """gcc's Tag_CPU_name: the architecture name without the leading 'v', upper case,
    unless gcc names the core itself (target.cpu_name, ARMv8.1-M)."""
    return target.cpu_name or target.arch.removeprefix("v").upper()


def attribute_list(target: Target, float_abi: str = "soft",
                   fpu: str | None = None) -> list[tuple[int, int | str]]:
    """(tag, value) pairs of the aeabi Tag_File subsection, ascending by tag."""
    fpu = resolve_fpu(target, float_abi, fpu)
    tags: list[tuple[int, int | str]] = [
        (TAG_CPU_NAME, cpu_name_attr(target)),
        (TAG_CPU_ARCH, target.cpu_arch),
        (TAG_CPU_ARCH_PROFILE, ord("M")),
        (TAG_THUMB_ISA_USE, 3 if target.cpu_arch >= _V8M_MIN_ARCH else
         2 if target.isa.thumb2 else 1),
    ]
    if fpu is not None:
        tags.append((TAG_FP_ARCH, FPUS[fpu][0]))
    tags += [
        (TAG_ABI_FP_DENORMAL, 1),
        (TAG_ABI_FP_EXCEPTIONS, 1),
        (TAG_ABI_FP_NUMBER_MODEL, 3),
        (TAG_ABI_ALIGN_NEEDED, 1),
        (TAG_ABI_ALIGN_PRESERVED, 1),
    ]
    if fpu is not None and FPUS[fpu][1]:
        tags.append((TAG_ABI_HARDFP_USE, 1))
    if float_abi == "hard":
        tags.append((TAG_ABI_VFP_ARGS, 1))
    if target.isa.unaligned:
        tags.append((TAG_CPU_UNALIGNED_ACCESS, 1))
    if fpu is not None and target.fp16:
        tags.append((TAG_ABI_FP_16BIT_FORMAT, 1))
    if target.dsp and target.cpu_arch >= _V8M_MIN_ARCH:
        tags.append((TAG_DSP_EXTENSION, 1))
    if fpu is not None and target.mve:
        tags.append((TAG_MVE_ARCH, target.mve))
    return tags


def _uleb128(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _encode_tags(tags: list[tuple[int, int | str]]) -> bytes:
    out = bytearray()
    for tag, value in tags:
        out += _uleb128(tag)
        if isinstance(value, str):
            out += value.encode("ascii") + b"\0"
        else:
            out += _uleb128(value)
    return bytes(out)


def build_attributes(target: Target, float_abi: str = "soft", fpu: str | None = None) -> bytes:
    """Content of `.ARM.attributes`: format 'A', one "aeabi" subsection, one Tag_File."""
    body = _encode_tags(attribute_list(target, float_abi, fpu))
    file_sub = _uleb128(TAG_FILE) + (len(body) + 5).to_bytes(4, "little") + body
    vendor = b"aeabi\0"
    sub = (4 + len(vendor) + len(file_sub)).to_bytes(4, "little") + vendor + file_sub
    return b"A" + sub
