"""POST /documents: the API key, size limits, bad input, the background finalize job (GET /jobs/{id}),
and reads that see the upload."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures_api import fill_ladybug, ladybug_settings
from fixtures_api import is_error

from policykg.api.app import create_app
from policykg.api.jobs import FinalizeJobs
from policykg.errors import StoreBusyError
from policykg.graph.stores.filelock import WriterLock
from policykg.graph.touched import Touched

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "corpus" / "s01.txt"
KEY = {"X-API-Key": "s3cret-密钥".encode().hex()}


@pytest.fixture
def db(tmp_path) -> str:
    return fill_ladybug(tmp_path / "graph.db")


def upload(c: TestClient, data: bytes, name: str = "s01.txt", headers=KEY, **form):
    return c.post("/documents", files={"file": (name, data, "text/plain")}, data=form, headers=headers)


def finished(c: TestClient, r, timeout_s: float = 120.0) -> dict:
    """The upload's finalize job once it is done or failed, polled over HTTP."""
    assert r.status_code == 202, r.text
    job = r.json()["job"]
    assert r.headers["location"] == f"/jobs/{job['id']}" and job["state"] in ("queued", "running", "done")
    deadline = time.monotonic() + timeout_s
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
        got = c.get(f"/jobs/{job['id']}")
        assert got.status_code == 200, got.text
        job = got.json()
    return job


def uploaded(c: TestClient, data: bytes, **kw) -> dict:
    """Upload, wait for the finalize job to be done; the upload's answer."""
    r = upload(c, data, **kw)
    job = finished(c, r)
    assert job["state"] == "done" and job["error"] is None, job
    return r.json()


def test_uploads_are_off_without_a_server_key(db):
    with TestClient(create_app(ladybug_settings(db))) as c:
        err = is_error(upload(c, SAMPLE.read_bytes()), 403, "uploads_disabled")
        assert "POLICYKG_API_KEY" in err["message"]


def test_uploads_need_the_right_key(db):
    with TestClient(create_app(ladybug_settings(db, api_key=KEY["X-API-Key"]))) as c:
        for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY["X-API-Key"] + "x"}):
            err = is_error(upload(c, SAMPLE.read_bytes(), headers=headers), 401, "bad_api_key")
            assert "X-API-Key" in err["message"]
        assert c.get("/stats").json()["nodes"]["Document"] == 2  # nothing was written


def test_an_upload_is_ingested_and_read_back(db):
    with TestClient(create_app(ladybug_settings(db, api_key=KEY["X-API-Key"]))) as c:
        before = c.get("/documents").json()["total"]  # opens the read store before the write
        body = uploaded(c, SAMPLE.read_bytes(), url="https://example.gov.cn/s01.html")
        assert body["status"] == "new" and body["summary"]["new"] == 1
        assert body["summary"]["finalize"] == {"deferred": "the recomputation runs after the write"}
        doc = body["document"]
        assert doc["key"] == "豫政〔2020〕75号" and doc["url"] == "https://example.gov.cn/s01.html"
        # the read store was reopened: the new document and its agencies are there
        listed = c.get("/documents", params={"limit": 500}).json()
        assert listed["total"] > before and doc["key"] in [d["key"] for d in listed["items"]]
        got = c.get(f"/documents/{doc['id']}").json()["document"]
        assert got["title"] == doc["title"] and got["tasks"] > 0
        assert c.get("/agencies", params={"q": "工业和信息化厅"}).json()["total"] >= 1
        again = upload(c, SAMPLE.read_bytes(), url="https://example.gov.cn/s01.html")
        assert again.status_code == 202 and again.json()["status"] == "unchanged"
        job = again.json()["job"]  # nothing to recompute: done at once
        assert job["state"] == "done" and job["finalize"] == {"skipped": "nothing changed"}


def test_another_worker_sees_the_upload(db):
    """Two apps on one database stand for two uvicorn workers: the one that did not write reopens too."""
    settings = ladybug_settings(db, api_key=KEY["X-API-Key"])
    with TestClient(create_app(settings)) as writer, TestClient(create_app(settings)) as reader:
        assert reader.get("/documents", params={"q": "豫政〔2020〕75号"}).json()["total"] == 0
        uploaded(writer, SAMPLE.read_bytes())
        assert reader.get("/documents", params={"q": "豫政〔2020〕75号"}).json()["total"] == 1


def test_oversized_uploads_are_413(db):
    with TestClient(create_app(ladybug_settings(db, api_key=KEY["X-API-Key"], max_document_bytes=2000))) as c:
        err = is_error(upload(c, "政".encode() * 1000), 413, "document_too_large")
        assert "2000" in err["message"] and "s01.txt" in err["message"]
        err = is_error(upload(c, b"x" * 200_000), 413, "too_large")  # refused before the form is parsed
        assert c.get("/documents").json()["total"] == 2


@pytest.mark.parametrize("data,name,code,status", [(b"", "empty.txt", "empty_document", 422),
                                                   (b"\x00\x01\x02\xff" * 300, "blob.txt", "binary_document", 422)])
def test_bad_documents_are_refused_with_their_reason(db, data, name, code, status):
    with TestClient(create_app(ladybug_settings(db, api_key=KEY["X-API-Key"]))) as c:
        err = is_error(upload(c, data, name=name), status, code)
        assert name in err["message"] and "policykg-upload" not in err["message"]
        assert c.get("/documents").json()["total"] == 2


@pytest.mark.neo4j
def test_upload_on_neo4j(neo4j_api_settings):
    import dataclasses

    settings = dataclasses.replace(neo4j_api_settings, api_key=KEY["X-API-Key"])
    with TestClient(create_app(settings)) as c:
        body = uploaded(c, SAMPLE.read_bytes())
        assert c.get(f"/documents/{body['document']['id']}").json()["document"]["key"] == "豫政〔2020〕75号"


def test_an_upload_waits_for_another_writer_then_answers_503(db):
    """Uploads and `policykg ingest` queue on one writer lock; an upload gives up after its wait."""
    settings = ladybug_settings(db, api_key=KEY["X-API-Key"], upload_wait_s=1.0)
    with TestClient(create_app(settings)) as c, WriterLock(db).hold(purpose="ingest"):
        t = time.monotonic()
        err = is_error(upload(c, SAMPLE.read_bytes()), 503, "store_busy")
        assert 1.0 <= time.monotonic() - t < 10
        assert "another writer" in err["message"] and "(ingest)" in err["message"]
        assert str(os.getpid()) not in err["message"] and db not in err["message"]  # no pid, no path
        assert "nothing was written" in err["message"]
        assert c.get("/documents").json()["total"] == 2  # reads go on meanwhile
    with TestClient(create_app(settings)) as c:
        uploaded(c, SAMPLE.read_bytes())  # and once it is free, uploads do too


def test_a_text_over_the_limit_is_refused_before_the_writer_lock(db):
    """Extraction runs outside the lock: an oversized text is refused at once even while an ingest
    holds the database."""
    settings = ladybug_settings(db, api_key=KEY["X-API-Key"], upload_wait_s=30.0, max_text_chars=500)
    with TestClient(create_app(settings)) as c, WriterLock(db).hold(purpose="ingest"):
        t = time.monotonic()
        err = is_error(upload(c, SAMPLE.read_bytes()), 413, "document_too_large")
        assert time.monotonic() - t < 5
        assert "s01.txt" in err["message"] and "POLICYKG_MAX_TEXT_CHARS" in err["message"]


def test_an_upload_answers_before_finalize_and_jobs_run_one_at_a_time(db):
    """The request writes and answers 202; each upload's finalize is a job of its own, run one after
    the other; the last one's reads see every upload finalized."""
    other = SAMPLE.read_text(encoding="utf-8").replace("豫政〔2020〕75号", "豫政〔2020〕76号")
    with TestClient(create_app(ladybug_settings(db, api_key=KEY["X-API-Key"]))) as c:
        first, second = upload(c, SAMPLE.read_bytes()), upload(c, other.encode(), name="s01b.txt")
        jobs = [finished(c, r) for r in (first, second)]
        assert [j["state"] for j in jobs] == ["done", "done"] and first.json()["job"]["id"] != jobs[1]["id"]
        assert jobs[0]["finished"] <= jobs[1]["started"] or jobs[1]["finalize"] == {
            "skipped": "recomputed by an earlier job"}
        keys = {d["key"] for d in c.get("/documents", params={"limit": 500}).json()["items"]}
        assert {"豫政〔2020〕75号", "豫政〔2020〕76号"} <= keys


def test_an_unknown_job_is_404_in_the_error_shape(db):
    with TestClient(create_app(ladybug_settings(db, api_key=KEY["X-API-Key"]))) as c:
        err = is_error(c.get("/jobs/nope"), 404, "not_found")
        assert "nope" in err["message"]


def test_a_failed_finalize_is_reported_with_the_error_shape():
    """The worker reports a finalize that raised as ``failed`` with ``{code, message, detail}`` (paths
    scrubbed) and goes on with the next job."""
    def finalize(scope):
        if "bad" in scope:
            raise StoreBusyError("another writer kept /srv/db busy", waited_s=1.0)
        return {"documents": len(scope)}
    jobs = FinalizeJobs(finalize, scrub=lambda v: v.replace("/srv/db", "<database>") if isinstance(v, str) else v)
    try:
        bad = jobs.submit(Touched(["bad"]), {"key": "B"})
        assert jobs.wait(10)
        good = jobs.submit(Touched(["good"]), {"key": "G"})
        assert jobs.wait(10)
        assert jobs.get(bad.id).as_dict()["error"] == {"code": "store_busy", "message": "another writer kept "
                                                       "<database> busy", "detail": {"waited_s": 1.0}}
        assert jobs.get(bad.id).state == "failed" and jobs.get(good.id).finalize == {"documents": 1}
    finally:
        jobs.close()
