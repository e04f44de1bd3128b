"""WebAssembly text format -> binary, through the `wasmtime` package."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SynthError

_LOC = re.compile(r"-->\s*.*?:(\d+):(\d+)")


@dataclass(frozen=True)
class WatError:
    """wasmtime's text-format error as fields: `kind` is "confusing-unicode" (a
    character wasmtime refuses, see `escape_confusables`) or "syntax"."""
    kind: str
    line: int | None
    col: int | None
    message: str


def read_wasmtime_error(raw: str) -> WatError:
    """The one place that reads the text of a foreign tool's error here.

    wasmtime's Python API gives a wat2wasm error only as a string
    (`error: <message>` then a `--> file:line:col` pointer); callers decide on
    the fields of the returned value, never on the text.
    """
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    message = lines[0] if lines else "invalid text format"
    if message.startswith("error:"):
        message = message[len("error:"):].strip()
    m = _LOC.search(raw)
    line = col = None
    if m:
        line, col = int(m.group(1)), int(m.group(2))
    kind = "confusing-unicode" if "confusing unicode" in raw else "syntax"
    return WatError(kind, line, col, message)


def escape_confusables(text: str) -> str:
    """The same module text with every non-ASCII character written as a `\\u{…}`
    escape inside strings and dropped from comments: the same module.

    wasmtime's text parser refuses bidirectional-override and similar
    characters as "likely-confusing", although the text format allows any
    character in strings and comments (the spec suite's names.wast uses them).
    """
    if text.isascii():
        return text
    out, i, n = [], 0, len(text)
    in_string = False
    depth = 0                       # nesting of (; ;) block comments
    line_comment = False
    while i < n:
        c = text[i]
        two = text[i:i + 2]
        if in_string:
            if c == "\\":
                out.append(text[i:i + 2])
                i += 2
                continue
            if c == '"':
                in_string = False
            out.append(f"\\u{{{ord(c):x}}}" if ord(c) > 0x7F else c)
        elif line_comment or depth:
            if line_comment and c == "\n":
                line_comment = False
            elif depth and two == "(;":
                depth += 1
                out.append(two)
                i += 2
                continue
            elif depth and two == ";)":
                depth -= 1
                out.append(two)
                i += 2
                continue
            if ord(c) <= 0x7F:
                out.append(c)
        else:
            if two == ";;":
                line_comment = True
            elif two == "(;":
                depth = 1
                out.append(two)
                i += 2
                continue
            elif c == '"':
                in_string = True
            out.append(c)
        i += 1
    return "".join(out)


def assemble(text: str) -> bytes:
    """wasmtime.wat2wasm, retried with escape_confusables when it refuses a character."""
    import wasmtime
    try:
        return bytes(wasmtime.wat2wasm(text))
    except wasmtime.WasmtimeError as e:
        if read_wasmtime_error(str(e)).kind != "confusing-unicode":
            raise
        return bytes(wasmtime.wat2wasm(escape_confusables(text)))


def wat_to_wasm(text: str, path: str) -> bytes:
    """Assemble WAT `text`; errors become `SynthError(path=, line=, col=)`."""
    try:
        import wasmtime
    except ImportError as e:  # pragma: no cover - dependency is declared
        raise SynthError(f"cannot assemble text format: wasmtime is not installed ({e})",
                         path=path) from None
    try:
        return assemble(text)
    except Exception as e:  # wasmtime.WasmtimeError; keep it one line
        err = read_wasmtime_error(str(e))
        raise SynthError(err.message, path=path, line=err.line, col=err.col) from None
