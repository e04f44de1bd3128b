"""A content-addressed cache of synth-cc results (`-fsynth-cache-dir=DIR`).

ccache does not cache WebAssembly inputs (it only knows C-family and
assembler sources), so synth-cc keeps its own: the key is a hash of the
compiler version, every option that reaches code generation, the output
kind and the input's bytes; the entry is the object (or listing) and the
report.  The report names its input file, so a hit rewrites that one field.
Entries are written atomically, so concurrent builds can share a directory.
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


def key(src_bytes: bytes, opts: Options, listing: bool) -> str:
    h = hashlib.sha256()
    h.update(json.dumps({"synth": __version__, "listing": listing,
                         "options": dataclasses.asdict(opts)}, sort_keys=True).encode())
    h.update(b"\0")
    h.update(src_bytes)
    return h.hexdigest()


def _paths(cache_dir: str, k: str) -> tuple[str, str]:
    d = os.path.join(cache_dir, k[:2])
    return os.path.join(d, k + ".o"), os.path.join(d, k + ".synth.yaml")


def lookup(cache_dir: str, k: str, src: str) -> tuple[bytes, bytes] | None:
    """(object, report for `src`) from the cache, or None."""
    obj_path, rep_path = _paths(cache_dir, k)
    try:
        with open(obj_path, "rb") as f:
            data = f.read()
        with open(rep_path, encoding="utf-8") as f:
            report = yaml.safe_load(f)
    except (OSError, yaml.YAMLError):
        return None
    if not isinstance(report, dict):
        return None
    report["input"] = src
    return data, dump_report(report).encode()


def store(cache_dir: str, k: str, data: bytes, report_yaml: str) -> None:
    """Add an entry; a cache that cannot be written is skipped silently."""
    obj_path, rep_path = _paths(cache_dir, k)
    try:
        os.makedirs(os.path.dirname(obj_path), exist_ok=True)
        for path, blob in ((rep_path, report_yaml.encode()), (obj_path, data)):
            fd, tmp = create_temp(os.path.dirname(path), prefix="")   # mode: the umask's
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, path)
    except OSError:
        pass
