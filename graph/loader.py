"""Documents into the store, idempotently: each prepared document's fate, decided against what
is stored, and the grouped transactions that write it.

For each document, in the order it is given:

- a document with the same key (or, failing that, from the same source file) is stored
  with the same cleaned-text hash and metadata: *unchanged*, skipped;
- it is stored with other content: *replaced* -- the old document's facts are deleted and
  the new ones written in the same transaction;
- else *new*: written.

Documents are committed in groups (one transaction per group; a group that fails is retried
document by document, so one bad write cannot sink the others): ``batch_docs`` documents, or
by default as many as make the store's ``transaction_rows`` rows -- large groups go through
the store's bulk path (:func:`.write.write_batch`).  Killing the process loses at most the open
transaction, and a re-run picks up where it stopped.

Unchanged means free: a file whose ledger record (:mod:`.ledger`: size, mtime or content
hash, manifest row, and the document written from it, still stored as written) holds is
counted unchanged before it is read (:meth:`DocumentLoader.skip_unchanged`), and a run that
changes nothing skips finalize.  Otherwise finalize recomputes only what the run touched
(:class:`.touched.Touched`), or everything when the store was empty, an earlier run did not
finish, or the run touched a large share of the documents.  Reading and extracting files is
the ingest layer's business (:mod:`policykg.ingest.load`); this module takes built batches.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from typing import Callable

from ..errors import DiskFullError, ParameterError, PolicyKGError
from . import schema
from .batch import merge
from .bulk import edge_ident, split_blind
from .columns import Packed
from .derived import finalize
from .ledger import DONE, FINALIZE, PENDING, finalize_pending, read_files, set_state, write_files
from .prepared import Failure, FileRecord, Prepared, fingerprint, prepare  # noqa: F401  (the loader's inputs)
from .statements import read
from .stores.base import GraphStore
from .touched import Touched, capture
from .write import write_batch

FULL_FINALIZE_SHARE = 0.25  # a run that touched this share of the stored documents recomputes everything

Progress = Callable[[int, int, str, str], None]  # (done, total, path, status)


@dataclass
class LoadSummary:
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    duplicate: int = 0
    failed: int = 0
    nodes_written: int = 0
    edges_written: int = 0
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    finalize: dict = field(default_factory=dict)

    @property
    def succeeded(self) -> int:
        return self.new + self.unchanged + self.replaced + self.duplicate

    def as_dict(self) -> dict:
        d = asdict(self)
        d["succeeded"] = self.succeeded
        return d


class DocumentLoader:
    """Decides each document's fate against the store and writes in grouped transactions."""

    def __init__(self, store: GraphStore, *, force: bool = False, batch_docs: int | None = None,
                 progress: Progress | None = None, total: int = 0):
        self.store, self.force = store, force
        self.batch_docs = max(1, batch_docs) if batch_docs else None
        self.progress, self.total, self.done = progress, total, 0
        self.summary = LoadSummary()
        self.known: dict[str, tuple] = {}  # key -> (sha, source, fingerprint)
        self.by_source: dict[str, str] = {}
        for key, sha, source, url, prov, city, county in read(store, "stored_documents").rows:
            self.known[key] = (sha, source, (url, prov, city, county))
            if source:
                self.by_source.setdefault(source, key)
        self.stored_before = len(self.known)
        self.stored_rows = store.count_rows() if store.max_transaction_rows > store.transaction_rows else 0
        self.files = read_files(store)  # path -> what the file was when its document was written
        self.records: list[FileRecord] = []  # file records to write with the next transaction
        self.was_pending = finalize_pending(store)
        self.seen: dict[str, str] = {}  # key -> path, this run
        self.pending: list[tuple[Prepared, list[str], str]] = []
        self.pending_rows = 0
        self.touched = Touched()  # documents written (or replaced away) this run, and what they named
        self.stored_edges: set[tuple] = set()  # edges without a document this run committed (bulk.plan_for)
        self.write_s = 0.0

    def _tick(self, path: str, status: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total, path, status)

    def fail(self, f: Failure) -> None:
        self.summary.failed += 1
        self.summary.failures.append(f)
        self._tick(f.path, "failed")

    # --- unchanged files, before they are read ------------------------------------------
    def needs_hash(self, rec: FileRecord) -> bool:
        """The file's record matches but for its mtime: its content hash decides."""
        old = self.files.get(rec.path)
        return (old is not None and rec.sha is None and old.size == rec.size and old.meta == rec.meta
                and old.mtime_ns != rec.mtime_ns)

    def skip_unchanged(self, rec: FileRecord) -> bool:
        """Count a file as unchanged, without reading it, when its record holds and its document
        is stored as written from it; False: extract it."""
        old = self.files.get(rec.path)
        if self.force or old is None or old.doc is None or not old.same_file(rec) or old.doc in self.seen:
            return False
        stored = self.known.get(old.doc)
        if stored is None or stored[0] != old.doc_sha:
            return False
        self.seen[old.doc] = rec.path
        if old.mtime_ns != rec.mtime_ns:  # touched, same bytes: remember the new mtime
            self.records.append(replace(old, mtime_ns=rec.mtime_ns))
        self.summary.unchanged += 1
        self._tick(rec.path, "unchanged")
        return True

    # --- documents, once extracted ------------------------------------------------------
    def add(self, p: Prepared) -> None:
        if p.key in self.seen:
            self.summary.duplicate += 1
            self.summary.notes.append(f"{p.path}: same document key {p.key!r} as {self.seen[p.key]}; skipped")
            self._tick(p.path, "duplicate")
            return
        self.seen[p.key] = p.path
        old_keys = []
        stored = self.known.get(p.key)
        if stored is None and p.source in self.by_source and self.by_source[p.source] not in self.seen:
            old_keys.append(self.by_source[p.source])  # the same file, now with another key
            stored = self.known[old_keys[0]]
        if stored is not None and not self.force and stored[0] == p.sha and stored[2] == p.fingerprint \
                and not old_keys:
            if p.file:
                self.records.append(p.record())
            self.summary.unchanged += 1
            self._tick(p.path, "unchanged")
            return
        if stored is not None and p.key in self.known:
            old_keys.insert(0, p.key)
        if p.packed is None:  # its blind rows held compact until its transaction (shards come so)
            rest, blind = split_blind(p.batch)
            try:
                p = replace(p, batch=rest, packed=Packed.of(blind))
            except ValueError as e:  # a value no column of the schema holds
                self._refused(p, ParameterError(str(e)))
                return
        self.pending.append((p, old_keys, "replaced" if stored is not None else "new"))
        self.pending_rows += p.rows
        if (len(self.pending) >= self.batch_docs if self.batch_docs else self.pending_rows >= self.group_rows()):
            self.flush()

    def group_rows(self) -> int:
        """Rows per transaction: the store's ``transaction_rows``, or as many as it holds already
        (up to ``max_transaction_rows``) -- a LadybugDB commit with a COPY checkpoints the whole
        database, so groups that grow with it keep the sum of the checkpoints linear."""
        return max(self.store.transaction_rows, min(self.stored_rows, self.store.max_transaction_rows))

    def _write(self, group: list[tuple[Prepared, list[str], str]]) -> Touched:
        """One transaction: the old facts out (what they named noted first), the group in, the
        files recorded, finalize marked pending."""
        touched = Touched()
        with self.store.transaction():
            for p, old_keys, _ in group:
                for k in old_keys:
                    capture(self.store, touched, k)
                    self.store.delete_document_facts(k)
                    if k != p.key:
                        demote(self.store, k)
            packs = [p.packed for p, _, _ in group if p.packed]
            merged = merge([p.batch for p, _, _ in group])
            n, e = write_batch(self.store, merged, blind=Packed.concat(packs) if packs else None,
                               stored_edges=self.stored_edges)
            records = [r for r in (p.record() for p, _, _ in group) if r]
            write_files(self.store, records + self.records)
            set_state(self.store, FINALIZE, PENDING)
        self.records = []
        self.stored_edges.update(edge_ident(x) for x in merged.edges if x.props.get("doc") is None  # between
                                 and not (schema.NODES[x.src_label].owned or schema.NODES[x.dst_label].owned))  # shared nodes
        self.summary.nodes_written += n
        self.summary.edges_written += e
        self.stored_rows += n + e
        touched.update(p.key for p, _, _ in group)
        return touched

    def flush(self) -> None:
        group, self.pending, self.pending_rows = self.pending, [], 0
        if not group:
            return
        t = time.perf_counter()
        try:
            self._merge_touched(self._write(group))
            ok = group
        except DiskFullError:  # no document's fault: stop here, naming the cause, instead of failing each one
            raise
        except PolicyKGError as e:
            ok = []
            if len(group) == 1:
                self._refused(group[0][0], e)
            else:  # isolate the document the store refused
                for item in group:
                    try:
                        self._merge_touched(self._write([item]))
                        ok.append(item)
                    except DiskFullError:
                        raise
                    except PolicyKGError as e1:
                        self._refused(item[0], e1)
        self.write_s += time.perf_counter() - t
        for p, old_keys, status in ok:
            for k in old_keys:
                if k != p.key:
                    self.known.pop(k, None)
                    if self.by_source.get(p.source) == k:
                        del self.by_source[p.source]
            self.known[p.key] = (p.sha, p.source, p.fingerprint)
            self.by_source.setdefault(p.source, p.key)
            setattr(self.summary, status, getattr(self.summary, status) + 1)
            self._tick(p.path, status)

    def _merge_touched(self, t: Touched) -> None:
        self.touched.absorb(t)

    # --- the end of a run ---------------------------------------------------------------
    def scope(self) -> Touched | None | bool:
        """What finalize recomputes: False nothing (nothing changed, nothing pending), None
        everything (an empty store, an unfinished earlier run, a large change), else the
        touched documents."""
        if not self.touched and not self.was_pending:
            return False
        if self.was_pending or not self.stored_before or len(self.touched) >= FULL_FINALIZE_SHARE * self.stored_before:
            return None
        return self.touched

    def finish(self, *, align: bool = True) -> LoadSummary:
        """Write what is pending, then recompute the shared and derived facts that may have
        changed (also what an interrupted run left); returns the summary with its timings."""
        self.flush()
        if self.records:
            with self.store.transaction():
                write_files(self.store, self.records)
            self.records = []
        t1 = time.perf_counter()
        scope = self.scope()
        if scope is False:
            self.summary.finalize = {"skipped": "nothing changed"}
        else:
            self.summary.finalize = finalize(self.store, align=align, touched=scope)
            if "align_error" in self.summary.finalize:
                self.summary.notes.append("alignment failed (re-run ingest to retry): "
                                          f"{self.summary.finalize['align_error']}")
            elif align:
                with self.store.transaction():
                    set_state(self.store, FINALIZE, DONE)
        t2 = time.perf_counter()
        self.summary.seconds = {"write": round(self.write_s, 3), "finalize": round(t2 - t1, 3)}
        return self.summary

    def _refused(self, p: Prepared, exc: PolicyKGError) -> None:
        self.seen.pop(p.key, None)
        self.fail(Failure(p.path, f"{p.path}: the store refused the document: {exc}", exc.code))


def demote(store: GraphStore, key: str) -> None:
    """A document that now has another key: back to a stub (cited) or gone (finalize); every
    column but its key and provenance emptied (finalize gives a stub its cited title again)."""
    cols = [c for c in schema.NODES["Document"].props if c not in ("stub", "doc_number")]
    sets = ", ".join(f"d.{schema.prop('Document', c)} = NULL" for c in cols)
    store.execute(f"MATCH (d:{schema.label('Document')} {{key: $k}}) SET d.stub = true, {sets}", {"k": key})
