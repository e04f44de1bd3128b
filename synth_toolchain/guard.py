"""The start-up guard of the command-line tools.

Entry points import the real `main` only inside the guard, so an interrupt
or a closed stdout is handled the same at any moment, also during the
start-up imports (which take most of a short run):

* SIGINT (Ctrl-C): no traceback, nothing printed, exit status 130 (what a
  shell reports for an interrupted command).  Further interrupts during
  the clean-up are ignored.  Outputs are never half written: outputs.py
  removes its temporaries on KeyboardInterrupt.
* A closed stdout (`synth-cc --version | head -1`): output ends quietly,
  exit status 1, as Python's documentation recommends for SIGPIPE
  (stdout is pointed at /dev/null so the final flush cannot fail again).

It imports nothing of synth, so every entry point can use it.
"""

import os
import signal
import sys


def run_guarded(load) -> None:
    """Call `load()()` and exit with its status; see the module doc."""
    try:
        try:
            code = load()()
        except SystemExit as done:      # argparse's --help/--version and usage errors
            code = done.code
        sys.stdout.flush()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        code = 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    sys.exit(code)
