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
* Any other failed write to stdout (`>/dev/full`, or `>&-`: no descriptor
  1 at all): one line `PROG: error: cannot write to standard output:
  REASON`, exit status 1.  stdout is rebuilt on a raw file whose failures
  raise StdoutError, so they are told apart from errors of the files a tool
  writes, wherever the write happens (print, `-o -`, the final flush).

After either failure that raw file discards what is still buffered, so the
interpreter's own final flush cannot fail again.  It imports nothing of
synth, so every entry point can use it.
"""

import errno
import io
import os
import signal
import sys


class StdoutError(OSError):
    """A write to standard output failed (other than a closed pipe)."""


class _StdoutFile(io.FileIO):
    discard = False                     # after a failure: drop the rest quietly

    def write(self, data):
        if self.discard:
            return len(data)
        try:
            return super().write(data)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise StdoutError(err.errno, err.strerror) from None


class _NoStdout(io.RawIOBase):
    """Descriptor 1 was closed at start-up (Python then has no sys.stdout)."""
    discard = False

    def writable(self) -> bool:
        return True

    def write(self, data):
        if self.discard:
            return len(data)
        raise StdoutError(errno.EBADF, os.strerror(errno.EBADF))


_raw = None         # the raw file under sys.stdout once _guard_stdout rebuilt it


def _guard_stdout() -> None:
    """Rebuild sys.stdout (same encoding and buffering) on a _StdoutFile."""
    global _raw
    old = sys.stdout
    if old is None:
        _raw = _NoStdout()
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_raw), encoding="utf-8")
        return
    try:
        fd = old.fileno()
    except (AttributeError, OSError, ValueError):     # not a descriptor: leave it alone
        return
    old.flush()
    _raw = _StdoutFile(fd, "w", closefd=False)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(_raw), encoding=old.encoding,
                                  errors=old.errors, line_buffering=old.line_buffering,
                                  write_through=old.write_through)


def _silence_stdout() -> None:
    if _raw is not None:
        _raw.discard = True
    else:
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
    except Exception as err:            # a defect outside main's own net (start-up imports)
        print(f"{prog}: internal compiler error: {type(err).__name__}: {err}", file=sys.stderr)
        code = 4                        # gcc's status for an ICE (errors.ICE_STATUS)
    sys.exit(code)
