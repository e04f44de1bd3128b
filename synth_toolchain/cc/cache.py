"""A content-addressed cache of synth-cc results (`-fsynth-cache-dir=DIR`).

ccache does not cache WebAssembly inputs (it only knows C-family and
assembler sources), so synth-cc keeps its own: the key is a hash of the
compiler version, every option that reaches code generation, the output
kind and the input's bytes.  The report names its input file, so a hit
rewrites that one field.

An entry is ONE file, `DIR/<k[:2]>/<k>.entry`, so its object and report
cannot get out of step:

    synth-cc-cache 1\\n
    {"key": k, "object": [size, sha256], "report": [size, sha256]}\\n
    <object bytes><report bytes>

Every hit checks the magic, the key (an entry copied or renamed onto another
key's path is caught), the sizes and both digests; anything else raises
`CorruptEntry`, which the driver treats as a miss and repairs by writing the
recompiled result over it.  Entries are written to a unique temporary file
created with mode 0666 (so the umask applies, as for any output) and renamed
into place, so concurrent builds sharing a directory, even writing the same
entry, only ever see whole entries.  A cache that cannot be written is
skipped silently: it is an optimisation, never a reason to fail a build.
The digests catch damage (a crash, a full disk, a bad copy, a mix-up), not
forgery: whoever may write the directory decides what it serves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os

import yaml

from .. import __version__
from ..options import Options
from ..outputs import create_temp
from ..report import dump_report

MAGIC = b"synth-cc-cache 1\n"
_PAYLOADS = ("object", "report")


class CorruptEntry(Exception):
    """An entry that exists but fails its checks; `reason` says which."""

    def __init__(self, reason: str, path: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.path = path


def key(src_bytes: bytes, opts: Options, listing: bool, where: tuple[str, ...] = ()) -> str:
    """`where`: what else the object records (with -g, the DWARF names the input's
    path and the working directory, so those are part of the key, as for ccache)."""
    h = hashlib.sha256()
    h.update(json.dumps({"synth": __version__, "listing": listing,
                         "options": dataclasses.asdict(opts)}, sort_keys=True).encode())
    if where:
        h.update(json.dumps(list(where)).encode())
    h.update(b"\0")
    h.update(src_bytes)
    return h.hexdigest()


def entry_path(cache_dir: str, k: str) -> str:
    return os.path.join(cache_dir, k[:2], k + ".entry")


def _sha256(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def encode(k: str, data: bytes, report: bytes) -> bytes:
    """The entry file's bytes for `data` (object or listing) and `report`."""
    header = {"key": k, "object": [len(data), _sha256(data)],
              "report": [len(report), _sha256(report)]}
    return MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + data + report


def decode(k: str, blob: bytes) -> tuple[bytes, bytes]:
    """(object, report) of an entry for key `k`, or CorruptEntry."""
    if not blob.startswith(MAGIC):
        raise CorruptEntry("not a synth-cc cache entry" if blob else "empty")
    end = blob.find(b"\n", len(MAGIC))
    try:
        if end < 0:
            raise ValueError
        header = json.loads(blob[len(MAGIC):end])
        sizes = [int(header[p][0]) for p in _PAYLOADS]
        digests = [str(header[p][1]) for p in _PAYLOADS]
        entry_key = header["key"]
    except (ValueError, KeyError, TypeError, IndexError):
        raise CorruptEntry("truncated header" if end < 0 else "bad header") from None
    if entry_key != k:
        raise CorruptEntry("entry for another key")
    body = blob[end + 1:]
    if len(body) < sum(sizes) or min(sizes) < 0:
        raise CorruptEntry("truncated")
    if len(body) > sum(sizes):
        raise CorruptEntry("trailing data")
    data, report = body[:sizes[0]], body[sizes[0]:]
    if _sha256(data) != digests[0] or _sha256(report) != digests[1]:
        raise CorruptEntry("digest mismatch")
    return data, report


def lookup(cache_dir: str, k: str, src: str) -> tuple[bytes, bytes] | None:
    """(object, report for `src`) from the cache, None if there is no entry,
    CorruptEntry (with its path) if there is a bad one."""
    path = entry_path(cache_dir, k)
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as err:
        raise CorruptEntry(f"unreadable: {err.strerror}", path) from None
    try:
        data, report_yaml = decode(k, blob)
        report = yaml.safe_load(report_yaml.decode("utf-8"))
        if not isinstance(report, dict):
            raise CorruptEntry("bad report")
    except CorruptEntry as err:
        err.path = path
        raise
    except (UnicodeDecodeError, yaml.YAMLError):
        raise CorruptEntry("bad report", path) from None
    report["input"] = src
    return data, dump_report(report).encode()


def store(cache_dir: str, k: str, data: bytes, report_yaml: str) -> str | None:
    """Add (or replace) an entry atomically.  A cache that cannot be written is
    skipped (the build goes on): the reason is returned for `-v`, else None."""
    path = entry_path(cache_dir, k)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = create_temp(os.path.dirname(path), prefix=f".{k}.")    # mode: the umask's
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(encode(k, data, report_yaml.encode()))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as err:
        return err.strerror or str(err)
    return None


def discard(path: str) -> None:
    """Remove a bad entry that is not being rewritten."""
    try:
        os.unlink(path)
    except OSError:
        pass
