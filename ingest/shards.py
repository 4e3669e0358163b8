"""Parquet shards: the graph rows of extracted documents, written once, loaded anywhere.

A shard directory holds one folder per node label and per relationship type, one manifest
per partition (a group of input files), written last, and an index of the partitions of the
last complete run, in input order::

    SHARDS/nodes/Agency/p-3f2a9c01.parquet
    SHARDS/rels/LOCATED_IN/p-3f2a9c01.Agency-Province.parquet
    SHARDS/manifest/p-3f2a9c01.json
    SHARDS/index.json

Rows are exactly the per-document rows of :func:`policykg.graph.build.build_batch` in the
columns of :mod:`policykg.graph.columns` (provenance included), plus ``_doc``: the position,
in the manifest's list of documents, of the document whose extraction produced the row, so a
loader can decide per document (new, unchanged, replaced, duplicate) before merging.  A manifest lists its input files with their
size and mtime, the documents (key, content hash, metadata fingerprint, and the input file as
the loader's ledger records it), the files with row counts and sha256, and the inputs that
failed with the reason.  A partition counts as written only once its manifest exists, so a
killed run leaves nothing half-read.  pyarrow is imported when shards are written or read.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ShardError
from ..graph.batch import GraphBatch
from ..graph import schema
from ..graph.columns import Packed, RelGroup, batch_tables, edges_from_table, nodes_from_table
from ..graph.prepared import Failure
from .prepare import content_sha

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT = "policykg.shards/1"
DOC_COLUMN = "_doc"
INDEX = "index.json"


@dataclass
class ShardDocument:
    path: str
    key: str
    sha: str
    source: str | None
    fingerprint: list
    batch: GraphBatch = field(repr=False, default_factory=GraphBatch)
    file: dict | None = None  # the input file as the loader's ledger records it (graph/ledger.FileRecord)

    def record(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "batch"}


ShardFailure = Failure  # an input that failed, listed in its partition's manifest


def file_identity(path: str | os.PathLike) -> dict:
    """What decides whether an input changed since its shard was written."""
    st = os.stat(path)
    return {"path": str(path), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def partition_id(paths: list[str]) -> str:
    """A stable name for a group of input files (their paths, in order).

    >>> partition_id(["a/x.txt", "a/y.txt"]) == partition_id(["a/x.txt", "a/y.txt"])
    True
    >>> partition_id(["a/x.txt"])
    'p-71cc043f91d23c1b'
    """
    return "p-" + hashlib.sha256("\n".join(map(str, paths)).encode("utf-8")).hexdigest()[:16]


def _write_table(table: "pa.Table", path: Path) -> dict:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return {"path": str(path.relative_to(path.parents[2])), "rows": table.num_rows, "sha256": content_sha(path)}


def _with_doc(table: "pa.Table", position: int) -> "pa.Table":
    import pyarrow as pa

    return table.append_column(DOC_COLUMN, pa.array([position] * table.num_rows, pa.int32()))


def shard_tables(docs: list[ShardDocument]) -> tuple[dict[str, "pa.Table"], dict[RelGroup, "pa.Table"]]:
    """Per-document rows of a partition as tables with the ``_doc`` column (pure)."""
    import pyarrow as pa

    nodes: dict[str, list[pa.Table]] = {}
    rels: dict[RelGroup, list[pa.Table]] = {}
    for i, d in enumerate(docs):
        n, r = batch_tables(d.batch)
        for lbl, t in n.items():
            nodes.setdefault(lbl, []).append(_with_doc(t, i))
        for g, t in r.items():
            rels.setdefault(g, []).append(_with_doc(t, i))
    cat = lambda ts: pa.concat_tables(ts).combine_chunks()  # noqa: E731
    return ({lbl: cat(ts) for lbl, ts in sorted(nodes.items())},
            {g: cat(ts) for g, ts in sorted(rels.items(), key=lambda kv: kv[0].name)})


def write_partition(out_dir: str | os.PathLike, pid: str, inputs: list[dict],
                    results: list[ShardDocument | ShardFailure]) -> dict:
    """Write one partition's shards, then its manifest; returns the manifest."""
    out = Path(out_dir)
    docs = [r for r in results if isinstance(r, ShardDocument)]
    nodes, rels = shard_tables(docs)
    files = []
    for lbl, t in nodes.items():
        files.append({"label": lbl, **_write_table(t, out / "nodes" / lbl / f"{pid}.parquet")})
    for g, t in rels.items():
        files.append({"type": g.type, "src": g.src, "dst": g.dst,
                      **_write_table(t, out / "rels" / g.type / f"{pid}.{g.src}-{g.dst}.parquet")})
    manifest = {"format": FORMAT, "partition": pid, "inputs": inputs, "documents": [d.record() for d in docs],
                "failed": [asdict(r) for r in results if isinstance(r, ShardFailure)], "files": files,
                "rows": sum(f["rows"] for f in files)}
    _write_json(out / "manifest" / f"{pid}.json", manifest)
    return manifest


def _write_json(path: Path, obj) -> None:
    """Write by atomic rename: a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def write_index(out_dir: str | os.PathLike, pids: list[str]) -> None:
    """The partitions of a complete run, in input order (what ``policykg load`` reads)."""
    _write_json(Path(out_dir, INDEX), {"format": FORMAT, "partitions": pids})


def read_index(out_dir: str | os.PathLike) -> list[str] | None:
    """The partitions of the last complete run, in input order (None: no complete run yet)."""
    p = Path(out_dir, INDEX)
    if not p.exists():
        return None
    return json.loads(p.read_text(encoding="utf-8"))["partitions"]


def prune(out_dir: str | os.PathLike, keep: set[str]) -> list[str]:
    """Delete the partitions (manifest first, then their files) not in ``keep``: what an earlier
    run wrote for inputs that are gone or changed partition.  Returns the partitions deleted."""
    gone = []
    for pid, m in read_manifests(out_dir).items():
        if pid in keep:
            continue
        Path(out_dir, "manifest", f"{pid}.json").unlink()
        for f in m["files"]:
            Path(out_dir, f["path"]).unlink(missing_ok=True)
        gone.append(pid)
    return gone


def read_manifests(out_dir: str | os.PathLike) -> dict[str, dict]:
    """Every complete partition of a shard directory, by partition id."""
    out = {}
    for p in sorted(Path(out_dir, "manifest").glob("p-*.json")):
        m = json.loads(p.read_text(encoding="utf-8"))
        if m.get("format") != FORMAT:
            raise ShardError(p, f"not a policykg shard manifest (format {m.get('format')!r})")
        out[m["partition"]] = m
    return out


def is_current(manifest: dict | None, inputs: list[dict]) -> bool:
    """The partition was written from exactly these inputs (paths, sizes, mtimes)."""
    return manifest is not None and manifest.get("inputs") == inputs


def read_partition(out_dir: str | os.PathLike, manifest: dict, *, verify: bool = True) -> list[GraphBatch]:
    """The batches of one partition's documents, in the manifest's order (``verify`` checks
    each file against the sha256 its manifest recorded)."""
    batches = [GraphBatch() for _ in manifest["documents"]]
    for f in manifest["files"]:
        table = _read_verified(out_dir, manifest, f, verify)
        docs = table.column(DOC_COLUMN).to_pylist()
        table = table.drop_columns([DOC_COLUMN])
        rows = (nodes_from_table(f["label"], table) if "label" in f
                else edges_from_table(RelGroup(f["type"], f["src"], f["dst"]), table))
        for doc, row in zip(docs, rows):
            (batches[doc].nodes if "label" in f else batches[doc].edges).append(row)
    return batches


def read_partition_packed(out_dir: str | os.PathLike, manifest: dict, *,
                          verify: bool = True) -> list[tuple[GraphBatch, Packed]] | None:
    """Like :func:`read_partition`, but each document's blind rows (owned nodes, edges with a
    document: :func:`policykg.graph.bulk.blind`) stay Arrow slices of the shard tables (no Python
    object per row, ~a tenth of the memory); the rest as a batch.  None when a table holds a
    blind row twice (what :func:`~policykg.graph.batch.merge` would fold): read it the other way."""
    import numpy as np
    import pyarrow.compute as pc

    n = len(manifest["documents"])
    rest = [GraphBatch() for _ in range(n)]
    packs = [Packed({}, {}) for _ in range(n)]
    for f in manifest["files"]:
        table = _read_verified(out_dir, manifest, f, verify)
        docs = table.column(DOC_COLUMN).to_numpy()
        table = table.drop_columns([DOC_COLUMN])
        group = None if "label" in f else RelGroup(f["type"], f["src"], f["dst"])
        if group is None and not schema.NODES[f["label"]].owned:
            for doc, row in zip(docs, nodes_from_table(f["label"], table)):
                rest[doc].nodes.append(row)
            continue
        if group is not None:
            sent = pc.is_valid(table.column("doc"))
            for doc, row in zip(docs[~sent.to_numpy(zero_copy_only=False)],
                                edges_from_table(group, table.filter(pc.invert(sent)))):
                rest[doc].edges.append(row)
            table, docs = table.filter(sent), docs[sent.to_numpy(zero_copy_only=False)]
        ident = ["key"] if group is None else [c for c in ("from", "to", "doc", "rule", "surface") if c in table.column_names]
        if table.num_rows and table.group_by(ident).aggregate([]).num_rows != table.num_rows:
            return None
        starts = np.searchsorted(docs, np.arange(n + 1))
        for doc in range(n):
            if starts[doc + 1] > starts[doc]:
                part = table.slice(starts[doc], starts[doc + 1] - starts[doc])
                (packs[doc].nodes if group is None else packs[doc].rels)[f.get("label") or group] = part
                packs[doc].rows += part.num_rows
    return list(zip(rest, packs))


def _read_verified(out_dir, manifest: dict, f: dict, verify: bool) -> "pa.Table":
    import pyarrow.parquet as pq

    path = Path(out_dir, f["path"])
    if not path.exists():
        raise ShardError(path, f"missing (listed in manifest {manifest['partition']}): run policykg extract --out again")
    if verify and content_sha(path) != f["sha256"]:
        raise ShardError(path, f"content differs from the sha256 in manifest {manifest['partition']}: "
                               "run policykg extract --out again")
    return pq.read_table(path)
