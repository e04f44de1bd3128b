"""Error types.

`SynthError` is the only exception the CLI turns into a one-line diagnostic;
everything else is a bug.  `TierFailure` is internal: a tier may raise it to
hand the function to the next tier of the ladder (see `tiers.py`).
"""

from __future__ import annotations


class SynthError(Exception):
    """A user-facing error with an optional source location."""

    def __init__(self, message: str, *, path: str | None = None,
                 offset: int | None = None, line: int | None = None,
                 col: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.offset = offset
        self.line = line
        self.col = col

    def format(self) -> str:
        """`path:0xOFFSET: error: message` (binary) or `path:L:C: error: …` (text)."""
        where = self.path or "synth"
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        elif self.offset is not None:
            where += f":0x{self.offset:x}"
        return f"{where}: error: {self.message}"

    def __str__(self) -> str:
        return self.format()


class WasmDecodeError(SynthError):
    """The input is not a well-formed WebAssembly binary (spec: malformed)."""


class TruncatedInput(WasmDecodeError):
    """The binary, a section or a function body ends before the thing being read.

    A type of its own so that a caller can tell running out of bytes from
    other malformations without reading the message."""


class WasmValidationError(SynthError):
    """The module is well formed but fails validation (spec: invalid)."""


class UnsupportedError(SynthError):
    """Valid WebAssembly that this compiler cannot express (e.g. SIMD)."""


class IRParseError(SynthError):
    """The text form of the IR (ir/parser.py) is malformed at `line`:`col`."""

    def __init__(self, message: str, line: int, col: int):
        super().__init__(message, line=line, col=col)

    def format(self) -> str:
        """`LINE:COL: error: message` (`path:LINE:COL: …` once a path is known)."""
        where = f"{self.path}:" if self.path else ""
        return f"{where}{self.line}:{self.col}: error: {self.message}"


class TierFailure(Exception):
    """A recoverable failure inside one compilation tier.

    Raised for register exhaustion, encoding ranges, or patterns a tier does
    not handle.  The ladder catches only this type and records `reason`.
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class EncodingError(TierFailure):
    """An instruction operand does not fit any encoding (e.g. offset range)."""


# exit status of a compiler defect, as gcc's for an internal compiler error
ICE_STATUS = 4

# exit status of `synth run` when the export (or the module's init) trapped: scripts
# tell it from success (0) and from errors (1)
TRAP_STATUS = 3


def internal_error_line(prog: str, err: BaseException) -> str:
    """One line for a defect of the compiler itself (not of the input)."""
    return (f"{prog}: internal compiler error: {type(err).__name__}: {err} "
            "(please report this with the input)")
