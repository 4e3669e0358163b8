"""Path ids -> graph keys, with a 404 that says where ids come from."""
from __future__ import annotations

from typing import Callable, TypeVar

from ..errors import NotFoundError
from ..queries.ids import candidate_keys, id_to_key

T = TypeVar("T")

LISTING = {"agency": "GET /agencies?q=NAME", "document": "GET /documents", "task": "GET /agencies/{id} (duties)"}


def resolve(kind: str, ident: str, fetch: Callable[[str], T | None]) -> T:
    """The first thing ``fetch`` finds for the id's key (or the raw segment as a key), else 404."""
    for key in candidate_keys(ident):
        found = fetch(key)
        if found is not None:
            return found
    key = id_to_key(ident)
    shown = f"{ident!r} (key {key!r})" if key is not None else repr(ident)
    raise NotFoundError(f"no {kind} with id {shown}: use the `id` field of {LISTING.get(kind, 'a listing')} "
                        f"results (ids are URL-safe base64 of the key)", kind=kind, id=ident, key=key)


def first_found(ident: str, fetch: Callable[[str], T]) -> T:
    """``fetch`` with the first reading of ``ident`` (the id's key, then the text itself) that
    names something: a reading that names nothing raises :class:`NotFoundError`, the last one is raised."""
    last: NotFoundError | None = None
    for candidate in candidate_keys(ident):
        try:
            return fetch(candidate)
        except NotFoundError as e:
            last = e
    raise last  # type: ignore[misc]
