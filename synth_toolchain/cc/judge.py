"""gcc judges the options synth does not know, also when only wasm inputs run.

synth-cc accepts every gcc option (a Makefile's CFLAGS reach wasm and C
alike), but a word only gcc understands — `-mno-unaligned-access`, or the
typo `-mbogus` — cannot be judged by synth.  gcc would reject a bad one
before compiling anything; when no C input makes gcc run (or before synth
writes any object), synth-cc asks the wrapped gcc instead: the words of the
rows marked `check` in flags.OPTION_TABLE, on an empty C file with
`-fsyntax-only` (~10-20 ms).  Its message and status become ours, with its
program names (the driver's, cc1's) replaced by synth-cc's.

`-w` keeps warnings about C-only options (`-fno-rtti`, `-std=c++17`) out:
they say nothing about a wasm input.  The empty file and dump files live in
a scratch directory (`-dumpdir`); colour is off so the program names can be
rewritten.  When the gcc cannot be run at all the words are accepted: none
of them changes a wasm object (those that would are synth's rows), and
linking would need that gcc anyway.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile

from ..target import DEFAULT_TARGET, gcc_cpu_option
from .flags import Flags


def gcc_verdict(fl: Flags, gcc: str, prog: str) -> str | None:
    """None if gcc accepts the checked words, else its diagnostics (as `prog`'s)."""
    words = [w for a in fl.args if a.check for w in a.words]
    if not words:
        return None
    context = ["-mthumb"] if fl.cpu else [gcc_cpu_option(DEFAULT_TARGET), "-mthumb"]
    with tempfile.TemporaryDirectory(prefix="synth-cc-") as tmp:
        empty = os.path.join(tmp, "empty.c")
        open(empty, "wb").close()
        cmd = [gcc, *context, *words, "-w", "-fdiagnostics-color=never", "-fsyntax-only",
               "-x", "c", empty, "-dumpdir", tmp + os.sep]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        except OSError:
            return None
    if p.returncode == 0:
        return None
    # the scratch file is ours, not the user's: what gcc says of it, it says of the options
    names = "|".join(map(re.escape, (os.path.basename(gcc), "cc1", "cc1plus")))
    text = re.sub(rf"^(?:{names}|{re.escape(empty)}(?::\d+)*): ", f"{prog}: ", p.stderr,
                  flags=re.M)
    text = text.replace(tmp + os.sep, "").replace(tmp, "")
    return text or f"{prog}: error: {gcc} rejected the options (status {p.returncode})\n"
