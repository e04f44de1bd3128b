"""Console-script entry points of `synth` and `synth-cc`.

They import the real `main` only inside the guard, so an interrupt or a
closed or full stdout is handled the same at any moment, also during the start-up
imports (which take most of a short run):

What the guard does is in guard.py.

This module must stay free of heavy imports.
"""

import sys

from .guard import run_guarded


def synth() -> None:
    def load():
        from .cli import main
        return main
    run_guarded(load, "synth")


def synth_cc() -> None:
    def load():
        from .cc.driver import main
        return lambda: main(sys.argv[1:])
    run_guarded(load, "synth-cc")
