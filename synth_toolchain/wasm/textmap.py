"""Text positions for byte offsets of a module assembled from WebAssembly text.

wasmtime's wat2wasm keeps no source map, so a diagnostic found in the binary
(validation, or a limit of the compiler) would point at a byte offset of a
file the user never saw.  `TextMap` re-reads the text with the .wast reader
and pairs it with the decoded module: module fields by kind and order
(inline imports, exports and segments where the assembler puts them), and
the instructions of each function body and global initialiser one by one in
binary order (a folded form's operands come before its operator, the `end`
of a folded block is its closing parenthesis).  Where the pairing stops
(text forms it does not follow), an offset maps to the enclosing field; it
never fails.
"""

from __future__ import annotations

from bisect import bisect_right

from ..errors import SynthError
from .module import Module
from .opcodes import BY_NAME
from .sexpr import Atom, List, ParseError, parse

_IMPORTABLE = ("func", "table", "memory", "global")


class TextMap:
    """Map byte offsets of `module` (assembled from `text`) to LINE:COL."""

    def __init__(self, text: str, module: Module, binary: bytes | None = None):
        """`binary`, when `module` could not be decoded: function bodies are then
        found from the code section's sizes alone."""
        self.text = text
        self.module = module
        self.binary = binary
        self.anchors: list[tuple[int, int]] = []       # (byte offset, text index)
        self.keys: list[int] | None = None               # built on the first lookup
        self.first = 0                                   # where the module starts

    def _ensure(self) -> None:
        if self.keys is not None:
            return
        try:
            self._build(self.module)
        except (ParseError, LookupError, TypeError, ValueError, AttributeError,
                RecursionError):
            self.anchors = []
        self.anchors.sort()
        self.keys = [a[0] for a in self.anchors]

    # -- lookup ----------------------------------------------------------------
    def line_col(self, index: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, index) + 1
        return line, index - (self.text.rfind("\n", 0, index) + 1) + 1

    def locate(self, offset: int) -> tuple[int, int]:
        """LINE:COL of the text that became the byte at `offset`."""
        self._ensure()
        i = bisect_right(self.keys, offset) - 1
        return self.line_col(self.anchors[i][1] if i >= 0 else self.first)

    def relocate(self, err: SynthError) -> SynthError:
        """`err` with its byte offset replaced by the text position."""
        if err.line is None and err.offset is not None:
            err.line, err.col = self.locate(err.offset)
            err.offset = None
        return err

    # -- pairing ---------------------------------------------------------------
    def _build(self, m: Module) -> None:
        nodes = parse(self.text)
        self.first = next((n.start for n in nodes if isinstance(n, List)), 0)
        fields = nodes
        if len(nodes) == 1 and isinstance(nodes[0], List) and nodes[0].head() == "module":
            fields = [x for x in nodes[0].items[1:] if isinstance(x, List)]
        by = {k: [] for k in ("import", "func", "table", "memory", "global", "elem", "data")}
        exports: dict[str, list[int]] = {}     # name -> where each export of it is
        start = None
        for f in fields:
            head = f.head()
            inner = [x for x in f.items[1:] if isinstance(x, List)]
            if head in _IMPORTABLE:
                for x in inner:
                    if x.head() == "export" and len(x) > 1:
                        exports.setdefault(x[1].text, []).append(x.start)
                imported = any(x.head() == "import" for x in inner)
                by["import" if imported else head].append(f)
                for x in inner:             # inline segments follow their table/memory
                    if (head, x.head()) in (("table", "elem"), ("memory", "data")):
                        by[x.head()].append(x)
            elif head == "export" and len(f) > 1:
                exports.setdefault(f[1].text, []).append(f.start)
            elif head == "start":
                start = f.start
            elif head in by:
                by[head].append(f)
        add = self.anchors.append
        for imp, node in zip(m.imports, by["import"]):
            add((imp.offset, node.start))
        for off, node in zip(m.table_offsets, by["table"]):
            add((off, node.start))
        for off, node in zip(m.memory_offsets, by["memory"]):
            add((off, node.start))
        for ex in m.exports:                # the k-th export of a name is the k-th in text
            if exports.get(ex.name):
                add((ex.offset, exports[ex.name].pop(0)))
        if start is not None and m.start_offset is not None:
            add((m.start_offset, start))
        for seg, node in zip(m.elements, by["elem"]):
            add((seg.offset, node.start))
        for seg, node in zip(m.datas, by["data"]):
            add((seg.offset, node.start))
        for g, node in zip(m.globals, by["global"]):
            add((g.offset, node.start))
            self._pair(g.init, lambda node=node: _instructions(node))
        for fn, node in zip(m.functions, by["func"]):
            add((fn.offset, node.start))
            self._pair(fn.body, lambda node=node: _instructions(node) + [("end", node.end - 1)])
        if self.binary is not None:
            for off, node in zip(_body_offsets(self.binary), by["func"]):
                add((off, node.start))

    def _pair(self, body, text_ops) -> None:
        """Anchor each decoded instruction at its text twin, while they agree.
        A body nested too deeply to walk keeps its field's anchor."""
        try:
            text_ops = text_ops()
        except RecursionError:
            return
        for ins, (op, index) in zip(body, text_ops):
            if ins.op != op:
                return
            self.anchors.append((ins.offset, index))


def _is_op(name: str) -> bool:
    return name in BY_NAME


def _instructions(field) -> list[tuple[str, int]]:
    """(name, text index) of each instruction of a func/global field, in binary order."""
    out: list[tuple[str, int]] = []
    _flat(field.items[1:], out)
    return out


def _flat(items, out) -> None:
    for x in items:
        if isinstance(x, Atom) and _is_op(x.text):
            out.append((x.text, x.start))
        elif isinstance(x, List):
            _folded(x, out)


def _folded(node, out) -> None:
    head = node.head()
    if head is None:
        return
    items = node.items[1:]
    if head in ("block", "loop"):
        out.append((head, node[0].start))
        _flat(items, out)
        out.append(("end", node.end - 1))
    elif head == "if":
        clauses = [x for x in items if isinstance(x, List) and x.head() in ("then", "else")]
        for x in items:             # the condition: folded operands before `if`
            if isinstance(x, List) and all(x is not c for c in clauses) \
                    and _is_op(x.head() or ""):
                _folded(x, out)
        out.append(("if", node[0].start))
        for c in clauses:
            if c.head() == "else":
                out.append(("else", c.start))
            _flat(c.items[1:], out)
        out.append(("end", node.end - 1))
    elif _is_op(head):
        for x in items:             # folded operands first, atoms are immediates
            if isinstance(x, List):
                _folded(x, out)
        out.append((head, node[0].start))


def _leb(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, pos


def _body_offsets(data: bytes) -> list[int]:
    """Where each function body starts, from the section and body sizes only."""
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = _leb(data, pos + 1)
        if sid == 10:
            count, p = _leb(data, pos)
            out = []
            for _ in range(count):
                n, p = _leb(data, p)
                out.append(p)
                p += n
            return out
        pos += size
    return []
