"""A ``jupyter lab`` server for tests, on a throwaway course and home.

``running(root, home)`` starts JupyterLab on the folder ``root`` with every
Jupyter folder inside ``home`` (settings that keep it offline included),
waits until it answers, and on exit shuts it down with its kernels: a
process that outlives the shutdown fails the test (it is killed first).
``Lab.call`` sends one authenticated request to the server's HTTP API.
"""
import contextlib
import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from tests import coursekit as ck
from tests.pgserver import free_port

SERVER_START = 60       # seconds for jupyter lab to answer
SERVER_STOP = 20        # seconds for it to shut down with its kernels

# JupyterLab settings that would make it, or the browser, go online: the
# news feed and the check for a newer JupyterLab.
OFFLINE_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path

    def call(self, method, path, timeout=600, **form):
        """Send ``method path`` (form fields as its body) with the token;
        returns the decoded JSON answer, or the text if it is not JSON."""
        body = urllib.parse.urlencode(form).encode() if form else None
        if method != "GET" and body is None:
            body = b""
        request = urllib.request.Request(
            f"{self.url}{path.lstrip('/')}", data=body, method=method,
            headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            text = reply.read().decode()
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text


def home_env(home, **extra):
    """An empty home with JupyterLab settings that keep it offline;
    returns the environment that puts every Jupyter folder inside it."""
    env = ck.nbgrader_env(
        home, **ck.ONE_THREAD,
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / ".ipython"),
        MPLCONFIGDIR=str(home / ".matplotlib"),
        XDG_CACHE_HOME=str(home / ".cache"), **extra)
    settings = home / ".jupyter" / "lab" / "user-settings"
    for name, values in OFFLINE_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return env


def server_command(port, token, root):
    command = [str(ck.BIN / "jupyter"), "lab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    return command


@contextlib.contextmanager
def running(root, home, **extra_env):
    """JupyterLab serving ``root`` with its folders in ``home``: a Lab."""
    env = home_env(home, **extra_env)
    port, token = free_port(), secrets.token_hex(16)
    lab = Lab(f"http://127.0.0.1:{port}/", token, root,
              home.parent / f"{home.name}-server.log")
    # nbgrader's extensions read nbgrader_config.py from the server's folder
    with open(lab.log, "w") as out:
        server = subprocess.Popen(server_command(port, token, root), cwd=root,
                                  env=env, stdout=out,
                                  stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        wait_until_up(lab, server)
        yield lab
    finally:
        leftover = stop(server, lab)
    assert not leftover, (
        "still running after jupyter lab shut down (now killed):\n"
        + "\n".join(leftover))


def wait_until_up(lab, server):
    """Wait for ``/api/status`` to answer; fail with the log if it won't."""
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"jupyter lab exited with {server.returncode}:\n"
                        f"{lab.log.read_text()[-4000:]}")
        try:
            lab.call("GET", "api/status", timeout=5)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"jupyter lab did not answer within {SERVER_START} s:\n"
                f"{lab.log.read_text()[-4000:]}")


def stop(server, lab):
    """Shut the server down with its kernels; kill whatever is left.

    Returns the processes that were still alive after the clean shutdown
    (they have been killed since). Kernels run in sessions of their own, so
    they are looked up as the server's children, not by process group."""
    try:
        family = psutil.Process(server.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    try:
        lab.call("POST", "api/shutdown", timeout=5)
        server.wait(SERVER_STOP)
    except (urllib.error.URLError, ConnectionError, TimeoutError,
            subprocess.TimeoutExpired):
        pass
    _, alive = psutil.wait_procs(family, timeout=5)
    leftover = [describe(process) for process in alive]
    if server.poll() is None:
        leftover.insert(0, f"{server.pid} jupyter lab (did not shut down)")
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait()
    for process in alive:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    return leftover


def describe(process):
    try:
        return f"{process.pid} {' '.join(process.cmdline())}"
    except psutil.Error:
        return str(process.pid)
