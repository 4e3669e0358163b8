"""The agency co-issuance network (联合发文): the ``coissuance`` named query as a networkx graph,
agencies as nodes and one weighted edge per pair that issued documents together -- what
``policykg export --coissuance`` and ``GET /coissuance.gexf`` write for Gephi or networkx.
"""
from __future__ import annotations

from ..graph.stores.base import GraphStore
from . import registry


def network(store: GraphStore, *, region: str = "", min_documents: int = 1,
            timeout_s: float | None = None):
    """Undirected graph: node id = agency key (attributes ``label`` Agency, ``name``, ``region``,
    ``level``), edge weight = documents issued together (``documents``), with their keys."""
    import networkx as nx  # not at import: the command line starts faster without it

    g = nx.Graph()
    rows = registry.run(store, "coissuance", {"region": region or "", "min_documents": min_documents},
                        timeout_s=timeout_s).records()
    for r in rows:
        for side in ("agency", "partner"):
            g.add_node(r[f"{side}_key"], label="Agency", key=r[f"{side}_key"], name=r[side],
                       region=r[f"{side}_region"], level=r[f"{side}_level"])
        g.add_edge(r["agency_key"], r["partner_key"], type="COISSUED", weight=r["documents"],
                   documents=r["documents"], document_keys=sorted(r["document_keys"]))
    return g
