"""A small s-expression reader for WebAssembly script (.wast) files.

The reader knows just enough of the text format's lexical rules to split a
script into commands: parentheses, atoms (keywords, numbers, `$ids`),
strings with escapes, line comments `;;`, nested block comments `(; ;)` and
annotations `(@name …)`, which are dropped.  Every node remembers its line
and the span of source text it came from, so that a text module can be
handed verbatim to a WAT assembler.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Atom", "Str", "List", "ParseError", "parse", "parse_file"]


class ParseError(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Atom:
    text: str
    line: int
    start: int = field(default=0, compare=False)    # offset in the source

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Str:
    """A string literal: `value` is its bytes after escape processing."""
    value: bytes
    line: int

    @property
    def text(self) -> str:
        return self.value.decode("utf-8", errors="replace")

    def __str__(self) -> str:
        return repr(self.text)


@dataclass
class List:
    items: list = field(default_factory=list)
    line: int = 0
    start: int = 0            # offset of "(" in the source
    end: int = 0              # offset just after ")"

    def head(self) -> str | None:
        """The keyword the list starts with, if it starts with an atom."""
        if self.items and isinstance(self.items[0], Atom):
            return self.items[0].text
        return None

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __iter__(self):
        return iter(self.items)


_DELIMS = set(" \t\n\r()\";")
_HEX = "0123456789abcdefABCDEF"
_ESCAPES = {"n": b"\n", "t": b"\t", "r": b"\r", "\\": b"\\", "'": b"'", '"': b'"'}


class _Reader:
    def __init__(self, text: str):
        self.s = text
        self.i = 0
        self.line = 1

    def error(self, msg: str) -> ParseError:
        return ParseError(msg, self.line)

    def _advance(self, n: int = 1) -> None:
        self.line += self.s.count("\n", self.i, self.i + n)
        self.i += n

    def skip_space(self) -> None:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in " \t\r\n":
                self._advance()
            elif s.startswith(";;", self.i):
                j = s.find("\n", self.i)
                self._advance((j if j >= 0 else len(s)) - self.i)
            elif s.startswith("(;", self.i):
                self.block_comment()
            else:
                return

    def block_comment(self) -> None:
        s = self.s
        start = self.line
        depth = 0
        while self.i < len(s):
            if s.startswith("(;", self.i):
                depth += 1
                self._advance(2)
            elif s.startswith(";)", self.i):
                depth -= 1
                self._advance(2)
                if depth == 0:
                    return
            else:
                self._advance()
        raise ParseError("unterminated block comment", start)

    def string(self) -> Str:
        s = self.s
        line = self.line
        self._advance()                      # opening quote
        out = bytearray()
        while True:
            if self.i >= len(s):
                raise ParseError("unterminated string", line)
            c = s[self.i]
            if c == '"':
                self._advance()
                return Str(bytes(out), line)
            if c == "\n":
                raise self.error("newline in string")
            if c != "\\":
                out += c.encode("utf-8")
                self._advance()
                continue
            nxt = s[self.i + 1:self.i + 2]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                self._advance(2)
            elif nxt == "u":
                end = s.find("}", self.i)
                if s[self.i + 2:self.i + 3] != "{" or end < 0:
                    raise self.error("malformed \\u escape")
                digits = s[self.i + 3:end].replace("_", "")
                try:
                    out += chr(int(digits, 16)).encode("utf-8")
                except (ValueError, OverflowError):
                    raise self.error("malformed \\u escape") from None
                self._advance(end + 1 - self.i)
            elif len(nxt) == 1 and nxt in _HEX and s[self.i + 2:self.i + 3] in tuple(_HEX):
                out.append(int(s[self.i + 1:self.i + 3], 16))
                self._advance(3)
            else:
                raise self.error(f"unknown escape \\{nxt}")

    def atom(self) -> Atom:
        s = self.s
        j = self.i
        while j < len(s) and s[j] not in _DELIMS:
            j += 1
        if j == self.i:     # a `;` starting neither `;;` nor `(;`: no token (the rest advance)
            raise self.error(f"unexpected character {s[j]!r}")
        text = s[self.i:j]
        a = Atom(text, self.line, self.i)
        self._advance(j - self.i)
        return a

    def value(self):
        """One node; the caller has skipped white space and is not at ')'.
        Lists are read with a stack of open lists, not by recursion, so any
        depth of nesting reads (3,000 nested blocks are a valid module)."""
        s = self.s
        c = s[self.i]
        if c == '"':
            return self.string()
        if c != "(":
            return self.atom()
        open_lists = [self._open()]
        while True:
            node = open_lists[-1]
            self.skip_space()
            if self.i >= len(s):
                raise ParseError("unbalanced parenthesis", node.line)
            c = s[self.i]
            if c == ")":
                self._advance()
                node.end = self.i
                open_lists.pop()
                if not open_lists:
                    return node
                open_lists[-1].items.append(node)
            elif c == "(":
                open_lists.append(self._open())
            else:
                node.items.append(self.string() if c == '"' else self.atom())

    def _open(self) -> List:
        node = List(line=self.line, start=self.i)
        self._advance()
        if self.s.startswith("@", self.i):        # annotation: skipped entirely later
            node.items.append(Atom("@annotation", self.line))
        return node

    def top(self) -> list:
        out = []
        while True:
            self.skip_space()
            if self.i >= len(self.s):
                return out
            if self.s[self.i] == ")":
                raise self.error("unexpected ')'")
            node = self.value()
            if isinstance(node, List) and node.head() == "@annotation":
                continue
            out.append(node)


def _strip_annotations(node):
    todo = [node]
    while todo:                         # iterative, as the reader: any depth
        n = todo.pop()
        if isinstance(n, List):
            n.items = [x for x in n.items
                       if not (isinstance(x, List) and x.head() == "@annotation")]
            todo.extend(x for x in n.items if isinstance(x, List))
    return node


def parse(text: str) -> list:
    """All top-level nodes of `text` (annotations removed)."""
    return [_strip_annotations(n) for n in _Reader(text).top()]


def parse_file(path: str) -> tuple[str, list]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, parse(text)
