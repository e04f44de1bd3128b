"""ELF extended section numbering: objects with 0xff00 (SHN_LORESERVE) sections or more.

One `.text.*` and one `.rel.text.*` per function reach ELF's 16-bit section
indices at about 32,600 functions.  The writer-level test builds such an object
directly (cheap: 65,536 one-word .bss sections) and checks it with pyelftools,
readelf and the GNU linker; the slow test compiles a real 33,000-function
module, links it and runs it on the emulator.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from elftools.elf.elffile import ELFFile

from synth_toolchain.elf.objfile import ObjectFile, Reloc, Section, Symbol
from synth_toolchain.elf.writer import write_elf
from synth_toolchain.target import TARGETS

GCC = shutil.which("arm-none-eabi-gcc")
needs_gcc = pytest.mark.skipif(GCC is None, reason="arm-none-eabi toolchain not installed")

SHN_LORESERVE, SHN_XINDEX = 0xFF00, 0xFFFF   # ELF gABI
N_FILLER = 0x10000            # pushes the last sections past 0xffff, not just 0xff00
BL = b"\xff\xf7\xfe\xff"      # `bl <sym>` as GNU as leaves it (REL addend -4)
BX_LR = b"\x70\x47"

# Section indices the writer must assign (see the order in writer.py).
LO, LO_REL = 1, 2
HI_DATA = 3 + N_FILLER
HI, HI_REL = HI_DATA + 2, HI_DATA + 3        # .rel.data.hi_ptr between
SYMTAB, XINDEX, STRTAB, SHSTRTAB = HI_REL + 2, HI_REL + 3, HI_REL + 4, HI_REL + 5
SHNUM = SHSTRTAB + 1


def _big_object() -> ObjectFile:
    """lo (section 1) and hi (section 0x10005) call each other; hi_ptr, in a
    section past 0xffff too, holds hi's address."""
    obj = ObjectFile(target=TARGETS["cortex-m4"])
    obj.sections.append(Section(".text.lo", "text", BL + BX_LR + bytes(2), align=4,
                                relocs=[Reloc(0, "R_ARM_THM_CALL", "hi")], mapping=[(0, "$t")]))
    obj.sections += [Section(f".bss.b{k}", "bss", size=4) for k in range(N_FILLER)]
    obj.sections.append(Section(".data.hi_ptr", "data", bytes(4),
                                relocs=[Reloc(0, "R_ARM_ABS32", "hi")]))
    obj.sections.append(Section(".text.hi", "text", BL + BX_LR + bytes(2), align=4,
                                relocs=[Reloc(0, "R_ARM_THM_CALL", "lo")], mapping=[(0, "$t")]))
    obj.symbols += [Symbol("lo", ".text.lo", 0, 6, "global", "func"),
                    Symbol("hi", ".text.hi", 0, 6, "global", "func"),
                    Symbol("hi_ptr", ".data.hi_ptr", 0, 4, "global", "object"),
                    Symbol("b7", ".bss.b7", 0, 4, "global", "object")]
    return obj


@pytest.fixture(scope="module")
def big_elf(tmp_path_factory):
    path = tmp_path_factory.mktemp("xindex") / "big.o"
    path.write_bytes(write_elf(_big_object()))
    return path


def test_extended_numbering_fields(big_elf):
    with open(big_elf, "rb") as f:
        elf = ELFFile(f)
        assert elf["e_shnum"] == 0 and elf["e_shstrndx"] == SHN_XINDEX
        zero = elf.get_section(0).header
        assert (zero["sh_size"], zero["sh_link"]) == (SHNUM, SHSTRTAB)
        assert elf.num_sections() == SHNUM
        names = {i: elf.get_section(i).name for i in (LO, LO_REL, HI_DATA, HI, HI_REL, SYMTAB,
                                                       XINDEX, STRTAB, SHSTRTAB)}
        assert names == {LO: ".text.lo", LO_REL: ".rel.text.lo", HI_DATA: ".data.hi_ptr",
                         HI: ".text.hi", HI_REL: ".rel.text.hi", SYMTAB: ".symtab",
                         XINDEX: ".symtab_shndx", STRTAB: ".strtab", SHSTRTAB: ".shstrtab"}
        # a relocation section's sh_info is 32 bits: the real index, no escape
        rel = elf.get_section(HI_REL).header
        assert (rel["sh_info"], rel["sh_link"]) == (HI, SYMTAB)
        xsec = elf.get_section(XINDEX)
        assert xsec.header["sh_type"] == "SHT_SYMTAB_SHNDX"
        assert (xsec.header["sh_link"], xsec.header["sh_entsize"]) == (SYMTAB, 4)
        symtab = elf.get_section(SYMTAB)
        nsym = symtab.num_symbols()
        assert xsec.header["sh_size"] == 4 * nsym
        words = xsec.data()
        # one word per symbol: the real index exactly where st_shndx is SHN_XINDEX
        # (the section symbols 1..N come first, in section order; globals last)
        real = {}
        for n in [*range(1, 12), *range(SHN_LORESERVE - 4, SHN_LORESERVE + 4),
                  *range(N_FILLER - 4, N_FILLER + 8), *range(nsym - 4, nsym)]:
            sym = symtab.get_symbol(n)
            shndx, extra = sym["st_shndx"], int.from_bytes(words[4 * n:4 * n + 4], "little")
            if sym.name in ("lo", "hi", "hi_ptr", "b7"):
                real[sym.name] = extra if shndx == SHN_XINDEX else shndx
            if sym["st_info"]["type"] == "STT_SECTION" and 2 <= n < 2 + N_FILLER:
                assert (extra or shndx) == n + 1      # .bss.b<n-2> is section n+1
            if shndx == SHN_XINDEX:
                assert extra >= SHN_LORESERVE
            else:
                assert extra == 0 and (not isinstance(shndx, int) or shndx < SHN_LORESERVE)
        assert real == {"lo": LO, "b7": 3 + 7, "hi": HI, "hi_ptr": HI_DATA}


@needs_gcc
def test_extended_numbering_readelf(big_elf):
    p = subprocess.run(["arm-none-eabi-readelf", "-h", "-S", "-s", "-W", str(big_elf)],
                       capture_output=True, text=True, check=True)
    assert p.stderr == ""
    out = p.stdout
    assert re.search(rf"Number of section headers:\s+0 \({SHNUM}\)", out)
    assert re.search(rf"Section header string table index:\s+{SHN_XINDEX} \({SHSTRTAB}\)", out)
    assert re.search(rf"\[{HI}\] \.text\.hi\s+PROGBITS", out)
    assert re.search(rf"\[{HI_REL}\] \.rel\.text\.hi\s+REL\s+\S+ \S+ \S+ 08 +I +{SYMTAB} +{HI} ",
                     out)
    for name, ndx in (("lo", LO), ("hi", HI), ("hi_ptr", HI_DATA), ("b7", 10)):
        assert re.search(rf"GLOBAL\s+DEFAULT\s+{ndx} {name}$", out, re.M), name


LDSCRIPT = """
ENTRY(lo)
SECTIONS {
  .text 0x1000 : { *(.text*) }
  .data 0x20000000 : { *(.data*) *(.bss*) }
}
"""


@needs_gcc
def test_extended_numbering_links(big_elf, tmp_path):
    """The GNU linker resolves both calls and the data word to the right addresses."""
    ld = tmp_path / "link.ld"
    ld.write_text(LDSCRIPT)
    exe = tmp_path / "big.elf"
    subprocess.run([GCC, "-mcpu=cortex-m4", "-mthumb", "-nostdlib", "-nostartfiles",
                    "-T", str(ld), str(big_elf), "-o", str(exe)], check=True)
    with open(exe, "rb") as f:
        elf = ELFFile(f)
        syms = {s.name: s["st_value"] for s in elf.get_section_by_name(".symtab").iter_symbols()}
        text, data = elf.get_section_by_name(".text"), elf.get_section_by_name(".data")
        code, words = text.data(), data.data()

        def bl_target(addr: int) -> int:
            at = addr - text["sh_addr"]
            hi, lo = (int.from_bytes(code[at + k:at + k + 2], "little") for k in (0, 2))
            s, j1, j2 = hi >> 10 & 1, lo >> 13 & 1, lo >> 11 & 1
            i1, i2 = 1 - (j1 ^ s), 1 - (j2 ^ s)
            off = (s << 24 | i1 << 23 | i2 << 22 | (hi & 0x3FF) << 12 | (lo & 0x7FF) << 1)
            return addr + 4 + off - (1 << 25 if s else 0)

        lo, hi = syms["lo"] & ~1, syms["hi"] & ~1
        assert bl_target(lo) == hi and bl_target(hi) == lo
        at = syms["hi_ptr"] - data["sh_addr"]
        assert int.from_bytes(words[at:at + 4], "little") == syms["hi"] == hi | 1


def test_small_objects_keep_plain_numbering():
    obj = _big_object()
    obj.sections = [s for s in obj.sections if not s.name.startswith(".bss.b")
                    or s.name == ".bss.b7"]
    data = write_elf(obj)
    elf = ELFFile(io.BytesIO(data))
    assert elf["e_shnum"] == 12 and elf["e_shstrndx"] == 11
    assert elf.get_section(0).header["sh_size"] == 0
    assert all(s.header["sh_type"] != "SHT_SYMTAB_SHNDX" for s in elf.iter_sections())


# --------------------------------------------------------------------------
# A real module: 33,000 functions, each calling the next (~66,000 sections).

CHAIN = 33_000


def _chain_wat(n: int) -> str:
    """f_k(x) = f_{k+1}(rotl(x ^ k, 5)); the last returns x.  A call to any wrong
    address changes the result (or faults)."""
    export = ' (export "run")'
    funcs = [f"(func $f{k}{export if k == 0 else ''} (param i32) (result i32) "
             f"local.get 0 i32.const {k} i32.xor i32.const 5 i32.rotl call $f{k + 1})"
             for k in range(n)]
    return "(module\n" + "\n".join(funcs) + f"\n(func $f{n} (param i32) (result i32) local.get 0))"


def _chain_expected(n: int, x: int) -> int:
    for k in range(n):
        x ^= k
        x = (x << 5 | x >> 27) & 0xFFFFFFFF
    return x


@pytest.mark.slow
@needs_gcc
def test_33000_functions_link_and_run(tmp_path):
    """Compile (~25 s), link with the GNU toolchain, run every call on the emulator."""
    from synth_toolchain.driver import build_executable, compile_file
    from synth_toolchain.options import Options
    from synth_toolchain.run.emulator import Emulator
    from synth_toolchain.wasm.module import ValType
    src = tmp_path / "chain.wat"
    src.write_text(_chain_wat(CHAIN))
    opts = Options()
    result = compile_file(str(src), opts)
    elf = ELFFile(io.BytesIO(result.elf))
    assert elf["e_shnum"] == 0 and elf.num_sections() > 2 * CHAIN
    exe = build_executable(result, str(tmp_path), opts)
    emu = Emulator(exe, {}, cpu=opts.cpu, float_abi=opts.float_abi)
    assert emu.call(result.compiled.layout.init_symbol, (), (), ()).trap is None
    got = emu.call("run", (ValType.I32,), (12345,), (ValType.I32,))
    assert got.trap is None and got.values == (_chain_expected(CHAIN, 12345),)
