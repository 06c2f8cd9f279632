"""A throwaway PostgreSQL server on loopback, from Debian's package.

``.ci/run`` installs the package (``postgresql``) when it is missing. The
server refuses to run as root, so as root it runs as the ``postgres`` user
the package creates.
"""
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def binaries():
    """The folder with initdb and pg_ctl, or None if PostgreSQL is missing."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_server_user(command):
    if os.getuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def postgres(database="nncourse"):
    """Start a server in a new temporary folder; yield the SQLAlchemy URL of
    a new ``database`` on it; stop the server and delete the folder."""
    bin_ = binaries()
    if bin_ is None:
        raise RuntimeError("PostgreSQL is not installed: `apt-get install "
                           "postgresql` (Debian's package; .ci/run does this)")
    # Not under pytest's tmp_path: the server user must be able to reach it.
    data = Path(tempfile.mkdtemp(prefix="nncourse-postgres-"))
    if os.getuid() == 0:
        shutil.chown(data, "postgres")
    port = free_port()

    def run(*command):
        subprocess.run(as_server_user([str(bin_ / command[0]), *command[1:]]),
                       check=True, capture_output=True, text=True, timeout=120)

    run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E",
        "UTF8")
    run("pg_ctl", "-D", str(data), "-l", str(data / "server.log"), "-w",
        "start",
        "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1")
    try:
        run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
            database)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{database}"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(data, ignore_errors=True)
