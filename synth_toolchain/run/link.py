"""Link relocatable objects into an executable for the emulator.

Uses the real GNU toolchain (`arm-none-eabi-gcc` as the driver, so that the
right multilib of libgcc is picked) with `emu.ld` and the harness object
built from `harness.S`.  Imported functions get a `bx lr` stub each, whose
address the emulator hooks to run a Python implementation.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import SynthError
from ..target import gcc_cpu_option

HERE = Path(__file__).resolve().parent
HARNESS_S = HERE / "harness.S"
LINKER_SCRIPT = HERE / "emu.ld"

GCC = os.environ.get("SYNTH_ARM_GCC", "arm-none-eabi-gcc")

FLASH_BASE = 0x00000000
FLASH_SIZE = 1 << 20
RAM_BASE = 0x20000000
RAM_SIZE = 64 << 20


def _quote_symbol(name: str) -> str:
    if not name or '"' in name or "\\" in name or "\n" in name:
        raise SynthError(f"cannot create an import stub for symbol {name!r}")
    return '"' + name + '"'


def import_stubs_source(imports: Iterable[str]) -> str:
    """Assembly for one `bx lr` Thumb function per imported symbol."""
    lines = ["        .syntax unified", "        .thumb", "        .text"]
    seen: set[str] = set()
    for name in imports:
        if name in seen:
            continue
        seen.add(name)
        q = _quote_symbol(name)
        lines += [
            f"        .section .text.synth_import.{len(seen)}, \"ax\", %progbits",
            "        .align  2",
            f"        .global {q}",
            f"        .type   {q}, %function",
            "        .thumb_func",
            f"{q}:",
            "        bx      lr",
            f"        .size   {q}, . - {q}",
        ]
    lines.append('        .section .note.GNU-stack, "", %progbits')
    return "\n".join(lines) + "\n"


EMULATOR_RAM = 64 << 20        # emu.ld's RAM region


class LinkError(SynthError):
    """A GNU tool failed; `kind` is "ram-overflow" (the image does not fit
    emu.ld's RAM region) or "failed" (anything else, the tool's lines joined)."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


def tool_error(what: str, output: str) -> LinkError:
    """The one place that reads the text of a GNU tool's failure here: ld
    reports a full region only as text (`region `RAM' overflowed by N bytes`)."""
    if "region `RAM' overflowed" in output:
        return LinkError("the module's memory, tables and data need more than the "
                         f"emulator's {EMULATOR_RAM >> 20} MiB of RAM (reserve less with "
                         "--memory-size / --table-size)", "ram-overflow")
    # one line, as every diagnostic (the tool's lines joined)
    return LinkError(f"{what} failed: " + "; ".join(
        line.strip() for line in output.splitlines() if line.strip()), "failed")


@functools.lru_cache(maxsize=None)
def linker_supports(option: str) -> bool:
    """Whether the linker behind GCC lists `option` in its `--help` (binutils
    before 2.39 has no --no-warn-rwx-segments)."""
    try:
        proc = subprocess.run([GCC, "-Wl,--help"], capture_output=True, text=True)
    except FileNotFoundError:
        return False            # the link itself then reports the missing tool
    return option in proc.stdout


def _run(cmd: Sequence[str], cwd: str, what: str) -> None:
    try:
        proc = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        raise SynthError(f"{what}: {cmd[0]} not found (install the GNU Arm toolchain)") from None
    if proc.returncode != 0:
        raise tool_error(what, (proc.stderr or proc.stdout).strip())


def link_executable(objects: list[str], output: str, *, cpu: str = "cortex-m4",
                    extra_sources: Sequence[str] = (), imports: Sequence[str] = (),
                    libs: Sequence[str] = ("gcc",), float_abi: str = "soft",
                    fpu: str | None = None,
                    gc_sections: bool = False, extra_flags: Sequence[str] = ()) -> str:
    """Link `objects` (+ `extra_sources`: .c/.S/.s/.o/.a files compiled by the
    same driver) with the harness into the ELF executable `output`.

    `imports` are symbol names that get a stub each (for host functions).
    Returns the path of the executable.  Raises SynthError with the tool's
    message on failure.
    """
    out = Path(output).resolve()
    objs = [str(Path(o).resolve()) for o in objects]
    extras = [str(Path(e).resolve()) for e in extra_sources]
    for p in objs + extras:
        if not os.path.exists(p):
            raise SynthError(f"link: no such file: {p}")
    arch = [gcc_cpu_option(cpu), "-mthumb", f"-mfloat-abi={float_abi}"]
    if float_abi != "soft" and fpu:
        arch.append(f"-mfpu={fpu}")
    with tempfile.TemporaryDirectory(prefix="synth-link-") as tmp:
        # Relative names inside the temp dir keep the output deterministic
        # (the assembler records the source name in an STT_FILE symbol).
        shutil.copyfile(HARNESS_S, os.path.join(tmp, "harness.S"))
        shutil.copyfile(LINKER_SCRIPT, os.path.join(tmp, "emu.ld"))
        _run([GCC, *arch, "-c", "harness.S", "-o", "harness.o"], tmp, "assembling harness.S")
        inputs = ["harness.o"]
        if imports:
            with open(os.path.join(tmp, "imports.S"), "w") as f:
                f.write(import_stubs_source(imports))
            _run([GCC, *arch, "-c", "imports.S", "-o", "imports.o"], tmp,
                 "assembling import stubs")
            inputs.append("imports.o")
        cmd = [GCC, *arch, "-nostartfiles", "-nostdlib", "-T", "emu.ld"]
        if linker_supports("--no-warn-rwx-segments"):
            cmd.append("-Wl,--no-warn-rwx-segments")
        cmd += extra_flags
        if gc_sections:
            cmd.append("-Wl,--gc-sections")
        cmd += [*inputs, *objs, *extras, *(f"-l{lib}" for lib in libs), "-o", "a.out"]
        _run(cmd, tmp, "link")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(os.path.join(tmp, "a.out"), out)
    return str(out)
