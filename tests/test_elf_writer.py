"""ELF relocatable object writer: structure, binutils acceptance, linking with C,
build attributes against arm-none-eabi-gcc, float-ABI mismatch, determinism."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from elftools.elf.elffile import ELFFile
from elftools.elf.relocation import RelocationSection

from synth_toolchain.elf.attributes import build_attributes
from synth_toolchain.elf.objfile import ObjectFile, Reloc, Section, Symbol
from synth_toolchain.elf.writer import write_elf
from synth_toolchain.errors import SynthError
from synth_toolchain.target import TARGETS

GCC = shutil.which("arm-none-eabi-gcc")
needs_gcc = pytest.mark.skipif(GCC is None, reason="arm-none-eabi toolchain not installed")

# Tags our attributes omit on purpose (C-only facts; see attributes.py).
OMITTED_TAGS = ("Tag_ABI_PCS_wchar_t", "Tag_ABI_enum_size", "Tag_ABI_optimization_goals")

# (cpu, float abi, fpu) combinations compared against gcc.
CONFIGS = [
    ("cortex-m0", "soft", None),
    ("cortex-m0plus", "soft", None),
    ("cortex-m1", "soft", None),
    ("cortex-m23", "soft", None),
    ("cortex-m3", "soft", None),
    ("cortex-m4", "soft", None),
    ("cortex-m7", "soft", None),
    ("cortex-m33", "soft", None),
    ("cortex-m4", "hard", "fpv4-sp-d16"),
    ("cortex-m4", "softfp", "fpv4-sp-d16"),
    ("cortex-m7", "hard", "fpv5-d16"),
    ("cortex-m7", "softfp", "fpv5-d16"),
    ("cortex-m7", "hard", "fpv5-sp-d16"),
    ("cortex-m33", "hard", "fpv5-sp-d16"),
    ("cortex-m33", "softfp", "fpv5-sp-d16"),
    ("cortex-m4", "hard", None),          # default FPU, like gcc's -mfpu=auto
    ("cortex-m7", "hard", None),
    ("cortex-m33", "softfp", None),
]


def _flags(cpu: str, float_abi: str, fpu: str | None) -> list[str]:
    f = [f"-mcpu={cpu}", "-mthumb", f"-mfloat-abi={float_abi}"]
    if fpu:
        f.append(f"-mfpu={fpu}")
    return f


def _run(args: list[str], check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run(args, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed:\n{p.stdout}\n{p.stderr}")
    return p


# --------------------------------------------------------------------------
# The test object: real Thumb code assembled by GNU as, re-packaged by us.

ASM = """
    .syntax unified
    .thumb
    .section .text.exported,"ax",%progbits
    .global exported
    .type exported, %function
exported:
    push {r4, lr}
    bl imported_fn
    bl helper
    movw r3, #:lower16:counter
    movt r3, #:upper16:counter
    ldr r1, [r3]
    add r0, r0, r1
    ldr r2, .Llit
    ldr r2, [r2]
    add r0, r0, r2
    pop {r4, pc}
    .p2align 2
.Llit:
    .word table

    .section .text.helper,"ax",%progbits
    .type helper, %function
helper:
    movs r0, #42
    bx lr

    .section .text.unused,"ax",%progbits
    .global unused_fn
    .type unused_fn, %function
unused_fn:
    movs r0, #7
    bx lr
"""

# Offsets in .text.exported (checked against gas's own relocations below).
EXPORTED_RELOCS = [
    (2, "R_ARM_THM_CALL", "imported_fn"),
    (6, "R_ARM_THM_CALL", "helper"),
    (10, "R_ARM_THM_MOVW_ABS_NC", "counter"),
    (14, "R_ARM_THM_MOVT_ABS", "counter"),
]


@pytest.fixture(scope="module")
def gas_sections(tmp_path_factory):
    """{section name: (bytes, [(offset, reloc type)])} from arm-none-eabi-as."""
    if GCC is None:
        pytest.skip("arm-none-eabi toolchain not installed")
    d = tmp_path_factory.mktemp("gas")
    src, obj = d / "code.s", d / "code.o"
    src.write_text(ASM)
    _run(["arm-none-eabi-as", "-mcpu=cortex-m4", "-mthumb", str(src), "-o", str(obj)])
    out = {}
    with open(obj, "rb") as f:
        elf = ELFFile(f)
        for sec in elf.iter_sections():
            if sec.name.startswith(".text."):
                out[sec.name] = [sec.data(), []]
        for sec in elf.iter_sections():
            if isinstance(sec, RelocationSection):
                target = elf.get_section(sec["sh_info"]).name
                from elftools.elf.enums import ENUM_RELOC_TYPE_ARM
                names = {v: k for k, v in ENUM_RELOC_TYPE_ARM.items() if k != "_default_"}
                out[target][1] = sorted((r["r_offset"], names[r["r_info_type"]])
                                        for r in sec.iter_relocations())
    return out


def make_object(code: dict, cpu: str = "cortex-m4", float_abi: str = "soft",
                fpu: str | None = None) -> ObjectFile:
    exported = code[".text.exported"][0]
    lit = len(exported) - 4
    obj = ObjectFile(target=TARGETS[cpu], float_abi=float_abi, fpu=fpu, sections=[], symbols=[])
    obj.sections += [
        Section(".text.exported", "text", exported, align=4,
                relocs=[Reloc(o, t, s) for o, t, s in EXPORTED_RELOCS]
                + [Reloc(lit, "R_ARM_ABS32", "table")],
                mapping=[(0, "$t"), (lit, "$d")]),
        Section(".text.helper", "text", code[".text.helper"][0], align=2, mapping=[(0, "$t")]),
        Section(".text.unused", "text", code[".text.unused"][0], align=2, mapping=[(0, "$t")]),
        Section(".rodata.table", "rodata", bytes(8), align=4,
                relocs=[Reloc(0, "R_ARM_ABS32", "counter"), Reloc(4, "R_ARM_ABS32", "exported")],
                mapping=[(0, "$d")]),
        Section(".data.counter", "data", (5).to_bytes(4, "little"), align=4),
        Section(".bss.scratch", "bss", size=64, align=8),
    ]
    obj.symbols += [
        Symbol("exported", ".text.exported", 0, len(exported), "global", "func"),
        Symbol("helper", ".text.helper", 0, 4, "local", "func"),
        Symbol("unused_fn", ".text.unused", 0, 4, "global", "func"),
        Symbol("table", ".rodata.table", 0, 8, "local", "object"),
        Symbol("counter", ".data.counter", 0, 4, "global", "object"),
        Symbol("scratch", ".bss.scratch", 0, 64, "global", "object", "hidden"),
        Symbol("weak_hook", ".text.helper", 0, 4, "weak", "func"),
    ]
    return obj


@pytest.fixture
def elf_bytes(gas_sections):
    return write_elf(make_object(gas_sections))


def test_gas_relocations_match_our_offsets(gas_sections):
    exported, relocs = gas_sections[".text.exported"]
    ours = sorted([(o, t) for o, t, _ in EXPORTED_RELOCS] + [(len(exported) - 4, "R_ARM_ABS32")])
    assert relocs == ours


# --------------------------------------------------------------------------
# (a) read back with pyelftools


def test_header_fields(elf_bytes):
    elf = ELFFile(io.BytesIO(elf_bytes))
    assert elf.elfclass == 32 and elf.little_endian
    assert elf["e_type"] == "ET_REL"
    assert elf["e_machine"] == "EM_ARM"
    assert elf["e_flags"] == 0x05000000
    assert elf["e_ident"]["EI_OSABI"] == "ELFOSABI_SYSV"
    assert elf["e_phnum"] == 0 and elf["e_entry"] == 0
    assert elf.get_section(elf["e_shstrndx"]).name == ".shstrtab"


def test_sections(elf_bytes, gas_sections):
    elf = ELFFile(io.BytesIO(elf_bytes))
    names = [s.name for s in elf.iter_sections()]
    assert names == ["", ".text.exported", ".rel.text.exported", ".text.helper",
                     ".text.unused", ".rodata.table", ".rel.rodata.table", ".data.counter",
                     ".bss.scratch", ".ARM.attributes", ".symtab", ".strtab", ".shstrtab"]
    expect = {
        ".text.exported": ("SHT_PROGBITS", 0x6, 4),
        ".text.helper": ("SHT_PROGBITS", 0x6, 2),
        ".rodata.table": ("SHT_PROGBITS", 0x2, 4),
        ".data.counter": ("SHT_PROGBITS", 0x3, 4),
        ".bss.scratch": ("SHT_NOBITS", 0x3, 8),
        ".ARM.attributes": ("SHT_ARM_ATTRIBUTES", 0, 1),
        ".symtab": ("SHT_SYMTAB", 0, 4),
        ".strtab": ("SHT_STRTAB", 0, 1),
    }
    for name, (typ, flags, align) in expect.items():
        s = elf.get_section_by_name(name)
        assert (s["sh_type"], s["sh_flags"], s["sh_addralign"]) == (typ, flags, align), name
        if s["sh_type"] != "SHT_NOBITS":
            assert s["sh_offset"] % align == 0 if align else True
    assert elf.get_section_by_name(".text.exported").data() == gas_sections[".text.exported"][0]
    assert elf.get_section_by_name(".bss.scratch")["sh_size"] == 64
    assert elf.get_section_by_name(".data.counter").data() == b"\x05\0\0\0"
    symtab_idx = names.index(".symtab")
    for rel, target in ((".rel.text.exported", ".text.exported"),
                        (".rel.rodata.table", ".rodata.table")):
        s = elf.get_section_by_name(rel)
        assert s["sh_type"] == "SHT_REL" and s["sh_flags"] == 0x40
        assert s["sh_link"] == symtab_idx and s["sh_info"] == names.index(target)
        assert s["sh_entsize"] == 8 and s["sh_addralign"] == 4
    st = elf.get_section_by_name(".symtab")
    assert st["sh_entsize"] == 16 and st["sh_link"] == names.index(".strtab")
    assert elf.get_section_by_name(".ARM.attributes").data() == build_attributes(TARGETS["cortex-m4"])


def test_symbols(elf_bytes):
    elf = ELFFile(io.BytesIO(elf_bytes))
    names = [s.name for s in elf.iter_sections()]
    st = elf.get_section_by_name(".symtab")
    syms = list(st.iter_symbols())
    assert syms[0]["st_info"]["type"] == "STT_NOTYPE" and syms[0]["st_shndx"] == "SHN_UNDEF"
    # section symbols first, in section order
    secsyms = [s for s in syms if s["st_info"]["type"] == "STT_SECTION"]
    assert [names[s["st_shndx"]] for s in secsyms] == [
        ".text.exported", ".text.helper", ".text.unused", ".rodata.table", ".data.counter",
        ".bss.scratch"]
    assert syms[1:7] == secsyms
    # locals before globals; sh_info = first non-local
    binds = [s["st_info"]["bind"] for s in syms]
    first = st["sh_info"]
    assert all(b == "STB_LOCAL" for b in binds[:first])
    assert all(b != "STB_LOCAL" for b in binds[first:])
    # mapping symbols
    maps = [(s.name, names[s["st_shndx"]], s["st_value"]) for s in syms if s.name.startswith("$")]
    lit = elf.get_section_by_name(".text.exported")["sh_size"] - 4
    assert maps == [("$t", ".text.exported", 0), ("$d", ".text.exported", lit),
                    ("$t", ".text.helper", 0), ("$t", ".text.unused", 0),
                    ("$d", ".rodata.table", 0)]
    for s in syms:
        if s.name.startswith("$"):
            assert s["st_info"]["bind"] == "STB_LOCAL" and s["st_info"]["type"] == "STT_NOTYPE"

    by = {s.name: s for s in syms if s.name and not s.name.startswith("$")}

    def info(n):
        s = by[n]
        shndx = s["st_shndx"]
        return (s["st_value"], s["st_size"], s["st_info"]["bind"], s["st_info"]["type"],
                s["st_other"]["visibility"], names[shndx] if isinstance(shndx, int) else shndx)

    assert info("exported") == (1, lit + 4, "STB_GLOBAL", "STT_FUNC", "STV_DEFAULT",
                                ".text.exported")
    assert info("helper") == (1, 4, "STB_LOCAL", "STT_FUNC", "STV_DEFAULT", ".text.helper")
    assert info("unused_fn")[:4] == (1, 4, "STB_GLOBAL", "STT_FUNC")
    assert info("weak_hook")[:4] == (1, 4, "STB_WEAK", "STT_FUNC")
    assert info("table") == (0, 8, "STB_LOCAL", "STT_OBJECT", "STV_DEFAULT", ".rodata.table")
    assert info("counter") == (0, 4, "STB_GLOBAL", "STT_OBJECT", "STV_DEFAULT", ".data.counter")
    assert info("scratch") == (0, 64, "STB_GLOBAL", "STT_OBJECT", "STV_HIDDEN", ".bss.scratch")
    # the undeclared import is created as GLOBAL NOTYPE UND
    assert info("imported_fn") == (0, 0, "STB_GLOBAL", "STT_NOTYPE", "STV_DEFAULT", "SHN_UNDEF")


def test_relocations(elf_bytes):
    elf = ELFFile(io.BytesIO(elf_bytes))
    st = elf.get_section_by_name(".symtab")
    from elftools.elf.enums import ENUM_RELOC_TYPE_ARM as R
    got = {}
    for name in (".rel.text.exported", ".rel.rodata.table"):
        sec = elf.get_section_by_name(name)
        rows = []
        for r in sec.iter_relocations():
            assert r["r_info"] == (r["r_info_sym"] << 8) | r["r_info_type"]
            rows.append((r["r_offset"], r["r_info_type"], st.get_symbol(r["r_info_sym"]).name))
        got[name] = rows
    lit = elf.get_section_by_name(".text.exported")["sh_size"] - 4
    assert got[".rel.text.exported"] == [(o, R[t], s) for o, t, s in EXPORTED_RELOCS] + [
        (lit, R["R_ARM_ABS32"], "table")]
    assert got[".rel.rodata.table"] == [(0, R["R_ARM_ABS32"], "counter"),
                                        (4, R["R_ARM_ABS32"], "exported")]


def test_relocation_against_section_symbol_and_numbers():
    obj = ObjectFile(TARGETS["cortex-m3"])
    obj.sections.append(Section(".rodata.a", "rodata", bytes(8),
                                relocs=[Reloc(0, "R_ARM_ABS32", ".rodata.a"), Reloc(4, 2, "ext")]))
    elf = ELFFile(io.BytesIO(write_elf(obj)))
    st = elf.get_section_by_name(".symtab")
    rows = [(r["r_offset"], r["r_info_type"], st.get_symbol(r["r_info_sym"])["st_info"]["type"])
            for r in elf.get_section_by_name(".rel.rodata.a").iter_relocations()]
    assert rows == [(0, 2, "STT_SECTION"), (4, 2, "STT_NOTYPE")]
    assert st["sh_info"] == 2      # null + section symbol; the import is global


def test_invalid_models_are_rejected():
    t = TARGETS["cortex-m4"]
    with pytest.raises(ValueError):
        write_elf(ObjectFile(t, sections=[Section(".x", "code")]))
    with pytest.raises(ValueError):
        write_elf(ObjectFile(t, sections=[Section(".a", "data", b"1234",
                                                  relocs=[Reloc(8, "R_ARM_ABS32", "s")])]))
    with pytest.raises(ValueError):
        write_elf(ObjectFile(t, sections=[Section(".a", "data", b"1234",
                                                  relocs=[Reloc(0, "R_ARM_BOGUS", "s")])]))
    with pytest.raises(ValueError):
        write_elf(ObjectFile(t, symbols=[Symbol("x", ".nope")]))
    with pytest.raises(ValueError):
        write_elf(ObjectFile(t, symbols=[Symbol("x", None, binding="local")]))
    sec = [Section(".a", "data", b"1234")]
    with pytest.raises(ValueError):
        write_elf(ObjectFile(t, sections=sec, symbols=[Symbol("x", ".a", 0, 4, "global"),
                                                       Symbol("x", ".a", 0, 2, "global")]))
    # an identical re-declaration (e.g. the same import listed twice) is fine
    write_elf(ObjectFile(t, symbols=[Symbol("imp", None, binding="global")] * 2))
    with pytest.raises(SynthError):
        write_elf(ObjectFile(TARGETS["cortex-m3"], float_abi="hard"))
    with pytest.raises(SynthError):
        write_elf(ObjectFile(t, float_abi="hard", fpu="neon"))
    with pytest.raises(SynthError):
        write_elf(ObjectFile(t, float_abi="hardest"))


def test_empty_object_is_valid():
    elf = ELFFile(io.BytesIO(write_elf(ObjectFile(TARGETS["cortex-m4"]))))
    assert [s.name for s in elf.iter_sections()] == ["", ".ARM.attributes", ".symtab",
                                                      ".strtab", ".shstrtab"]


# --------------------------------------------------------------------------
# (f) determinism


def test_deterministic(gas_sections):
    a = write_elf(make_object(gas_sections))
    b = write_elf(make_object(gas_sections))
    assert a == b
    obj = make_object(gas_sections, "cortex-m33", "hard")
    assert write_elf(obj) == write_elf(obj)


# --------------------------------------------------------------------------
# (b) binutils read it cleanly


@needs_gcc
def test_readelf_and_objdump(elf_bytes, tmp_path):
    o = tmp_path / "m.o"
    o.write_bytes(elf_bytes)
    r = _run(["arm-none-eabi-readelf", "-a", "-W", str(o)])
    assert r.stderr == ""
    assert "REL (Relocatable file)" in r.stdout
    assert "R_ARM_THM_CALL" in r.stdout and "imported_fn" in r.stdout
    assert "R_ARM_THM_MOVW_ABS_NC" in r.stdout and "R_ARM_THM_MOVT_ABS" in r.stdout
    d = _run(["arm-none-eabi-objdump", "-dr", str(o)])
    assert d.stderr == ""
    text = d.stdout
    body = text[text.index("<exported>:"):text.index("Disassembly of section .text.helper")]
    assert "push\t{r4, lr}" in body
    assert "bl\t" in body and "movw\tr3" in body and "movt\tr3" in body
    assert "pop\t{r4, pc}" in body
    # the literal after $d is shown as data, not decoded as instructions
    assert ".word\t0x00000000" in body
    assert "R_ARM_ABS32\ttable" in body
    assert "movs\tr0, #42" in text


# --------------------------------------------------------------------------
# (c) link with C


MAIN_C = """
extern int exported(void);
extern int counter;
extern int scratch[16];
int imported_fn(void) { return 1; }
int main(void) { scratch[0] = exported(); return counter + scratch[0]; }
void _start(void) { main(); for (;;) {} }
"""

LDSCRIPT = """
ENTRY(_start)
MEMORY { FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 256K
         RAM (rwx)  : ORIGIN = 0x20000000, LENGTH = 64K }
SECTIONS {
  .text : { *(.text*) *(.rodata*) } > FLASH
  .data : { *(.data*) } > RAM AT > FLASH
  .bss  : { *(.bss*) *(COMMON) } > RAM
  /DISCARD/ : { *(.ARM.exidx*) }
}
"""


def _link(tmp_path, our: bytes, flags: list[str], extra: list[str] = (), c_flags=None,
          check=True):
    o = tmp_path / "ours.o"
    o.write_bytes(our)
    c = tmp_path / "main.c"
    c.write_text(MAIN_C)
    co = tmp_path / "main.o"
    _run([GCC, *(c_flags or flags), "-O1", "-c", str(c), "-o", str(co)])
    ld = tmp_path / "link.ld"
    ld.write_text(LDSCRIPT)
    exe = tmp_path / "a.elf"
    p = _run([GCC, *flags, "-nostartfiles", "-nostdlib", "-T", str(ld), str(co), str(o),
              "-o", str(exe), *extra], check=check)
    return p, exe


@needs_gcc
def test_link_with_c(gas_sections, tmp_path):
    obj = make_object(gas_sections)
    p, exe = _link(tmp_path, write_elf(obj), _flags("cortex-m4", "soft", None),
                   ["-Wl,--gc-sections", "-Wl,--fatal-warnings"])
    assert p.stderr == "" and p.stdout == ""
    with open(exe, "rb") as f:
        elf = ELFFile(f)
        st = elf.get_section_by_name(".symtab")
        syms = {s.name: s["st_value"] for s in st.iter_symbols()}
        assert "unused_fn" not in syms          # --gc-sections dropped .text.unused
        assert {"exported", "helper", "counter", "scratch", "table"} <= syms.keys()
        assert syms["exported"] & 1 and syms["helper"] & 1
        text = elf.get_section_by_name(".text")
        base = text["sh_addr"]
        data = text.data()

        def word(addr):
            return int.from_bytes(data[addr - base:addr - base + 4], "little")
        # R_ARM_ABS32 in rodata: address of counter and Thumb address of exported
        assert word(syms["table"]) == syms["counter"]
        assert word(syms["table"] + 4) == syms["exported"]
        # R_ARM_ABS32 in text (literal pool) points to table
        lit = (syms["exported"] & ~1) + len(gas_sections[".text.exported"][0]) - 4
        assert word(lit) == syms["table"]
        assert elf["e_flags"] & 0xFF000000 == 0x05000000
    d = _run(["arm-none-eabi-objdump", "-d", str(exe)]).stdout
    body = d[d.index("<exported>:"):]
    body = body[:body.index("\n\n")]
    assert f"bl\t{syms['imported_fn'] & ~1:x} <imported_fn>" in body
    assert f"bl\t{syms['helper'] & ~1:x} <" in body        # <helper> or its alias
    lo, hi = syms["counter"] & 0xFFFF, syms["counter"] >> 16
    assert f"movw\tr3, #{lo}" in body and f"movt\tr3, #{hi}" in body

    # without --gc-sections the unreferenced function stays
    p, exe = _link(tmp_path, write_elf(obj), _flags("cortex-m4", "soft", None),
                   ["-Wl,--fatal-warnings"])
    with open(exe, "rb") as f:
        assert ELFFile(f).get_section_by_name(".symtab").get_symbol_by_name("unused_fn")


@needs_gcc
@pytest.mark.parametrize("cpu,float_abi,fpu", [c for c in CONFIGS if c[0] != "cortex-m3"]
                         + [("cortex-m3", "soft", None)])
def test_link_same_flags_without_warnings(gas_sections, tmp_path, cpu, float_abi, fpu):
    obj = make_object(gas_sections, cpu, float_abi, fpu)
    p, _ = _link(tmp_path, write_elf(obj), _flags(cpu, float_abi, fpu), ["-Wl,--fatal-warnings"])
    assert p.stderr == ""


# --------------------------------------------------------------------------
# (d) attributes equal to gcc's


def _gcc_object(tmp_path, flags, name="e") -> str:
    c = tmp_path / f"{name}.c"
    c.write_text(f"int var_{name};\n")
    o = tmp_path / f"{name}.o"
    _run([GCC, *flags, "-c", str(c), "-o", str(o)])
    return str(o)


def _attrs(path: str) -> list[str]:
    out = _run(["arm-none-eabi-readelf", "-A", path]).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


@needs_gcc
@pytest.mark.parametrize("cpu,float_abi,fpu", CONFIGS)
def test_attributes_match_gcc(tmp_path, cpu, float_abi, fpu):
    ref = _gcc_object(tmp_path, _flags(cpu, float_abi, fpu))
    ours = tmp_path / "ours.o"
    ours.write_bytes(write_elf(ObjectFile(TARGETS[cpu], float_abi, fpu)))
    expected = [line for line in _attrs(ref) if not line.startswith(OMITTED_TAGS)]
    assert _attrs(str(ours)) == expected
    with open(ref, "rb") as f:
        assert ELFFile(f)["e_flags"] == 0x05000000     # what we write, for every ABI


def test_attribute_bytes_m4_hard():
    # Hand-checked encoding: 'A', subsection length, "aeabi", Tag_File, size, tags.
    b = build_attributes(TARGETS["cortex-m4"], "hard", "fpv4-sp-d16")
    assert b[:1] == b"A"
    assert int.from_bytes(b[1:5], "little") == len(b) - 1
    assert b[5:11] == b"aeabi\0"
    assert b[11] == 1 and int.from_bytes(b[12:16], "little") == len(b) - 11
    assert b[16:] == bytes.fromhex("05" + b"7E-M".hex() + "00" "060d" "074d" "0902" "0a06"
                                   "1401" "1501" "1703" "1801" "1901" "1b01" "1c01" "2201")


# --------------------------------------------------------------------------
# (e) mixing float ABIs behaves as for C


def _c_link(tmp_path, a: str, b: str):
    exe = tmp_path / "mix.elf"
    return _run([GCC, "-mcpu=cortex-m4", "-mthumb", "-nostartfiles", "-nostdlib",
                 "-Wl,-e,0", "-Wl,--unresolved-symbols=ignore-all", a, b, "-o", str(exe)],
                check=False)


@needs_gcc
def test_hard_vs_soft_fails_like_c(gas_sections, tmp_path):
    soft_c = _gcc_object(tmp_path, _flags("cortex-m4", "soft", None), "soft")
    hard_c = _gcc_object(tmp_path, _flags("cortex-m4", "hard", "fpv4-sp-d16"), "hard")
    c_only = _c_link(tmp_path, hard_c, soft_c)
    assert c_only.returncode != 0 and "uses VFP register arguments" in c_only.stderr

    ours = tmp_path / "ours_hard.o"
    ours.write_bytes(write_elf(make_object(gas_sections, "cortex-m4", "hard")))
    mixed = _c_link(tmp_path, str(ours), soft_c)
    assert mixed.returncode != 0
    assert "uses VFP register arguments" in mixed.stderr
    # the same diagnostic as for the C-only link, up to file names
    assert mixed.stderr.replace(str(ours), "X") == c_only.stderr.replace(hard_c, "X")

    # and the other way round: our soft object with a hard-float C object
    ours_soft = tmp_path / "ours_soft.o"
    ours_soft.write_bytes(write_elf(make_object(gas_sections, "cortex-m4", "soft")))
    mixed2 = _c_link(tmp_path, hard_c, str(ours_soft))
    assert mixed2.returncode != 0 and "uses VFP register arguments" in mixed2.stderr


@needs_gcc
def test_softfp_with_soft_links_like_c(gas_sections, tmp_path):
    soft_c = _gcc_object(tmp_path, _flags("cortex-m4", "soft", None), "soft")
    softfp_c = _gcc_object(tmp_path, _flags("cortex-m4", "softfp", "fpv4-sp-d16"), "softfp")
    assert _c_link(tmp_path, softfp_c, soft_c).returncode == 0
    ours = tmp_path / "ours_softfp.o"
    ours.write_bytes(write_elf(make_object(gas_sections, "cortex-m4", "softfp")))
    p = _c_link(tmp_path, str(ours), soft_c)
    assert p.returncode == 0 and p.stderr == ""
