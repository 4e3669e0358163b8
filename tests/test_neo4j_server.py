"""The Docker-free Neo4j server (launcher jar + Python wrapper + CLI), and what only the
Neo4j store does (connection errors, indexes, driver value conversion)."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import neo4j
import pytest

from policykg.errors import ParameterError, ReadOnlyViolationError, StoreUnavailableError
from policykg.servers.neo4j import Neo4jServer, build_jar, free_port, java_available, port_in_use
from policykg.graph.stores.neo4j import Neo4jStore, schema_statements

pytestmark = pytest.mark.neo4j


def test_session_server_is_neo4j_5_community(neo4j_server):
    assert neo4j_server.running and neo4j_server.uri == f"bolt://127.0.0.1:{neo4j_server.port}"
    with Neo4jStore(neo4j_server.uri) as s:
        [[edition, versions]] = s.query("CALL dbms.components() YIELD edition, versions RETURN edition, versions").rows
    assert edition == "community" and versions[0].startswith("5.")


def test_taken_port_is_refused_clearly(neo4j_server, tmp_path):
    with pytest.raises(StoreUnavailableError, match=f"port {neo4j_server.port} on 127.0.0.1 is already in use"):
        Neo4jServer(tmp_path, port=neo4j_server.port).start()
    # the launcher itself checks too (for users who run the jar by hand)
    jar = build_jar()
    p = subprocess.run(["java", "-jar", str(jar), "--data", str(tmp_path), "--port", str(neo4j_server.port)],
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert p.returncode == 2 and f"port {neo4j_server.port} is already in use" in p.stderr


def test_failed_start_shows_the_server_log(java_tools, tmp_path):
    server = Neo4jServer(tmp_path, heap="1k")  # the JVM refuses a heap that small
    with pytest.raises(StoreUnavailableError, match=r"(?s)exited with code 1\nLast lines of .*launcher\.log.*heap"):
        server.start()
    assert not server.running


def test_failed_jar_build_is_clear(java_tools, tmp_path):
    if not shutil.which("mvn"):
        pytest.skip("mvn is not on PATH")
    (tmp_path / "pom.xml").write_text("<project><modelVersion>4.0.0</modelVersion>")  # cut short
    with pytest.raises(StoreUnavailableError, match=r"(?s)building the Neo4j launcher failed \(mvn .*\).*pom\.xml"):
        build_jar(tmp_path)


def test_java_available_names_what_is_missing(tmp_path, monkeypatch):
    java = shutil.which("java")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert "java is not on PATH" in java_available()
    if java:  # java without mvn, and no jar built yet
        (tmp_path / "java").symlink_to(java)
        (tmp_path / "pom.xml").write_text("<project/>")
        assert "mvn is not on PATH" in java_available(tmp_path)


def test_cli_serves_until_interrupted(java_tools, tmp_path):
    """`python -m policykg.servers.neo4j` with a password, then Ctrl-C."""
    port, out = free_port(), tmp_path / "out.txt"
    with open(out, "w") as f:
        proc = subprocess.Popen([sys.executable, "-m", "policykg.servers.neo4j", "--port", str(port),
                                 "--data", str(tmp_path / "data"), "--password", "secret-pw"],
                                stdout=f, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while "NEO4J_URI=" not in out.read_text():
            assert proc.poll() is None and time.monotonic() < deadline, out.read_text()
            time.sleep(0.2)
        uri = f"bolt://127.0.0.1:{port}"
        assert f"NEO4J_URI={uri}" in out.read_text()
        with Neo4jStore(uri, "neo4j", "secret-pw") as s:
            assert s.query("RETURN 1").rows == [[1]]
        with pytest.raises(StoreUnavailableError, match=f"cannot reach Neo4j at {uri}: .*unauthorized"):
            Neo4jStore(uri, "neo4j", "wrong-password")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not port_in_use(port)
    assert (tmp_path / "data" / "data" / "databases" / "neo4j").is_dir()  # the data stays for next time
    with pytest.raises(StoreUnavailableError, match=f"cannot reach Neo4j at {uri}"):
        Neo4jStore(uri)


# --- what only the Neo4j store does ------------------------------------------------------
def test_unreachable_or_malformed_uri_fails_early():
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError, match=f"cannot reach Neo4j at {uri}"):
        Neo4jStore(uri)
    with pytest.raises(StoreUnavailableError, match="cannot reach Neo4j at http://localhost"):
        Neo4jStore("http://localhost:7474")


def test_schema_makes_provenance_deletes_index_seeks(neo4j_store, neo4j_uri):
    names = {r[0] for r in neo4j_store.query("SHOW INDEXES YIELD name RETURN name").rows}
    assert {"Agency_key", "Document_doc_number", "Task_doc", "RESPONSIBLE_FOR_doc", "DERIVED_FROM_rule"} <= names
    assert len(schema_statements()) <= len(names)

    def operators(plan):
        return {plan["operatorType"].split("@")[0]} | {o for c in plan.get("children", []) for o in operators(c)}

    with neo4j.GraphDatabase.driver(neo4j_uri, auth=None) as d, d.session() as s:
        plan = s.run("EXPLAIN MATCH (:Agency)-[e:RESPONSIBLE_FOR]->(:Task) WHERE e.doc = $doc DELETE e",
                     doc="D1").consume().plan
        assert "DirectedRelationshipIndexSeek" in operators(plan)
        plan = s.run("EXPLAIN MATCH (:Task)-[e:DERIVED_FROM]->(:Task) WHERE e.rule STARTS WITH $p DELETE e",
                     p="align:").consume().plan
        assert "DirectedRelationshipIndexSeekByRange" in operators(plan)


def test_graph_values_become_plain_python(neo4j_store):
    neo4j_store.execute("CREATE (:Zone {key: 'z', name: '园区'})-[:MEMBER_OF {rule: 'r'}]->(:Cluster {key: 'c'})")
    [[z, e, p]] = neo4j_store.query("MATCH p = (z:Zone)-[e:MEMBER_OF]->(c:Cluster) RETURN z, e, p").rows
    assert z == {"key": "z", "name": "园区"} and e == {"rule": "r"}
    assert p == {"nodes": [z, {"key": "c"}], "relationships": [e]}
    assert neo4j_store.query("RETURN date('2025-12-31') AS d").rows == [["2025-12-31"]]


def test_missing_parameter_is_a_parameter_error(neo4j_store):
    with pytest.raises(ParameterError, match="k"):
        neo4j_store.query("MATCH (d:Document {key: $k}) RETURN d")


def test_query_inside_a_transaction_sees_its_writes_but_cannot_write(neo4j_store):
    with neo4j_store.transaction():
        neo4j_store.execute("CREATE (:Zone {key: 'z'})")
        assert neo4j_store.query("MATCH (z:Zone) RETURN z.key").rows == [["z"]]
        with pytest.raises(ReadOnlyViolationError, match="refused: CREATE"):
            neo4j_store.query("CREATE (:Zone {key: 'y'})")
    assert neo4j_store.query("MATCH (z:Zone) RETURN count(z)").rows == [[1]]

