"""Finding benchmark kernels.

The convention (docs/benchmarks.md): a kernel is a directory whose C files
together define `uint32_t benchmark(void)`, freestanding (no libc), which
returns a checksum of its work.  An optional file `expected` in the
directory holds the checksum in hex; when present every variant must match
it, otherwise they only have to agree with each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

KERNELS_DIR = Path(__file__).resolve().parent / "kernels"
_ENTRY = re.compile(r"\buint32_t\s+benchmark\s*\(\s*void\s*\)\s*\{")


@dataclass(frozen=True, slots=True)
class Kernel:
    name: str
    path: Path
    sources: tuple[Path, ...]
    expected: int | None


def is_kernel_dir(path: Path) -> bool:
    return path.is_dir() and any(_ENTRY.search(c.read_text(errors="replace"))
                                 for c in path.glob("*.c"))


def load_kernel(path: Path) -> Kernel:
    path = path.resolve()
    if not is_kernel_dir(path):
        raise ValueError(f"{path}: no C file there defines `uint32_t benchmark(void)`")
    expected = None
    exp_file = path / "expected"
    if exp_file.exists():
        expected = int(exp_file.read_text().split()[0], 16)
    return Kernel(path.name, path, tuple(sorted(path.glob("*.c"))), expected)


def discover(root: Path = KERNELS_DIR) -> list[Kernel]:
    """Every kernel directory directly below `root` (or `root` itself)."""
    root = Path(root)
    if is_kernel_dir(root):
        return [load_kernel(root)]
    return [load_kernel(d) for d in sorted(root.iterdir()) if is_kernel_dir(d)]


def resolve(spec: str) -> list[Kernel]:
    """A kernel name from bench/kernels, a kernel directory, or a suite directory."""
    path = Path(spec)
    if not path.exists() and (KERNELS_DIR / spec).is_dir():
        path = KERNELS_DIR / spec
    if not path.exists():
        known = ", ".join(k.name for k in discover())
        raise ValueError(f"no kernel {spec!r} (a directory, or one of: {known})")
    kernels = discover(path)
    if not kernels:
        raise ValueError(f"{spec}: neither a kernel directory nor a directory of kernels")
    return kernels
