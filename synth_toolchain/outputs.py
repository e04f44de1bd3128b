"""Write the outputs of one run as a group: all of them appear, or none does.

Shared by `synth compile` and `synth-cc` (object or listing, report, header,
remarks, dependency file).  Why a group and not one file at a time: a
compile that fails on its third output (say `--header nodir/h.h`) must not
leave the first two behind, or make thinks the target is up to date.

* Every output goes to a fresh temporary file in its target directory
  first, so a missing or unwritable directory fails before anything is
  renamed; then all are renamed into place.  On any failure (also
  KeyboardInterrupt) the temporaries are removed.  Errors name the user's
  path, never the temporary one.
* Temporaries are created with mode 0666 and the kernel applies the umask
  (and a default ACL), exactly as gcc's `fopen(…, "w")` does: 0644 under
  umask 022, 0600 under 077.  (mkstemp would force 0600.)
* An output path that is the same file as an input, or two outputs that
  are the same file, are refused before anything is written (gcc's
  "input file 'X' is the same as output file").
* `-` is standard output (binary).  An existing output that is not a
  regular file (`/dev/null`, a FIFO) is written in place, never replaced;
  both come after the regular files.  A symbolic link is written through.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys

STDIO = "-"


class OutputError(Exception):
    """A user error about output paths: one line, no location."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _identity(path: str):
    """What makes two paths the same file: (device, inode), else the real path.

    None for `-` and devices/FIFOs: `-o /dev/null -MF /dev/null` is fine."""
    if path == STDIO:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return ("path", os.path.realpath(path))
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return None
    return ("inode", st.st_dev, st.st_ino)


def check_distinct(inputs: list[str], outputs: list[tuple[str, str]]) -> None:
    """Refuse outputs that name an input or each other.

    `outputs` is [(path, what)], `what` naming the output in the message
    ("object", "report", …).  `-` (standard input/output) is never a file."""
    seen_in = {_identity(p): p for p in inputs}
    seen_in.pop(None, None)
    seen_out: dict = {}
    for path, what in outputs:
        ident = STDIO if path == STDIO else _identity(path)
        if ident is None:
            continue
        if ident in seen_in:
            raise OutputError(f"input file '{seen_in[ident]}' is the same as output file")
        if ident in seen_out:
            other_path, other_what = seen_out[ident]
            where = ("standard output" if path == STDIO
                     else f"'{path}'" if path == other_path
                     else f"'{other_path}' and '{path}'")
            raise OutputError(f"the {other_what} and the {what} are both written "
                              f"to {where}")
        seen_out[ident] = (path, what)


def default_report_path(obj_path: str) -> str:
    """The report beside its object: x.o -> x.synth.yaml."""
    stem, _ = os.path.splitext(obj_path)
    return stem + ".synth.yaml"


def names_a_file(path: str) -> bool:
    """Whether outputs may be named after `path`: not `-`, not a device or FIFO
    (`-o /dev/null` must not write /dev/null.synth.yaml)."""
    return _kind(path) in ("file", "dir")


def create_temp(directory: str, prefix: str = ".synth-") -> tuple[int, str]:
    """Open a new file in `directory` for writing, mode 0666 less the umask.

    Like `tempfile.mkstemp`, but honouring the umask, so the renamed file
    gets the mode any other compiler output gets (also used by the
    synth-cc cache)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        path = os.path.join(directory, f"{prefix}{secrets.token_hex(4)}.tmp")
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no unused temporary file name in {directory}")


def _reason(err: OSError) -> str:
    if isinstance(err, IsADirectoryError):
        return "Is a directory"
    return err.strerror or str(err)


def write_group(outputs: list[tuple[str, bytes]]) -> None:
    """Write every (path, data); all appear or none does (see module doc).

    Raises OutputError naming the user's path on failure."""
    files, special, to_stdout = [], [], []
    for path, data in outputs:
        kind = _kind(path)
        if kind == "dir":
            raise OutputError(f"cannot write '{path}': Is a directory")
        {"file": files, "special": special, "stdout": to_stdout}[kind].append((path, data))
    temps: list[str] = []
    placed: list[str] = []
    current = ""
    try:
        try:
            for path, data in files:
                current = path
                fd, tmp = create_temp(os.path.dirname(os.path.realpath(path)))
                temps.append(tmp)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
            for (path, _), tmp in zip(files, temps):
                current = path
                os.replace(tmp, os.path.realpath(path))
                placed.append(os.path.realpath(path))
            for path, data in special:
                current = path
                with open(path, "wb") as f:
                    f.write(data)
        except OSError as err:
            raise OutputError(f"cannot write '{current}': {_reason(err)}") from None
    except BaseException:
        for tmp in temps[len(placed):]:
            _remove(tmp)
        for path in placed:          # a later step failed: none may stay
            _remove(path)
        raise
    for _, data in to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _kind(path: str) -> str:
    """How `path` is written: "file" (temp + rename), "special", "stdout", "dir"."""
    if path == STDIO:
        return "stdout"
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "special"


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def read_input(path: str) -> bytes | None:
    """The bytes of standard input for `-`, else None (the loader opens files)."""
    if path != STDIO:
        return None
    from .wasm.loader import read_capped      # the same size limit as for files
    return read_capped(sys.stdin.buffer, "<stdin>")
