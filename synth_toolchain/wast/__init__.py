"""`synth wast`: run WebAssembly script files against code compiled by synth."""

from .runner import FileReport, Outcome, ScriptRunner, run_file

__all__ = ["FileReport", "Outcome", "ScriptRunner", "run_file"]
