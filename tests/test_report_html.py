"""`--report-html` / `-fsynth-report-html`: the report as a static page.

The page is checked twice: its HTML text against the YAML report it is built
from (no browser), and as a browser shows it: Debian's chromium through
selenium and the system chromedriver (./do installs both), one session for
the module, loading the page from a file as a user would.
"""

import base64
import hashlib
import os
import re
import shutil
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser

import pytest
import yaml

from synth_toolchain.asmdump import format_code
from synth_toolchain.cli import main as synth_main
from synth_toolchain.driver import compile_file
from synth_toolchain.errors import TierFailure
from synth_toolchain.ir.pipeline import Pass
from synth_toolchain.options import Options
from synth_toolchain.reporthtml import render
from synth_toolchain.tiers import LADDER, TIER_NAMES, TIERS
from tests.test_cli import synth
from tests.test_synth_cc import cc

# one worker runs the module, so the browser starts once (./do test: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("report_html")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
HOSTILE = "<script>alert(1)</script>"

# exports calling each other (a `then`), a chain through a non-exported
# leaf, an import without budget (a lower bound), recursion (unbounded),
# names that HTML would read as markup, and functions named "cold" that the
# test ladder below sends down to the baseline tier
MODULE = r"""(module
  (import "env" "ext" (func $ext (param i32)))
  (func $deep (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 3)))
  (func $leaf (param i32) (result i32)
    (i32.add (call $deep (local.get 0)) (local.get 0)))
  (func $mid (export "mid") (param i32) (result i32)
    (call $leaf (i32.add (local.get 0) (i32.const 1))))
  (func $cold_top (export "cold_top") (param i32) (result i32) (local i32 i32)
    (local.set 1 (call $mid (local.get 0)))
    (local.set 2 (i32.mul (local.get 1) (local.get 0)))
    (call $ext (local.get 2))
    (i32.add (local.get 1) (local.get 2)))
  (func $rec (export "rec") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
      (else (i32.mul (local.get 0) (call $rec (i32.sub (local.get 0) (i32.const 1)))))))
  (func $<b>&x'</b> (export "<script>alert(1)</script>") (param i32 i32) (result i32)
    (i32.xor (i32.shl (local.get 0) (i32.const 7)) (local.get 1)))
  (func $cold_a&b (export "a&b \"q\"") (result i32) (i32.const 42)))
"""


def _refuse_cold(fn, ctx):
    if "cold" in fn.name:
        raise TierFailure("this test sends 'cold' functions down the ladder")


# the standard ladder, except that the optimising tiers refuse "cold" functions
COLD_LADDER = replace(LADDER, tiers=tuple(
    replace(t, passes=(Pass("refuse-cold", _refuse_cold), *t.passes)) if t.name != "baseline"
    else t for t in TIERS))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """(the page's path, its text, the YAML report, {symbol: disassembly})."""
    d = tmp_path_factory.mktemp("report_html")
    src = d / "m.wat"
    src.write_text(MODULE)
    argv = ["compile", str(src), "-o", str(d / "m.o"), "--report-html", str(d / "m.html")]
    assert synth_main(argv, COLD_LADDER) == 0
    report = yaml.safe_load((d / "m.synth.yaml").read_text())
    result = compile_file(str(src), Options(), ladder=COLD_LADDER)
    listings = {r.symbol: format_code(r) for r in result.compiled.functions}
    return d / "m.html", (d / "m.html").read_text(), report, listings


class _Page(HTMLParser):
    """What the tests look at in the page's text: ids, links, the function
    table's rows (cell text and data-v), each <pre>, the style and script."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.rows, self.pres = [], [], [], {}
        self.tags: dict[str, list[str]] = {}
        self.csp = None
        self._in_table = False
        self._cell = None
        self._section = None
        self._text: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.setdefault(tag, []).append(a.get("src") or "")
        if "id" in a:
            self.ids.append(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a["content"]
        if tag == "table":
            self._in_table = a.get("id") == "function-table"
        if tag == "section":
            self._section = a.get("id")
        if self._in_table and tag == "tr" and "data-i" in a:
            self.rows.append([])
        if self._in_table and tag == "td" and self.rows:
            self._cell = [a.get("data-v")]
            self._text = []
        if tag in ("pre", "style", "script"):
            self._text = []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(("".join(self._text), self._cell[0]))
            self._cell = self._text = None
        elif tag == "pre":
            self.pres[self._section] = "".join(self._text)
            self._text = None
        elif tag in ("style", "script"):
            setattr(self, tag, "".join(self._text))
            self._text = None
        elif tag == "table":
            self._in_table = False


def _expected_row(f: dict) -> list[str]:
    return [str(f["index"]), f["name"], ", ".join(f["exports"]), f["tier"],
            str(f["code_bytes"]), str(f["frame_bytes"]), str(f["spills"]),
            ", ".join(a["tier"] for a in f["attempts"])]


# -- the page's text -------------------------------------------------------------

def test_function_table_is_the_reports(page):
    _, text, report, _ = page
    p = _Page(text)
    shown = [[c for c, _ in row] for row in p.rows]
    assert shown == [_expected_row(f) for f in report["functions"]]
    tiers = {f["tier"] for f in report["functions"]}
    assert tiers == {"opt", "baseline"}             # the fixture covers a fallen-through function
    for row, f in zip(p.rows, report["functions"]):   # what the columns sort by
        assert [v for _, v in row] == [str(f["index"]), None, None,
                                       str(TIER_NAMES.index(f["tier"])), str(f["code_bytes"]),
                                       str(f["frame_bytes"]), str(f["spills"]),
                                       str(len(f["attempts"]))]


def test_every_function_links_to_its_own_disassembly(page):
    _, text, report, listings = page
    p = _Page(text)
    for f in report["functions"]:
        assert f'href="#asm-{f["index"]}"' in text
        assert p.pres[f"asm-{f['index']}"] == listings[f["symbol"]]
    assert set(h[1:] for h in p.hrefs) <= set(p.ids)      # every link has its target
    assert len(p.ids) == len(set(p.ids))


def test_stack_section_covers_every_export(page):
    _, text, report, _ = page
    kinds = {r["export"]: r["kind"] for r in report["stack_bounds"]}
    assert set(kinds.values()) == {"exact", "lower", "unbounded"}
    assert any("then" in r for r in report["stack_bounds"])
    assert max(len(r["path"]) for r in report["stack_bounds"]) >= 2     # a callee linked
    for k, rec in enumerate(report["stack_bounds"]):
        section = text.split(f'<section class="bound" id="export-{k}">')[1].split("</section>")[0]
        shown = unescape(re.sub(r"<[^>]+>", "", section))
        assert rec["export"] in shown
        for frame in rec["path"]:
            assert f"{frame['function']}{frame['bytes']}" in shown
        for name in rec.get("unknown", []) + rec.get("cycle", []):
            assert name in shown
        if "then" in rec:
            target = next(j for j, r in enumerate(report["stack_bounds"])
                          if r["export"] == rec["then"])
            assert f'href="#export-{target}"' in section


def test_module_names_are_escaped(page):
    _, text, report, _ = page
    assert HOSTILE not in text and '"q"' not in text and "a&b" not in text
    assert text.count("<script") == 1               # the page's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    p = _Page(text)
    assert [c for c, _ in p.rows[[f["exports"] for f in report["functions"]].index([HOSTILE])]][2] \
        == HOSTILE


def test_page_is_self_contained(page):
    _, text, _, _ = page
    p = _Page(text)
    assert all(src == "" for srcs in p.tags.values() for src in srcs)      # no src=
    assert all(h.startswith("#") for h in p.hrefs)
    assert "link" not in p.tags and "//" not in text.replace("://", "")

    def digest(s):
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
    assert p.csp == (f"default-src 'none'; style-src {digest(p.style)}; "
                     f"script-src {digest(p.script)}")


def test_render_is_deterministic_and_escapes_every_field():
    """Every text field of the report reaches the page escaped, whatever it holds."""
    bad = '<i>"&\''
    report = {
        "tool": bad, "input": bad, "target": bad, "options": {bad: bad},
        "summary": {"functions": 1, "by_tier": {bad: 1}}, "warnings": [bad],
        "functions": [{"index": 0, "name": bad, "symbol": "s", "exports": [bad], "tier": bad,
                       "attempts": [{"tier": bad, "reason": bad}], "promoted_locals": [],
                       "spills": 0, "frame_bytes": 8, "code_bytes": 4}],
        "stack_bounds": [{"export": bad, "symbol": "s", "bytes": 8, "kind": "lower",
                          "path": [{"function": bad, "bytes": 8}], "then": bad,
                          "unknown": [bad], "cycle": [bad]}],
    }
    text = render(report, {"s": bad})
    assert text == render(report, {"s": bad})
    assert bad not in text and "<i>" not in text
    assert text.count("&lt;i&gt;&quot;&amp;&#x27;") == text.count("&lt;i&gt;")


# -- the command lines -------------------------------------------------------------

def test_same_bytes_every_time_and_with_synth_cc(tmp_path):
    (tmp_path / "m.wat").write_text(MODULE)
    for k in range(2):
        r = synth("compile", "m.wat", "-o", f"{k}.o", "--report-html", f"{k}.html", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "0.html").read_bytes() == (tmp_path / "1.html").read_bytes()
    r = cc("-v", "-fsynth-report-html", "-c", "m.wat", "-o", "cc.o", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert '"--report-html=cc.synth.html"' in r.stderr        # the equivalent synth command
    assert (tmp_path / "cc.synth.html").read_bytes() == (tmp_path / "0.html").read_bytes()
    assert (tmp_path / "cc.synth.yaml").exists()


def test_synth_cc_cache_does_not_stand_in_for_the_page(tmp_path):
    """The cache keeps object and YAML only: a compile that writes the page
    skips it (as -fstack-usage does), so the second compile writes it too."""
    (tmp_path / "m.wat").write_text(MODULE)
    for k in range(2):
        r = cc("-fsynth-cache-dir=cache", "-fsynth-report-html", "-c", "m.wat", "-o", f"{k}.o",
               cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "0.synth.html").read_bytes() == (tmp_path / "1.synth.html").read_bytes()


def test_umask_and_no_partial_output(tmp_path):
    src = tmp_path / "m.wat"
    src.write_text(MODULE)
    old = os.umask(0o077)
    try:
        assert synth_main(["compile", str(src), "-o", str(tmp_path / "m.o"),
                           "--report-html", str(tmp_path / "m.html")]) == 0
    finally:
        os.umask(old)
    assert (tmp_path / "m.html").stat().st_mode & 0o777 == 0o600
    # an HTML page that cannot be written: no object, no report either
    assert synth_main(["compile", str(src), "-o", str(tmp_path / "n.o"),
                       "--report-html", str(tmp_path / "nodir" / "n.html")]) == 1
    assert not (tmp_path / "n.o").exists() and not (tmp_path / "n.synth.yaml").exists()
    # a module that does not compile: no page
    (tmp_path / "bad.wat").write_text("(module (func (result i32)))")
    assert synth_main(["compile", str(tmp_path / "bad.wat"), "-o", str(tmp_path / "b.o"),
                       "--report-html", str(tmp_path / "b.html")]) == 1
    assert not (tmp_path / "b.html").exists()
    # the page may not overwrite the object
    assert synth_main(["compile", str(src), "-o", str(tmp_path / "m.o"),
                       "--report-html", str(tmp_path / "m.o")]) == 1


# -- in a browser ------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the module, driven by the system chromedriver;
    Selenium Manager (which would download drivers) must never be asked."""
    if not (os.access(CHROMEDRIVER, os.X_OK) and shutil.which(CHROMIUM)):
        pytest.skip("needs chromium and chromium-driver (./do installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    def refuse(*_):
        raise AssertionError("Selenium Manager asked for a driver")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(SeleniumManager, "binary_paths", refuse)
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    try:
        yield driver
    finally:
        driver.quit()


_ROWS = """return Array.from(document.querySelectorAll('#function-table tbody tr'))
                 .map(r => Array.from(r.cells).map(c => c.textContent));"""


def _open(browser, path):
    browser.get(path.as_uri())
    return browser.execute_script(_ROWS)


def _click_header(browser, title):
    from selenium.webdriver.common.by import By
    browser.find_element(By.XPATH, f"//table[@id='function-table']//th/button[.='{title}']").click()
    return browser.execute_script(_ROWS)


def test_browser_shows_the_table_and_sorts_it(browser, page):
    path, _, report, _ = page
    funcs = report["functions"]
    assert _open(browser, path) == [_expected_row(f) for f in funcs]
    order = list(range(len(funcs)))

    def names(rows):
        return [r[1] for r in rows]

    by_size = sorted(order, key=lambda k: (-funcs[k]["code_bytes"], k))
    assert names(_click_header(browser, "code bytes")) == [funcs[k]["name"] for k in by_size]
    by_size_up = sorted(order, key=lambda k: (funcs[k]["code_bytes"], k))
    assert names(_click_header(browser, "code bytes")) == [funcs[k]["name"] for k in by_size_up]
    by_frame = sorted(order, key=lambda k: (-funcs[k]["frame_bytes"], k))
    assert names(_click_header(browser, "frame bytes")) == [funcs[k]["name"] for k in by_frame]
    by_tier = sorted(order, key=lambda k: (-TIER_NAMES.index(funcs[k]["tier"]), k))
    assert names(_click_header(browser, "tier")) == [funcs[k]["name"] for k in by_tier]
    by_name = sorted(order, key=lambda k: (funcs[k]["name"], k))
    assert names(_click_header(browser, "name")) == [funcs[k]["name"] for k in by_name]
    assert browser.execute_script(
        "return document.querySelector('th[aria-sort]').textContent") == "name"
    assert order not in (by_size, by_size_up, by_frame, by_tier, by_name)   # rows did move


def test_browser_follows_a_disassembly_link(browser, page):
    from selenium.webdriver.common.by import By
    path, _, report, listings = page
    _open(browser, path)
    f = max(report["functions"], key=lambda f: f["code_bytes"])
    browser.find_element(By.CSS_SELECTOR, f"#fn-{f['index']} a").click()
    assert browser.current_url.endswith(f"#asm-{f['index']}")
    target = browser.find_element(By.ID, f"asm-{f['index']}")
    assert target.find_element(By.TAG_NAME, "pre").get_attribute("textContent") \
        == listings[f["symbol"]]
    # scrolled to: the section's heading is at the top of the window
    assert abs(browser.execute_script(
        "return arguments[0].getBoundingClientRect().top", target)) < 2


def test_browser_shows_hostile_names_as_text(browser, page):
    from selenium.common.exceptions import NoAlertPresentException
    path, _, report, _ = page
    rows = _open(browser, path)
    k = [f["exports"] for f in report["functions"]].index([HOSTILE])
    assert rows[k][2] == HOSTILE
    assert browser.execute_script("return document.scripts.length") == 1
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    heads = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.bound h3 code'))"
        ".map(c => c.textContent)")
    assert heads == [r["export"] for r in report["stack_bounds"]]
    # the page's own script ran under its Content-Security-Policy, nothing was refused
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
