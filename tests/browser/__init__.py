"""Browser tests: Debian's Chromium driven by playwright-core from npm.

The browser actions live in Node scripts beside this file (``*.mjs``); each
prints one JSON line of what it measured, and the pytest tests judge it.
Without Chromium or node_modules the tests skip, unless
NNCOURSE_REQUIRE_BROWSER=1 (as in CI), where they fail instead.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = Path(os.environ.get("NNCOURSE_CHROMIUM", "/usr/bin/chromium"))
PLAYWRIGHT = REPO / "node_modules" / "playwright-core"


def require_browser():
    """Skip (or, in CI, fail) when Chromium, Node or playwright-core is missing."""
    missing = [what for what, ok in [
        (f"Chromium at {CHROMIUM} (apt-get install chromium)", CHROMIUM.exists()),
        ("node (Node.js)", shutil.which("node")),
        ("node_modules/playwright-core (npm ci)", PLAYWRIGHT.exists()),
    ] if not ok]
    if not missing:
        return
    message = "browser tests need " + ", ".join(missing)
    if os.environ.get("NNCOURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def run_script(name, *args, timeout=600):
    """Run tests/browser/NAME with ``args``; return its JSON report."""
    result = subprocess.run(["node", str(HERE / name), *map(str, args)],
                            cwd=REPO, capture_output=True, text=True,
                            timeout=timeout)
    if result.returncode != 0:
        pytest.fail(f"{name} failed (exit {result.returncode}):\n"
                    f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
                    pytrace=False)
    return json.loads(result.stdout.strip().splitlines()[-1])
