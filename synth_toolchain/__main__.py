"""`python -m synth_toolchain`: the `synth` command, through the start-up guard."""

from .entry import synth

synth()
