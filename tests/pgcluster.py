"""A throwaway PostgreSQL cluster for the tests and benchmarks: ``initdb`` and ``pg_ctl`` in a
temporary folder, on a free loopback port, run as the ``postgres`` user when we are root (initdb
refuses root), stopped and deleted at the end.

    python tests/pgcluster.py start DIR     # prints the server's URL
    python tests/pgcluster.py stop DIR
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def bindir() -> Path:
    """The folder of PostgreSQL's server programs (the newest installed version)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL's server programs (initdb, pg_ctl) are not installed:"
                       " apt-get install -y postgresql postgresql-contrib (make setup does it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One throwaway cluster in ``folder`` (made when missing)."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder or tempfile.mkdtemp(prefix="kroniek-pg-"))
        self.data = self.folder / "data"
        self.port_file = self.folder / "port"

    def _run(self, *args: str) -> None:
        cmd = [str(a) for a in args]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip() or done.stdout.strip()}")

    @property
    def url(self) -> str:
        """``postgresql://postgres@127.0.0.1:PORT`` (add ``/dbname``)."""
        return f"postgresql://postgres@127.0.0.1:{self.port_file.read_text().strip()}"

    def start(self, options: str = "-c fsync=off") -> str:
        """Make and start the cluster (or start it again); return its URL.

        Args:
            options: server settings (``-c name=value ...``); the tests' default drops fsync.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        bins = bindir()
        if not self.data.exists():
            self._run(bins / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--locale=C.UTF-8",
                      "-E", "UTF8")
        port = _free_port()
        self.port_file.write_text(str(port))
        options = f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200 {options}"
        self._run(bins / "pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w", "-t", "60",
                  "start")
        return self.url

    def stop(self, remove: bool = True) -> None:
        """Stop the cluster (fast shutdown) and delete its folder."""
        if self.data.exists():
            try:
                self._run(bindir() / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
            except RuntimeError:
                pass
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str) -> str:
        """A new, empty database; return its URL."""
        import psycopg

        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"


if __name__ == "__main__":
    action, folder = sys.argv[1], sys.argv[2]
    cluster = Cluster(folder)
    if action == "start":
        print(cluster.start())
    else:
        cluster.stop(remove=False)
