"""Bytes of DWARF being written, with the relocations inside them.

A relocatable object cannot know where its code or the other objects' debug
sections end up, so every address (`DW_FORM_addr`, `DW_LNE_set_address`, an
FDE's initial location) and every offset into another `.debug_*` section
(`DW_FORM_sec_offset`, the CU header's abbreviation offset, an FDE's CIE
pointer) is a 32-bit word with an `R_ARM_ABS32` relocation against that
section's symbol, the addend in the word itself (REL), as GNU as writes them.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ..elf.objfile import Reloc


def uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte | (0 if done else 0x80))
        if done:
            return bytes(out)


class Blob:
    """A debug section's bytes and relocations, appended in order."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.relocs: list[Reloc] = []

    def __len__(self) -> int:
        return len(self.data)

    def u8(self, v: int) -> None:
        self.data.append(v & 0xFF)

    def u16(self, v: int) -> None:
        self.data += (v & 0xFFFF).to_bytes(2, "little")

    def u32(self, v: int) -> None:
        self.data += (v & 0xFFFFFFFF).to_bytes(4, "little")

    def uleb(self, v: int) -> None:
        self.data += uleb(v)

    def sleb(self, v: int) -> None:
        self.data += sleb(v)

    def cstr(self, s: str) -> None:
        self.data += s.encode("utf-8", "surrogateescape") + b"\0"

    def raw(self, b: bytes) -> None:
        self.data += b

    def ref(self, section: str, addend: int = 0) -> None:
        """A 32-bit address or offset in `section`, relocated by the linker."""
        self.relocs.append(Reloc(len(self.data), "R_ARM_ABS32", section))
        self.u32(addend)

    @contextmanager
    def unit(self) -> Iterator[None]:
        """A 32-bit length, then what the block writes (the length counts it)."""
        at = len(self.data)
        self.u32(0)
        yield
        self.data[at:at + 4] = (len(self.data) - at - 4).to_bytes(4, "little")

    def pad(self, align: int, filler: int = 0) -> None:
        while len(self.data) % align:
            self.u8(filler)
