"""Exports of an ingested graph: networkx (whole and sub-graphs), GraphML and GEXF read back by
networkx, and the CSV layout of ``neo4j-admin database import``; plus docker-compose.yml."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
import yaml
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph import schema
from policykg.graph.export import canonical_dump, to_networkx, write_csv
from policykg.ingest.load import discover, load_files

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "corpus"


@pytest.fixture
def graph_store(ladybug_store):
    load_files(ladybug_store, discover([SAMPLES]))
    return ladybug_store


def test_networkx_holds_every_node_and_relationship(graph_store):
    g = to_networkx(graph_store)
    s = graph_store.stats()
    assert g.number_of_nodes() == sum(s.nodes.values())
    assert g.number_of_edges() == sum(s.relationships.values())
    by_type: dict[str, int] = {}
    for *_, d in g.edges(data=True):
        by_type[d["type"]] = by_type.get(d["type"], 0) + 1
    assert by_type == {k: v for k, v in s.relationships.items() if v}
    [task] = [n for n, d in g.nodes(data=True) if d["label"] == "Task" and d["ordinal"] == 1][:1]
    [(_, doc, d)] = [e for e in g.out_edges(task, data=True) if e[2]["type"] == "PART_OF"]
    assert g.nodes[doc]["label"] == "Document" and d["doc"] == g.nodes[doc]["key"]


def test_networkx_subgraphs(graph_store):
    g = to_networkx(graph_store, labels=["Agency", "Task"], types=["RESPONSIBLE_FOR"])
    assert {d["label"] for _, d in g.nodes(data=True)} == {"Agency", "Task"}
    assert {d["type"] for *_, d in g.edges(data=True)} == {"RESPONSIBLE_FOR"}
    assert g.number_of_edges() == graph_store.stats().relationships["RESPONSIBLE_FOR"]
    [[akey, tkey]] = graph_store.query("MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(t:Task) RETURN a.key, t.key "
                                       "ORDER BY t.key LIMIT 1").rows
    h = to_networkx(graph_store, nodes=[("Agency", akey), ("Task", tkey)])
    assert sorted(h.nodes) == sorted([f"Agency:{akey}", f"Task:{tkey}"])
    assert any(d["type"] == "RESPONSIBLE_FOR" for *_, d in h.edges(data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_cli_export_reads_back(graph_store, tmp_path, fmt):
    db = graph_store.path
    graph_store.close()  # the CLI opens the database itself
    out = tmp_path / f"g.{fmt}"
    r = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(out), "--db", db, "--no-text"])
    assert r.exit_code == 0, r.output
    g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(str(out))
    stats = json.loads(CliRunner().invoke(app, ["stats", "--db", db, "--format", "json"]).stdout)
    assert g.number_of_nodes() == sum(stats["nodes"].values())
    assert g.number_of_edges() == sum(stats["relationships"].values())
    agency = next(d for _, d in g.nodes(data=True) if d.get("aliases", "[]") != "[]" and "aliases" in d)
    assert isinstance(json.loads(agency["aliases"]), list)  # lists travel as JSON text
    docs = [d for _, d in g.nodes(data=True) if d.get("node_label", d.get("label")) == "Document"]
    assert docs and not any("text" in d for d in docs)  # --no-text
    tools = {n: d["type"] for n, d in g.nodes(data=True) if d.get("node_label", d.get("label")) == "Instrument"}
    assert tools and set(tools.values()) <= {"supply", "environment", "demand"}
    uses = [d for *_, d in g.edges(data=True) if "primary" in d]  # (GEXF keeps an edge's type for itself)
    assert len(uses) == stats["relationships"]["USES"] and {str(d["primary"]).lower() for d in uses} == {"true", "false"}


def test_cli_export_refuses_unknown_labels(graph_store, tmp_path):
    db = graph_store.path
    graph_store.close()
    r = CliRunner().invoke(app, ["export", "--format", "graphml", "-o", str(tmp_path / "x.graphml"), "--db", db,
                                 "--labels", "Agency,Nope"])
    assert r.exit_code == 2 and "unknown label Nope" in r.output


def test_csv_layout_of_neo4j_admin_import(graph_store, tmp_path):
    files = write_csv(graph_store, tmp_path / "csv")
    names = {p.name for p in files}
    assert names == {f"nodes_{lbl}.csv" for lbl in schema.NODES} | {f"relationships_{t}.csv" for t in schema.RELS}
    with open(tmp_path / "csv" / "nodes_Agency.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    assert header[0] == ":ID" and header[-1] == ":LABEL" and "aliases:string[]" in header
    assert "collective:boolean" in header and "span_start:long" in header
    ids = {r[0] for r in rows[1:]}
    assert all(r[-1] == "Agency" for r in rows[1:]) and len(ids) == len(rows) - 1
    with open(tmp_path / "csv" / "relationships_RESPONSIBLE_FOR.csv", encoding="utf-8") as f:
        rels = list(csv.reader(f))
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and "lead:boolean" in rels[0]
    assert len(rels) - 1 == graph_store.stats().relationships["RESPONSIBLE_FOR"]
    assert {r[0] for r in rels[1:]} <= ids and all(r[2] == "RESPONSIBLE_FOR" for r in rels[1:])
    with open(tmp_path / "csv" / "relationships_USES.csv", encoding="utf-8") as f:
        uses = list(csv.reader(f))
    assert "primary:boolean" in uses[0] and len(uses) - 1 == graph_store.stats().relationships["USES"] > 0
    # every relationship end is a node id of some nodes file
    all_ids = set()
    for lbl in schema.NODES:
        with open(tmp_path / "csv" / f"nodes_{lbl}.csv", encoding="utf-8") as f:
            all_ids |= {r[0] for r in list(csv.reader(f))[1:]}
    for t in schema.RELS:
        with open(tmp_path / "csv" / f"relationships_{t}.csv", encoding="utf-8") as f:
            for r in list(csv.reader(f))[1:]:
                assert r[0] in all_ids and r[1] in all_ids


def test_canonical_dump_sees_a_changed_value(graph_store):
    before = canonical_dump(graph_store)
    graph_store.execute("MATCH (t:Task) WHERE t.ordinal = 1 SET t.text = 'changed'")
    assert canonical_dump(graph_store) != before


def test_docker_compose_wires_the_api_to_a_healthy_neo4j():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    neo4j, api = compose["services"]["neo4j"], compose["services"]["api"]
    assert neo4j["image"] == "neo4j:5.26-community" and neo4j["healthcheck"]["test"]
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["build"] == "." and "bolt://neo4j:7687" in api["command"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install ." in dockerfile and '"serve", "--host", "0.0.0.0"' in dockerfile
