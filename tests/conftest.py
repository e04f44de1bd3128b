import os

import pytest

# Variables synth and synth-cc read; a developer's shell must not change what the suite
# compiles or which gcc it runs (tests that need one set it themselves).
SYNTH_ENVIRONMENT = ("SYNTH_NO_LOCAL_PROMOTE", "SYNTH_CC_GCC", "SYNTH_ARM_GCC")


def pytest_configure(config):
    for name in SYNTH_ENVIRONMENT:
        os.environ.pop(name, None)


def pytest_addoption(parser):
    parser.addoption("--bless", action="store_true",
                     help="rewrite expected outputs in place (tests/filetests/) instead of comparing")


@pytest.fixture
def bless(request):
    return request.config.getoption("--bless")
