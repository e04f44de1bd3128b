"""C to a wasm32 module with clang, the same bytes whatever else is installed.

When it links for wasm with optimisation on, clang's driver runs binaryen's
`wasm-opt` over the module if it finds one (clang 14 looks next to itself,
then on PATH, and has no option to turn that off; `--no-wasm-opt` came in a
later release), so the module would depend on whether binaryen happens to be
installed.  Here every source is compiled with `clang -c` and the objects are
linked with the `wasm-ld` that clang itself would use: no post-link
optimiser ever runs (`POST_LINK_OPTIMISER`).  The tests and the benchmark
(bench/build.py) build their modules through this one helper.  `wasi=True`
builds a WASI command against wasi-libc, with the crt1, libc and compiler-rt
the driver would link (`wasi_link_inputs`).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence

POST_LINK_OPTIMISER = "none"     # recorded by the benchmark next to the tool versions
TARGET = "--target=wasm32"
WASI_TARGET = "--target=wasm32-wasi"


class ClangWasmError(Exception):
    """A step failed; the message holds the command and its output."""


@functools.lru_cache(maxsize=None)
def wasm_ld_for(clang: str = "clang") -> str:
    """The wasm-ld that `clang` would link with (same LLVM release)."""
    try:
        p = subprocess.run([clang, TARGET, "-print-prog-name=wasm-ld"],
                           capture_output=True, text=True)
        name = p.stdout.strip() if p.returncode == 0 else ""
    except OSError:
        name = ""
    if name and os.path.isabs(name) and os.access(name, os.X_OK):
        return name
    return shutil.which("wasm-ld") or "wasm-ld"


def _print(clang: str, query: str) -> str:
    """What `clang --target=wasm32-wasi -print-…` answers (a path), or ''."""
    try:
        p = subprocess.run([clang, WASI_TARGET, query], capture_output=True, text=True)
    except OSError:
        return ""
    return p.stdout.strip() if p.returncode == 0 else ""


@functools.lru_cache(maxsize=None)
def wasi_link_inputs(clang: str = "clang") -> tuple[list[str], list[str]]:
    """(inputs before the objects, inputs after them) with which clang's driver
    links a WASI command: the sysroot's crt1-command.o, then `-lc` and
    compiler-rt's builtins (Debian: packages wasi-libc, libclang-rt-14-dev-wasm32).
    ClangWasmError if the sysroot is not installed."""
    crt1 = _print(clang, "-print-file-name=crt1-command.o")
    builtins = _print(clang, "-print-libgcc-file-name")
    if not os.path.isabs(crt1) or not os.path.exists(crt1) or not os.path.exists(builtins):
        raise ClangWasmError(f"{clang} {WASI_TARGET} finds no wasi-libc sysroot (crt1-command.o) "
                             "or compiler-rt builtins: install wasi-libc and "
                             "libclang-rt-14-dev-wasm32")
    return [f"-L{os.path.dirname(crt1)}", crt1], ["-lc", builtins]


def commands(sources: Sequence[str | os.PathLike], out: str | os.PathLike, objdir: str,
             cflags: Sequence[str] = (), ldflags: Sequence[str] = (),
             clang: str = "clang", wasi: bool = False) -> list[list[str]]:
    """The compile commands (one per source, objects in `objdir`) and the link.

    `cflags` are clang's (`-O2`, `-I…`, …; no `-Wl,`), `ldflags` wasm-ld's
    own (`--no-entry`, `--export=f`, `-z stack-size=N`, …).  `wasi`: a WASI
    command against wasi-libc (`--target=wasm32-wasi`, linked as clang's
    driver links it, `_start` its entry)."""
    target = WASI_TARGET if wasi else TARGET
    before, after = wasi_link_inputs(clang) if wasi else ([], [])
    cmds: list[list[str]] = []
    objs: list[str] = []
    for i, src in enumerate(sources):
        stem = os.path.splitext(os.path.basename(os.fspath(src)))[0]
        obj = os.path.join(objdir, f"{i}-{stem}.o")
        cmds.append([clang, target, *cflags, "-c", os.fspath(src), "-o", obj])
        objs.append(obj)
    cmds.append([wasm_ld_for(clang), "-m", "wasm32", *ldflags, *before, *objs, *after,
                 "-o", os.fspath(out)])
    return cmds


def build(sources: Sequence[str | os.PathLike], out: str | os.PathLike,
          cflags: Sequence[str] = (), ldflags: Sequence[str] = (), clang: str = "clang",
          env: dict[str, str] | None = None, wasi: bool = False) -> None:
    """Compile and link `sources` into the module `out`; ClangWasmError on failure."""
    with tempfile.TemporaryDirectory(prefix="synth-clang-wasm-") as objdir:
        for cmd in commands(sources, out, objdir, cflags, ldflags, clang, wasi):
            try:
                p = subprocess.run(cmd, capture_output=True, text=True, env=env)
            except OSError as err:
                raise ClangWasmError(f"{cmd[0]}: {err.strerror}") from None
            if p.returncode != 0:
                raise ClangWasmError(f"{' '.join(cmd)}\n{p.stdout}{p.stderr}".rstrip())
