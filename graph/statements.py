"""The graph layer's own reads, each a named statement: what alignment, the recomputation of
shared facts and the document loader read from the store.

The analysts' queries live in ``queries/`` (which sits above this layer); these are the
statements the graph layer needs to maintain itself.  Labels and types come from the schema,
values travel as ``$parameters``.  :func:`read` runs one by name.
"""
from __future__ import annotations

from . import schema
from .stores.base import GraphStore, Result

L, T, LL = schema.label, schema.rel_type, schema.ledger_label
SHARED_MENTIONED = ("Agency", "Zone", "Cluster")

READS: dict[str, str] = {
    # the loader: what is stored, to decide each document's fate
    "stored_documents": f"MATCH (d:{L('Document')}) WHERE d.stub IS NULL OR d.stub = false "
                        "RETURN d.key, d.sha, d.source, d.url, d.province, d.city, d.county",
    # alignment's inputs (graph/derived/align.py, align_scope.py): documents, tasks and bodies by key
    "align_document_keys": f"MATCH (:{L('Task')})-[:{T('PART_OF')}]->(d:{L('Document')}) RETURN DISTINCT d.key",
    "align_agency_keys": f"MATCH (a:{L('Agency')})-[:{T('RESPONSIBLE_FOR')}]->(:{L('Task')}) RETURN DISTINCT a.key "
                         f"UNION MATCH (a:{L('Agency')})-[:{T('COOPERATES_WITH')}]->(:{L('Task')}) RETURN DISTINCT a.key",
    "align_documents_of": f"UNWIND $keys AS k MATCH (d:{L('Document')} {{key: k}}) "
                          "RETURN d.key, d.level, d.province, d.city, d.county, d.date, d.stem",
    "align_documents_in": f"MATCH (d:{L('Document')}) WHERE coalesce(d.county, d.city, d.province) IN $regions "
                          f"AND EXISTS {{ MATCH (:{L('Task')})-[:{T('PART_OF')}]->(d) }} "
                          "RETURN d.key, d.level, d.province, d.city, d.county, d.date, d.stem",
    "align_documents_with_stem": f"MATCH (d:{L('Document')}) WHERE d.stem IN $stems "
                                 f"AND EXISTS {{ MATCH (:{L('Task')})-[:{T('PART_OF')}]->(d) }} "
                                 "RETURN d.key, d.level, d.province, d.city, d.county, d.date, d.stem",
    "align_task_counts_of": f"UNWIND $keys AS k MATCH (t:{L('Task')})-[:{T('PART_OF')}]->(d:{L('Document')} {{key: k}}) "
                            "RETURN d.key, count(t)",
    "align_tasks_of": f"UNWIND $keys AS k MATCH (t:{L('Task')})-[:{T('PART_OF')}]->(d:{L('Document')} {{key: k}}) "
                      "RETURN t.key, t.text, d.key, t.span_start, t.parent ORDER BY d.key, t.ordinal, t.key",
    **{f"align_{role}_of": f"UNWIND $keys AS k MATCH (a:{L('Agency')})-[:{T(typ)}]->(t:{L('Task')} {{key: k}}) "
                           "RETURN a.key, t.key"
       for role, typ in (("carriers", "RESPONSIBLE_FOR"), ("cooperators", "COOPERATES_WITH"))},
    "align_agencies_of": f"UNWIND $keys AS k MATCH (a:{L('Agency')} {{key: k}}) "
                         f"OPTIONAL MATCH (a)-[:{T('LOCATED_IN')}]->(c:{L('County')}) "
                         "RETURN a.key, a.name, a.region, a.province, a.level, a.collective, c.city",
    "align_citations_of": f"UNWIND $keys AS k MATCH (a:{L('Document')} {{key: k}})-[:{T('DERIVED_FROM')}]->"
                          f"(b:{L('Document')}) RETURN a.key, b.key",
    "align_citers_of": f"UNWIND $keys AS k MATCH (a:{L('Document')})-[:{T('DERIVED_FROM')}]->"
                       f"(:{L('Document')} {{key: k}}) RETURN DISTINCT a.key",
    "align_carried_of": f"UNWIND $keys AS k MATCH (:{L('Document')} {{key: k}})-[e:{T('CARRIES')}]->"
                        f"(u:{L('Document')}) RETURN k, u.key",
    "align_carrying_of": f"UNWIND $keys AS k MATCH (d:{L('Document')})-[e:{T('CARRIES')}]->"
                         f"(:{L('Document')} {{key: k}}) RETURN DISTINCT d.key",
    **{f"align_{role}_documents_of": f"UNWIND $keys AS k MATCH (a:{L('Agency')} {{key: k}})-[:{T(typ)}]->"
                                     f"(:{L('Task')})-[:{T('PART_OF')}]->(d:{L('Document')}) RETURN DISTINCT a.key, d.key"
       for role, typ in (("carriers", "RESPONSIBLE_FOR"), ("cooperators", "COOPERATES_WITH"))},
    **{f"align_document_{role}_of": f"UNWIND $keys AS k MATCH (a:{L('Agency')})-[:{T(typ)}]->(:{L('Task')})"
                                    f"-[:{T('PART_OF')}]->(d:{L('Document')} {{key: k}}) RETURN DISTINCT d.key, a.key"
       for role, typ in (("carriers", "RESPONSIBLE_FOR"), ("cooperators", "COOPERATES_WITH"))},
    # bodies named inside a measure of a document (a party of it even where no duty was read)
    "align_document_named_of": f"UNWIND $keys AS k MATCH (a:{L('Agency')})-[m:{T('MENTIONED_IN')}]->"
                               f"(d:{L('Document')} {{key: k}})<-[:{T('PART_OF')}]-(t:{L('Task')}) "
                               "WHERE t.span_start <= m.span_start AND m.span_end <= t.span_end RETURN DISTINCT d.key, a.key",
    "align_named_documents_of": f"UNWIND $keys AS k MATCH (a:{L('Agency')} {{key: k}})-[m:{T('MENTIONED_IN')}]->"
                                f"(d:{L('Document')})<-[:{T('PART_OF')}]-(t:{L('Task')}) "
                                "WHERE t.span_start <= m.span_start AND m.span_end <= t.span_end RETURN DISTINCT a.key, d.key",
    "align_named_keys": f"MATCH (a:{L('Agency')})-[m:{T('MENTIONED_IN')}]->(d:{L('Document')})<-[:{T('PART_OF')}]-"
                        f"(t:{L('Task')}) WHERE t.span_start <= m.span_start AND m.span_end <= t.span_end "
                        "RETURN DISTINCT a.key",
    "align_links_carried_by": f"UNWIND $keys AS k MATCH (a:{L('Agency')} {{key: k}})-[:{T('RESPONSIBLE_FOR')}]->"
                              f"(t:{L('Task')})-[e:{T('DERIVED_FROM')}]->(u:{L('Task')}) "
                              "RETURN DISTINCT a.key, t.key, u.key, e.score, e.rule",
    # lineage (graph/derived/lineage.py): documents, who issued them, citations and repeals, agencies
    "lineage_documents": f"MATCH (d:{L('Document')}) RETURN d.key, d.stub, d.doc_number, d.number_from, d.title, "
                         "d.title_keys, d.issuer, d.province, d.city, d.county, d.level, d.date, d.status, "
                         "d.repealed_by, d.repealed_on, d.doc, d.span_start, d.span_end, d.rule",
    "lineage_issuers": f"MATCH (d:{L('Document')})-[:{T('ISSUED_BY')}]->(a:{L('Agency')}) RETURN d.key, a.name, a.aliases",
    **{f"lineage_{typ.lower()}": f"MATCH (a:{L('Document')})-[e:{T(typ)}]->(b:{L('Document')}) "
                                 "RETURN a.key AS src, b.key AS dst, "
                                 + ", ".join(f"e.{c} AS {c}" for c in schema.RELS[typ].columns)
       for typ in ("DERIVED_FROM", "SUPERSEDES")},
    "lineage_agencies": f"MATCH (a:{L('Agency')}) RETURN a.key, a.name, a.aliases, a.region, a.province, a.level, "
                        "a.function, a.collective",
    "lineage_agencies_in": f"MATCH (a:{L('Agency')}) WHERE a.region IN $regions RETURN a.key, a.name, a.aliases, "
                           "a.region, a.province, a.level, a.function, a.collective",
    "lineage_collectives_in": f"MATCH (a:{L('Agency')}) WHERE a.collective = true AND (a.province IS NULL OR "
                              "a.province IN $provinces OR a.region IN $provinces) RETURN a.key, a.name, a.aliases, "
                              "a.region, a.province, a.level, a.function, a.collective",
    "lineage_successions": f"MATCH (a:{L('Agency')})-[e:{T('SUCCEEDED_BY')}]->(b:{L('Agency')}) "
                           "WHERE e.rule STARTS WITH $prefix RETURN a.key, b.key, e.year, e.share, e.note",
    "lineage_members": f"MATCH (a:{L('Agency')})-[e:{T('MEMBER_OF')}]->(b:{L('Agency')}) "
                       "WHERE e.rule STARTS WITH $prefix RETURN a.key, b.key",
    "lineage_texts": f"UNWIND $keys AS k MATCH (d:{L('Document')} {{key: k}}) RETURN d.key, d.text",
    # shared nodes and the mentions their aliases, provenance and regions derive from, for some keys
    # (index seeks; a full recomputation walks every key a chunk at a time)
    **{f"shared_{lbl.lower()}_of": f"UNWIND $keys AS k MATCH (n:{L(lbl)} {{key: k}}) RETURN n.key, n.name, n.doc, "
                                    "n.span_start, n.span_end, n.rule, "
                                    + ("n.aliases" if lbl == "Agency" else "n.region")
       for lbl in SHARED_MENTIONED},
    **{f"mentions_{lbl.lower()}_of": f"UNWIND $keys AS k MATCH (n:{L(lbl)} {{key: k}})-[m:{T('MENTIONED_IN')}]->"
                                      f"(d:{L('Document')}) RETURN n.key, m.surface, m.doc, m.span_start, m.span_end, "
                                      "m.rule, d.county, d.city, d.province"
       for lbl in SHARED_MENTIONED},
    # every key of a label (a full recomputation walks them a chunk at a time)
    **{f"keys_{lbl.lower()}": f"MATCH (n:{L(lbl)}) RETURN n.key ORDER BY n.key" for lbl in SHARED_MENTIONED},
    # what documents name now (the shared nodes and stubs an incremental finalize revisits)
    **{f"mentioned_{lbl.lower()}_of": f"UNWIND $keys AS k MATCH (n:{L(lbl)})-[:{T('MENTIONED_IN')}]->"
                                       f"(:{L('Document')} {{key: k}}) RETURN DISTINCT n.key"
       for lbl in SHARED_MENTIONED},
    "cited_of": f"UNWIND $keys AS k MATCH (:{L('Document')} {{key: k}})-[:{T('DERIVED_FROM')}]->(c:{L('Document')}) "
                "RETURN DISTINCT c.key",
    # what one stored document names, read before its facts are deleted (graph/touched.py)
    "document_as_stored": f"MATCH (d:{L('Document')} {{key: $k}}) RETURN d.level, d.province, d.city, d.county, d.date, d.stem",
    "document_issuers": f"MATCH (:{L('Document')} {{key: $k}})-[:{T('ISSUED_BY')}]->(a:{L('Agency')}) "
                        "RETURN DISTINCT a.key",
    "document_carriers": f"MATCH (a:{L('Agency')})-[:{T('RESPONSIBLE_FOR')}]->(:{L('Task')})-[:{T('PART_OF')}]->"
                         f"(:{L('Document')} {{key: $k}}) RETURN DISTINCT a.key",
    "document_lineage_of": f"MATCH (d:{L('Document')} {{key: $k}}) RETURN d.doc_number, d.title_keys",
    "agency_groups_of": f"UNWIND $keys AS k MATCH (a:{L('Agency')} {{key: k}}) RETURN a.key, a.region, a.level",
    # the loader's ledger
    "ledger_files": f"MATCH (n:{LL('SourceFile')}) RETURN n.key, n.size, n.mtime_ns, n.sha, n.meta, n.doc, n.doc_sha",
    "ledger_state": f"MATCH (n:{LL('LoadState')} {{key: $key}}) RETURN n.value",
}


def read(store: GraphStore, name: str, params: dict | None = None) -> Result:
    """Run the named read (inside the caller's transaction when one is open)."""
    return store.query(READS[name], params)
