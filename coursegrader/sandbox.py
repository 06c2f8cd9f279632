"""The student's kernel in a bubblewrap sandbox.

While a submission is graded its kernel runs under ``bwrap`` (Debian's
``bubblewrap``):

- it sees a read-only system (``/usr``, ``/etc``, ...), the Python
  installation and the course's venv, and of the course only a copy of the
  ``nncourse`` package without the modules the assignment hides (e.g. the
  Hodgkin–Huxley simulator while the student writes one);
- its home, its working folder (a copy of the submission) and ``/tmp`` are
  small private memory file systems, gone when it ends; the course folder,
  the gradebook, ``source/``, other students and the grader's files do not
  exist there;
- it has no network (its channels to the grader are Unix sockets in its run
  folder), its own PID namespace (so nothing it starts outlives it), and
  runs as an unprivileged user of its own (when the grader is root) with
  limits on processes, file size, memory and CPU time.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psutil
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

import nncourse

HOME = "/home/student"
SUBMISSION = "/submission"
MATPLOTLIB = "/opt/nncourse/matplotlib"
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
          "/etc")
FIRST_UID = 61000                   # sandbox users: 61000 + a worker's slot


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start here; the message says what to do."""


@dataclass
class Limits:
    """What one sandboxed kernel may use."""
    memory: int = 4 * 2**30         # bytes of address space per process
    cpu_seconds: int = 1200         # CPU time of each process
    file_size: int = 64 * 2**20     # bytes of one file it writes
    processes: int = 64             # processes and threads of its user
    disk: int = 256 * 2**20         # bytes of its home and of its /tmp


def bwrap() -> str | None:
    return shutil.which("bwrap")


def check() -> None:
    """Raise SandboxUnavailable with a remedy unless a sandbox can start."""
    path = bwrap()
    if path is None:
        raise SandboxUnavailable(
            "bubblewrap is not installed: install it (Debian/Ubuntu: `sudo "
            "apt-get install bubblewrap`), or grade without isolation with "
            "--unsafe-no-sandbox (not for students' work)")
    command = [path, *namespaces(), "--ro-bind", "/", "/", "--proc", "/proc",
               "--dev", "/dev", "true"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SandboxUnavailable(
            "bubblewrap cannot create its namespaces here "
            f"({result.stderr.strip() or 'exit ' + str(result.returncode)}): "
            "run the grader as root, or enable unprivileged user namespaces "
            "(`sudo sysctl kernel.unprivileged_userns_clone=1`; in a "
            "container, allow them), or grade without isolation with "
            "--unsafe-no-sandbox (not for students' work)")


def namespaces() -> list[str]:
    """New PID, network, IPC and UTS namespaces; a user namespace too when
    the grader is not root (root drops to a real user instead)."""
    flags = ["--unshare-pid", "--unshare-net", "--unshare-ipc",
             "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent",
             "--new-session"]
    if os.geteuid() != 0:
        flags += ["--unshare-user", "--disable-userns"]
    return flags


class Sandbox:
    """The bwrap command line for one submission's kernel.

    ``run_dir``: a fresh folder for the kernel's connection file and
    sockets, shared with the grader; ``submission``: the folder whose files
    the kernel gets a copy of; ``library``: a folder holding the copy of
    ``nncourse`` the kernel may import; ``slot`` picks the sandbox's user.
    """

    def __init__(self, run_dir: Path, submission: Path, library: Path,
                 slot: int = 0, limits: Limits | None = None):
        self.run_dir, self.submission = Path(run_dir), Path(submission)
        self.library = Path(library)
        self.limits = limits or Limits()
        self.uid = FIRST_UID + slot if os.geteuid() == 0 else None

    def argv(self, command: list[str]) -> list[str]:
        """``command`` (run in the sandbox's working folder) wrapped in
        bwrap, the user switch and the limits."""
        binds: list[str] = []
        for folder in SYSTEM:
            if os.path.isdir(folder):
                binds += ["--ro-bind", folder, folder]
        for folder in python_folders():
            binds += parents(folder) + ["--ro-bind", folder, folder]
        package = Path(nncourse.__file__).resolve().parent
        binds += parents(str(package)) + [
            "--ro-bind", str(self.library / "nncourse"), str(package)]
        binds += ["--ro-bind", str(self.submission), SUBMISSION]
        if (self.library / "matplotlib").is_dir():
            binds += parents(MATPLOTLIB) + [
                "--ro-bind", str(self.library / "matplotlib"), MATPLOTLIB]
        binds += parents(str(self.run_dir)) + [
            "--bind", str(self.run_dir), str(self.run_dir)]
        size = str(self.limits.disk)
        prepare = (f"cp -R {SUBMISSION}/. . 2>/dev/null; "
                   f"cp -R {MATPLOTLIB} /tmp/matplotlib 2>/dev/null; "
                   'exec "$0" "$@"')
        return [bwrap() or "bwrap", *namespaces(),
                "--proc", "/proc", "--dev", "/dev",
                "--perms", "01777", "--size", size, "--tmpfs", "/tmp",
                *parents(HOME),
                "--perms", "01777", "--size", size, "--tmpfs", HOME,
                *binds, "--chdir", HOME, "--hostname", "sandbox",
                "--clearenv", *environment(),
                "--", *self.drop_privileges(), *self.prlimit(),
                "/bin/sh", "-c", prepare, *command]

    def drop_privileges(self) -> list[str]:
        if self.uid is None:
            return []
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}",
                "--clear-groups", "--no-new-privs", "--inh-caps=-all",
                "--bounding-set=-all"]

    def prlimit(self) -> list[str]:
        limits = self.limits
        processes = limits.processes
        if self.uid is None:     # the limit counts every process of the user
            processes += sum(1 for p in psutil.process_iter(["uids"])
                             if p.info["uids"] and
                             p.info["uids"].real == os.getuid())
        return ["prlimit", f"--as={limits.memory}",
                f"--cpu={limits.cpu_seconds}",
                f"--fsize={limits.file_size}", f"--nproc={processes}",
                "--core=0", "--"]


def environment() -> list[str]:
    """The kernel's whole environment."""
    venv_bin = str(Path(sys.executable).parent)
    values = {
        "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
        "HOME": HOME, "TMPDIR": "/tmp", "LANG": "C.UTF-8",
        "MPLCONFIGDIR": "/tmp/matplotlib",
        "IPYTHONDIR": "/tmp/ipython", "JUPYTER_RUNTIME_DIR": "/tmp/jupyter",
        "JUPYTER_CONFIG_DIR": "/tmp/jupyter-config",
        "JUPYTER_DATA_DIR": "/tmp/jupyter-data",
        # A module handed in beside the notebook must not shadow the
        # course's or NumPy's: the working folder is not on sys.path.
        "PYTHONSAFEPATH": "1", "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }
    return [arg for name, value in values.items()
            for arg in ("--setenv", name, value)]


def python_folders() -> list[str]:
    """The Python installation and the venv, outermost first, without
    folders inside one another or inside the system folders."""
    folders = sorted({str(Path(p).resolve()) for p in
                      (sys.base_prefix, sys.prefix, sys.exec_prefix)})
    kept: list[str] = []
    for folder in folders:
        inside = [f for f in kept + list(SYSTEM)
                  if folder == f or folder.startswith(f + "/")]
        if not inside:
            kept.append(folder)
    return kept


def parents(path: str) -> list[str]:
    """bwrap arguments that create every folder above ``path`` as 0755, so
    that the sandbox's user can pass through (``/root`` is 0700 outside)."""
    args: list[str] = []
    parts = Path(path).parts[1:-1]
    for i in range(len(parts)):
        folder = "/" + "/".join(parts[:i + 1])
        if folder not in SYSTEM and folder != "/tmp":
            args += ["--perms", "0755", "--dir", folder]
    return args


def prepare_library(folder: Path, hidden: list[str]) -> Path:
    """``folder`` with a copy of ``nncourse`` that lacks the ``hidden``
    modules (``nncourse.hh``) and compiled files, and a warm matplotlib
    font cache; returns ``folder``."""
    folder = Path(folder)
    package = Path(nncourse.__file__).resolve().parent
    target = folder / "nncourse"
    if target.exists():
        shutil.rmtree(target)
    hidden_files = {name.split(".", 1)[1] + ".py" for name in hidden
                    if name.startswith("nncourse.")}
    shutil.copytree(package, target, ignore=shutil.ignore_patterns(
        "__pycache__", "*.pyc", *hidden_files))
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    warm_matplotlib(folder / "matplotlib")
    return folder


def submission_view(folder: Path, target: Path) -> Path:
    """``target``: what the sandbox gets of the submission ``folder``: its
    files without the notebooks, readable by the sandbox's user; returns
    ``target``.

    When the kernel starts, nbgrader has already written the notebook being
    graded back with its test cells restored, hidden tests included: a
    kernel that could read that file would read the hidden tests. The
    kernel never needs it (the grader sends it the cells one by one), so it
    gets only the other files handed in. Symbolic links stay links: inside
    the sandbox they lead nowhere the sandbox does not already see.
    """
    folder, target = Path(folder), Path(target)
    shutil.copytree(folder, target, symlinks=True,
                    ignore=shutil.ignore_patterns("*.ipynb"))
    for top, _, files in os.walk(target):
        os.chmod(top, 0o755)
        for name in files:
            path = os.path.join(top, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)
    return target


def close_run_dir(run_dir: Path) -> None:
    """Once the kernel has made its sockets in ``run_dir``, the sandbox's
    user may create nothing more there: the folder is on the grader's disk,
    outside the size limits of the sandbox's own file systems, so a kernel
    that could write there could fill the machine's disk (as root only:
    without a user switch the kernel owns the folder and could open it
    again)."""
    if os.geteuid() == 0:
        os.chown(run_dir, 0, 0)
        os.chmod(run_dir, 0o755)


def warm_matplotlib(cache: Path) -> None:
    """Build matplotlib's font list once, for every kernel to copy: a kernel
    that builds its own spends a second or more on it."""
    if cache.is_dir():
        return
    cache.mkdir(parents=True)
    env = dict(os.environ, MPLCONFIGDIR=str(cache), MPLBACKEND="Agg")
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"],
                   env=env, check=False, capture_output=True)
    for path in [cache, *cache.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


class SandboxedKernelManager(AsyncKernelManager):
    """A Python kernel started inside a :class:`Sandbox` (or, without one,
    as a plain local process), with its channels over Unix sockets."""

    def __init__(self, sandbox: Sandbox | None, run_dir: Path, **kwargs):
        super().__init__(kernel_name="python3", **kwargs)
        self.sandbox = sandbox
        self.transport = "ipc"
        self.ip = str(Path(run_dir) / "kernel")
        self.connection_file = str(Path(run_dir) / "kernel.json")
        command = [sys.executable, "-m", "ipykernel_launcher", "-f",
                   "{connection_file}"]
        if sandbox is not None:
            command = sandbox.argv(command)
        self._kernel_spec = KernelSpec(
            argv=command, display_name="Python 3 (graded)",
            language="python", interrupt_mode="message", env={})

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        os.chmod(self.connection_file, 0o644)   # the sandbox's user reads it
