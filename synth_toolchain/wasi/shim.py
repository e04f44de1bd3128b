"""Building the WASI shim (shim.c) for one module and joining it to the module's object.

synth-cc gives every object of a module that imports WASI its own copy of
the shim (`ld -r`), so the object links wherever it goes — with synth-cc,
gcc, SCons or CMake — and two modules with different prefixes each get one
bound to their own memory.  `synth run` links the same code (run/wasi_host.py).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence

from elftools.elf.elffile import ELFFile

from ..errors import SynthError
from ..target import gcc_cpu_option
from . import SHIM_SOURCE, SYMBOL_STEM

CFLAGS = ("-O2", "-std=c11", "-ffreestanding", "-ffunction-sections", "-fdata-sections")


def arch_flags(options) -> list[str]:
    """gcc's target options for the shim: those of the module's object, so they link."""
    flags = [gcc_cpu_option(options.cpu), "-mthumb", f"-mfloat-abi={options.float_abi}"]
    fpu = options.hw_fpu
    return flags + ([f"-mfpu={fpu.name}"] if fpu else [])


def imports_wasi(elf: bytes, prefix: str) -> bool:
    """Whether the object refers to P##synth_wasi_… without defining it."""
    stem = prefix + SYMBOL_STEM
    symtab = ELFFile(io.BytesIO(elf)).get_section_by_name(".symtab")
    return symtab is not None and any(
        s.name.startswith(stem) and s["st_shndx"] == "SHN_UNDEF" for s in symtab.iter_symbols())


def compile_command(gcc: str, arch: Sequence[str], prefix: str, source: str,
                    output: str) -> list[str]:
    """The gcc command that compiles the shim for the module with that prefix."""
    return [gcc, *arch, *CFLAGS, f"-DSYNTH_WASI_PREFIX={prefix}", "-c", source, "-o", output]


def _run(cmd: list[str], cwd: str, echo=None) -> None:
    if echo is not None:
        echo(cmd)
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    except OSError as err:
        raise SynthError(f"WASI shim: cannot run {cmd[0]}: {err.strerror}") from None
    if p.returncode != 0:
        lines = "; ".join(line.strip() for line in (p.stderr or p.stdout).splitlines()
                          if line.strip())
        raise SynthError(f"WASI shim: {os.path.basename(cmd[0])} failed: {lines}")


def compile_shim(gcc: str, arch: Sequence[str], prefix: str, workdir: str, echo=None) -> str:
    """Compile shim.c for the module with that prefix into `workdir`; the object's path.
    The source is copied in and named relatively, so the object is the same
    wherever the package is installed.  `echo(cmd)` sees each command first."""
    shutil.copyfile(SHIM_SOURCE, os.path.join(workdir, "synth_wasi.c"))
    _run(compile_command(gcc, arch, prefix, "synth_wasi.c", "synth_wasi.o"), workdir, echo)
    return os.path.join(workdir, "synth_wasi.o")


def with_shim(elf: bytes, gcc: str, arch: Sequence[str], prefix: str, echo=None) -> bytes:
    """The module's object joined with its shim into one relocatable object."""
    with tempfile.TemporaryDirectory(prefix="synth-wasi-") as tmp:
        with open(os.path.join(tmp, "module.o"), "wb") as f:
            f.write(elf)
        compile_shim(gcc, arch, prefix, tmp, echo)
        _run([gcc, *arch, "-nostdlib", "-r", "module.o", "synth_wasi.o", "-o", "joined.o"], tmp,
             echo)
        with open(os.path.join(tmp, "joined.o"), "rb") as f:
            return f.read()
