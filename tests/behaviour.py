"""What ``tests/test_behaviour.py`` compares and ``tools/capture_behaviour.py`` stores: the graph
built from stored extraction records, the named queries' answers on it and the API's reads."""
from __future__ import annotations

import warnings
from pathlib import Path

from fastapi.testclient import TestClient

from policykg.api.app import create_app
from policykg.queries.ids import key_to_id
from policykg.config import Settings
from policykg.graph.stores.base import GraphStore
from policykg.ingest.load import load_extractions
from policykg.ingest.manifest import read_manifest
from policykg.ingest.pipeline import extract_file
from policykg.queries import registry
from policykg.queries.cascade import cascade

CASCADES = (("河南省", "许昌市"), ("河南省", "洛阳市"), ("洛阳市", "西工区"))
SEARCHES = ("/agencies?limit=500", "/agencies?q=发展改革&limit=5", "/agencies?region=许昌市&level=city&limit=500",
            "/documents?limit=500", "/documents?q=产业&region=河南省", "/zones?limit=500", "/zones?region=许昌市",
            "/clusters?limit=500", "/targets?limit=500", "/targets?unit=元&limit=5&offset=1")
# more calls than the examples, for queries whose examples find nothing in the samples
MORE_CALLS = (("document_lineage", {"document": "豫政〔2020〕75号"}), ("document_lineage", {"document": "西政办发〔2020〕174号"}),
              ("deadlines_before", {"date": "2030-12-31"}), ("agency_duties", {"agency": "市财政局", "region": "洛阳市"}),
              ("region_targets", {"region": "许昌市"}), ("task_chain", {"task": "", "region": "西工区"}),
              ("busiest_agencies", {"region": "西工区"}), ("gaps_uncarried", {"upper": "洛阳市", "lower": "西工区"}))


def extract_samples(corpus: Path) -> list[dict]:
    """The extraction records of a corpus directory, its manifest applied (file order)."""
    meta = read_manifest(corpus / "manifest.csv")
    return [extract_file(p, meta.get(p.name)) for p in sorted(corpus.glob("*.txt"))]


def build(store: GraphStore, extractions: list[dict]) -> None:
    """The graph ingest builds from these records (write, finalize, align)."""
    summary = load_extractions(store, extractions)
    assert summary.failed == 0, summary.failures


def library_answers(store: GraphStore) -> dict:
    """Every named query with its example parameters, and the cascade documents."""
    out = {}
    for q in registry.all_queries():
        res = registry.run(store, q.name, q.example_params())
        out["query:" + q.name] = {"columns": res.columns, "rows": res.rows}
    for name, params in MORE_CALLS:
        res = registry.run(store, name, params)
        out[f"query:{name}:{sorted(params.items())}"] = {"columns": res.columns, "rows": res.rows}
    for upper, lower in CASCADES:
        out[f"cascade:{upper}>{lower}"] = cascade(store, upper, lower)
    return out


def api_answers(settings: Settings) -> dict:
    """The JSON of the API's read routes: searches, then every agency, document and task."""
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with TestClient(create_app(settings)) as c:
            def get(path: str):
                r = c.get(path)
                assert r.status_code == 200, (path, r.text)
                out[path] = r.json()
                return out[path]
            for path in SEARCHES:
                get(path)
            for a in out["/agencies?limit=500"]["items"]:
                get(f"/agencies/{a['id']}")
                get(f"/agencies/{a['id']}/cooperation")
            tasks = set()
            for d in out["/documents?limit=500"]["items"]:
                get(f"/documents/{d['id']}")
            for a in out["/agencies?limit=500"]["items"]:
                tasks.update(du["task_key"] for du in out[f"/agencies/{a['id']}"]["duties"])
            for key in sorted(tasks):
                get(f"/tasks/{key_to_id(key)}")
            for upper, lower in CASCADES:
                get(f"/cascade?upper={upper}&lower={lower}")
    return out
