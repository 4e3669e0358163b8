"""The loader's ledger: what it remembers besides the graph (:data:`.schema.LEDGER`).

- Source files: for each input file, its size, mtime, content hash and manifest row as they
  were when its document was written, with the document's key and text hash.  A re-run skips
  a file whose record still holds (and whose document is still stored as written) without
  reading or extracting it; a file touched but not changed (same bytes) is recognised by its
  hash.  Records are written in the transaction that writes their document.
- Finalize state: ``pending`` from the first write of a run until the derived facts are
  recomputed, ``done`` after.  A run that finds it ``pending`` (a run killed before or during
  finalize) recomputes everything; a run that changes nothing and finds it ``done`` skips
  finalize.  A store without the record counts as pending.
"""
from __future__ import annotations

from dataclasses import asdict

from . import schema
from .prepared import FileRecord
from .statements import read
from .stores.base import GraphStore, chunks

FINALIZE, PENDING, DONE = "finalize", "pending", "done"


def read_files(store: GraphStore) -> dict[str, FileRecord]:
    """Every source file record, by path."""
    return {r[0]: FileRecord(*r) for r in read(store, "ledger_files").rows}


def write_files(store: GraphStore, records: list[FileRecord]) -> None:
    """Upsert file records (inside the caller's transaction, if any)."""
    cols = [c for c in schema.LEDGER["SourceFile"] if c != "key"]
    sets = ", ".join(f"n.{c} = {store.cast('r.' + c, schema.LEDGER['SourceFile'][c])}" for c in cols)
    q = f"UNWIND $rows AS r MERGE (n:{schema.ledger_label('SourceFile')} {{key: r.key}}) SET {sets}"
    rows = [{"key": r.path, **{k: v for k, v in asdict(r).items() if k != "path"}} for r in records]
    for part in chunks(rows):
        store.execute(q, {"rows": part})


def read_state(store: GraphStore, key: str) -> str | None:
    """A state record's value (None when there is none)."""
    rows = read(store, "ledger_state", {"key": key}).rows
    return rows[0][0] if rows else None


def set_state(store: GraphStore, key: str, value: str) -> None:
    q = (f"MERGE (n:{schema.ledger_label('LoadState')} {{key: $key}}) "
         f"SET n.value = {store.cast('$value', schema.STRING)}")
    store.execute(q, {"key": key, "value": value})


def finalize_pending(store: GraphStore) -> bool:
    """Whether the derived facts may be out of date (a run wrote and did not finalize)."""
    return read_state(store, FINALIZE) != DONE
