"""Paths of the test-only tools installed by `npm ci` (see package.json)."""

from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run `npm ci` at the project root")
    return path
