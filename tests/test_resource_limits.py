"""Huge declarations and huge inputs: small objects or one-line errors, never a
memory blow-up or a MemoryError ICE.

Null table entries live in zero-initialised storage (.bss); reservations that
no Cortex-M RAM region can hold, or that exceed the SRAM region without the
flag that sizes them, are errors; inputs beyond synth's size limit are refused
before they are read.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from elftools.elf.elffile import ELFFile

from tests.difftest import check_module

LIMIT_AS = 1 << 30          # the compiler's own address space in these tests


def _leb(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def _table_module(entries: int) -> bytes:
    """(module (table <entries> funcref)) as a binary."""
    body = b"\x01\x70\x00" + _leb(entries)
    return b"\0asm\x01\0\0\0\x04" + _leb(len(body)) + body


def _limit_memory():
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))


def synth(*args, limit=True):
    return subprocess.run([sys.executable, "-m", "synth_toolchain.cli", *args],
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=_limit_memory if limit else None)


def _one_line_error(r, prefix: str) -> str:
    assert r.returncode == 1, r.stderr
    lines = r.stderr.strip().splitlines()
    # a location (LINE:COL of text, 0xOFFSET of a binary) may follow the file name
    where = re.escape(prefix) + r"(:\d+:\d+|:0x[0-9a-f]+)?: error: "
    assert len(lines) == 1 and re.match(where, lines[0]), r.stderr
    return lines[0]


def _sections(obj: bytes) -> dict[str, tuple[str, int]]:
    elf = ELFFile(io.BytesIO(obj))
    return {s.name: (s["sh_type"], s["sh_size"]) for s in elf.iter_sections()}


def test_100m_null_entries_make_a_small_object(tmp_path):
    """The 17-byte module of a 100,000,000-entry table: 400 MB of RAM reserved
    in .bss (it fits the 0.5 GiB SRAM region), not 400 MB of zeros in the object."""
    src, out = tmp_path / "t.wasm", tmp_path / "t.o"
    src.write_bytes(_table_module(100_000_000))
    assert len(src.read_bytes()) == 17
    r = synth("compile", str(src), "-o", str(out), "--no-report")
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size < 2048
    assert _sections(out.read_bytes())[".bss.synth_table0"] == ("SHT_NOBITS", 8 + 400_000_000)


MOSTLY_NULL = """
(module
  (type $t (func (result i32)))
  (table $tab (export "tab") 100000 100500 funcref)
  (func $a (result i32) i32.const 11)
  (func $b (result i32) i32.const 22)
  (func $c (result i32) i32.const 33)
  (elem (i32.const 0) $a $b)
  (elem (i32.const 60) $c)
  (elem (i32.const 99998) $b $a)
  (func (export "call") (param i32) (result i32) local.get 0 call_indirect (type $t))
  (func (export "size") (result i32) table.size $tab)
  (func (export "grow") (param i32) (result i32) ref.null func local.get 0 table.grow $tab))
"""


def test_mostly_null_table_is_nobits_and_behaves():
    """100,000 entries, five known: .bss plus two small .rodata runs (0..60 is one
    run, 99998.. another), same results as wasmtime."""
    calls = [("call", (k,)) for k in (0, 1, 2, 59, 60, 61, 5000, 99997, 99998, 99999, 100000)]
    calls += [("size", ()), ("grow", (400)), ("size", ()), ("call", (100399,)),
              ("grow", (101)), ("grow", (100)), ("size", ())]
    calls = [(n, a if isinstance(a, tuple) else (a,)) for n, a in calls]
    results = check_module(MOSTLY_NULL, calls, tiers=("baseline",),
                           options_extra={"table_size": 100500})
    obj = results["baseline"].elf
    assert len(obj) < 8192
    secs = _sections(obj)
    assert secs[".bss.synth_table0"] == ("SHT_NOBITS", 8 + 4 * 100500)
    assert secs[".rodata.synth_table0_init0"] == ("SHT_PROGBITS", 4 * 61)
    assert secs[".rodata.synth_table0_init1"] == ("SHT_PROGBITS", 4 * 2)


@pytest.mark.parametrize("wat,flag,ok_with", [
    ("(module (memory 9000))", "--memory-size", "--memory-size=589824000"),
    ("(module (table 150000000 funcref))", "--table-size", "--table-size=150000000"),
    ("(module (table 100000000 funcref) (table 50000000 externref))", "--table-size",
     "--table-size=100000000"),
])
def test_reservation_beyond_the_sram_region_needs_its_flag(tmp_path, wat, flag, ok_with):
    """More than the 0.5 GiB SRAM region by default: an error naming the flag; with the
    flag it is the user's choice (up to the 1 GiB external RAM region), in .bss."""
    src, out = tmp_path / "big.wat", tmp_path / "big.o"
    src.write_text(wat)
    line = _one_line_error(synth("compile", str(src), "-o", str(out), "--no-report"), str(src))
    assert flag in line and "0.5 GiB" in line
    assert not out.exists()
    r = synth("compile", str(src), "-o", str(out), "--no-report", ok_with)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size < 4096


def test_table_size_below_the_declared_size_does_not_count(tmp_path):
    src = tmp_path / "big.wat"
    src.write_text("(module (table 150000000 funcref))")
    r = synth("compile", str(src), "-o", str(tmp_path / "o.o"), "--table-size=1")
    assert "--table-size" in _one_line_error(r, str(src))


def test_dev_zero_is_refused():
    r = synth("compile", "/dev/zero", "-o", "/dev/null")
    assert "larger than 256 MiB" in _one_line_error(r, "/dev/zero")


def test_huge_file_is_refused_before_reading(tmp_path):
    src = tmp_path / "huge.wasm"
    with open(src, "wb") as f:
        f.write(b"\0asm\x01\0\0\0")
        f.truncate(300 << 20)            # sparse: no disk space used
    r = synth("compile", str(src), "-o", str(tmp_path / "huge.o"))
    assert "larger than 256 MiB" in _one_line_error(r, str(src))
    assert not (tmp_path / "huge.o").exists()


def test_endless_stdin_is_refused(tmp_path):
    with open("/dev/zero", "rb") as zero:
        r = subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile", "-",
                            "-o", str(tmp_path / "x.o")], stdin=zero, capture_output=True,
                           text=True, timeout=120, preexec_fn=_limit_memory)
    assert "larger than 256 MiB" in _one_line_error(r, "<stdin>")
    assert not (tmp_path / "x.o").exists()


def test_endless_wast_script_is_a_failure_not_a_hang():
    r = synth("wast", "/dev/zero")
    assert r.returncode == 1, r.stderr
    assert "larger than 256 MiB" in _one_line_error(r, "/dev/zero")
    assert r.stdout == "0 passed, 1 failed\n"
