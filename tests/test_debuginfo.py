"""-g: DWARF in the object (synth_toolchain/debuginfo/), checked by other tools.

pyelftools reads the object's line table back: the `bl` of each call to an
import must sit on the source line (C line, .wat line, or wasm byte offset)
of that call, at every tier.  The CFA depth of the call frames must match
the stack depth the stack scan (arm/stackscan.py, item 1) finds in the code.
llvm-dwarfdump-14 --verify checks objects and a linked firmware image; gdb
attached to QEMU's gdbstub breaks in ctrl.c inside the wasm module, steps
into the C import, and unwinds through the wasm frame into main.c.  Without
-g the code is the same and there are no .debug_* sections.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile

from synth_toolchain.arm.stackscan import stack_depth
from synth_toolchain.debuginfo.frames import frame_states
from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.run import clang_wasm
from synth_toolchain.wasm.loader import load_module

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "firmware"
FIXTURES = ROOT / "tests" / "fixtures"
TIERS = ("opt", "opt-nopromote", "baseline")
DWARFDUMP = "llvm-dwarfdump-14"
GDB = "gdb-multiarch"
QEMU = "qemu-system-arm"
GCC = "arm-none-eabi-gcc"

needs_dwarfdump = pytest.mark.skipif(shutil.which(DWARFDUMP) is None,
                                     reason=f"needs {DWARFDUMP}")

# a call on a line of its own, and the function's lines around it
CALL_WAT = """\
(module
  (import "env" "note" (func $note (param i32)))
  (func (export "f") (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    call $note
    local.get 0
    i32.const 3
    i32.mul))
"""
CALL_LINE, F_LINES = 7, range(3, 11)


def build_ctrl(tmp_path_factory, debug_flag: str) -> Path:
    """examples/firmware/ctrl.c as the Makefile builds it with DEBUG=1 (clang -g,
    DWARF kept by wasm-ld)."""
    if shutil.which("clang") is None:
        pytest.skip("needs clang/wasm-ld")
    out = tmp_path_factory.mktemp("ctrl") / "ctrl.wasm"
    clang_wasm.build([EXAMPLE / "ctrl.c"], out, cflags=["-O2", debug_flag, "-fno-builtin"],
                     ldflags=["--no-entry", "--stack-first", "-z", "stack-size=4096",
                              "--initial-memory=65536"])
    return out


@pytest.fixture(scope="module")
def ctrl_g(tmp_path_factory) -> Path:
    return build_ctrl(tmp_path_factory, "-g")       # clang 14: DWARF 4


@pytest.fixture(scope="module")
def ctrl_g5(tmp_path_factory) -> Path:
    return build_ctrl(tmp_path_factory, "-gdwarf-5")


@pytest.fixture(scope="module")
def call_wat(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("wat") / "call.wat"
    p.write_text(CALL_WAT)
    return p


def compile_elf(path: Path, **opts) -> bytes:
    return compile_file(str(path), Options(**opts)).elf


def elf_of(data: bytes) -> ELFFile:
    return ELFFile(io.BytesIO(data))


def sequences(elf: ELFFile) -> list[list]:
    """The line table's sequences (lists of states), of every unit."""
    dwarf = elf.get_dwarf_info(relocate_dwarf_sections=False)
    out, seq = [], []
    for cu in dwarf.iter_CUs():
        for e in dwarf.line_program_for_CU(cu).get_entries():
            if e.state is not None:
                seq.append(e.state)
                if e.state.end_sequence:
                    out.append(seq)
                    seq = []
    return out


def row_at(seq: list, off: int):
    prev = None
    for st in seq:
        if st.address > off or st.end_sequence:
            break
        prev = st
    return prev


def calls_by_line(data: bytes) -> dict[str, list[tuple[str, int]]]:
    """Text section → [(callee, line of the row covering its `bl`)], reading the
    object's relocations and its line table."""
    elf = elf_of(data)
    symtab = elf.get_section_by_name(".symtab")
    texts = [s for s in elf.iter_sections() if s.name.startswith(".text.")]
    seqs = sequences(elf)
    out = {}
    for sec in texts:
        rel = elf.get_section_by_name(".rel" + sec.name)
        if rel is None:
            continue
        calls = [(r["r_offset"], symtab.get_symbol(r["r_info_sym"]).name)
                 for r in rel.iter_relocations() if r["r_info_type"] == 10]  # R_ARM_THM_CALL
        if not calls:
            continue
        seq = _sequence_of(elf, sec, seqs)
        out[sec.name] = [(callee, row_at(seq, off).line) for off, callee in calls]
    return out


def _sequence_of(elf: ELFFile, sec, seqs: list[list]) -> list:
    """The sequence of `sec`: .debug_line's only relocations are the sequences'
    DW_LNE_set_address, one per sequence, in order."""
    index = [s.name for s in elf.iter_sections()].index(sec.name)
    symtab = elf.get_section_by_name(".symtab")
    relocs = sorted(elf.get_section_by_name(".rel.debug_line").iter_relocations(),
                    key=lambda r: r["r_offset"])
    owners = [symtab.get_symbol(r["r_info_sym"])["st_shndx"] for r in relocs]
    assert len(owners) == len(seqs) and owners.count(index) == 1
    return seqs[owners.index(index)]


# -- the code does not change ----------------------------------------------------

def _code_sections(data: bytes) -> dict[str, object]:
    """Bytes of the loaded sections, relocations by symbol name (the debug sections'
    section symbols renumber the others)."""
    elf = elf_of(data)
    symtab = elf.get_section_by_name(".symtab")
    out: dict[str, object] = {}
    for s in elf.iter_sections():
        if s.name.startswith((".text", ".data", ".rodata", ".bss")):
            out[s.name] = (s.data(), s["sh_flags"], s["sh_addralign"])
        elif s.name.startswith(".rel.") and not s.name.startswith(".rel.debug_"):
            out[s.name] = [(r["r_offset"], r["r_info_type"],
                            symtab.get_symbol(r["r_info_sym"]).name or
                            elf.get_section(symtab.get_symbol(r["r_info_sym"])["st_shndx"]).name)
                           for r in s.iter_relocations()]
    out["symbols"] = sorted((y.name, y["st_value"], y["st_size"], y["st_info"]["bind"])
                            for y in symtab.iter_symbols() if y["st_info"]["type"] != "STT_SECTION")
    return out


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("fixture", ["calls.wat", "memory.wat", "f64_ops.wat"])
def test_g_leaves_the_code_alone(fixture, tier):
    plain = compile_elf(FIXTURES / fixture, tier=tier)
    debug = compile_elf(FIXTURES / fixture, tier=tier, debug=True)
    assert _code_sections(plain) == _code_sections(debug)
    assert not [s.name for s in elf_of(plain).iter_sections() if ".debug_" in s.name]
    assert {s.name for s in elf_of(debug).iter_sections() if s.name.startswith(".debug_")} == {
        ".debug_abbrev", ".debug_info", ".debug_ranges", ".debug_line", ".debug_frame"}


# -- lines ----------------------------------------------------------------------

@pytest.mark.parametrize("tier, version", [(t, 4) for t in TIERS] + [("opt", 5)])
def test_c_lines_of_calls(ctrl_g, ctrl_g5, tier, version):
    """ctrl.c's calls of its imports, found by their relocations, are on their C lines
    (the module's DWARF 4 at every tier; DWARF 5 too)."""
    calls = calls_by_line(compile_elf(ctrl_g if version == 4 else ctrl_g5, tier=tier,
                                      debug=True))
    src = (EXAMPLE / "ctrl.c").read_text().splitlines()
    imports = {"sensor_read", "actuator_write", "ctrl_log"}
    for section, found in calls.items():
        for callee, line in found:
            if callee in imports:       # (not the trap exits' calls of synth_trap)
                assert callee in src[line - 1], (section, callee, line, src[line - 1])
    assert imports <= {c for c, _ in calls[".text.step"]}


@pytest.mark.parametrize("tier", TIERS)
def test_wat_lines_of_calls(call_wat, tier):
    calls = calls_by_line(compile_elf(call_wat, tier=tier, debug=True))
    assert calls[".text.f"] == [("note", CALL_LINE)]
    for seq in sequences(elf_of(compile_elf(call_wat, tier=tier, debug=True))):
        assert {st.line for st in seq} <= set(F_LINES)


def test_byte_offsets_without_dwarf():
    """The committed ctrl.wasm has no DWARF: a call's line is the byte offset of its
    wasm `call`."""
    path = EXAMPLE / "ctrl.wasm"
    module = load_module(str(path))
    nimp = module.num_imported_funcs
    names = {i: imp.name for i, imp in enumerate(module.imports)}
    wasm_calls: dict[str, set[int]] = {}
    for f in module.functions:
        for ins in f.body:
            if ins.op == "call" and ins.imm < nimp:
                wasm_calls.setdefault(names[ins.imm], set()).add(ins.offset)
    calls = calls_by_line(compile_elf(path, debug=True))
    assert calls
    for found in calls.values():
        for callee, line in found:
            if callee != "synth_trap":
                assert line in wasm_calls[callee], (callee, line)


def test_unreadable_dwarf_is_a_warning(tmp_path):
    """A module whose DWARF is damaged compiles, says so, and is described by offsets."""
    garbage = b"\x0b.debug_info" + b"\xff" * 40
    line = b"\x0b.debug_line" + b"\x07" * 30
    data = (EXAMPLE / "ctrl.wasm").read_bytes()
    for payload in (garbage, line):
        data += b"\x00" + bytes([len(payload)]) + payload
    p = tmp_path / "bad.wasm"
    p.write_bytes(data)
    result = compile_file(str(p), Options(debug=True))
    assert any("DWARF is unreadable" in w for w in result.compiled.warnings)
    assert calls_by_line(result.elf)


# -- frames ---------------------------------------------------------------------

HARD_FLOAT = dict(cpu="cortex-m7", float_abi="hard")     # vpush/vpop of s16-s31 too


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("fixture, opts", [
    ("calls.wat", {}), ("f64_ops.wat", {}), ("bulk.wat", {}), ("adversarial.wat", {}),
    ("f64_ops.wat", HARD_FLOAT), ("float_more.wat", HARD_FLOAT), ("tailcalls.wat", HARD_FLOAT)])
def test_cfa_depth_is_the_scanned_stack_depth(fixture, opts, tier):
    """Every function's deepest CFA offset is the stack depth arm/stackscan.py reads
    from the same code."""
    elf = elf_of(compile_elf(FIXTURES / fixture, tier=tier, debug=True, **opts))
    for sec in elf.iter_sections():
        if not sec.name.startswith(".text."):
            continue
        data = sec.data()
        mapping = _mapping(elf, sec)
        states = frame_states(data, mapping)
        assert max(s.depth for _, s in states) == stack_depth(data, mapping), sec.name


def _mapping(elf: ELFFile, sec) -> list[tuple[int, str]]:
    index = [s.name for s in elf.iter_sections()].index(sec.name)
    return sorted((s["st_value"], s.name[1:])
                  for s in elf.get_section_by_name(".symtab").iter_symbols()
                  if s.name in ("$t", "$d") and s["st_shndx"] == index)


# -- real tools -----------------------------------------------------------------

def dwarfdump_verify(path: Path) -> None:
    r = subprocess.run([DWARFDUMP, "--verify", str(path)], capture_output=True, text=True,
                       errors="replace", timeout=120)     # (names may be any bytes)
    assert r.returncode == 0 and "No errors." in r.stdout, r.stdout + r.stderr


@needs_dwarfdump
@pytest.mark.parametrize("which", ["c", "wat", "wasm"])
def test_dwarfdump_verifies_objects(ctrl_g, call_wat, tmp_path, which):
    src = {"c": ctrl_g, "wat": call_wat, "wasm": EXAMPLE / "ctrl.wasm"}[which]
    obj = tmp_path / "m.o"
    obj.write_bytes(compile_elf(src, debug=True))
    dwarfdump_verify(obj)


@pytest.fixture(scope="module")
def firmware_g(tmp_path_factory):
    """The firmware example built with `make DEBUG=1` (ctrl.c by clang -g, both
    modules by synth-cc -g); (build directory, environment)."""
    if any(shutil.which(t) is None for t in (GDB, QEMU, GCC, "clang", "make")):
        pytest.skip("needs gdb-multiarch, qemu-system-arm, arm-none-eabi-gcc, clang and make")
    base = tmp_path_factory.mktemp("fw")
    bindir = base / "bin"
    bindir.mkdir()
    wrapper = bindir / "synth-cc"
    wrapper.write_text('#!/bin/sh\nexec "%s" -m synth_toolchain.cc.driver "$@"\n' % sys.executable)
    wrapper.chmod(0o755)
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
               PYTHONPATH=f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    src = base / "src"
    shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("build"))
    r = subprocess.run(["make", "-j2", "DEBUG=1"], cwd=src, env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return src, src / "build" / "an386-g", env


def link(src: Path, build: Path, objs: list[Path], out: Path, gc: bool = True) -> Path:
    """The Makefile's link of the an386 image, from the given objects."""
    r = subprocess.run([GCC, "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft", "-nostartfiles",
                        *(["-Wl,--gc-sections"] if gc else []), f"-L{src}", "-T", "mps2-an386.ld",
                        *map(str, objs), "-lgcc", "-o", str(out)],
                       capture_output=True, text=True, cwd=build)
    assert r.returncode == 0, r.stderr
    return out


# the Makefile's CFLAGS for an386, and -fno-var-tracking: llvm-dwarfdump-14's verifier
# runs for minutes over the location lists gcc writes for -O2 code
C_FLAGS = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft", "-O2", "-g", "-std=c11",
           "-ffreestanding", "-ffunction-sections", "-fdata-sections", "-fno-var-tracking"]


@needs_dwarfdump
def test_dwarfdump_verifies_the_firmware(firmware_g, tmp_path):
    """The image of the DEBUG=1 build, its C files compiled again without location
    lists (C_FLAGS), linked without --gc-sections: the verifier of LLVM 14 takes
    the address 0 that a dropped function's DWARF gets for an overlap, gcc's too."""
    src, build, _ = firmware_g
    objs = []
    for c in ("startup", "semihost", "main"):
        objs.append(tmp_path / f"{c}.o")
        subprocess.run([GCC, *C_FLAGS, "-c", str(src / f"{c}.c"), "-o", str(objs[-1])],
                       check=True)
    objs += [build / "ctrl.o", build / "filter.o"]
    dwarfdump_verify(link(src, build, objs, tmp_path / "fw.elf", gc=False))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_session(elf: Path, commands: list[str]) -> str:
    """gdb-multiarch in batch mode against QEMU's gdbstub, the image halted at reset."""
    port = free_port()
    qemu = subprocess.Popen([QEMU, "-M", "mps2-an386", "-nographic", "-monitor", "none",
                             "-serial", "null", "-semihosting-config", "enable=on,target=native",
                             "-kernel", str(elf), "-gdb", f"tcp:127.0.0.1:{port}", "-S"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        args = [GDB, "-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off",
                "-ex", f"target remote 127.0.0.1:{port}"]
        for c in commands:
            args += ["-ex", c]
        r = subprocess.run(args + [str(elf)], capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        return r.stdout + r.stderr
    finally:
        qemu.kill()
        qemu.wait()


SESSION = ["break ctrl.c:61", "continue", "bt", "step", "bt", "finish", "finish", "bt 1"]


def check_session(out: str) -> None:
    """Stopped in step() at ctrl.c:61, called from main.c; `step` enters the import
    sensor_read (C, main.c) with the wasm frame between it and main.c; `finish`
    returns to step() at ctrl.c:61, the next `finish` to main.c."""
    traces: list[list[tuple[str, str, str]]] = []
    for num, func, file, line in re.findall(
            r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\w+) \(.*?\) at (\S+):(\d+)", out, re.M):
        if num == "0":
            traces.append([])
        traces[-1].append((func, file, line))
    assert len(traces) == 3, out
    first, stepped, last = traces
    assert first[0] == ("step", "ctrl.c", "61") and first[1][1] == "main.c", out
    assert [f[:2] for f in stepped[:3]] == [("sensor_read", "main.c"), ("step", "ctrl.c"),
                                            (first[1][0], "main.c")], out
    assert re.search(r"^0x[0-9a-f]+ in step \(\) at ctrl\.c:61$", out, re.M), out
    assert last[0][1] == "main.c", out


def test_gdb_breaks_steps_and_unwinds(firmware_g):
    _, build, _ = firmware_g
    check_session(gdb_session(build / "fw.elf", SESSION))


def test_gdb_backtrace_from_a_trap(firmware_g):
    """The deliberate divide by zero: synth_trap (main.c) called from the trap exit of
    gain_percent, a leaf function whose `bl` overwrote lr: the backtrace names it and
    ends there.  One breakpoint location: the modules' weak synth_trap has no DWARF."""
    _, build, _ = firmware_g
    out = gdb_session(build / "fw.elf", ["break synth_trap", "continue", "bt"])
    assert re.search(r"^Breakpoint 1 at 0x[0-9a-f]+: file main\.c", out, re.M), out
    frames = re.findall(r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\w+) \(.*?\) at (\S+):\d+", out, re.M)
    assert frames == [("0", "synth_trap", "main.c"), ("1", "gain_percent", "ctrl.c")], out
    assert "corrupt stack" not in out and "Internal error" not in out, out


@pytest.mark.slow
@pytest.mark.parametrize("tier", TIERS)
def test_gdb_at_every_tier(firmware_g, tier, tmp_path):
    """The session again with ctrl.wasm forced to each tier (3-5 s each; the line
    table of every tier is checked in the fast tests above)."""
    src, build, env = firmware_g
    obj = tmp_path / "ctrl.o"
    r = subprocess.run(["synth-cc", "-mcpu=cortex-m4", "-mthumb", "-g", "-msynth-prefix=ctrl_",
                        "-msynth-memory-size=16K", f"-msynth-tier={tier}", "-c",
                        str(build / "ctrl.wasm"), "-o", str(obj)], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    objs = [build / "startup.o", build / "semihost.o", build / "main.o", obj,
            build / "filter.o"]
    check_session(gdb_session(link(src, build, objs, tmp_path / "fw.elf"), SESSION))


def test_cache_keeps_debug_paths_apart(tmp_path, call_wat):
    """synth-cc's cache: a -g object names its input's path and directory, so the
    same module compiled from elsewhere is not a hit."""
    cache = tmp_path / "cache"
    names = []
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        shutil.copy(call_wat, tmp_path / d / "m.wat")
        r = subprocess.run([sys.executable, "-m", "synth_toolchain.cc.driver", "-c", "-g",
                            f"-fsynth-cache-dir={cache}", "m.wat"], cwd=tmp_path / d,
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        top = next(elf_of((tmp_path / d / "m.o").read_bytes()).get_dwarf_info().iter_CUs())
        names.append(top.get_top_DIE().attributes["DW_AT_comp_dir"].value.decode())
    assert names == [str(tmp_path / "a"), str(tmp_path / "b")]


# f32 values live across a call: with VFP arguments they stay in s16-s18 (vpush)
VFP_WAT = """\
(module
  (import "env" "tick" (func $tick))
  (func (export "g") (param f32 f32) (result f32)
    (local f32 f32)
    local.get 0
    local.get 1
    f32.mul
    local.set 2
    local.get 0
    local.get 1
    f32.sub
    local.set 3
    call $tick
    local.get 2
    local.get 3
    f32.div
    local.get 0
    f32.add))
"""


def test_frame_table_of_a_vpush(tmp_path):
    """.debug_frame as pyelftools decodes it: after `push {lr}; vpush {s16-s18}` the
    CFA is sp + 16 with lr and s16-s18 (DWARF 80-82) below it, at the call too;
    after `vpop` only lr is saved."""
    src = tmp_path / "vf.wat"
    src.write_text(VFP_WAT)
    data = compile_elf(src, debug=True, **HARD_FLOAT)
    elf = elf_of(data)
    code = elf.get_section_by_name(".text.g").data()
    assert code[:6] == bytes.fromhex("00b52ded038a")           # push {lr}; vpush {s16-s18}
    fde = elf.get_dwarf_info().CFI_entries()[1]
    rows = fde.get_decoded().table
    saved = [(r["pc"], r["cfa"].reg, r["cfa"].offset,
              {k: v.arg for k, v in r.items() if isinstance(k, int)}) for r in rows]
    assert saved[:3] == [
        (0, 13, 0, {}), (2, 13, 4, {14: -4}),
        (6, 13, 16, {14: -4, 80: -16, 81: -12, 82: -8})]
    vpop = code.index(bytes.fromhex("bdec038a"))
    assert saved[3] == (vpop + 4, 13, 4, {14: -4}) and len(saved) == 4


def test_leaf_trap_exit_loses_the_return_address(tmp_path):
    """A leaf function keeps its return address in lr; the `bl` of its trap exit
    overwrites it, so from that `bl` on the frame table says lr is undefined (and
    the body before it keeps the CIE's rule)."""
    src = tmp_path / "div.wat"
    src.write_text('(module (func (export "d") (param i32 i32) (result i32) '
                   'local.get 0 local.get 1 i32.div_u))')
    elf = elf_of(compile_elf(src, debug=True))
    code = elf.get_section_by_name(".text.d").data()
    bl = code.index(bytes.fromhex("fff7feff"))              # bl synth_trap (relocated)
    rows = elf.get_dwarf_info().CFI_entries()[1].get_decoded().table
    rules = [(r["pc"], r["cfa"].offset, r.get(14)) for r in rows]
    assert rules[0] == (0, 0, None)
    assert [(pc, off, rule.type) for pc, off, rule in rules[1:]] == [(bl, 0, "UNDEFINED")]


def _custom_sections(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of the payloads of the module's .debug_* custom sections."""
    spans, pos = [], 8
    while pos < len(data):
        sid, pos = data[pos], pos + 1
        size = shift = 0
        while True:
            b, pos = data[pos], pos + 1
            size |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        if sid == 0 and data[pos + 1:pos + 1 + data[pos]].startswith(b".debug_"):
            spans.append((pos + 1 + data[pos], pos + size))
        pos += size
    return spans


@needs_dwarfdump
@pytest.mark.parametrize("seed", range(4))
def test_damaged_dwarf_never_fails_the_compile(ctrl_g, tmp_path, seed):
    """Bytes of the module's DWARF changed at random: the compile succeeds (a warning
    when pyelftools cannot read it), and what it writes still verifies."""
    import random
    rng = random.Random(seed)
    data = ctrl_g.read_bytes()
    spans = _custom_sections(data)
    assert len(spans) >= 4
    for _ in range(10):
        damaged = bytearray(data)
        lo, hi = rng.choice(spans)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(lo, hi)] = rng.randrange(256)
        result = compile_file("m.wasm", Options(debug=True), data=bytes(damaged))
        (tmp_path / "m.o").write_bytes(result.elf)
        dwarfdump_verify(tmp_path / "m.o")
