import pytest


def pytest_addoption(parser):
    parser.addoption("--bless", action="store_true",
                     help="rewrite expected outputs in place (tests/filetests/) instead of comparing")


@pytest.fixture
def bless(request):
    return request.config.getoption("--bless")
