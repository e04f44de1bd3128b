"""Build-system integration shipped with the package: the SCons tool and the
CMake package.  Both run `synth-cc` as a program, so they work with whatever
Python the build tool itself runs on."""

from __future__ import annotations

import os

HERE = os.path.dirname(os.path.abspath(__file__))


def scons_dir() -> str:
    """The directory to give SCons as `toolpath=` (holds synth.py)."""
    return os.path.join(HERE, "scons")


def cmake_dir() -> str:
    """The directory to give CMake as `synth_DIR` (holds synthConfig.cmake)."""
    return os.path.join(HERE, "cmake")
