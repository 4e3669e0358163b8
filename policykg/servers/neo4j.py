"""A real Neo4j 5 Community server without Docker or a Neo4j install.

``tools/neo4j`` builds (with Maven, from Maven Central artifacts) a jar that runs Neo4j
embedded with only its Bolt connector; this module builds that jar when needed, starts it
on a free port and stops it.  The tests use it so the Neo4j store is always tested against
the real database, and users can run one locally::

    python -m policykg.servers.neo4j --port 7687 --data ./.neo4j-data
"""
from __future__ import annotations

import argparse
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from ..errors import StoreUnavailableError

LAUNCHER_DIR = Path(__file__).resolve().parents[2] / "tools" / "neo4j"
JAR_NAME = "neo4j-launcher.jar"
READY = re.compile(rb"^READY (bolt://\S+)$", re.M)


# a server sized for bulk work, as docker-compose.yml runs it (heap given to the JVM: 4g, G1):
# a page cache that holds a graph of ~10^7 rows, and transactions of the loader's groups
BULK_HEAP = "4g"
BULK = {"server.memory.pagecache.size": "4g", "db.memory.transaction.total.max": "3g",
        "db.memory.transaction.max": "2g"}
BULK_GC = "-XX:+UseG1GC"


def _jar(launcher_dir: Path) -> Path:
    return launcher_dir / "target" / JAR_NAME


def _jar_is_fresh(launcher_dir: Path) -> bool:
    """The jar exists and is newer than the pom and every source file it is built from."""
    jar = _jar(launcher_dir)
    if not jar.exists():
        return False
    sources = [launcher_dir / "pom.xml", *(launcher_dir / "src").rglob("*")]
    return all(jar.stat().st_mtime >= s.stat().st_mtime for s in sources if s.exists())


def _java_major(java: str) -> int | None:
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def java_available(launcher_dir: Path = LAUNCHER_DIR) -> str | None:
    """None when this machine can run the launcher, else the reason it cannot.

    Needs Java 17+, and Maven unless an up-to-date jar is already built."""
    java = shutil.which("java")
    if not java:
        return "java is not on PATH (Neo4j 5 needs Java 17 or newer)"
    major = _java_major(java)
    if major is not None and major < 17:
        return f"{java} is Java {major}; Neo4j 5 needs Java 17 or newer"
    if not _jar_is_fresh(launcher_dir):
        if not (launcher_dir / "pom.xml").exists():
            return f"no Neo4j launcher sources at {launcher_dir}"
        if not shutil.which("mvn"):
            return f"mvn is not on PATH, and it is needed to build {_jar(launcher_dir)}"
    return None


def build_jar(launcher_dir: Path = LAUNCHER_DIR, *, force: bool = False) -> Path:
    """Build the launcher jar unless an up-to-date one exists; returns its path.

    A file lock keeps parallel test workers from building it at the same time."""
    jar = _jar(launcher_dir)
    (launcher_dir / "target").mkdir(parents=True, exist_ok=True)
    with open(launcher_dir / "target" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not force and _jar_is_fresh(launcher_dir):
            return jar
        cmd = ["mvn", "-q", "-B", "-f", str(launcher_dir / "pom.xml"), "package", "-DskipTests"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not jar.exists():
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
            raise StoreUnavailableError(f"building the Neo4j launcher failed ({' '.join(cmd)}):\n{tail}")
    return jar


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Neo4jServer:
    """One Neo4j DBMS in a child JVM, listening for Bolt on 127.0.0.1.

    Auth is off unless ``password`` is given (then user ``neo4j`` has that password; Neo4j
    wants at least 8 characters).  The server also stops when this process dies, because
    the launcher exits when its stdin closes."""

    def __init__(self, data_dir: str | os.PathLike, port: int | None = None, *, password: str | None = None,
                 heap: str = "512m", startup_timeout: float = 120.0, launcher_dir: Path = LAUNCHER_DIR,
                 config: dict[str, str] | None = None, gc: str = "-XX:+UseSerialGC"):
        """``heap``: the JVM's -Xmx; ``config``: Neo4j settings (``BULK`` for a server sized for
        bulk loads); ``gc``: the JVM's collector flag (serial: small test servers start faster)."""
        self.data_dir = Path(data_dir).resolve()
        self.port = port
        self.password = password
        self.heap = heap
        self.startup_timeout = startup_timeout
        self.launcher_dir = launcher_dir
        self.log_path = self.data_dir / "launcher.log"
        self.config, self.gc = dict(config or {}), gc
        self.uri: str | None = None
        self._proc: subprocess.Popen | None = None

    def start(self) -> "Neo4jServer":
        if self._proc is not None:
            return self
        reason = java_available(self.launcher_dir)
        if reason:
            raise StoreUnavailableError(f"cannot start Neo4j: {reason}")
        jar = build_jar(self.launcher_dir)
        port = self.port or free_port()
        if port_in_use(port):
            raise StoreUnavailableError(f"cannot start Neo4j: port {port} on 127.0.0.1 is already in use")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        cmd = [shutil.which("java") or "java", f"-Xms{self.heap}" if self.config else "", f"-Xmx{self.heap}", self.gc,
               "-jar", str(jar), "--data", str(self.data_dir), "--port", str(port)]
        cmd = [c for c in cmd if c] + [a for k, v in self.config.items() for a in ("--config", f"{k}={v}")]
        if self.password is not None:
            cmd += ["--password", self.password]
        with open(self.log_path, "wb") as log:  # one file, not a pipe: nothing can block the JVM
            self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                                          start_new_session=True)  # Ctrl-C reaches us; we stop it
        deadline = time.monotonic() + self.startup_timeout
        while True:
            m = READY.search(self.log_path.read_bytes())
            if m:
                self.port, self.uri = port, m.group(1).decode()
                return self
            if self._proc.poll() is not None or time.monotonic() > deadline:
                why = (f"exited with code {self._proc.returncode}" if self._proc.poll() is not None
                       else f"was not ready after {self.startup_timeout:.0f}s")
                self.stop()
                said = re.findall(r"^neo4j-launcher: (.*)$", self.log_tail(10_000), re.M)  # its own diagnosis
                raise StoreUnavailableError(
                    f"Neo4j on port {port} {why}{': ' + said[-1] if said else ''}\nLast lines of {self.log_path} "
                    f"(more in {self.data_dir / 'logs' / 'debug.log'}):\n{self.log_tail()}")
            time.sleep(0.1)

    def stop(self, timeout: float = 60.0) -> None:
        """Ask the JVM to shut Neo4j down cleanly and wait; kill it if it hangs."""
        proc, self._proc, self.uri = self._proc, None, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdin:
            proc.stdin.close()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __enter__(self) -> "Neo4jServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m policykg.servers.neo4j",
                                 description="Run a local Neo4j 5 Community server (no Docker) until Ctrl-C.")
    ap.add_argument("--port", type=int, default=7687)
    ap.add_argument("--data", default="./.neo4j-data", help="data directory (kept between runs)")
    ap.add_argument("--password", help="enable auth: user neo4j with this password (8+ characters)")
    args = ap.parse_args(argv)
    server = Neo4jServer(args.data, args.port, password=args.password)
    try:
        server.start()
    except StoreUnavailableError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if our parent ignored it (`cmd &`)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop cleanly when terminated too
    print(f"Neo4j is running at {server.uri} (data in {server.data_dir}); Ctrl-C stops it.", flush=True)
    print(f"  NEO4J_URI={server.uri}", flush=True)
    try:
        while server.running:
            time.sleep(0.5)
        print(f"error: Neo4j stopped unexpectedly:\n{server.log_tail()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
