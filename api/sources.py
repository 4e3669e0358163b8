"""Attach the source sentence to query rows that carry a document key and a span."""
from __future__ import annotations

from ..queries.lookups import Lookups
from .sentences import sentence_at

DOC_COLUMNS = ("document_key", "doc", "document")


def span_of(rec: dict) -> tuple[int | None, int | None]:
    """A row's span, from ``span: [s, e]`` or ``span_start``/``span_end``.

    >>> span_of({"span": [3, 9]}), span_of({"span_start": 1, "span_end": 2}), span_of({})
    ((3, 9), (1, 2), (None, None))
    """
    span = rec.get("span")
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return span[0], span[1]
    return rec.get("span_start"), rec.get("span_end")


def doc_of(rec: dict) -> str | None:
    for c in DOC_COLUMNS:
        v = rec.get(c)
        if isinstance(v, str) and v:
            return v
        if isinstance(v, dict) and isinstance(v.get("key"), str):
            return v["key"]
    return None


def attach_sentences(lookups: Lookups, rows: list[dict]) -> list[dict]:
    """Add ``sentence: {text, span}`` to each row (None where no span is known); one fetch per document."""
    texts = lookups.document_texts(sorted({d for d in map(doc_of, rows) if d}))
    for r in rows:
        s, e = span_of(r)
        r["sentence"] = sentence_at(texts.get(doc_of(r) or "", ""), s, e)
    return rows
