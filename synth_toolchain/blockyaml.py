"""PyYAML's block-style dump of plain data, byte for byte, at a fraction of the cost.

A report's `stack_bounds` holds, per export, its whole worst call path: on a
module whose functions call each other in a long chain that is quadratic in
the number of functions (a million lines for a thousand functions), and
PyYAML's representer, Python even under libyaml, took most of the compile
time.  Here the common shapes (mappings, lists, ints, bools, None, strings
without whitespace) are written directly; each string's scalar form still
comes from PyYAML (quoting of `null`, `1e3`, `-x` ...), and any top-level
entry or list item holding something else (a string with spaces may be folded
at column 80, a float, a list of lists) is left to PyYAML whole.
"""

from __future__ import annotations

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)   # libyaml when present


def _yaml(data) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, default_flow_style=False)


class _Unsupported(Exception):
    """A value this module does not write itself."""


class _Writer:
    def __init__(self):
        self.out: list[str] = []
        self._scalars: dict[str, str] = {}
        self._keys: dict[str, str] = {}

    def scalar(self, v) -> str:
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if type(v) is int:
            return str(v)
        if type(v) is not str:
            raise _Unsupported
        s = self._scalars.get(v)
        if s is None:
            s = self._scalars[v] = self._string(v)
        return s

    @staticmethod
    def _string(v: str) -> str:
        """PyYAML's form of a string that it can never fold: plain or single-quoted,
        one line (a double-quoted one may be broken after an escape)."""
        if not v or not v.isprintable() or any(c.isspace() for c in v):
            raise _Unsupported
        s = _yaml([v])[2:-1]
        if "\n" in s or s.startswith('"'):
            raise _Unsupported
        return s

    def key(self, k) -> str:
        s = self._keys.get(k) if type(k) is str else None
        if s is None:
            if type(k) is not str or len(k) >= 128:     # longer: not a simple key
                raise _Unsupported
            s = self._keys[k] = self.scalar(k)
        return s

    def mapping(self, d: dict, indent: str, first: str) -> None:
        """Each `key: value` of `d` on its own line, the first after `first`."""
        lead = first
        for k, v in d.items():
            head = f"{lead}{self.key(k)}:"
            t = type(v)
            if t is dict or t is list:
                self.entry(head, v, indent)
            elif t is int:                              # the common cases, written here
                self.out.append(f"{head} {v}\n")
            else:
                self.out.append(f"{head} {self.scalar(v)}\n")
            lead = indent

    def entry(self, head: str, v, indent: str) -> None:
        if type(v) is dict and v:
            self.out.append(head + "\n")
            self.mapping(v, indent + "  ", indent + "  ")
        elif type(v) is list and v:
            self.out.append(head + "\n")
            for x in v:
                self.item(x, indent)
        else:
            self.out.append(f"{head} {self.flat(v)}\n")

    def item(self, x, indent: str) -> None:
        """`- x` at `indent`."""
        if type(x) is dict and x:
            self.mapping(x, indent + "  ", indent + "- ")
        elif type(x) is list and x:
            raise _Unsupported
        else:
            self.out.append(f"{indent}- {self.flat(x)}\n")

    def item_or_yaml(self, x) -> None:
        """An item of a top-level list: each item's text stands alone."""
        mark = len(self.out)
        try:
            self.item(x, "")
        except _Unsupported:
            del self.out[mark:]
            self.out.append(_yaml([x]))

    def flat(self, v) -> str:
        if type(v) is dict:
            return "{}"
        if type(v) is list:
            return "[]"
        return self.scalar(v)


def dump(data: dict) -> str:
    """`yaml.dump(data, sort_keys=False, default_flow_style=False)`."""
    w = _Writer()
    for k, v in data.items():
        mark = len(w.out)
        try:
            if type(v) is list and v:
                w.out.append(f"{w.key(k)}:\n")
                for x in v:
                    w.item_or_yaml(x)
            else:
                w.entry(f"{w.key(k)}:", v, "")
        except _Unsupported:
            del w.out[mark:]
            w.out.append(_yaml({k: v}))
    return "".join(w.out)
