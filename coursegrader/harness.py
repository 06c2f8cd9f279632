"""Autograde with the tests outside the student's interpreter.

:class:`SandboxedExecute` takes the place of nbgrader's ``Execute`` in the
grader's autograde pipeline. It runs the student's notebook in a kernel in a
bubblewrap sandbox (:mod:`coursegrader.sandbox`), cell by cell, as nbgrader
would, except for the test cells: those run here, in the grader's process,
in a namespace of their own (:class:`TestNamespace`). A name a test takes
from the student's notebook is a proxy (:mod:`nncourse.remote`), so a test
cell reads exactly as it does in one kernel (where a student presses
*Validate*), while the student's code never sees the test code, the
expected values or the comparison helpers, and cannot change what runs
them. The notebook's read-only cells given by the course (imports,
parameters, helper classes) run on both sides.

A test cell's outputs are made here: what the test printed, and its
exception, if any, with the message the test produced. Nothing the
student's code printed while a test called it is kept.
"""
from __future__ import annotations

import builtins
import contextlib
import hmac
import io
import os
import shutil
import socket
import tempfile
import time
import uuid
from pathlib import Path

from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Bool, Int, List, Unicode

from coursegrader import sandbox
from coursetools.course import is_test_cell, nbgrader_meta
from nncourse import remote

CONNECT_TIMEOUT = 30        # seconds for the kernel to answer a test cell
SETTLE_TIMEOUT = 10         # seconds for it to be idle again afterwards
ACCEPT_POLL = 0.05          # seconds between looks for the kernel's reply


class TestNamespace(dict):
    """The globals of the test cells: the tests' own names first, then the
    built-ins, then the student's notebook (as proxies and plain data).

    A test that assigns to a name it took from the student's notebook
    (``minibatches = my_batches``) assigns it there too, as it would in one
    kernel. Names from the notebook are looked up afresh in every cell.
    """

    def __init__(self):
        super().__init__(__name__="__tests__", __builtins__=builtins)
        self.endpoint: remote.Endpoint | None = None
        self.fetched: set[str] = set()

    def __missing__(self, name):
        if self.endpoint is None or name.startswith("__") \
                or hasattr(builtins, name):
            raise KeyError(name)
        try:
            value = self.endpoint.request("lookup", name)
        except NameError:
            raise KeyError(name) from None
        dict.__setitem__(self, name, value)
        self.fetched.add(name)
        return value

    def __setitem__(self, name, value):
        dict.__setitem__(self, name, value)
        if name in self.fetched and self.endpoint is not None:
            self.endpoint.request("assign", name, value)

    def forget_fetched(self) -> None:
        for name in self.fetched:
            self.pop(name, None)
        self.fetched.clear()


class TestRunner:
    """Runs one notebook's test cells against its sandboxed kernel."""

    def __init__(self, run_dir: Path, timeout: int, hidden: list[str]):
        self.path = str(Path(run_dir) / "tests.sock")
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.path)
        os.chmod(self.path, 0o666)
        self.listener.listen(1)
        self.timeout, self.hidden = timeout, hidden
        self.session = uuid.uuid4().hex
        self.namespace = TestNamespace()
        self.endpoint = remote.Endpoint("T", trusted=True)

    def close(self) -> None:
        self.listener.close()

    def run_given(self, source: str) -> None:
        """A read-only cell of the course: run it here too, quietly."""
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            try:
                exec(compile(source, "<given cell>", "exec"), self.namespace)
            except Exception:       # the kernel's copy reports it
                pass

    def run_test(self, source: str, client) -> list:
        """Run a test cell against the kernel of ``client`` (an nbclient
        NotebookClient); return the cell's outputs."""
        start = self.start_agent(client)
        printed = io.StringIO()
        error = None
        if isinstance(start, BaseException):
            error = start
        else:
            connection, msg_id = start
            self.endpoint.attach(connection)
            self.endpoint.deadline = time.monotonic() + self.timeout
            self.namespace.endpoint = self.endpoint
            self.namespace.forget_fetched()
            remote.hidden_modules = set(self.hidden)
            try:
                code = compile(source, "<test cell>", "exec")
                with contextlib.redirect_stdout(printed), \
                        contextlib.redirect_stderr(io.StringIO()):
                    exec(code, self.namespace)
            except remote.RemoteTimeout:
                error = TimeoutError(
                    f"the test ran past the cell's time limit of "
                    f"{self.timeout} s")
            except Exception as exc:
                error = exc
            finally:
                remote.hidden_modules = None
                self.namespace.endpoint = None
                self.finish(connection, msg_id, client)
        return outputs(printed.getvalue(), error)

    def start_agent(self, client):
        """Ask the kernel to serve this test cell; return (connection,
        msg_id), or the exception that says why it did not come."""
        ticket = uuid.uuid4().hex
        code = (f"__import__('nncourse.remote', fromlist=['serve']).serve("
                f"{self.path!r}, {self.session!r}, {ticket!r})")
        msg_id = client.kc.execute(code, silent=True, store_history=False)
        refused = ConnectionError(
            "the notebook's kernel did not take the test's calls (was "
            "IPython's input handling changed?)")
        # A kernel whose input handling was changed (a transformer, a new
        # run_cell) answers the request without ever connecting: fail the
        # cell at once rather than after CONNECT_TIMEOUT, which would let
        # one submission hold a worker for a timeout per test cell.
        deadline = time.monotonic() + CONNECT_TIMEOUT
        self.listener.settimeout(ACCEPT_POLL)
        while time.monotonic() < deadline:
            try:
                connection, _ = self.listener.accept()
            except socket.timeout:
                if not run_sync(client.km.is_alive)():
                    raise DeadKernelError(
                        "Kernel died before a test cell") from None
                if wait_for_reply(client, msg_id, ACCEPT_POLL):
                    return refused
                continue
            except OSError:
                break
            if presents(connection, ticket):
                return connection, msg_id
            connection.close()      # not this cell's agent: anyone's else
        self.settle(msg_id, client)
        return refused

    def finish(self, connection, msg_id, client) -> None:
        """Say goodbye to the kernel's side and wait until it is idle."""
        try:
            self.endpoint.deadline = time.monotonic() + SETTLE_TIMEOUT
            self.endpoint.say_goodbye()
        except (remote.ProtocolError, OSError, ConnectionError):
            pass
        finally:
            connection.close()
        self.settle(msg_id, client)

    def settle(self, msg_id: str, client) -> None:
        """Wait for the kernel's reply to the serve request, interrupting
        it if needed; a kernel that stays busy fails the submission."""
        if wait_for_reply(client, msg_id, SETTLE_TIMEOUT):
            return
        if not run_sync(client.km.is_alive)():
            raise DeadKernelError("Kernel died during a test cell")
        run_sync(client.km.interrupt_kernel)()
        if not wait_for_reply(client, msg_id, SETTLE_TIMEOUT):
            raise RuntimeError("CellTimeoutError: the kernel stayed busy "
                               "after a test cell and ignored the interrupt")


def presents(connection: socket.socket, ticket: str) -> bool:
    """Whether ``connection`` opens with ``ticket`` within a second. What
    else connects to the test socket (code of the student's that found it,
    before or during the cell) is turned away, not mistaken for the agent
    the cell asked for."""
    expected = ticket.encode()
    received = b""
    connection.settimeout(1.0)
    try:
        while len(received) < len(expected):
            chunk = connection.recv(len(expected) - len(received))
            if not chunk:
                return False
            received += chunk
    except OSError:
        return False
    connection.settimeout(None)
    return hmac.compare_digest(received, expected)


def wait_for_reply(client, msg_id: str, timeout: float) -> bool:
    """Read the shell channel until the reply to ``msg_id``; False if none
    came within ``timeout`` seconds, or the kernel died. IOPub messages are
    drained."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not run_sync(client.km.is_alive)():
            return False
        try:
            msg = run_sync(client.kc.get_shell_msg)(
                timeout=max(0.01, min(1.0, deadline - time.monotonic())))
        except Exception:           # queue.Empty: nothing yet
            continue
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            drain(client)
            return True
    return False


def drain(client) -> None:
    """Drop the IOPub messages waiting: what the student's code printed
    while a test called it is not kept."""
    while True:
        try:
            run_sync(client.kc.get_iopub_msg)(timeout=0)
        except Exception:
            return


def outputs(printed: str, error: BaseException | None) -> list:
    """The outputs of a test cell: what it printed and how it failed."""
    cell_outputs = []
    if printed:
        cell_outputs.append(new_output("stream", name="stdout",
                                       text=printed[-10000:]))
    if error is not None:
        name = type(error).__name__
        message = str(error)[:remote.MAX_MESSAGE_TEXT]
        cell_outputs.append(new_output(
            "error", ename=name, evalue=message,
            traceback=[f"{name}: {message}" if message else name]))
    return cell_outputs


def is_given_cell(cell) -> bool:
    """A read-only code cell of the course: locked, neither answer nor test."""
    meta = nbgrader_meta(cell)
    return (cell.get("cell_type") == "code" and bool(meta.get("locked"))
            and not meta.get("grade") and not meta.get("solution"))


class SandboxedExecute(Execute):
    """nbgrader's Execute with the student's kernel in a sandbox and the
    test cells run by the grader (see the module's docstring)."""

    library = Unicode("", help="folder with the nncourse copy and the "
                      "font cache the sandbox binds").tag(config=True)
    hidden_modules = List(Unicode(), help="course modules the student's "
                          "kernel may not import").tag(config=True)
    slot = Int(0, help="which sandbox user to run as").tag(config=True)
    unsafe = Bool(False, help="run the kernel without the sandbox "
                  "(the tests still run here)").tag(config=True)
    memory = Int(sandbox.Limits.memory, help="bytes of address space of "
                 "each process in the sandbox").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        folder = Path(resources["metadata"]["path"])
        box_user = None
        run_dir = Path(tempfile.mkdtemp(prefix="nnc-"))  # short: socket paths
        self.run_dir = run_dir
        try:
            # the notebook in ``folder`` holds the hidden tests by now: the
            # sandbox gets the other files only, from a copy named like
            # ``folder`` (autograded/STUDENT/ASSIGNMENT), so that `ps` shows
            # whose work a sandbox runs
            view = run_dir.joinpath(*folder.parts[-3:])
            if not self.unsafe:
                sandbox.submission_view(folder, view)
                for parent in view.relative_to(run_dir).parents[:-1]:
                    os.chmod(run_dir / parent, 0o755)
            box = None if self.unsafe else sandbox.Sandbox(
                run_dir, view,
                Path(self.library), self.slot,
                sandbox.Limits(memory=self.memory,
                               cpu_seconds=10 * self.timeout))
            box_user = box.uid if box is not None else None
            if box_user is not None:     # only the sandbox's user, and root
                os.chown(run_dir, box_user, box_user)
            self.tests = TestRunner(run_dir, self.timeout, self.hidden_modules)
            self.sandboxed_km = sandbox.SandboxedKernelManager(
                box, run_dir, config=self.config)
            try:
                return super().preprocess(nb, resources)
            finally:
                self.tests.close()
                self.stop_kernel()
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)

    def start_new_kernel_client(self):
        """The kernel's client, once the kernel is ready; from then on the
        kernel may create no file in its run folder (on the host's disk)."""
        client = super().start_new_kernel_client()
        if not self.unsafe:
            sandbox.close_run_dir(self.run_dir)
        return client

    def create_kernel_manager(self):
        self.km = self.sandboxed_km
        return self.km

    def stop_kernel(self) -> None:
        """Stop the kernel and everything it started, however detached."""
        km = self.sandboxed_km
        process = getattr(getattr(km, "provisioner", None), "process", None)
        try:
            if run_sync(km.is_alive)():
                run_sync(km.shutdown_kernel)(now=True)
        except Exception:
            pass
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def preprocess_cell(self, cell, resources, index):
        if is_test_cell(cell):
            cell.outputs = self.tests.run_test(cell.source, self)
            cell.execution_count = None
            return cell, self.resources
        cell, resources = super().preprocess_cell(cell, resources, index)
        if is_given_cell(cell):
            self.tests.run_given(cell.source)
        return cell, resources
