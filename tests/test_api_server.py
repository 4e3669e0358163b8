"""`policykg serve` for real: uvicorn on a loopback port, spoken to over TCP."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fixtures_api import CITY_FIN

from policykg.queries.ids import key_to_id

POLICYKG = str(Path(sys.executable).with_name("policykg"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(*args: str, env: dict | None = None, exe: str = POLICYKG, cwd: str | None = None
          ) -> tuple[subprocess.Popen, str]:
    """Start `policykg serve` (``exe``, from ``cwd``) and wait until /health answers (or the process dies)."""
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--port", str(port), "--no-access-log", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})}, start_new_session=True, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"policykg serve exited {proc.returncode}: {proc.stdout.read()}")
        try:
            httpx.get(base + "/health", timeout=1)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    stop(proc)
    pytest.fail("policykg serve did not answer within 60 s")


def stop(proc: subprocess.Popen) -> str:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    return out


@pytest.mark.slow
def test_policykg_serve_answers_over_tcp(api_db):
    proc, base = serve("--db", api_db, "--workers", "2", env={"POLICYKG_API_KEY": ""})
    try:
        with httpx.Client(base_url=base, timeout=10) as c:
            health = c.get("/health").json()
            assert health["status"] == "ok" and health["backend"] == "ladybug"
            found = c.get("/agencies", params={"q": "市财政局"})
            assert found.headers["content-type"] == "application/json; charset=utf-8"
            assert "许昌市财政局".encode() in found.content
            detail = c.get(f"/agencies/{key_to_id(CITY_FIN)}").json()
            assert {d["task_key"] for d in detail["duties"]} == {"许政〔2021〕9号#T1", "许政〔2021〕9号#T2"}
            assert c.get("/openapi.json").json()["info"]["title"] == "policykg"
            err = c.post("/documents", files={"file": ("a.txt", "x".encode())}).json()["error"]
            assert err["code"] == "uploads_disabled"
            assert c.post("/cypher", json={"query": "MATCH (n) DETACH DELETE n"}).status_code == 403
    finally:
        out = stop(proc)
    assert "Traceback" not in out, out


def test_serve_reports_an_unreachable_neo4j_cleanly():
    port = free_port()  # nothing listens there
    r = subprocess.run([POLICYKG, "serve", "--neo4j", f"bolt://127.0.0.1:{port}", "--port", str(free_port())],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "cannot reach Neo4j" in r.stderr and "Traceback" not in r.stderr
