"""Background jobs: the state of an upload's finalize (queued, running, done, failed)."""
from __future__ import annotations

from fastapi import APIRouter, Path

from ..errors import NotFoundError
from .deps import Jobs
from .responses import ok

router = APIRouter(tags=["documents"])


@router.get("/jobs/{id}", summary="A background job: an upload's finalize, queued, running, done or failed",
            description="`state`: queued, running, done (`finalize`: what was recomputed) or failed (`error`: "
                        "`{code, message, detail}`, the shape of every API error); `document` is the upload's "
                        "document.  Jobs are kept in the memory of the server process that accepted the upload.")
def job(*, id: str = Path(..., max_length=64, description="The `job.id` of a POST /documents answer"), jobs: Jobs):
    found = jobs.get(id)
    if found is None:
        raise NotFoundError(f"no job {id!r} (jobs live in the server process that accepted the upload, "
                            f"and only the last ones are kept)", job=id)
    return ok(found.as_dict())
