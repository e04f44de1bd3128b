"""The start-up guard of the command-line tools.

Entry points import the real `main` only inside the guard, so an interrupt
or a closed stdout is handled the same at any moment, also during the
start-up imports (which take most of a short run):

* SIGINT (Ctrl-C): no traceback, nothing printed, exit status 130 (what a
  shell reports for an interrupted command).  Further interrupts during
  the clean-up are ignored.  Outputs are never half written: outputs.py
  removes its temporaries on KeyboardInterrupt.
* A closed stdout (`synth-cc --version | head -1`): output ends quietly,
  exit status 1, as Python's documentation recommends for SIGPIPE.
* Any other failed write to stdout (`>/dev/full`): one line
  `PROG: error: cannot write to standard output: REASON`, exit status 1.
  stdout is rebuilt on a descriptor whose failures raise StdoutError, so
  they are told apart from errors of the files a tool writes, wherever the
  write happens (print, `-o -`, the final flush).

After either failure stdout is pointed at /dev/null so the interpreter's
own final flush cannot fail again.  It imports nothing of synth, so every
entry point can use it.
"""

import io
import os
import signal
import sys


class StdoutError(OSError):
    """A write to standard output failed (other than a closed pipe)."""


class _StdoutFile(io.FileIO):
    def write(self, data):
        try:
            return super().write(data)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise StdoutError(err.errno, err.strerror) from None


def _guard_stdout() -> None:
    """Rebuild sys.stdout (same encoding and buffering) on a _StdoutFile."""
    old = sys.stdout
    try:
        fd = old.fileno()
    except (AttributeError, OSError, ValueError):     # no real stdout: leave it alone
        return
    old.flush()
    raw = _StdoutFile(fd, "w", closefd=False)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding=old.encoding,
                                  errors=old.errors, line_buffering=old.line_buffering)


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def run_guarded(load, prog: str = "synth") -> None:
    """Call `load()()` and exit with its status; see the module doc."""
    try:
        _guard_stdout()
        try:
            code = load()()
        except SystemExit as done:      # argparse's --help/--version and usage errors
            code = done.code
        sys.stdout.flush()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        code = 130
    except BrokenPipeError:
        _silence_stdout()
        code = 1
    except StdoutError as err:
        print(f"{prog}: error: cannot write to standard output: {err.strerror}",
              file=sys.stderr)
        _silence_stdout()
        code = 1
    sys.exit(code)
