"""Command-line parsing for `synth-cc`, table-driven like gcc's option specs.

`OPTION_TABLE` has one row per gcc option family.  A row names the spelling
and how its argument is written:

    FLAG        the exact spelling, no argument                 -c  -v  -###
    JOINED      argument glued to the spelling (may be empty)   -O2  -mcpu=cortex-m4  -Wall
    SEPARATE    argument is the next word                        -Xlinker X  -include F
    JOINED_OR_SEPARATE  either                                   -o x.o / -ox.o, -DX / -D X

The longest matching spelling wins (so `-MMD` is not `-M` + "MD", and
`-mcpu=` beats the `-m` family).  A word in synth's namespace
(`SYNTH_NAMESPACE`) that no synth row spells is "unrecognized command-line
option", with gcc's wording and a "did you mean" hint.  synth cannot tell
gcc's other options from typos: family rows (`-m`, `-f`, `-W`, `-g`, …) are
marked `check`, and so is any word no row matches (`-pg`, `--coverage`);
gcc judges those words (judge.py), or, with a C input, gcc itself.  Rows also carry the `--help` text of synth's
options, so the help cannot drift from what is parsed.

The parser keeps every word in its original order (`Flags.args`), each
tagged as an input, a flag for gcc, or a synth-only flag; the driver builds
the gcc command line from that list, so linking sees exactly what the user
wrote with each WebAssembly input replaced by its object.
"""

from __future__ import annotations

import difflib
import enum
import os
import re
from dataclasses import dataclass, field


class CcError(Exception):
    """A driver-level diagnostic: `synth-cc: error: …` (or fatal error)."""

    def __init__(self, message: str, *, fatal: bool = False, notes: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.fatal = fatal
        self.notes = notes


class Form(enum.Enum):
    FLAG = "flag"
    JOINED = "joined"
    SEPARATE = "separate"
    JOINED_OR_SEPARATE = "joined-or-separate"


@dataclass(frozen=True, slots=True)
class Row:
    spelling: str
    form: Form
    key: str                  # what the option means to the driver (see `_apply`)
    synth_only: bool = False  # never passed to gcc
    check: bool = False       # gcc judges the word even when only wasm inputs (see judge.py)
    arg: str = ""             # --help: how the argument is written
    help: str = ""            # --help: one line (synth's options, and gcc's that act on wasm)


def R(spelling: str, form: Form, key: str, **kw) -> Row:
    return Row(spelling, form, key, **kw)


def SY(spelling: str, form: Form, key: str, arg: str, help: str) -> Row:
    """A synth-only option: never given to gcc, listed first by --help."""
    return Row(spelling, form, key, synth_only=True, arg=arg, help=help)


F, J, S, JS = Form.FLAG, Form.JOINED, Form.SEPARATE, Form.JOINED_OR_SEPARATE
GJ = dict(check=True)       # a gcc option synth does not judge itself

OPTION_TABLE: tuple[Row, ...] = (
    # mode and output
    R("-c", F, "mode_c"),
    R("-S", F, "mode_S", help="For wasm: a GNU as listing that assembles to the same code."),
    R("-E", F, "mode_E"),
    R("-o", JS, "output"),
    R("-x", JS, "language"),
    R("-v", F, "verbose"), R("-###", F, "dry_run"),
    R("--version", F, "version"), R("--help", F, "help"), R("--help=", J, "query"),
    R("--target-help", F, "query"), R("-Q", F, "pass"),
    R("-pipe", F, "pass"), R("-save-temps", F, "pass"), R("-save-temps=", J, "pass"),
    # optimisation, debug, code generation, warnings (families)
    R("-O", J, "opt_level"),
    R("-g", J, "debug", help="For wasm too: DWARF lines, call frames, subprograms.", **GJ),
    R("-f", J, "f_family", **GJ),
    R("-fstack-usage", F, "stack_usage",
      help="For wasm too: x.su beside x.o, a line per function (gcc's format)."),
    R("-W", J, "pass", **GJ),               # -Wall, -Wextra, -Werror=…, …
    R("-Werror", F, "werror", check=True, help="Make synth's warnings errors as well as gcc's."),
    R("-Wno-error", F, "no_werror", **GJ),
    R("-Wl,", J, "pass"), R("-Wa,", J, "pass"), R("-Wp,", J, "pass"),   # for the tools
    R("-w", F, "no_warnings", help="Inhibit synth's warnings as well as gcc's."),
    R("-pedantic", F, "pass"), R("-pedantic-errors", F, "pass"),
    R("-ansi", F, "pass"), R("-std=", J, "pass", **GJ),
    # target
    R("-mcpu=", J, "cpu", check=True, arg="<core>",
      help="For wasm: cortex-m0, -m0plus, -m1, -m23, -m3, -m4 (default), -m7, -m33, -m55 "
           "or -m85."),
    R("-mthumb", F, "thumb", **GJ), R("-marm", F, "arm", **GJ),
    R("-mfpu=", J, "fpu", check=True, arg="<fpu>",
      help="With softfp/hard: fpv4-sp-d16, fpv5-sp-d16, fpv5-d16, auto."),
    R("-mfloat-abi=", J, "float_abi", check=True, arg="<abi>",
      help="soft, softfp or hard: for wasm as for C."),
    R("-m", J, "pass", **GJ),               # -march=, -mtune=, -mabi=, -mno-unaligned-access, …
    # synth-specific (never given to gcc; --help lists them in this order)
    SY("-msynth-tier=", J, "synth_tier", "<tier>",
       "Force one tier: opt, opt-nopromote or baseline."),
    SY("-fno-synth-local-promote", F, "synth_no_promote", "",
       "Skip the tiers that keep wasm locals in registers."),
    SY("-fsynth-local-promote", F, "synth_promote", "",
       "Use them (default; wins over SYNTH_NO_LOCAL_PROMOTE=1)."),
    SY("-msynth-bounds=", J, "synth_bounds", "<mode>",
       "Linear-memory bounds checks: checked (default) or none."),
    SY("-msynth-memory-size=", J, "synth_memory_size", "[<index>=]<bytes>",
       "RAM reserved for linear memory 0 (or memory <index>), e.g. 16K, 1=4K."),
    SY("-msynth-table-size=", J, "synth_table_size", "<entries>",
       "Entries reserved for each table that can grow."),
    SY("-msynth-prefix=", J, "synth_prefix", "<prefix>",
       "Prepend <prefix> to every global symbol of the object."),
    SY("-msynth-rename-import=", J, "synth_rename_import", "<module.field>=<symbol>",
       "Bind that import to <symbol> instead of its field name (repeatable)."),
    SY("-msynth-stack-check", F, "synth_stack_check", "",
       "Trap (code 9) when sp would go below synth_stack_limit."),
    SY("-msynth-stack-budget=", J, "synth_stack_budget", "<file>",
       "Stack bytes of callees outside the object (.su or NAME BYTES lines)."),
    SY("-msynth-verify-alloc", F, "synth_verify_alloc", "",
       "Check every register allocation against liveness (debugging)."),
    SY("-fsynth-report-html", F, "synth_report_html", "",
       "Also write x.synth.html beside x.o: the report as a page for a browser."),
    SY("-fsynth-cache-dir=", J, "synth_cache_dir", "<dir>",
       "Keep compiled wasm objects in a content-addressed cache."),
    SY("--synth-gcc=", J, "synth_gcc", "<gcc>",
       "The gcc to wrap (default: $SYNTH_CC_GCC or arm-none-eabi-gcc)."),
    # preprocessor (accepted, meaningful for C only)
    R("-D", JS, "pass"), R("-U", JS, "pass"), R("-I", JS, "pass"),
    R("-iquote", JS, "pass"), R("-isystem", JS, "pass"), R("-idirafter", JS, "pass"),
    R("-include", JS, "pass"), R("-imacros", JS, "pass"), R("-nostdinc", F, "pass"),
    R("-P", F, "pass"), R("-C", F, "pass"), R("-undef", F, "pass"),
    # dependency files
    R("-M", F, "mode_M", help="Print each input's make rule, compile nothing; -MM: the same."),
    R("-MM", F, "mode_M"),
    R("-MD", F, "dep_md", help="Also write the rule to a .d file (wasm: the module alone)."), R("-MMD", F, "dep_md"), R("-MP", F, "dep_mp"), R("-MG", F, "pass"),
    R("-MF", JS, "dep_mf"), R("-MT", JS, "dep_mt"), R("-MQ", JS, "dep_mq"),
    # linking (link mode only matters to gcc)
    R("-L", JS, "pass"), R("-l", JS, "link_input"), R("-T", JS, "pass"),
    R("-Xlinker", S, "pass"), R("-Xassembler", S, "pass"), R("-Xpreprocessor", S, "pass"),
    R("-u", JS, "pass"), R("-e", JS, "pass"), R("-z", JS, "pass"),
    R("-nostdlib", F, "pass"), R("-nostartfiles", F, "pass"), R("-nodefaultlibs", F, "pass"),
    R("-nolibc", F, "pass"), R("-static", F, "pass"), R("-shared", F, "pass"), R("-s", F, "pass"),
    R("-r", F, "pass"), R("-specs=", J, "pass"), R("--specs=", J, "pass"),
    R("-B", JS, "pass"), R("--sysroot=", J, "pass"), R("-print-", J, "query"),
    R("-dumpversion", F, "query"), R("-dumpfullversion", F, "query"),
    R("-dumpmachine", F, "query"), R("-dumpspecs", F, "query"),
    R("-dumpbase", S, "pass"), R("-dumpbase-ext", S, "pass"), R("-dumpdir", S, "pass"),
    R("-d", J, "pass"),                  # -dM, -dD (after the -dump rows)
    # gcc options whose argument may be the next word: known here so that word
    # is not taken for an input (all other unknown words go to gcc as they are)
    R("--param=", J, "pass", **GJ), R("--param", S, "pass", **GJ),
    R("-iprefix", JS, "pass"), R("-iwithprefix", JS, "pass"),
    R("-iwithprefixbefore", JS, "pass"), R("-isysroot", JS, "pass"),
    R("-aux-info", S, "pass"), R("-wrapper", S, "pass"),
)

# The spellings synth alone decides: a word in this namespace that is not a
# synth row is unrecognized (with a hint), never handed to gcc's families.
SYNTH_NAMESPACE = ("-msynth-", "-fsynth-", "-fno-synth-", "--synth-")

# Options valid for gcc that would change a wasm object but do not yet: each
# one in effect is reported once per run (`Flags.no_effect`), never dropped
# silently.  (Flags attribute holding the spelling in effect, --help form, why.)
NO_EFFECT_YET: tuple[tuple[str, str, str], ...] = (
    ("opt_option", "-O0/-Og",
     "synth optimises every module at these levels as at -O2"),
)

# longest spelling first: the first prefix match is the most specific row
_BY_LENGTH = sorted(OPTION_TABLE, key=lambda r: -len(r.spelling))

SYNTH_SUFFIXES = (".wasm", ".wat")

# `-x` languages under which a .wasm/.wat input is still WebAssembly.  gcc
# has no language for it; "cpp-output" (already preprocessed) is what ccache
# needs to cache a compile: ccache only caches inputs of a language it knows,
# and for a preprocessed one it hashes the file itself, which is exactly
# right for a module (nothing to include, no macros).
SYNTH_LANGUAGES = (None, "none", "cpp-output")

# gcc's "-O" arguments: a number (any, gcc clamps to 3), or s z g fast
_O_LEVELS = ("", "s", "z", "g", "fast")
_NOT_OPTIMISED = ("0", "g")     # levels synth cannot honour: it compiles them as -O2
# gcc's level → synth's --opt-level (options.OPT_LEVELS); any other is 2
_SYNTH_LEVEL = {"s": "s", "z": "z"}
# the -g spellings that ask for debug information (the others only adjust it)
_DEBUG_LEVEL = re.compile(r"[1-3]?|gdb\d?|dwarf(-\d)?|btf|ctf|stabs\+?\d?|vms\d?")


class Mode(enum.Enum):
    PREPROCESS = "preprocess-only"      # -E
    COMPILE = "compile"                 # -c
    ASSEMBLE_LISTING = "assemble-listing"   # -S
    LINK = "link"
    QUERY = "query"                     # --version, -print-*, -dump*, --help, bare -v
    DEPEND = "dependencies-only"        # -M, -MM (imply -E)


@dataclass(slots=True)
class Arg:
    """One word (or a flag with its separate argument) in command-line order."""
    words: list[str]            # as gcc should see them
    kind: str                   # 'input' | 'gcc' | 'synth'
    synth_input: bool = False   # a .wasm/.wat input compiled by synth
    language: str | None = None  # the -x language in effect for an input
    check: bool = False         # gcc judges it (Row.check)


@dataclass(slots=True)
class Flags:
    args: list[Arg] = field(default_factory=list)
    mode_flags: set[str] = field(default_factory=set)
    output: str | None = None
    verbose: bool = False
    dry_run: bool = False
    version: bool = False
    query: bool = False
    help: bool = False            # plain --help: synth's options, then gcc's
    opt_level: str = "0"          # gcc's default

    @property
    def synth_opt_level(self) -> str:
        """synth's --opt-level for the -O in effect."""
        return _SYNTH_LEVEL.get(self.opt_level, "2")
    opt_option: str | None = None         # the -O word in effect (NO_EFFECT_YET)
    debug_option: str | None = None       # the -g word in effect, None after -g0
    stack_usage: bool = False     # -fstack-usage: write x.su beside x.o
    stack_budget: str | None = None   # -msynth-stack-budget=FILE
    report_html: bool = False     # -fsynth-report-html: write x.synth.html beside x.o
    no_warnings: bool = False     # -w
    werror: bool = False          # -Werror (not undone by -Wno-error)
    cpu: str | None = None
    fpu: str | None = None
    float_abi: str | None = None
    arm_mode: bool = False
    tier: str | None = None
    bounds: str = "checked"
    memory_sizes: list = field(default_factory=list)     # (memory index, bytes)
    table_size: int | None = None
    cache_dir: str | None = None  # -fsynth-cache-dir=: synth-cc's own result cache
    prefix: str = ""
    import_symbols: list = field(default_factory=list)   # -msynth-rename-import=
    stack_check: bool = False
    verify_alloc: bool = False
    local_promote: bool | None = None     # None: default (env var decides)
    gcc: str | None = None
    save_opt_record: bool = False
    deps: bool = False            # -MD / -MMD
    dep_phony: bool = False       # -MP
    dep_file: str | None = None   # -MF
    dep_targets: list[str] = field(default_factory=list)   # -MT / -MQ, already quoted

    @property
    def mode(self) -> Mode:
        if self.version or self.query:
            return Mode.QUERY
        if "M" in self.mode_flags:
            return Mode.DEPEND
        if "E" in self.mode_flags:
            return Mode.PREPROCESS
        if "S" in self.mode_flags:
            return Mode.ASSEMBLE_LISTING
        if "c" in self.mode_flags:
            return Mode.COMPILE
        if not self.inputs and self.verbose:
            return Mode.QUERY
        return Mode.LINK

    @property
    def inputs(self) -> list[Arg]:
        return [a for a in self.args if a.kind in ("input", "lib")]

    @property
    def synth_inputs(self) -> list[str]:
        return [a.words[0] for a in self.args if a.synth_input]

    @property
    def no_effect(self) -> list[tuple[str, str]]:
        """(option, why) for each option in effect that cannot act on wasm yet."""
        return [(getattr(self, attr), why) for attr, _, why in NO_EFFECT_YET
                if getattr(self, attr) is not None]


# ---------------------------------------------------------------------------
# response files (libiberty `expandargv` / `buildargv` semantics)

def split_response(text: str) -> list[str]:
    """Whitespace-separated words; '…' and "…" quote, backslash escapes one char."""
    words: list[str] = []
    cur: list[str] = []
    have = False
    quote: str | None = None
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur.append(text[i + 1])
            have = True
            i += 2
            continue
        if quote:
            if c == quote:
                quote = None
            else:
                cur.append(c)
        elif c in "'\"":
            quote = c
            have = True
        elif c.isspace():
            if have:
                words.append("".join(cur))
                cur, have = [], False
        else:
            cur.append(c)
            have = True
        i += 1
    if have:
        words.append("".join(cur))
    return words


def expand_response_files(argv: list[str], depth: int = 0) -> list[str]:
    """Replace each readable `@file` by its words, recursively (as gcc does).

    An `@file` that cannot be read stays as it is, as in gcc (it then is an
    input file that does not exist)."""
    if depth > 64:
        raise CcError("response files nested too deeply", fatal=True)
    out: list[str] = []
    for a in argv:
        if a.startswith("@") and len(a) > 1:
            try:
                with open(a[1:], encoding="utf-8", errors="surrogateescape") as f:
                    text = f.read()
            except OSError:
                out.append(a)
                continue
            out.extend(expand_response_files(split_response(text), depth + 1))
        else:
            out.append(a)
    return out


# ---------------------------------------------------------------------------
# the parser

def make_quote(target: str) -> str:
    """gcc's quoting of a make target or dependency (libcpp `munge`)."""
    out: list[str] = []
    slashes = 0
    for c in target:
        if c == "\\":
            slashes += 1
        elif c in " \t":
            out.append("\\" * slashes)
            out.append("\\")
            slashes = 0
        elif c == "#":
            out.append("\\")
            slashes = 0
        elif c == "$":
            out.append("$")
            slashes = 0
        else:
            slashes = 0
        out.append(c)
    return "".join(out)


def _match(word: str) -> Row | None:
    for row in _BY_LENGTH:
        sp = row.spelling
        if row.form == Form.FLAG or row.form == Form.SEPARATE:
            if word == sp:
                return row
        elif word.startswith(sp):
            return row
    return None


def parse(argv: list[str]) -> Flags:
    """Parse the words after the program name (response files not yet expanded)."""
    words = expand_response_files(argv)
    fl = Flags()
    language: str | None = None
    i = 0
    errors: list[CcError] = []
    while i < len(words):
        w = words[i]
        i += 1
        if w == "-" or not w.startswith("-") or w == "":
            synth = language in SYNTH_LANGUAGES and w.endswith(SYNTH_SUFFIXES)
            fl.args.append(Arg([w], "input", synth, language))
            continue
        row = _match(w)
        if w.startswith(SYNTH_NAMESPACE) and (row is None or not row.synth_only):
            errors.append(_unrecognized(w))
            continue
        if row is None:     # a word of gcc's we have no row for (-pg, --coverage, -H…):
            fl.args.append(Arg([w], "gcc", check=True))     # gcc judges it (judge.py)
            continue
        if row.form == Form.FLAG:
            value, out = None, [w]
        elif row.form == Form.JOINED:
            value, out = w[len(row.spelling):], [w]
        else:
            joined = w[len(row.spelling):]
            if row.form == Form.JOINED_OR_SEPARATE and joined:
                value, out = joined, [w]
            elif i < len(words):
                value, out = words[i], [w, words[i]]
                i += 1
            else:
                what = {"-o": "missing filename after '-o'",
                        "-MF": "missing filename after '-MF'",
                        "-MT": "missing makefile target after '-MT'",
                        "-MQ": "missing makefile target after '-MQ'",
                        "-I": "missing path after '-I'",
                        "-L": "missing path after '-L'",
                        "-D": "macro name missing after '-D'",
                        "-U": "macro name missing after '-U'"}.get(
                            row.spelling, f"missing argument to '{row.spelling}'")
                errors.append(CcError(what))
                continue
        try:
            kind = _apply(fl, row, value, out)
        except CcError as err:
            errors.append(err)
            continue
        if row.key == "language":
            language = value
        fl.args.append(Arg(out, kind, check=row.check))
    if errors:
        raise ParseErrors(errors, fl)
    return fl


class ParseErrors(Exception):
    def __init__(self, errors: list[CcError], flags: Flags):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors
        self.flags = flags       # what parsed, for gcc's follow-up "no input files"


def _unrecognized(word: str) -> CcError:
    """gcc's message; in synth's namespace with its hint for the closest spelling."""
    message = f"unrecognized command-line option '{word}'"
    if word.startswith(SYNTH_NAMESPACE):
        name, eq, value = word.partition("=")
        known = {r.spelling.rstrip("="): r.spelling for r in OPTION_TABLE if r.synth_only}
        best = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
        if best:
            spelling = known[best[0]]
            hint = spelling + value if spelling.endswith("=") else spelling
            message += f"; did you mean '{hint}'?"
    return CcError(message)


def _bad_arg(option: str, value: str, valid) -> CcError:
    return CcError(f"unrecognized argument in option '{option}{value}'",
                   notes=(f"valid arguments to '{option}' are: {' '.join(valid)}",))


# options naming a file synth-cc writes: an empty name is an error (gcc's words for -o)
_EMPTY_FILE_NAME = {"output": "output filename may not be empty",
                    "dep_mf": "dependency file name may not be empty"}


def _apply(fl: Flags, row: Row, value: str | None, words: list[str]) -> str:
    """Record what the option means; returns the Arg kind ('gcc' or 'synth')."""
    from ..options import parse_memory_size
    from ..target import gcc_cpu_option
    from ..tiers import TIER_NAMES
    k = row.key
    if k.startswith("mode_"):
        fl.mode_flags.add(k[5:])
    elif k in _EMPTY_FILE_NAME and value == "":   # not "unset": gcc refuses it too
        raise CcError(_EMPTY_FILE_NAME[k], fatal=True)
    elif k == "output":
        fl.output = value
    elif k == "verbose":
        fl.verbose = True
    elif k == "dry_run":
        fl.dry_run = True
    elif k == "version":
        fl.version = True
    elif k == "query":
        fl.query = True
    elif k == "help":
        fl.query = fl.help = True
    elif k == "opt_level":
        if not (value in _O_LEVELS or value.isdigit()):
            raise CcError("argument to '-O' should be a non-negative integer, "
                          "'g', 's', 'z' or 'fast'")
        fl.opt_level = value or "1"
        # -O, -O1…, -Ofast ask for fast code, which is what synth makes, -Os/-Oz
        # for small code (--opt-level s/z): only -O0/-Og, which synth compiles
        # as -O2, are noted
        fl.opt_option = words[0] if value in _NOT_OPTIMISED else None
    elif k == "debug":
        if value == "0":
            fl.debug_option = None
        elif _DEBUG_LEVEL.fullmatch(value):    # not -grecord-gcc-switches, -gz, -gno-…
            fl.debug_option = words[0]
    elif k == "f_family":
        if value == "save-optimization-record":
            fl.save_opt_record = True
        elif value == "no-save-optimization-record":
            fl.save_opt_record = False
    elif k == "stack_usage":
        fl.stack_usage = True
    elif k == "no_warnings":
        fl.no_warnings = True
    elif k == "werror":
        fl.werror = True
    elif k == "no_werror":
        fl.werror = False
    elif k == "cpu":
        fl.cpu = value
        words[:] = [gcc_cpu_option(value)]
    elif k == "arm":
        fl.arm_mode = True
    elif k == "thumb":
        fl.arm_mode = False
    elif k == "fpu":
        fl.fpu = value
    elif k == "float_abi":
        if value not in ("hard", "soft", "softfp"):
            raise _bad_arg("-mfloat-abi=", value, ("hard", "soft", "softfp"))
        fl.float_abi = value
    elif k == "synth_tier":
        if value not in TIER_NAMES:
            raise _bad_arg("-msynth-tier=", value, TIER_NAMES)
        fl.tier = value
    elif k == "synth_bounds":
        if value not in ("checked", "none"):
            raise _bad_arg("-msynth-bounds=", value, ("checked", "none"))
        fl.bounds = value
    elif k == "synth_memory_size":
        try:
            fl.memory_sizes.append(parse_memory_size(value))
        except Exception:
            raise CcError(f"invalid size '{value}' in option '-msynth-memory-size='",
                          notes=("sizes are bytes, optionally with K or M: 65536, 16K, 1M; "
                                 "INDEX=SIZE sizes memory INDEX: 1=4K",))
    elif k == "synth_table_size":
        if not value.isdigit():
            raise CcError(f"invalid entry count '{value}' in option '-msynth-table-size='")
        fl.table_size = int(value)
    elif k == "synth_prefix":
        fl.prefix = value
    elif k == "synth_rename_import":
        from ..options import parse_import_rename
        try:
            fl.import_symbols.append(parse_import_rename(value))
        except ValueError as err:
            raise CcError(f"{err} in option '-msynth-rename-import='")
    elif k == "synth_stack_check":
        fl.stack_check = True
    elif k == "synth_stack_budget":
        fl.stack_budget = value
    elif k == "synth_report_html":
        fl.report_html = True
    elif k == "synth_cache_dir":
        fl.cache_dir = value
    elif k == "synth_verify_alloc":
        fl.verify_alloc = True
    elif k == "synth_promote":
        fl.local_promote = True
    elif k == "synth_no_promote":
        fl.local_promote = False
    elif k == "synth_gcc":
        fl.gcc = value
    elif k == "dep_md":
        fl.deps = True
    elif k == "dep_mp":
        fl.dep_phony = True
    elif k == "dep_mf":
        fl.dep_file = value
    elif k == "dep_mt":
        fl.dep_targets.append(value)
    elif k == "dep_mq":
        fl.dep_targets.append(make_quote(value))
    elif k == "link_input":
        return "lib"
    return "synth" if row.synth_only else "gcc"


def object_name(src: str, suffix: str = ".o") -> str:
    """gcc's default output for `-c`/`-S`: the input's base name in the cwd."""
    return os.path.splitext(os.path.basename(src))[0] + suffix


# ---------------------------------------------------------------------------
# --help: synth's part, from the table above

def _help_line(option: str, text: str) -> str:
    """gcc's layout: the option in 25 columns after two spaces, else on its own line."""
    if len(option) < 24:
        return f"  {option:<25}{text}"
    return f"  {option}\n  {'':<25}{text}"


def help_text(prog: str, gcc: str) -> str:
    """What `synth-cc --help` prints before gcc's own help."""
    lines = [f"Usage: {prog} [options] file...",
             f".wasm and .wat inputs are compiled by synth; everything else goes to {gcc},",
             "whose options follow these.",
             "",
             f"synth's options (for WebAssembly inputs; never passed to {gcc}):"]
    lines += [_help_line(r.spelling + r.arg, r.help) for r in OPTION_TABLE if r.synth_only]
    lines += ["", "gcc's options that act on WebAssembly inputs too:"]
    lines += [_help_line(r.spelling + r.arg, r.help) for r in OPTION_TABLE
              if r.help and not r.synth_only]
    lines += ["", "gcc's options without effect on WebAssembly inputs yet (a warning says so):"]
    lines += [_help_line(form, why[0].upper() + why[1:] + ".") for _, form, why in NO_EFFECT_YET]
    return "\n".join(lines) + "\n\n"
