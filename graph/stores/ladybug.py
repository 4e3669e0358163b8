"""The embedded default store: LadybugDB (the maintained fork of Kùzu), on disk, no server.

Read-only queries run inside ``BEGIN TRANSACTION READ ONLY`` (or on a database opened
read-only), so the database itself refuses writes; the connection's query timeout cuts
off slow queries.

Opening waits out other processes instead of failing (:func:`open_database`): another writer's
lock, a checkpoint in progress, a WAL being written; a checkpoint a killed writer left half
done is finished by a short read-write open (:func:`recover`, :func:`repair`).  A store given
a ``gate`` (:class:`.filelock.FileRWLock`) commits and checkpoints only while it holds the gate
exclusively, so readers that hold it shared never read files a checkpoint is rewriting.
"""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator

from ...config import DEFAULT_BUFFER_POOL_MB, MIN_FREE_MB
from ...errors import (DiskFullError, ParameterError, PolicyKGError, QueryError, QueryTimeoutError,
                       ReadOnlyViolationError, StoreBusyError, StoreError, StoreUnavailableError)
from .. import schema
from . import ladybug_bulk
from .base import GraphStore, Result, write_clause
from .filelock import FileRWLock, Progress, WriterLock

OPEN_WAIT_S = 30.0  # a reader waits out a checkpoint or a WAL being written
WRITER_OPEN_WAIT_S = 5.0  # writers queue on the WriterLock; this covers a reader's recovery open
# what an open meets while another process writes: worth waiting out, not worth failing on
# what a writer's commit or checkpoint shows a concurrent open for a moment (a WAL being written,
# truncated to 0 bytes, or locked): wait and try again
PASSING = ("recovery is pending", "Could not set lock", "Checksum verification failed", "WAL file is corrupted",
           "Reading past the end of the file")
LEFTOVERS = (".wal", ".wal.checkpoint", ".shadow", ".checkpoint.intent.lock", ".checkpoint.apply.lock")


def node_table_ddl(lbl: str) -> str:
    nt = schema.NODES[lbl]
    cols = ", ".join(f"{schema.ident(c)} {t}" for c, t in nt.columns.items())
    return f"CREATE NODE TABLE IF NOT EXISTS {schema.label(lbl)}({cols}, PRIMARY KEY(key))"


def ledger_table_ddl(name: str) -> str:
    cols = ", ".join(f"{c} {t}" for c, t in schema.LEDGER[name].items())
    return f"CREATE NODE TABLE IF NOT EXISTS {schema.ledger_label(name)}({cols}, PRIMARY KEY(key))"


def rel_table_ddl(typ: str) -> str:
    rt = schema.RELS[typ]
    pairs = ", ".join(f"FROM {schema.label(a)} TO {schema.label(b)}" for a, b in rt.pairs)
    cols = ", ".join(f"{schema.ident(c)} {t}" for c, t in rt.columns.items())
    return f"CREATE REL TABLE IF NOT EXISTS {schema.rel_type(typ)}({pairs}, {cols})"


def upgrade_ddl(name: str, columns: set[str], pairs: set[tuple[str, str]]) -> list[str]:
    """The statements that add to an existing table what the schema has and it lacks.

    >>> upgrade_ddl("ISSUED_BY", {"doc", "span_start", "span_end", "rule"}, {("Document", "Agency")})
    ['ALTER TABLE ISSUED_BY ADD IF NOT EXISTS position INT64', 'ALTER TABLE ISSUED_BY ADD IF NOT EXISTS joint BOOLEAN']
    >>> upgrade_ddl("MEMBER_OF", set(schema.RELS["MEMBER_OF"].columns), {("Zone", "Cluster"), ("Cluster", "Zone")})
    ['ALTER TABLE MEMBER_OF ADD FROM Agency TO Agency']
    """
    table = schema.NODES.get(name) or schema.RELS[schema.rel_type(name)]
    out = [f"ALTER TABLE {name} ADD IF NOT EXISTS {schema.ident(c)} {t}" for c, t in table.columns.items() if c not in columns]
    if name in schema.RELS:
        out += [f"ALTER TABLE {name} ADD FROM {schema.label(a)} TO {schema.label(b)}"
                for a, b in schema.RELS[name].pairs if (a, b) not in pairs]
    return out


DISK_FULL = ("No space left", "Cannot write to file", "Disk quota exceeded", "File too large")


def check_room(path: str, min_free_mb: int) -> None:
    """Refuse to start a write on a disk that cannot hold it: the free space must cover
    ``min_free_mb`` plus the WAL the next checkpoint copies into the database (LadybugDB 0.22
    aborts the process when a write or a checkpoint meets a full disk).

    >>> check_room(".", 0)
    >>> check_room(".", 1 << 40)
    Traceback (most recent call last):
    ...
    policykg.errors.DiskFullError: the disk holding . has ... MB free, under the ... MB a write needs ...
    """
    st = os.statvfs(os.path.dirname(os.path.abspath(path)) or ".")
    free = st.f_bavail * st.f_frsize
    try:
        wal = os.path.getsize(path + ".wal")
    except OSError:
        wal = 0
    need = (min_free_mb << 20) + 2 * wal
    if free < need:
        raise DiskFullError(f"the disk holding {path} has {free >> 20} MB free, under the {need >> 20} MB a write "
                            f"needs (POLICYKG_MIN_FREE_MB={min_free_mb} plus twice the WAL to checkpoint): nothing "
                            f"more was written; free some space and run it again", free_mb=free >> 20,
                            needed_mb=need >> 20)


def translate(exc: Exception, cypher: str, *, read_only: bool = False) -> PolicyKGError:
    """Map a LadybugDB RuntimeError onto the policykg error classes."""
    msg = str(exc)
    short = " ".join(cypher.split())[:200]
    if any(k in msg for k in DISK_FULL):
        return DiskFullError(f"the disk is full: {msg.splitlines()[0]} -- nothing of this transaction was kept")
    if "Interrupted" in msg or "timeout" in msg.lower():
        return QueryTimeoutError(f"query cut off after its time limit: {short}")
    if msg.startswith("Parameter ") and "not found" in msg:  # the caller's mistake, not the store's
        return ParameterError(f"{msg.splitlines()[0]}: pass it in params (query: {short})")
    if "read-only" in msg or "read only" in msg:
        clause = write_clause(cypher) or "a write"
        return ReadOnlyViolationError(f"refused: {clause} writes to the graph, and this query runs read-only")
    if any(k in msg for k in ("Parser exception", "Binder exception", "Runtime exception", "Catalog exception",
                              "Conversion exception", "Overflow exception")):
        return QueryError(f"{msg.splitlines()[0]} (query: {short})")
    if "lock" in msg.lower():
        return StoreUnavailableError(f"the database is in use by another process: {msg}")
    return StoreError(f"LadybugDB failed: {msg.splitlines()[0] if msg else type(exc).__name__}")


def file_signature(path: str) -> tuple:
    """What changes when a writer commits or checkpoints: size and mtime of the database and its WAL
    (a read-only database must be reopened then, to see the writes and not misread the files)."""
    sig = []
    for p in (path, path + ".wal"):
        try:
            st = os.stat(p)
            sig.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            sig.append(None)
    return tuple(sig)


def leftovers(path: str) -> list[str]:
    """The files beside a database that an unfinished write or checkpoint leaves."""
    return [s for s in LEFTOVERS if os.path.exists(path + s)]


def recover(path: str, gate_wait_s: float = 2.0) -> bool:
    """Finish what a writer killed during a checkpoint left: LadybugDB refuses read-only opens
    until a read-write open replays the WAL.  Done under the writer lock, without waiting for it:
    False when another writer is at work (its own open or checkpoint finishes the job).

    The gate is taken if it comes within ``gate_wait_s``; a reader that holds it shared is itself
    stuck (no read-only open succeeds before recovery), so recovery goes on without it."""
    lock = WriterLock(path)
    if not lock.try_hold():
        return False
    try:
        try:
            with FileRWLock(path).exclusive(wait_s=gate_wait_s):
                return _open_close(path)
        except StoreBusyError:
            return _open_close(path)
    finally:
        lock.release()


def _open_close(path: str) -> bool:
    import ladybug

    try:
        ladybug.Database(path).close()
    except RuntimeError as e:
        if "Could not set lock" in str(e):
            return False  # a writer that does not take our lock (another tool) is at work
        raise StoreUnavailableError(f"cannot recover LadybugDB at {path}: {e}") from e
    return True


def repair(path: str, *, wait_s: float | None = None, progress: Progress | None = None) -> list[str]:
    """``policykg repair``: wait to be the only writer, then open read-write and close, which
    replays a leftover WAL and finishes a half-done checkpoint.  Returns the leftover files found."""
    if not Path(path).exists():
        raise StoreUnavailableError(f"no database at {path}")
    with WriterLock(path).hold(wait_s=wait_s, progress=progress, purpose="repair"):
        found = leftovers(path)
        with FileRWLock(path).exclusive(wait_s=wait_s, progress=progress):
            open_database(path, read_only=False, wait_s=OPEN_WAIT_S if wait_s is None else wait_s).close()
        return found


def open_database(path: str, *, read_only: bool, wait_s: float = OPEN_WAIT_S, recover_wal: bool = True, **options):
    """``ladybug.Database``, retried with backoff while another process writes or checkpoints.

    A read-only open ignores a torn WAL tail (``throw_on_wal_replay_failure=False``): it then sees
    the last committed transaction, as it would a moment later; a pending checkpoint recovery
    that no writer is working on is finished by :func:`recover` (not with ``recover_wal=False``: a
    sandbox worker never opens the database read-write; it waits for a reader that may)."""
    import ladybug

    deadline, delay = time.monotonic() + wait_s, 0.02
    while True:
        try:
            return ladybug.Database(path, read_only=read_only, throw_on_wal_replay_failure=not read_only, **options)
        except RuntimeError as e:
            msg = str(e)
            if read_only and recover_wal and "recovery is pending" in msg and recover(path):
                continue
            if not any(p in msg for p in PASSING) or time.monotonic() + delay > deadline:
                if "recovery is pending" in msg:
                    raise StoreUnavailableError(f"LadybugDB at {path} needs recovery after an interrupted "
                                                f"checkpoint and no writer finished it in {wait_s:.0f} s: "
                                                f"run `policykg repair` ({msg.splitlines()[0]})") from e
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class LadybugStore(GraphStore):
    dialect = "ladybug"
    # a transaction with a COPY checkpoints at commit (cost ~ the database's size): copy only
    # large batches, and group documents into large transactions (see ladybug_bulk)
    bulk_min_rows = 50_000
    transaction_rows = 400_000
    max_transaction_rows = 2_000_000  # held: ~165 bytes a row (Arrow), ~1.5 KB a row of the rest (~20%)

    @staticmethod
    def cast(expr: str, typ: str) -> str:
        return f"CAST({expr} AS {typ})"  # a column of all-null values would otherwise bind as STRING

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False, wait_s: float | None = None,
                 gate: FileRWLock | None = None, min_free_mb: int = MIN_FREE_MB,
                 buffer_pool_mb: int | None = DEFAULT_BUFFER_POOL_MB, **db_options):
        """``buffer_pool_mb``: LadybugDB's page cache (None or 0: its default, 80% of the machine's
        memory); what the process's memory is, whatever the size of the database."""
        import ladybug

        self.path = str(path)
        self.buffer_pool_mb = buffer_pool_mb or None
        if self.buffer_pool_mb and "buffer_pool_size" not in db_options:
            db_options["buffer_pool_size"] = self.buffer_pool_mb << 20
        self.read_only = read_only
        self.min_free_mb = min_free_mb
        self.gate = None if read_only else gate
        p = Path(self.path)
        wal = Path(self.path + ".wal")
        if not p.exists() and wal.exists():
            wal.unlink()  # a WAL without its database stops a new one of that name from opening
        if read_only and not p.exists():
            raise StoreUnavailableError(f"no database at {self.path}: ingest documents first")
        if p.parent and not p.parent.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        if not read_only:
            check_room(self.path, min_free_mb)
        try:
            with self._committing():  # opening replays the WAL and may checkpoint
                wait = wait_s if wait_s is not None else OPEN_WAIT_S if read_only else WRITER_OPEN_WAIT_S
                self._db = open_database(self.path, read_only=read_only, wait_s=wait, **db_options)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as e:
            raise StoreUnavailableError(f"cannot open LadybugDB at {self.path}: {e}") from e
        self._lock = threading.RLock()
        self._in_tx = False

    def _committing(self):
        """The gate, held exclusively while this store commits or checkpoints (when it has one)."""
        return self.gate.exclusive() if self.gate is not None else nullcontext()

    # --- lifecycle -------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Create the tables, and bring those of an older policykg up to the schema: columns and
        (source, target) pairs it lacks are added (``ALTER TABLE``), nothing is dropped."""
        with self._lock, self._committing():
            for lbl in schema.NODES:
                self._run(node_table_ddl(lbl))
            for typ in schema.RELS:
                self._run(rel_table_ddl(typ))
            for name in [*schema.NODES, *schema.RELS]:
                have = {r[1] for r in self._run(f"CALL table_info('{name}') RETURN *").rows}
                pairs = ({(r[0], r[1]) for r in self._run(f"CALL show_connection('{name}') RETURN *").rows}
                         if name in schema.RELS else set())
                for ddl in upgrade_ddl(name, have, pairs):
                    self._run(ddl)
            for name in schema.LEDGER:
                self._run(ledger_table_ddl(name))

    def close(self) -> None:
        with self._lock:
            if getattr(self, "_conn", None) is not None:
                self._conn.close()
                with self._committing():  # closing checkpoints
                    self._db.close()
                self._conn = None

    # --- execution -------------------------------------------------------------------
    def _run(self, cypher: str, params: dict | None = None, limit: int | None = None) -> Result:
        try:
            res = self._conn.execute(cypher, params or {})
        except RuntimeError as e:
            raise translate(e, cypher) from e
        except (ValueError, TypeError) as e:  # the binding layer refused a parameter value
            raise ParameterError(f"a parameter value does not fit: {e} (query: {' '.join(cypher.split())[:200]})") from e
        if isinstance(res, list):  # several statements: keep the last result
            res = res[-1]
        cols = res.get_column_names()
        rows, truncated = [], False
        while res.has_next():
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append(res.get_next())
        res.close()
        return Result(cols, rows, truncated)

    def execute(self, cypher: str, params: dict | None = None) -> Result:
        with self._lock:
            if self._in_tx:
                return self._run(cypher, params)
            with self._committing():  # a statement outside a transaction commits by itself
                return self._run(cypher, params)

    def query(self, cypher, params=None, *, timeout_s=None, limit=None) -> Result:
        with self._lock:
            if timeout_s:
                self._conn.set_query_timeout(int(timeout_s * 1000))
            try:
                if self.read_only or self._in_tx:
                    return self._run(cypher, params, limit)
                self._run("BEGIN TRANSACTION READ ONLY")
                try:
                    return self._run(cypher, params, limit)
                finally:
                    try:
                        self._run("ROLLBACK")
                    except StoreError:
                        pass  # an interrupted (timed-out) query has already ended its transaction
            except QueryError as e:
                if write_clause(cypher) and not isinstance(e, QueryTimeoutError):
                    raise ReadOnlyViolationError(
                        f"refused: {write_clause(cypher)} writes to the graph, and this query runs read-only") from e
                raise
            finally:
                if timeout_s:
                    self._conn.set_query_timeout(0)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._in_tx:  # nested: the outer transaction decides
                yield
                return
            check_room(self.path, self.min_free_mb)
            self._run("BEGIN TRANSACTION")
            self._in_tx = True
            try:
                yield
            except BaseException:
                self._in_tx = False
                try:
                    self._run("ROLLBACK")
                except StoreError:
                    pass  # LadybugDB already rolled back the failed statement's transaction
                raise
            self._in_tx = False
            with self._committing():
                self._run("COMMIT")

    def memory(self) -> dict:
        """The store's memory settings, as ``policykg stats --format json`` prints them."""
        return {"backend": "ladybug", "buffer_pool_mb": self.buffer_pool_mb or "ladybug default (80% of RAM)",
                "transaction_rows": self.transaction_rows, "max_transaction_rows": self.max_transaction_rows}

    def copy_nodes(self, label: str, nodes: list, table=None) -> bool:
        ladybug_bulk.copy_nodes(self, label, nodes, table)
        return True

    def copy_edges(self, edges: list, tables: dict | None = None) -> bool:
        ladybug_bulk.copy_edges(self, edges, tables)
        return True

    def clear(self) -> None:
        with self._lock, self._committing():
            for typ in schema.RELS:
                self._run(f"MATCH ()-[e:{schema.rel_type(typ)}]->() DELETE e")
            for lbl in schema.NODES:
                self._run(f"MATCH (n:{schema.label(lbl)}) DELETE n")
            for name in schema.LEDGER:
                self._run(f"MATCH (n:{schema.ledger_label(name)}) DELETE n")
