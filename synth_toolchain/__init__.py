"""synth: a WebAssembly ahead-of-time compiler for ARM Cortex-M."""

__version__ = "0.1.0"
