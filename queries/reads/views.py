"""The reads the views draw from (``queries/subgraph.py``'s Fetcher, one hop at a time over keys)
and those that find what a user named (an agency, a document, a region).

Most take a key (``key``: one anchored read, an index seek on either store) or a list of keys
(``keys``); the Fetcher picks one per store.  Labels and types are parameters of type ``label``
and ``reltype``: only the schema's pass, and the builder writes them into the text.
``view_region_*`` filter by the region exactly: a document by its most local region, anything
else by its ``region`` property.
"""
from __future__ import annotations

from ...graph import schema
from ...graph.readform import Param, Read

HEAVY = {"Document": {"text"}}  # never shipped to a page: a document's whole text


def props_expr(var: str, label: str) -> str:
    """A map literal of a node's schema properties (both databases accept map literals,
    LadybugDB has no map projection).

    >>> props_expr("z", "Zone")
    '{key: z.key, name: z.name, region: z.region, kind: z.kind, doc: z.doc, span_start: z.span_start, span_end: z.span_end, rule: z.rule}'
    """
    cols = [c for c in schema.NODES[schema.label(label)].columns if c not in HEAVY.get(label, ())]
    return "{" + ", ".join(f"{schema.ident(c)}: {var}.{schema.ident(c)}" for c in cols) + "}"


def edge_expr(var: str, typ: str) -> str:
    cols = schema.RELS[schema.rel_type(typ)].columns
    return "{" + ", ".join(f"{schema.ident(c)}: {var}.{schema.ident(c)}" for c in cols) + "}"


def region_where(var: str, label: str) -> str:
    """The filter "sits in region ``$r``" (exactly): a document by its most local region, anything
    else by its ``region`` property."""
    if label == "Document":
        blank = lambda p: f"({var}.{p} IS NULL OR {var}.{p} = '')"  # noqa: E731
        return (f"({var}.county = $r OR ({var}.city = $r AND {blank('county')}) "
                f"OR ({var}.province = $r AND {blank('city')} AND {blank('county')}))")
    return f"{var}.{schema.prop(label, 'region')} = $r"


def _node(var: str, p: dict, lbl_param: str = "label") -> str:
    """``(var:Label {key: $key})`` when one key is given, else ``(var:Label)`` (with ``IN $keys``)."""
    lbl = schema.label(p[lbl_param])
    return f"({var}:{lbl} {{key: $key}})" if p.get("key") is not None else f"({var}:{lbl})"


def _keys_in(var: str, p: dict) -> str:
    return "" if p.get("key") is not None else f" WHERE {var}.key IN $keys"


def _nodes(p: dict) -> str:
    return f"MATCH {_node('n', p)}{_keys_in('n', p)} RETURN {props_expr('n', p['label'])} AS n"


def _pattern(p: dict, a_node: str) -> str:
    r, o = schema.rel_type(p["type"]), schema.label(p["other"])
    return f"({a_node})-[r:{r}]->(o:{o})" if p["direction"] == "out" else f"(o:{o})-[r:{r}]->({a_node})"


def _hop_ret(p: dict) -> str:
    return f"RETURN a.key AS a, {props_expr('o', p['other'])} AS o, {edge_expr('r', p['type'])} AS r"


def _hop(p: dict) -> str:
    text = f"MATCH {_pattern(p, _node('a', p, 'anchor')[1:-1])}{_keys_in('a', p)} {_hop_ret(p)}"
    return text + (" ORDER BY o.key LIMIT $n" if p.get("n") is not None and p.get("key") is not None else "")


def _hop_via(p: dict) -> str:
    hops = "|".join(schema.rel_type(t) for t in p["via_types"])
    return (f"MATCH (v:{schema.label(p['via'])} {{key: $key}})-[:{hops}]->(a:{schema.label(p['anchor'])}) "
            f"MATCH {_pattern(p, 'a')} {_hop_ret(p)}")


def _edges(p: dict) -> str:
    a, b, r = schema.label(p["src"]), schema.label(p["dst"]), schema.rel_type(p["type"])
    ret = f"RETURN a.key, b.key, {edge_expr('r', p['type'])}"
    if p.get("key") is None:
        return f"MATCH (a:{a})-[r:{r}]->(b:{b}) WHERE a.key IN $a AND b.key IN $b {ret}"
    if p["side"] == "src":
        return f"MATCH (a:{a} {{key: $key}})-[r:{r}]->(b:{b}) {ret}"
    return f"MATCH (a:{a})-[r:{r}]->(b:{b} {{key: $key}}) {ret}"


def _find(p: dict, lbl: str) -> str:
    var, by = lbl[0].lower(), p["by"]
    ret = f"RETURN {props_expr(var, lbl)}"
    if by == "key":  # a seek (WHERE x.key = $q scans)
        return f"MATCH ({var}:{schema.label(lbl)} {{key: $q}}) {ret}"
    if by == "alias":
        return f"MATCH ({var}:{schema.label(lbl)}) WHERE $q IN {var}.aliases {ret}"
    return f"MATCH ({var}:{schema.label(lbl)}) WHERE {var}.{schema.prop(lbl, by)} = $q {ret}"


def _opt(name: str, typ: str, description: str) -> Param:
    return Param(name, typ, required=False, description=description)


KEY = _opt("key", "string", "one key: an anchored read (instead of keys)")
KEYS = _opt("keys", "list", "a list of keys (when key is not given)")
LABEL = Param("label", "label", description="a node label of the schema")
TYPE = Param("type", "reltype", description="a relationship type of the schema")
REGION = Param("r", "string", description="the region, exactly")


def _r(name: str, description: str, params: list[Param], cypher: str = "", build=None) -> Read:
    return Read(name, description, params, cypher, __name__, build=build, internal=True)


READS = [
    _r("view_nodes", "Nodes of a label by key, with their schema properties", [LABEL, KEY, KEYS], build=_nodes),
    _r("view_hop", "The typ edges between anchor nodes and other nodes (out: anchor -> other), with both ends' "
       "properties; n: at most that many, by the other node's key",
       [Param("anchor", "label"), TYPE, Param("other", "label"), Param("direction", "string", description="out or in"),
        KEY, KEYS, _opt("n", "int", "at most this many rows (an anchored read)")], build=_hop),
    _r("view_hop_via", "view_hop for the anchors reached from one via node by via_types relationships",
       [Param("via", "label"), Param("via_types", "list", description="relationship types of the schema"),
        Param("anchor", "label"), TYPE, Param("other", "label"), Param("direction", "string"),
        Param("key", "string", description="the via node's key")], build=_hop_via),
    _r("view_edges", "The type edges from src nodes to dst nodes: anchored on one key of one side, or between "
       "two key lists",
       [Param("src", "label"), TYPE, Param("dst", "label"), KEY, _opt("side", "string", "src or dst: the side of key"),
        _opt("a", "list", "src keys"), _opt("b", "list", "dst keys")], build=_edges),
    _r("view_degree", "How many type relationships leave a node", [LABEL, TYPE, Param("key", "string")],
       build=lambda p: f"MATCH (a:{schema.label(p['label'])} {{key: $key}})-[r:{schema.rel_type(p['type'])}]->() "
                       "RETURN count(r)"),
    _r("view_task_counts", "Document key -> how many tasks it has", [KEY, KEYS],
       build=lambda p: f"MATCH (t:Task)-[:PART_OF]->{_node('d', {**p, 'label': 'Document'})}{_keys_in('d', p)} "
                       "RETURN d.key, count(t)"),
    _r("view_region_count", "How many nodes of a label sit in a region (a document by its most local region)",
       [LABEL, REGION],
       build=lambda p: f"MATCH (n:{schema.label(p['label'])}) WHERE {region_where('n', p['label'])} RETURN count(n)"),
    _r("view_region_nodes", "The first n nodes (by key) of a label in a region (a document by its most local region)",
       [LABEL, REGION, Param("n", "int")],
       build=lambda p: f"MATCH (n:{schema.label(p['label'])}) WHERE {region_where('n', p['label'])} "
                       f"RETURN {props_expr('n', p['label'])} ORDER BY n.key LIMIT $n"),
    _r("view_texts", "Documents' cleaned texts, by key", [KEY, KEYS],
       build=lambda p: f"MATCH {_node('d', {**p, 'label': 'Document'})}{_keys_in('d', p)} RETURN d.key, d.text"),
    _r("find_agency", "Agencies named by key, canonical name or alias",
       [Param("by", "string", description="key, name or alias"), Param("q", "string")],
       build=lambda p: _find(p, "Agency")),
    _r("find_document", "Documents named by key, 文号 or exact title",
       [Param("by", "string", description="key, doc_number or title"), Param("q", "string")],
       build=lambda p: _find(p, "Document")),
    _r("place_named", "How many places of one level have that name", [LABEL, REGION],
       build=lambda p: f"MATCH (p:{schema.label(p['label'])}) WHERE p.name = $r RETURN count(p)"),
]
