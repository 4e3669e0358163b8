"""The graph layer's own reads, each a named statement: what alignment, the recomputation of
shared facts and the document loader read from the store.

The analysts' queries live in ``queries/`` (which sits above this layer); these are the
statements the graph layer needs to maintain itself.  Labels and types come from the schema,
values travel as ``$parameters``.  :func:`read` runs one by name.
"""
from __future__ import annotations

from . import schema
from .stores.base import GraphStore, Result

L, T = schema.label, schema.rel_type

READS: dict[str, str] = {
    # the loader: what is stored, to decide each document's fate
    "stored_documents": f"MATCH (d:{L('Document')}) WHERE d.stub IS NULL OR d.stub = false "
                        "RETURN d.key, d.sha, d.source, d.url, d.province, d.city, d.county",
    # alignment's inputs
    "align_agencies": f"MATCH (a:{L('Agency')}) RETURN a.key, a.name, a.region, a.province, a.level, a.function, "
                      "a.collective",
    "align_documents": f"MATCH (d:{L('Document')}) RETURN d.key, d.level, d.province, d.city, d.county, d.date",
    "align_tasks": f"MATCH (t:{L('Task')})-[:{T('PART_OF')}]->(d:{L('Document')}) RETURN t.key, t.text, d.key "
                   "ORDER BY d.key, t.ordinal, t.key",
    "align_carriers": f"MATCH (a:{L('Agency')})-[:{T('RESPONSIBLE_FOR')}]->(t:{L('Task')}) RETURN a.key, t.key",
    "align_citations": f"MATCH (a:{L('Document')})-[:{T('DERIVED_FROM')}]->(b:{L('Document')}) RETURN a.key, b.key",
    "align_cities": f"MATCH (c:{L('City')}) RETURN c.name, c.province",
    "align_counties": f"MATCH (k:{L('County')}) RETURN k.name, k.city, k.province",
    "align_document_regions": f"MATCH (d:{L('Document')}) RETURN d.province, d.city, d.county",
    # recomputation of shared facts: current values, and the mentions they derive from
    "shared_agency": f"MATCH (n:{L('Agency')}) RETURN n.key, n.name, n.doc, n.span_start, n.span_end, n.rule, "
                       "n.aliases",
    "shared_zone": f"MATCH (n:{L('Zone')}) RETURN n.key, n.name, n.doc, n.span_start, n.span_end, n.rule, n.region",
    "shared_cluster": f"MATCH (n:{L('Cluster')}) RETURN n.key, n.name, n.doc, n.span_start, n.span_end, n.rule, "
                       "n.region",
    **{f"mentions_{lbl.lower()}": f"MATCH (n:{L(lbl)})-[m:{T('MENTIONED_IN')}]->(d:{L('Document')}) "
                                  "RETURN n.key, m.surface, m.doc, m.span_start, m.span_end, m.rule, d.county, "
                                  "d.city, d.province"
       for lbl in ("Agency", "Zone", "Cluster")},
    # lineage (graph/lineage.py): documents, who issued them, citations and repeals, agencies
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
    "lineage_successions": f"MATCH (a:{L('Agency')})-[e:{T('SUCCEEDED_BY')}]->(b:{L('Agency')}) "
                           "WHERE e.rule STARTS WITH $prefix RETURN a.key, b.key, e.year, e.share, e.note",
    "lineage_members": f"MATCH (a:{L('Agency')})-[e:{T('MEMBER_OF')}]->(b:{L('Agency')}) "
                       "WHERE e.rule STARTS WITH $prefix RETURN a.key, b.key",
    "lineage_texts": f"UNWIND $keys AS k MATCH (d:{L('Document')} {{key: k}}) RETURN d.key, d.text",
}


def read(store: GraphStore, name: str, params: dict | None = None) -> Result:
    """Run the named read (inside the caller's transaction when one is open)."""
    return store.query(READS[name], params)
