"""Browser tests: Debian's Chromium driven by playwright-core from npm.

The browser actions live in Node scripts beside this file (``*.mjs``); each
prints one JSON line of what it measured, and the pytest tests judge it.
Without Chromium, Node or node_modules the tests skip, unless
NNCOURSE_REQUIRE_BROWSER=1 (as in CI), where they fail instead.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from coursegrader.processes import kill_tree

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = Path(os.environ.get("NNCOURSE_CHROMIUM", "/usr/bin/chromium"))
PLAYWRIGHT = REPO / "node_modules" / "playwright-core"


def missing_browser():
    """Why the browser tests cannot run here, or None if they can."""
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if not (PLAYWRIGHT / "package.json").is_file():
        return f"no {PLAYWRIGHT.relative_to(REPO)} (npm ci)"
    if shutil.which("node") is None:
        return "no node on PATH (apt-get install nodejs)"
    return None


def require_browser():
    """Skip the calling test without a browser, or fail if one is required."""
    reason = missing_browser()
    if reason is None:
        return
    if os.environ.get("NNCOURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NNCOURSE_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def run_script(name, *args, timeout=600):
    """Run tests/browser/NAME with ``args``; return the JSON it printed last.

    A script that outlives ``timeout`` seconds is killed with its browser.
    """
    script = subprocess.Popen(["node", str(HERE / name), *map(str, args)],
                              cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        stdout, stderr = script.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(script)
        stdout, stderr = script.communicate()
        pytest.fail(f"{name} did not finish in {timeout} s:\n"
                    f"{stdout[-4000:]}\n{stderr[-4000:]}", pytrace=False)
    try:
        return json.loads(stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        pytest.fail(f"{name} printed no JSON (exit {script.returncode}):\n"
                    f"{stdout[-4000:]}\n{stderr[-4000:]}", pytrace=False)
