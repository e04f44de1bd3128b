"""Reads the IR's text form (printer.py) back into `IRFunction`s.

`parse_function(format_function(fn)) == fn` for every function, so a test
can start from IR written by hand or dumped by `synth compile --dump ir`.
The text is read a line at a time: a `function` header, its attribute
lines, then `bN:` labels, each followed by its instructions.  `;` starts a
comment.  A malformed line raises `IRParseError` (`LINE:COL: error: …`).
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from ..errors import IRParseError
from ..traps import Trap
from . import syntax
from .ir import OPS, Block, Inst, IRFunction


class Token(NamedTuple):
    kind: str       # vreg, block, int, symbol, string, word, punct
    text: str
    line: int
    col: int


_STRING = r'"(?:[^"\\]|\\.)*"'
_TOKEN = re.compile(rf"""
    (?P<space>\s+) | (?P<comment>;.*)
  | (?P<punct>->|[=,()\[\]:])
  | (?P<int>[+-]?(?:0[xX][0-9a-fA-F]+|[0-9]+))
  | (?P<symbol>@(?:{_STRING}|{syntax.SYMBOL_CHARS}))
  | (?P<string>{_STRING})
  | (?P<word>{syntax.WORD})
""", re.VERBOSE)


def _tokens(text: str, line: int) -> list[Token]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise IRParseError(f"unexpected character {text[pos]!r}", line, pos + 1)
        kind, value = m.lastgroup, m.group()
        if kind == "word" and re.fullmatch(r"[vb][0-9]+", value):
            kind = "vreg" if value[0] == "v" else "block"
        if kind not in ("space", "comment"):
            out.append(Token(kind, value, line, pos + 1))
        pos = m.end()
    return out


def _unquote(text: str) -> str:
    return json.loads(text) if text.startswith('"') else text


class Cursor:
    """The tokens of one line, read left to right.  The immediate readers of
    syntax.IMM_SYNTAX see the op's suffixes and symbol through it too."""

    def __init__(self, tokens: list[Token], line: int, end_col: int):
        self.tokens, self.pos = tokens, 0
        self.line, self.end_col = line, end_col
        self.suffixes: list[tuple[str, int]] = []        # (text, column)
        self.symbol_operand: tuple[str, int] | None = None     # @name±addend after the op
        self.symbol_token: Token | None = None

    # -- tokens ----------------------------------------------------------------
    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def error(self, message: str, token: Token | None = None) -> IRParseError:
        token = token or self.peek()
        col = token.col if token else self.end_col
        return IRParseError(message, self.line, col)

    def describe(self) -> str:
        t = self.peek()
        return "end of line" if t is None else repr(t.text)

    def take(self, kind: str, what: str) -> Token:
        t = self.peek()
        if t is None or t.kind != kind:
            raise self.error(f"expected {what}, found {self.describe()}")
        self.pos += 1
        return t

    def at(self, kind: str, text: str | None = None) -> bool:
        t = self.peek()
        return t is not None and t.kind == kind and (text is None or t.text == text)

    def accept(self, text: str) -> bool:
        t = self.peek()
        if t is not None and t.text == text and t.kind in ("word", "punct"):
            self.pos += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            raise self.error(f"expected '{text}', found {self.describe()}")

    def end(self) -> None:
        if self.peek() is not None:
            raise self.error(f"unexpected {self.describe()}")

    # -- values ----------------------------------------------------------------
    def at_int(self) -> bool:
        return self.at("int")

    def int(self) -> int:
        return int(self.take("int", "an integer").text, 0)

    def optional_int(self) -> int | None:
        return self.int() if self.at_int() else None

    def ints(self) -> list[int]:
        out = []
        while self.peek() is not None:
            out.append(self.int())
        return out

    def vreg(self) -> int:
        return int(self.take("vreg", "a vreg (vN)").text[1:])

    def vregs(self) -> list[int]:
        out = []
        while self.at("vreg"):
            out.append(self.vreg())
        return out

    def vreg_tuples(self) -> list[tuple[int, ...]]:
        out = []
        while self.peek() is not None:
            self.expect("(")
            out.append(tuple(self.vregs()))
            self.expect(")")
        return out

    def block(self) -> int:
        return int(self.take("block", "a block (bN)").text[1:])

    def trap(self) -> Trap:
        t = self.take("word", "a trap name")
        if t.text not in syntax.TRAPS:
            raise self.error(f"unknown trap '{t.text}' (one of {', '.join(syntax.TRAPS)})", t)
        return syntax.TRAPS[t.text]

    def word_groups(self) -> tuple[tuple[int, ...], str]:
        """`(i, l)` (ABI kinds) or `(1, 2)` (words): (words, kinds)."""
        self.expect("(")
        words, kinds = [], ""
        while not self.accept(")"):
            if words:
                self.expect(",")
            t = self.peek()
            if t is not None and t.kind == "word" and t.text in syntax.KIND_WORDS \
                    and len(kinds) == len(words):
                kinds += t.text
                words.append(syntax.KIND_WORDS[t.text])
                self.pos += 1
            elif t is not None and t.kind == "int" and not kinds:
                words.append(self.int())
            else:
                raise self.error(f"expected an ABI kind (i, l, f, d) or a word count, "
                                 f"not both, found {self.describe()}")
        return tuple(words), kinds

    # -- the parts of an instruction around its uses ----------------------------
    def suffix(self, index: int, choices=None):
        text, col = self.suffixes[index]
        if choices is None:
            return text
        if text not in choices:
            raise IRParseError(f"unknown suffix '{text}' (one of {', '.join(choices)})",
                               self.line, col)
        return choices[text] if isinstance(choices, dict) else text

    def symbol(self, required: bool, addend: bool) -> tuple[str | None, int]:
        if self.symbol_operand is None:
            if required:
                raise self.error("expected a symbol (@name)")
            return None, 0
        name, plus = self.symbol_operand
        if plus and not addend:
            raise self.error("a call's symbol takes no addend", self.symbol_token)
        return name, plus


def _instruction(c: Cursor) -> Inst:
    defs: list[int] = []
    if c.at("vreg"):
        defs.append(c.vreg())
        while c.accept(","):
            defs.append(c.vreg())
        c.expect("=")
    op_token = c.take("word", "an op")
    op, *suffixes = op_token.text.split(".")
    info = OPS.get(op)
    if info is None:
        raise c.error(f"unknown op '{op}'", op_token)
    form = syntax.IMM_SYNTAX[info.imm]
    if len(suffixes) != form.suffixes:
        raise c.error(f"'{op}' takes {form.suffixes} suffix(es), found {len(suffixes)}",
                      op_token)
    col = op_token.col + len(op) + 1
    for s in suffixes:
        c.suffixes.append((s, col))
        col += len(s) + 1
    if c.at("symbol"):
        if not form.symbol:
            raise c.error(f"'{op}' takes no symbol")
        c.symbol_token = c.take("symbol", "a symbol")
        c.symbol_operand = (_unquote(c.symbol_token.text[1:]), c.int() if c.at_int() else 0)
    uses: list[int] = []
    if c.at("vreg"):
        uses.append(c.vreg())
        while c.accept(","):
            if not c.at("vreg"):
                break                   # the comma before the immediate's operands
            uses.append(c.vreg())
    imm = form.read(c)
    c.end()
    return Inst(op, tuple(defs), tuple(uses), imm)


def _header(c: Cursor) -> IRFunction:
    c.expect("function")
    t = c.peek()
    if t is None or t.kind not in ("word", "string", "vreg", "block"):
        raise c.error(f"expected a function name, found {c.describe()}")
    c.pos += 1
    fn = IRFunction(name=_unquote(t.text), params=[], param_words=[], result_words=[],
                    sret=None)
    c.expect("(")
    kinds: list[str] = []
    while not c.accept(")"):
        if fn.params:
            c.expect(",")
        group = c.peek()
        kind = c.take("word", "a parameter kind").text if c.at("word") else ""
        vregs = c.vregs()
        if not vregs:
            raise c.error(f"expected a vreg (vN), found {c.describe()}")
        if kind == "sret":
            if fn.params or len(vregs) != 1:
                raise c.error("sret is one vreg, before the parameters")
            fn.sret = vregs[0]
        else:
            if kind and kind not in syntax.KIND_WORDS:
                raise c.error(f"unknown parameter kind '{kind}' (i, l, f, d)", group)
            if kinds and bool(kind) != bool(kinds[0]):
                raise c.error("a parameter kind on every parameter or on none", group)
            kinds.append(kind)
            fn.param_words.append(len(vregs))
        fn.params.extend(vregs)
    fn.param_kinds = "".join(kinds)
    c.expect("->")
    words, fn.result_kinds = c.word_groups()
    fn.result_words = list(words)
    c.end()
    return fn


_ATTRIBUTES = {a.name: a for a in syntax.ATTRIBUTES}


def parse_functions(text: str) -> list[IRFunction]:
    """Every function in `text` (e.g. the output of `--dump ir`)."""
    fns: list[IRFunction] = []
    block: Block | None = None
    for line_no, line in enumerate(text.splitlines(), 1):
        tokens = _tokens(line, line_no)
        if not tokens:
            continue
        c = Cursor(tokens, line_no, len(line.rstrip()) + 1)
        first = tokens[0]
        if first.kind == "word" and first.text == "function":
            fns.append(_header(c))
            block = None
        elif not fns:
            raise c.error("expected 'function'")
        elif first.kind == "block" and len(tokens) > 1 and tokens[1].text == ":":
            c.pos = 2
            c.end()
            block = Block(int(first.text[1:]))
            if any(b.id == block.id for b in fns[-1].blocks):
                raise c.error(f"block {first.text} defined twice", first)
            fns[-1].blocks.append(block)
        elif block is None and first.kind == "word" and first.text in _ATTRIBUTES:
            c.pos = 1
            setattr(fns[-1], first.text, _ATTRIBUTES[first.text].read(c))
            c.end()
        elif block is None:
            raise c.error("expected a function attribute or a block label (bN:)")
        else:
            if block.term is not None:
                raise c.error("instruction after the block's terminator")
            ins = _instruction(c)
            if OPS[ins.op].terminator:
                block.term = ins
            else:
                block.insts.append(ins)
    return fns


def parse_function(text: str) -> IRFunction:
    """The one function in `text`."""
    fns = parse_functions(text)
    if len(fns) != 1:
        raise IRParseError(f"expected one function, found {len(fns)}", 1, 1)
    return fns[0]
