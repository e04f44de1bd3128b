"""Console-script entry points of `synth` and `synth-cc`.

They import the real `main` only inside the guard, so an interrupt or a
closed stdout is handled the same at any moment, also during the start-up
imports (which take most of a short run):

* SIGINT (Ctrl-C): no traceback, nothing printed, exit status 130 (what a
  shell reports for an interrupted command).  Further interrupts during
  the clean-up are ignored.  Outputs are never half written: outputs.py
  removes its temporaries on KeyboardInterrupt.
* A closed stdout (`synth-cc --version | head -1`): output ends quietly,
  exit status 1, as Python's documentation recommends for SIGPIPE
  (stdout is pointed at /dev/null so the final flush cannot fail again).

This module must stay free of heavy imports.
"""

import os
import signal
import sys


def synth() -> None:
    def load():
        from .cli import main
        return main
    _run(load)


def synth_cc() -> None:
    def load():
        from .cc.driver import main
        return lambda: main(sys.argv[1:])
    _run(load)


def _run(load) -> None:
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
