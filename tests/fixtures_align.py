"""Families of hand-written documents for the alignment and cascade tests: an upper document and a
lower one carrying it down (by citation or by title), their tasks (own short texts) and the bodies
responsible for each, built into a graph batch the way ingest builds one (agency keys, regions and
levels from the extractor's own registry, so a test sees what a real document would give)."""
from __future__ import annotations

from dataclasses import dataclass, field

from policykg.graph.batch import merge
from policykg.graph.build import build_batch
from policykg.graph.write import write_batch
from policykg.ingest.extract.region import region_of_meta
from policykg.ingest.extract.registry import Region, Registry
from policykg.vocab.levels import NATIONAL_REGION

# (key, region, level, title, date)
DocSpec = tuple[str, str, str, str, str]


@dataclass
class Family:
    upper: DocSpec
    lower: DocSpec
    cites: bool
    upper_tasks: list[tuple[str, list[str]]] = field(default_factory=list)  # (text, responsible bodies)
    lower_tasks: list[tuple[str, list[str]]] = field(default_factory=list)


def _region(name: str) -> Region:
    return Region() if name == NATIONAL_REGION else region_of_meta(name)


def extraction(spec: DocSpec, tasks: list[tuple[str, list[str]]], cited: list[str]) -> dict:
    """An extraction record (the JSON of ``policykg extract``) of one hand-written document."""
    key, region, level, title, date = spec
    reg = Registry(_region(region))
    text, out_tasks, duties, pos = title + "\n", [], [], len(title) + 1
    for i, (task, bodies) in enumerate(tasks, 1):
        out_tasks.append({"id": f"T{i}", "text": task, "span": [pos, pos + len(task)], "ordinal": i})
        for b in bodies:
            a = reg.add(b, pos, pos + len(b), "test")
            duties.append({"agency": a.name, "agency_key": a.key, "role": "responsible", "task": f"T{i}"})
        text += task + "\n"
        pos += len(task) + 1
    agencies = [{**a.as_dict(), "key": a.key, "province": a.province} for a in reg.agencies()]
    r = _region(region)
    return {"text": text, "source": f"{key}.txt", "agencies": agencies, "tasks": out_tasks, "duties": duties,
            "cited": [{"number": c, "role": "basis"} for c in cited],
            "document": {"doc_number": key, "title": title, "date": date, "level": level, "region": r.as_dict(),
                         "issuer": None}}


def write_families(store, families: list[Family]) -> None:
    """Write every document of the families (a document in two families once, with the tasks given)."""
    docs: dict[str, tuple[DocSpec, list, list[str]]] = {}
    for f in families:
        for spec, tasks, cited in ((f.upper, f.upper_tasks, []), (f.lower, f.lower_tasks, [f.upper[0]] if f.cites else [])):
            have = docs.get(spec[0])
            docs[spec[0]] = (spec, (have[1] if have and have[1] else tasks), sorted(set(cited) | set(have[2] if have else [])))
    batch = merge([build_batch(extraction(spec, tasks, cited)) for spec, tasks, cited in docs.values()])
    with store.transaction():
        write_batch(store, batch)
    resolve_citations(store)


def resolve_citations(store) -> None:
    """What lineage does for these documents: a citation by number is resolved to the document."""
    from policykg.graph.derived.lineage import relink

    with store.transaction():
        relink(store)
