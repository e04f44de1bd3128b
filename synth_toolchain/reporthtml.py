"""`--report-html`: the report as one static page, for reading in a browser.

Built from the report's dict (report.py), the same data the YAML is written
from, plus each function's disassembly as `--dump asm` prints it
(asmdump.py), embedded so the page needs nothing else: no server, no
network, no file beside it.  Every text from the module (names, the input
path, disassembly comments) is HTML-escaped; on top of that a
Content-Security-Policy allows only this page's own style and script (by
hash), so nothing injected could run or load.  The page is deterministic:
same report, same bytes.  A few lines of plain JavaScript sort the function
table by the column whose header is clicked.
"""

from __future__ import annotations

import base64
import hashlib
import os
from html import escape

from .tiers import TIER_NAMES

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
code, pre, td.n { font-family: ui-monospace, monospace; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
td.n { text-align: right; }
th button { font: inherit; font-weight: bold; border: 0; background: none; cursor: pointer; }
th[aria-sort=ascending] button::after { content: " \\25b2"; }
th[aria-sort=descending] button::after { content: " \\25bc"; }
pre { background: #f6f6f6; padding: .5em; overflow-x: auto; }
section.bound { margin-bottom: 1em; }
"""

# Sort the rows of every table.sortable by the clicked column: numbers by
# data-v, text by its characters (no locale: the same order everywhere),
# ties in report order (data-i).  A numeric column first sorts largest
# first, a text column A to Z; a second click reverses.
_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    th.querySelector("button").addEventListener("click", function () {
      var num = th.dataset.type === "num";
      var was = th.getAttribute("aria-sort");
      var asc = was ? was !== "ascending" : !num;
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var cell = row.cells[col];
        return num ? Number(cell.dataset.v) : cell.textContent;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), d = x < y ? -1 : x > y ? 1 : 0;
        return (asc ? d : -d) || a.dataset.i - b.dataset.i;
      });
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


_CSP = f"default-src 'none'; style-src {_sha256(_STYLE)}; script-src {_sha256(_SCRIPT)}"

# the function table: (header, report key, numeric); tier sorts in ladder order
_COLUMNS = (("#", "index", True), ("name", "name", False), ("exports", "exports", False),
            ("tier", "tier", True), ("code bytes", "code_bytes", True),
            ("frame bytes", "frame_bytes", True), ("spills", "spills", True),
            ("tiers failed", "attempts", True))
_TIER_RANK = {name: k for k, name in enumerate(TIER_NAMES)}


def html_path(obj_path: str) -> str:
    """The page beside its object and report: x.o -> x.synth.html."""
    return os.path.splitext(obj_path)[0] + ".synth.html"


def _e(value) -> str:
    """`value` as HTML text; None and booleans as the YAML writes them."""
    if value is None or isinstance(value, bool):
        value = {None: "null", True: "true", False: "false"}[value]
    return escape(str(value), quote=True)


def _function_row(pos: int, f: dict) -> str:
    link = f'<a href="#asm-{f["index"]}">{_e(f["name"])}</a>'
    cells = {
        "index": (f["index"], str(f["index"])),
        "name": (None, link),
        "exports": (None, _e(", ".join(f["exports"]))),
        "tier": (_TIER_RANK.get(f["tier"], len(_TIER_RANK)), _e(f["tier"])),
        "code_bytes": (f["code_bytes"], str(f["code_bytes"])),
        "frame_bytes": (f["frame_bytes"], str(f["frame_bytes"])),
        "spills": (f["spills"], str(f["spills"])),
        "attempts": (len(f["attempts"]), _e(", ".join(a["tier"] for a in f["attempts"]))),
    }
    why = "; ".join(f'{a["tier"]}: {a["reason"]}' for a in f["attempts"])
    tds = []
    for _, key, numeric in _COLUMNS:
        value, shown = cells[key]
        if key == "attempts" and why:   # the reasons on hovering
            tds.append(f'<td data-v="{value}" title="{_e(why)}">{shown}</td>')
        elif not numeric:
            tds.append(f"<td>{shown}</td>")
        else:                           # sorted by data-v; right-aligned if a number
            style = ' class="n"' if shown.isdigit() else ""
            tds.append(f'<td{style} data-v="{value}">{shown}</td>')
    return f'<tr id="fn-{f["index"]}" data-i="{pos}">{"".join(tds)}</tr>'


def _functions(report: dict) -> list[str]:
    sorted_by = ' aria-sort="ascending"'          # the report's order: by index
    heads = "".join(f'<th data-type="{"num" if num else "text"}"'
                    f'{sorted_by if key == "index" else ""}>'
                    f'<button type="button">{_e(title)}</button></th>'
                    for title, key, num in _COLUMNS)
    return ['<h2 id="functions">Functions</h2>',
            '<table id="function-table" class="sortable">',
            f"<thead><tr>{heads}</tr></thead>", "<tbody>",
            *(_function_row(k, f) for k, f in enumerate(report["functions"])),
            "</tbody></table>"]


def _frame_links(report: dict) -> dict[str, int]:
    """Stack path name → function index, for names that are one function's."""
    count: dict[str, int] = {}
    for f in report["functions"]:
        count[f["name"]] = count.get(f["name"], 0) + 1
    return {f["name"]: f["index"] for f in report["functions"] if count[f["name"]] == 1}


def _linked(name: str, target: int | None) -> str:
    """A function's name, linked to its disassembly when it is known."""
    return _e(name) if target is None else f'<a href="#asm-{target}">{_e(name)}</a>'


def _bound(k: int, rec: dict, links: dict[str, int], entry: int | None,
           export_at: dict[str, int]) -> list[str]:
    size = {"unbounded": "unbounded", "lower": f"at least {rec['bytes']} bytes",
            "exact": f"{rec['bytes']} bytes"}[rec["kind"]]
    out = [f'<section class="bound" id="export-{k}">',
           f'<h3>export <code>{_e(rec["export"])}</code>: <span class="bytes">{size}</span></h3>']
    if rec["path"]:
        out.append('<table class="path"><thead><tr><th>function</th><th>bytes</th></tr>'
                   '</thead><tbody>')
        for n, frame in enumerate(rec["path"]):
            target = entry if n == 0 and entry is not None else links.get(frame["function"])
            out.append(f'<tr><td>{_linked(frame["function"], target)}</td>'
                       f'<td class="n">{frame["bytes"]}</td></tr>')
        out.append("</tbody></table>")
    if "then" in rec:
        then = _e(rec["then"])
        k_then = export_at.get(rec["then"])
        shown = then if k_then is None else f'<a href="#export-{k_then}">{then}</a>'
        out.append(f"<p>then as export <code>{shown}</code></p>")
    if rec.get("unknown"):
        out.append("<p>unknown callees (give their cost with --stack-budget): "
                   + ", ".join(f"<code>{_e(u)}</code>" for u in rec["unknown"]) + "</p>")
    if rec.get("cycle"):
        out.append("<p>recursion: " + " &#8594; ".join(
            f"<code>{_linked(c, links.get(c))}</code>" for c in rec["cycle"]) + "</p>")
    out.append("</section>")
    return out


def _stack(report: dict) -> list[str]:
    links = _frame_links(report)
    by_export = {e: f["index"] for f in report["functions"] for e in f["exports"]}
    export_at: dict[str, int] = {}
    for k, rec in enumerate(report["stack_bounds"]):
        export_at.setdefault(rec["export"], k)
    out = ['<h2 id="stack">Worst stack path per export</h2>']
    for k, rec in enumerate(report["stack_bounds"]):
        out += _bound(k, rec, links, by_export.get(rec["export"]), export_at)
    if not report["stack_bounds"]:
        out.append("<p>No exported functions.</p>")
    return out


def _summary(report: dict) -> list[str]:
    rows = [("tool", report["tool"]), ("input", report["input"]), ("target", report["target"])]
    rows += [(f"options.{k}", v) for k, v in report["options"].items()]
    rows += [(k, v) for k, v in report["summary"].items() if k != "by_tier"]
    rows += [(f"tier {t}", n) for t, n in report["summary"]["by_tier"].items()]
    out = ['<table id="summary">']
    out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows]
    out.append("</table>")
    if report["warnings"]:
        out += ['<h2 id="warnings">Warnings</h2>', "<ul>",
                *(f"<li>{_e(w)}</li>" for w in report["warnings"]), "</ul>"]
    return out


def _disassembly(report: dict, listings: dict[str, str]) -> list[str]:
    out = ['<h2 id="disassembly">Disassembly</h2>']
    for f in report["functions"]:
        out += [f'<section id="asm-{f["index"]}">',
                f'<h3><a href="#fn-{f["index"]}">{_e(f["name"])}</a></h3>',
                f'<pre>{_e(listings.get(f["symbol"], ""))}</pre>', "</section>"]
    return out


def render(report: dict, listings: dict[str, str]) -> str:
    """The page for `report` (report.py's dict); `listings` maps each function's
    symbol to its disassembly text."""
    title = f"synth report: {_e(report['input'])}"
    lines = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
             f"<title>{title}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
             f"<h1>{title}</h1>"]
    lines += _summary(report) + _functions(report) + _stack(report)
    lines += _disassembly(report, listings)
    lines += [f"<script>{_SCRIPT}</script>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def report_html(report: dict, functions) -> bytes:
    """The page's bytes for a compiled module's report and its functions
    (tiers.FunctionResult, for the disassembly)."""
    from .asmdump import format_code        # capstone: only when a page is asked for
    return render(report, {r.symbol: format_code(r) for r in functions}).encode()
