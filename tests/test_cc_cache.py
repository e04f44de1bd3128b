"""synth-cc's result cache (`-fsynth-cache-dir=DIR`, synth_toolchain/cc/cache.py):
a damaged entry is never served.  Each entry is one file whose header holds
the key and the sha256 of its payloads; a truncated, emptied, swapped or
bit-flipped entry is a miss that is recompiled and rewritten, with a note
under -v.  Entries honour the umask.

The compiles run in-process (driver.run), so these tests cost milliseconds."""

import os
import shutil

import pytest

from synth_toolchain.cc import cache
from synth_toolchain.cc.driver import run as synth_cc

pytestmark = pytest.mark.skipif(shutil.which("arm-none-eabi-gcc") is None,
                                reason="needs arm-none-eabi-gcc")

A_WAT = '(module (func (export "value") (result i32) (i32.const 7)))\n'
B_WAT = ('(module (memory 1) (func (export "twice") (param i32) (result i32)\n'
         '  (i32.add (local.get 0) (local.get 0))))\n')
ARCH = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft"]


@pytest.fixture
def proj(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.wat").write_text(A_WAT)
    (tmp_path / "b.wat").write_text(B_WAT)
    return tmp_path


def compile_(proj, src, out, capsys, cached=True):
    """synth-cc -v -c src -o out [-fsynth-cache-dir=cache]; (object bytes, stderr)."""
    flags = [*ARCH, "-v", "-c", src, "-o", out]
    if cached:
        flags.append(f"-fsynth-cache-dir={proj / 'cache'}")
    capsys.readouterr()
    assert synth_cc(flags) == 0
    return (proj / out).read_bytes(), capsys.readouterr().err


def entries(proj):
    return sorted(p for p in (proj / "cache").rglob("*") if p.is_file())


def entry_of(proj, src, capsys):
    """Compile `src` into an empty part of the cache; the one new entry file."""
    before = set(entries(proj)) if (proj / "cache").exists() else set()
    compile_(proj, src, "x.o", capsys)
    new = set(entries(proj)) - before
    assert len(new) == 1, new
    return new.pop()


def _truncate(path, other):
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def _empty(path, other):
    path.write_bytes(b"")


def _flip(path, other):
    data = bytearray(path.read_bytes())
    data[-len(data) // 3] ^= 0x01           # inside the payload, past the header
    path.write_bytes(bytes(data))


def _swap(path, other):
    a, b = path.read_bytes(), other.read_bytes()
    path.write_bytes(b)
    other.write_bytes(a)


@pytest.mark.parametrize("damage", [_truncate, _empty, _flip, _swap],
                         ids=["truncated", "empty", "flipped-byte", "swapped"])
def test_damaged_entry_is_recompiled_and_repaired(proj, capsys, damage):
    want_a, _ = compile_(proj, "a.wat", "fresh-a.o", capsys, cached=False)
    want_b, _ = compile_(proj, "b.wat", "fresh-b.o", capsys, cached=False)
    entry_a = entry_of(proj, "a.wat", capsys)
    entry_b = entry_of(proj, "b.wat", capsys)
    good_a = entry_a.read_bytes()
    damage(entry_a, entry_b)

    got, err = compile_(proj, "a.wat", "a.o", capsys)
    assert got == want_a                    # never the damaged or the other module's bytes
    assert "result from the cache" not in err
    assert f"synth-cc: note: cache entry {entry_a} is corrupt (" in err
    assert "); recompiled" in err
    assert entry_a.read_bytes() == good_a   # repaired in place
    again, err = compile_(proj, "a.wat", "a2.o", capsys)
    assert again == want_a and "result from the cache" in err and "corrupt" not in err
    if damage is _swap:                     # the other entry is caught the same way
        got, err = compile_(proj, "b.wat", "b.o", capsys)
        assert got == want_b and "corrupt" in err


def test_corruption_note_only_under_verbose(proj, capsys):
    entry = entry_of(proj, "a.wat", capsys)
    entry.write_bytes(b"")
    capsys.readouterr()
    assert synth_cc([*ARCH, "-c", "a.wat", "-o", "a.o", f"-fsynth-cache-dir={proj / 'cache'}"]) == 0
    assert capsys.readouterr().err == ""
    assert entry.stat().st_size > 0


def test_missing_entry_is_a_plain_miss(proj, capsys):
    _, err = compile_(proj, "a.wat", "a.o", capsys)
    assert "corrupt" not in err and "from the cache" not in err


def test_entry_format_checks_key_and_digests(tmp_path):
    blob = cache.encode("ab" * 32, b"\x7fELF object", b"report: yes\n")
    assert cache.decode("ab" * 32, blob) == (b"\x7fELF object", b"report: yes\n")
    with pytest.raises(cache.CorruptEntry, match="another key"):
        cache.decode("cd" * 32, blob)
    with pytest.raises(cache.CorruptEntry, match="truncated"):
        cache.decode("ab" * 32, blob[:-1])
    with pytest.raises(cache.CorruptEntry, match="trailing"):
        cache.decode("ab" * 32, blob + b"x")
    with pytest.raises(cache.CorruptEntry, match="digest mismatch"):
        cache.decode("ab" * 32, blob[:-2] + b"X\n")
    with pytest.raises(cache.CorruptEntry, match="empty"):
        cache.decode("ab" * 32, b"")
    with pytest.raises(cache.CorruptEntry, match="not a synth-cc cache entry"):
        cache.decode("ab" * 32, b"\x7fELF" + blob)
    with pytest.raises(cache.CorruptEntry, match="bad header"):
        cache.decode("ab" * 32, cache.MAGIC + b"{}\n")


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_entries_honour_the_umask(proj, capsys, umask, mode):
    old = os.umask(umask)
    try:
        entry = entry_of(proj, "a.wat", capsys)
    finally:
        os.umask(old)
    assert entry.stat().st_mode & 0o777 == mode
    assert entry.parent.stat().st_mode & 0o777 == 0o777 & ~umask
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]     # no temporary left


def test_cache_dir_that_is_a_file_is_skipped(proj, capsys):
    (proj / "cache").write_text("not a directory")
    want, _ = compile_(proj, "a.wat", "fresh.o", capsys, cached=False)
    got, err = compile_(proj, "a.wat", "a.o", capsys)
    assert got == want and "corrupt" not in err
    assert f"synth-cc: note: cannot write to the cache {proj / 'cache'} (" in err
