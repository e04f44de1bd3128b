"""In-memory model of one relocatable object, filled by the compile stages and
serialised by `writer.write_elf`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..target import Target

SECTION_KINDS = ("text", "rodata", "data", "bss", "debug")   # debug: not loaded (.debug_*)
BINDINGS = ("local", "global", "weak")
SYMBOL_KINDS = ("func", "object", "notype")
VISIBILITIES = ("default", "hidden")


@dataclass(frozen=True)
class Reloc:
    """A REL relocation (addend implicit in the section bytes).

    Same shape as `synth_toolchain.arm.codebuffer.Reloc`; the writer accepts any object
    with `.offset`, `.type` (an `R_ARM_*` name or number) and `.symbol`.
    """
    offset: int
    type: str
    symbol: str


@dataclass
class Section:
    name: str                  # ".text.foo", ".rodata.x", ".data.y", ".bss.z", ".debug_line"
    kind: str                  # 'text' | 'rodata' | 'data' | 'bss' | 'debug'
    data: bytes = b""          # empty for bss
    size: int = 0              # bss size (ignored otherwise; data length used)
    align: int = 4
    relocs: list = field(default_factory=list)
    # ARM mapping symbols ('$t', '$d', ...) at section offsets
    mapping: list[tuple[int, str]] = field(default_factory=list)

    @property
    def byte_size(self) -> int:
        return self.size if self.kind == "bss" else len(self.data)


@dataclass
class Symbol:
    name: str
    section: str | None        # section name, None = undefined (import)
    value: int = 0             # offset in section (WITHOUT the Thumb bit)
    size: int = 0
    binding: str = "local"     # 'local' | 'global' | 'weak'
    kind: str = "notype"       # 'func' | 'object' | 'notype'
    visibility: str = "default"  # or 'hidden'


@dataclass
class ObjectFile:
    target: Target
    float_abi: str = "soft"    # 'soft' | 'softfp' | 'hard'
    fpu: str | None = None     # None = the target's default FPU (softfp/hard)
    sections: list[Section] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)

    def section(self, name: str) -> Section:
        for s in self.sections:
            if s.name == name:
                return s
        raise KeyError(name)
