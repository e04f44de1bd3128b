"""GNU-as listing of an object (synth-cc `-S`): source that assembles back to the same bytes.

It reads the ELF object model (elf/objfile.py) and disassembles Thumb with
capstone.  Each section is assembled back with gcc and compared; one that
does not reproduce is written as `.inst` words with the disassembly in
comments.  A module of its own so the command line and tests can print one.
"""

from __future__ import annotations

import os
import subprocess
import tempfile

from . import __version__
from .options import Options
from .arm.encoding import decode_low_overhead
from .target import gcc_cpu_option

DEFAULT_GCC = "arm-none-eabi-gcc"     # also the gcc synth-cc wraps by default

_RELOC_WIDTH = {"R_ARM_THM_CALL": 4, "R_ARM_THM_JUMP24": 4, "R_ARM_THM_MOVW_ABS_NC": 4,
                "R_ARM_THM_MOVT_ABS": 4, "R_ARM_ABS32": 4}

def _section_header(sec) -> str:
    flags = {"text": '"ax",%progbits', "rodata": '"a",%progbits',
             "data": '"aw",%progbits', "bss": '"aw",%nobits'}[sec.kind]
    return f"\t.section\t{sec.name},{flags}\n\t.p2align\t{max(sec.align, 1).bit_length() - 1}\n"


def label(sec_index: int, off: int) -> str:
    """The local label of offset `off` in section `sec_index` (a branch target)."""
    return f".Ls{sec_index}_{off:x}"


def _disassemble(data: bytes, start: int, end: int) -> list:
    """capstone's instructions, and (offset, mnemonic, operands, branch offset) for
    the ARMv8.1-M loop instructions capstone 5 reads as data (arm/lowoverhead.py)."""
    import capstone
    md = capstone.Cs(capstone.CS_ARCH_ARM, capstone.CS_MODE_THUMB | capstone.CS_MODE_MCLASS)
    md.detail = True
    md.skipdata = True
    out: list = []
    pos = start
    while pos < end:
        for ins in md.disasm(data[pos:end], pos):
            lob = decode_low_overhead(data[ins.address:end]) if ins.id == 0 else None
            if lob is not None:
                out.append((ins.address, *lob))
                pos = ins.address + 4
                break
            out.append(ins)
            pos = ins.address + ins.size
        else:
            break
    return out


def _loop_line(lob: tuple, si: int, labels: set[int]) -> str:
    """`dls lr, rN`, `wls lr, rN, label`, `le lr, label`."""
    off, mnemonic, ops, branch = lob
    if branch is None:
        return f"\t{mnemonic}\t{ops}"
    labels.add(off + 4 + branch)
    return f"\t{mnemonic}\t{ops}, {label(si, off + 4 + branch)}"


def text_lines(sec, si: int, inst_only: bool) -> tuple[list[str], set[int]]:
    """Body lines of one text section; returns (lines, label offsets needed)."""
    import capstone
    relocs = {r.offset: r for r in sec.relocs}
    regions = sorted(sec.mapping) or [(0, "t")]
    if regions[0][0] != 0:
        regions.insert(0, (0, "t"))
    bounds = [(off, kind, regions[k + 1][0] if k + 1 < len(regions) else len(sec.data))
              for k, (off, kind) in enumerate(regions)]
    items: list[tuple[int, str]] = []     # (offset, text)
    labels: set[int] = set()
    for start, kind, end in bounds:
        if start >= end:
            continue
        if kind.startswith("$"):
            kind = kind[1:]
        if kind != "t":
            off = start
            while off < end:
                r = relocs.get(off)
                if r is not None:
                    addend = int.from_bytes(sec.data[off:off + 4], "little", signed=True)
                    items.append((off, f"\t.word\t{_symexpr(r.symbol, addend)}"))
                    off += 4
                elif off + 4 <= end and off % 4 == 0:
                    items.append((off, f"\t.word\t0x{int.from_bytes(sec.data[off:off+4], 'little'):08x}"))
                    off += 4
                else:
                    items.append((off, f"\t.byte\t0x{sec.data[off]:02x}"))
                    off += 1
            continue
        for ins in _disassemble(sec.data, start, end):
            if isinstance(ins, tuple):
                items.append((ins[0], _loop_line(ins, si, labels)))
                continue
            raw = sec.data[ins.address:ins.address + ins.size]
            items.append((ins.address, _thumb_line(ins, raw, relocs.get(ins.address), si,
                                                   labels, inst_only, capstone)))
    lines = []
    for off, text in items:
        if off in labels:
            lines.append(f"{label(si, off)}:")
        lines.append(text)
    return lines, labels


def _symexpr(sym: str, addend: int) -> str:
    return sym if addend == 0 else f"{sym}{addend:+d}"


def _inst(raw: bytes) -> str:
    if len(raw) == 2:
        return f".inst.n\t0x{int.from_bytes(raw, 'little'):04x}"
    if len(raw) == 4:
        hi = int.from_bytes(raw[0:2], "little")
        lo = int.from_bytes(raw[2:4], "little")
        return f".inst.w\t0x{hi:04x}{lo:04x}"
    return ".byte\t" + ", ".join(f"0x{b:02x}" for b in raw)


def _thumb_line(ins, raw: bytes, reloc, si: int, labels: set[int], inst_only: bool,
                capstone) -> str:
    text = f"{ins.mnemonic}\t{ins.op_str}".rstrip()
    if reloc is not None:
        t = reloc.type
        if t in ("R_ARM_THM_CALL", "R_ARM_THM_JUMP24") and not inst_only:
            return f"\t{'bl' if t == 'R_ARM_THM_CALL' else 'b.w'}\t{reloc.symbol}"
        if t in ("R_ARM_THM_MOVW_ABS_NC", "R_ARM_THM_MOVT_ABS") and not inst_only:
            half = "lower16" if "MOVW" in t else "upper16"
            reg = ins.op_str.split(",")[0].strip()
            return f"\t{ins.mnemonic.split('.')[0]}\t{reg}, #:{half}:{reloc.symbol}"
        return f"\t.reloc\t., {reloc.type}, {reloc.symbol}\n\t{_inst(raw)}\t@ {text}"
    if inst_only or ins.id == 0:
        return f"\t{_inst(raw)}\t@ {text}"
    if ins.group(capstone.CS_GRP_BRANCH_RELATIVE):
        imms = [op.imm for op in ins.operands if op.type == capstone.arm.ARM_OP_IMM]
        if not imms:
            return f"\t{_inst(raw)}\t@ {text}"
        target = imms[-1]
        labels.add(target)
        mnem = ins.mnemonic.split(".")[0]
        if not mnem.startswith(("cb", "bl")):
            mnem += ".n" if ins.size == 2 else ".w"
        regs = ins.op_str.rsplit("#", 1)[0] if "#" in ins.op_str else ""
        return f"\t{mnem}\t{regs}{label(si, target)}"
    if ins.mnemonic.startswith("adr") or "[pc" in ins.op_str or ins.op_str.startswith("pc"):
        return f"\t{_inst(raw)}\t@ {text}"
    return f"\t{text}"


def _listing(obj, opts: Options, inst_only: set[int], all_inst: bool) -> tuple[str, list]:
    """The listing text and, per section, the (first, last) line numbers."""
    out: list[str] = [
        f"@ generated by synth-cc (synth {__version__}) for {opts.cpu}",
        "\t.syntax unified",
        f"\t.arch\t{opts.target.gnu_arch}",
    ]
    target = opts.target
    if target.dsp and target.cpu_arch >= 17:      # v8-M: DSP is an extension
        out.append("\t.arch_extension dsp")
    if opts.hw_fpu is not None:
        out.append(f"\t.fpu\t{opts.hw_fpu.name}")
        if target.mve:                            # Tag_MVE_arch, as gcc's directive
            out.append("\t.arch_extension mve.fp")
        if target.fp16:
            out.append("\t.eabi_attribute 38, 1")   # Tag_ABI_FP_16bit_format: IEEE
    if target.cpu_name:
        out.append(f'\t.eabi_attribute 5, "{target.cpu_name}"')   # Tag_CPU_name
    if opts.vfp_args:
        out.append("\t.eabi_attribute 28, 1")     # Tag_ABI_VFP_args: floats in VFP registers
    out += ["\t.thumb", "\t.eabi_attribute 20, 1", "\t.eabi_attribute 21, 1",
            "\t.eabi_attribute 23, 3", "\t.eabi_attribute 24, 1", "\t.eabi_attribute 25, 1",
            f"\t.eabi_attribute 34, {int(target.isa.unaligned)}"]   # Tag_CPU_unaligned_access
    by_section: dict[str, list] = {}
    for sym in obj.symbols:
        if sym.section is not None:
            by_section.setdefault(sym.section, []).append(sym)
    spans = []
    for si, sec in enumerate(obj.sections):
        first = len(out) + 1
        out.append("")
        out.append(_section_header(sec).rstrip("\n"))
        syms = sorted(by_section.get(sec.name, []), key=lambda s: s.value)
        decl: list[str] = []
        for s in syms:
            if s.binding == "global":
                decl.append(f"\t.global\t{s.name}")
            elif s.binding == "weak":
                decl.append(f"\t.weak\t{s.name}")
            if s.visibility == "hidden":
                decl.append(f"\t.hidden\t{s.name}")
            kind = {"func": "%function", "object": "%object"}.get(s.kind)
            if kind:
                decl.append(f"\t.type\t{s.name}, {kind}")
        out += decl
        if sec.kind == "text":
            body, _ = text_lines(sec, si, all_inst or si in inst_only)
            body_by_off = _split_by_offset(body, sec, syms)
            out += body_by_off
        else:
            out += data_lines(sec, syms)
        for s in syms:
            out.append(f"\t.size\t{s.name}, {s.size}")
        spans.append((first, len(out)))
    return "\n".join(out) + "\n", spans


def _split_by_offset(body: list[str], sec, syms) -> list[str]:
    """Put symbol labels in front of the instruction at their offset (functions: offset 0)."""
    lead = []
    rest = []
    for s in syms:
        if s.value == 0:
            if s.kind == "func":
                lead.append("\t.thumb_func")
            lead.append(f"{s.name}:")
    others = [s for s in syms if s.value != 0]
    if others:      # rare in text (aliases are at 0); fall back to .inst-free placement
        for s in others:
            rest.append(f"\t.set\t{s.name}, {syms[0].name if syms and syms[0].value == 0 else '.'}+{s.value}")
    return lead + body + rest


def data_lines(sec, syms) -> list[str]:
    out: list[str] = []
    relocs = {r.offset: r for r in sec.relocs}
    at = {}
    for s in syms:
        at.setdefault(s.value, []).append(s.name)
    size = sec.byte_size
    cuts = sorted({o for o in at if o <= size} | {size})
    pos = 0
    for cut in cuts:
        out += _data_span(sec, relocs, pos, cut)
        pos = cut
        for name in at.get(cut, []):
            out.append(f"{name}:")
    return out


def _data_span(sec, relocs, start: int, end: int) -> list[str]:
    if start >= end:
        return []
    if sec.kind == "bss":
        return [f"\t.space\t{end - start}"]
    out = []
    off = start
    while off < end:
        r = relocs.get(off)
        if r is not None and off + 4 <= end:
            addend = int.from_bytes(sec.data[off:off + 4], "little", signed=True)
            out.append(f"\t.word\t{_symexpr(r.symbol, addend)}")
            off += 4
        else:
            stop = min(end, off + 16)
            for o in relocs:
                if off < o < stop:
                    stop = o
            out.append("\t.byte\t" + ", ".join(f"0x{b:02x}" for b in sec.data[off:stop]))
            off = stop
    return out


def _assemble_check(text: str, obj, opts: Options, gcc: str) -> tuple[set[int], bool]:
    """Assemble `text`; the set of section indices that do not reproduce, and success."""
    from elftools.elf.elffile import ELFFile
    with tempfile.TemporaryDirectory(prefix="synth-cc-") as tmp:
        src = os.path.join(tmp, "l.s")
        dst = os.path.join(tmp, "l.o")
        with open(src, "w") as f:
            f.write(text)
        try:
            fpu = [f"-mfpu={opts.hw_fpu.name}"] if opts.hw_fpu is not None else []
            p = subprocess.run([gcc, "-c", "-x", "assembler", gcc_cpu_option(opts.cpu), "-mthumb",
                                f"-mfloat-abi={opts.float_abi}", *fpu, src, "-o", dst],
                               capture_output=True, text=True)
        except OSError:
            return set(), False
        if p.returncode != 0:
            return set(), False
        bad: set[int] = set()
        with open(dst, "rb") as f:
            elf = ELFFile(f)
            for si, sec in enumerate(obj.sections):
                got = elf.get_section_by_name(sec.name)
                # GNU as pads a code section to its alignment (with nops): equivalent
                if got is None or not (sec.byte_size <= got.data_size
                                       < sec.byte_size + max(sec.align, 1)):
                    bad.add(si)
                    continue
                if sec.kind == "bss":
                    continue
                want = bytearray(sec.data)
                have = bytearray(got.data()[:sec.byte_size])
                for r in sec.relocs:      # relocated fields: addends may move to the section symbol
                    w = _RELOC_WIDTH.get(r.type, 4)
                    want[r.offset:r.offset + w] = bytes(w)
                    have[r.offset:r.offset + w] = bytes(w)
                if want != have:
                    bad.add(si)
        return bad, True


def make_listing(obj, opts: Options, gcc: str = DEFAULT_GCC) -> str:
    """A GNU-as listing that assembles back to the same code (see module doc)."""
    inst_only: set[int] = set()
    text, _ = _listing(obj, opts, inst_only, False)
    for _ in range(2):
        bad, ok = _assemble_check(text, obj, opts, gcc)
        if not ok:
            return _listing(obj, opts, set(), True)[0]
        if not bad - inst_only:
            return text
        inst_only |= bad
        text, _ = _listing(obj, opts, inst_only, False)
    return _listing(obj, opts, set(), True)[0]
