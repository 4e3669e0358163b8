"""Documents: list, one document with its lineage, and upload (ingest) behind the API key."""
from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile

from . import library, upload
from .deps import AppSettings, Hub, Jobs, Store, require_api_key
from ..queries import facts as doc_facts
from ..queries.lookups import Lookups, with_id
from .resolve import resolve
from .responses import ok

router = APIRouter(tags=["documents"])


@router.get("/documents", summary="Documents, newest first, paged")
def documents(*, q: str | None = Query(None, max_length=200, description="Part of the title or 文号"),
              region: str | None = Query(None, max_length=100, description="The issuer's region: this region and every region under it"),
              level: str | None = Query(None, max_length=20, description="national, province, city or county"),
              limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
              store: Store, settings: AppSettings):
    return ok(Lookups(store, settings).documents(q or None, region or None, level or None, limit, offset).as_dict())


@router.get("/documents/{id}", summary="One document: its issuers, status, the agencies it names, and its lineage",
            description="`document` has `status` (in_force, repealed, partly_repealed), `repealed_by`, `repealed_on`, "
                        "`effective`, `expires` and `issuers` (every issuer, the lead first); `lineage` the rows "
                        "of the document_lineage query (cites, cited_by, repeals, repealed_by); `supersedes` and "
                        "`superseded_by` the documents it repeals and those that repeal it.")
def document(*, id: str = Path(..., description="A document `id` (URL-safe base64 of the key), or the key (文号)"),
             store: Store, settings: AppSettings):
    look = Lookups(store, settings)
    found = resolve("document", id, look.document)
    lineage = library.run(store, settings, "document_lineage", {"document": found["key"]})
    rows = [with_id(r) for r in lineage.records() if r["start_key"] == found["key"]]
    return ok({"document": found, "lineage": rows, "lineage_truncated": lineage.truncated,
               "supersedes": [r for r in rows if r["relation"] == "repeals"],
               "superseded_by": [r for r in rows if r["relation"] == "repealed_by"]})


DOC_ID = Path(..., description="A document `id` (URL-safe base64 of the key), or the key (文号)")


@router.get("/documents/{id}/text", summary="A document's cleaned text with every fact read from it, placed by span",
            description="`text`: the cleaned text every span indexes; `facts`: objects with `kind` (agency, task, "
                        "duty, target, zone, cluster, citation, repeal), `start`, `end` (a span of `text`), `key`, "
                        "`id`, `label`, ordered by position (a duty is the marker assigning a task to an agency: "
                        "`role` lead, responsible or cooperating, `task_key`; a citation or repeal names the other "
                        "document).")
def document_text(*, id: str = DOC_ID, store: Store, settings: AppSettings):
    look = Lookups(store, settings)
    found = resolve("document", id, look.document_head)
    text = look.document_texts([found["key"]]).get(found["key"], "")
    facts = doc_facts.facts(look, found["key"], text)
    cap = settings.query_row_limit
    return ok({"document": found, "text": text, "facts": facts[:cap], "facts_truncated": len(facts) > cap})


@router.get("/documents/{id}/tasks", summary="A document's tasks in order, with their agencies and targets, paged",
            description="Each task with `agencies` (`role`: lead 牵头, responsible 负责, cooperating 配合) and "
                        "`targets`; `total` counts the document's tasks.")
def document_tasks(*, id: str = DOC_ID, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
                   store: Store, settings: AppSettings):
    look = Lookups(store, settings)
    found = resolve("document", id, look.document_head)
    return ok({"document": found, **doc_facts.tasks(look, found["key"], limit, offset).as_dict()})


@router.post("/documents", status_code=202, dependencies=[Depends(require_api_key)],
             summary="Upload one document: stored at once, finalized by a background job (needs X-API-Key)",
             description="Multipart form: `file` (text, HTML, DOCX or PDF) and optional metadata the text may "
                         "not carry (`region`, `url`, `title`, `date`).  The document is extracted and written "
                         "before the answer (202: `status` new, replaced or unchanged, `document`, `summary`); "
                         "the recomputation of shared and derived facts (aliases, lineage, alignment) runs "
                         "afterwards in a background job: `job` (`id`, `state`), followed at `GET /jobs/{id}` "
                         "(the `Location` header).  Off unless the server has $POLICYKG_API_KEY; over the size "
                         "limit or the text limit -> 413; while another writer (an ingest) holds the database "
                         "longer than the upload may wait -> 503.")
def upload_document(*, file: UploadFile = File(..., description="The document"),
                    region: str | None = Form(None, max_length=100, description="Issuer's region, e.g. 许昌市"),
                    url: str | None = Form(None, max_length=2000),
                    title: str | None = Form(None, max_length=500),
                    date: str | None = Form(None, max_length=20, description="YYYY-MM-DD"),
                    hub: Hub, settings: AppSettings, jobs: Jobs):
    meta = {k: v for k, v in {"region": region, "url": url, "title": title, "date": date}.items() if v}
    with upload.saved(file, settings.max_document_bytes) as path:
        item = upload.extract(path, meta, settings)  # no lock held: reads and other writers carry on
        with hub.writing() as store:  # waits for another writer at most upload_wait_s (then 503)
            answer, scope = upload.write(store, path, item, settings)
    job = jobs.submit(scope, answer["document"])
    response = ok({**answer, "job": job.as_dict()}, status_code=202)
    response.headers["Location"] = f"/jobs/{job.id}"
    return response
