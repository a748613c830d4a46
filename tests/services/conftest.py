"""The fault tests' figures (how long a submit took with Redis down, ...), printed where they
are measured and repeated at the end of the run, where CI's log shows them."""

import pytest

FIGURES = pytest.StashKey[list]()


@pytest.fixture
def figure(request):
    def record(text: str) -> None:
        print(f"\n[figure] {text}")
        request.config.stash.setdefault(FIGURES, []).append(f"{request.node.name}: {text}")

    return record


def pytest_terminal_summary(terminalreporter, config):
    if figures := config.stash.get(FIGURES, []):
        terminalreporter.section("measured under faults")
        for line in figures:
            terminalreporter.write_line(line)
