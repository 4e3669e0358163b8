"""policykg in a notebook: open a graph, run the named queries with keyword parameters, and take
the answers as rows or pandas DataFrames (``pip install 'policykg[notebook]'`` for pandas), the
cascade, diffusion and co-issuance tables, and networkx graphs of the views::

    import policykg
    g = policykg.open("policykg.db")              # or "bolt://localhost:7687"
    rows = g.query("agency_duties", agency="省发展改革委")
    df = rows.df()

The answers are the library's (:mod:`policykg.queries`), so they equal what ``policykg query``
prints and what ``POST /queries/{name}`` answers.  A graph reads the embedded database under the
readers' gate one call at a time (an ingest may write between two calls; the next call reads
the new graph), or Neo4j through one driver.
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from .api.storehub import StoreHub
from .config import Settings, load_settings
from .errors import ParameterError
from .graph import export
from .queries import registry
from .queries.cascade import cascade as run_cascade
from .queries.diffusion import diffusion as run_diffusion
from .viz import render, views

NETWORKS = ("agency", "cascade", "document", "lineage", "region", "coissuance")


class Rows(list):
    """The rows of an answer as dicts, with the ``columns`` in order and whether the row limit
    ``truncated`` them; :meth:`df` gives the same as a pandas DataFrame."""

    def __init__(self, rows: list[dict], columns: list[str], truncated: bool = False):
        super().__init__(rows)
        self.columns = list(columns)
        self.truncated = truncated

    def df(self):
        """The rows as a pandas DataFrame with the answer's columns in order."""
        return frame(list(self), self.columns)


def frame(rows: list[dict], columns: list[str]):
    """A DataFrame of ``rows`` (pandas is the optional ``notebook`` extra)."""
    try:
        import pandas as pd
    except ImportError as e:  # a clear way out, not a bare ModuleNotFoundError
        raise ImportError("DataFrames need pandas: pip install 'policykg[notebook]' (or pip install pandas)") from e
    return pd.DataFrame(rows, columns=columns)


def settings_for(target: str | os.PathLike | None, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> Settings:
    """Settings of a graph named by a LadybugDB directory or a ``bolt://`` / ``neo4j://`` URI
    (None: ``$POLICYKG_DB`` or ``$NEO4J_URI``, as the commands read them).

    >>> settings_for("bolt://localhost:7687", password="pw").neo4j_uri
    'bolt://localhost:7687'
    >>> settings_for("graph.db").db_path, settings_for("graph.db").neo4j_uri is None
    ('graph.db', True)
    """
    base = load_settings()
    if target is None:
        return base
    text = os.fspath(target)
    if text.split("://", 1)[0] in ("bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc"):
        return base.with_overrides(neo4j_uri=text, neo4j_user=user, neo4j_password=password, neo4j_database=database)
    return replace(base, db_path=text, neo4j_uri=None)


class Graph:
    """One policy graph, read-only."""

    def __init__(self, settings: Settings):
        if not settings.neo4j_uri and not os.path.exists(settings.db_path):
            raise ParameterError(f"no database at {settings.db_path!r}: ingest documents first "
                                 f"(policykg ingest DIR --db {settings.db_path})", path=settings.db_path)
        self.settings = settings
        self._hub = StoreHub(settings)

    def __repr__(self) -> str:
        where = self.settings.neo4j_uri or self.settings.db_path
        return f"<policykg.Graph {where}>"

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._hub.close()

    def _read(self, work):
        with self._hub.reading() as store:
            return work(store)

    # --- the library ---------------------------------------------------------------------
    def queries(self) -> Rows:
        """The named queries: name, description and parameters."""
        rows = [{"name": q.name, "description": q.description,
                 "parameters": ", ".join(p.name + ("" if p.required else "?") for p in q.params)}
                for q in registry.all_queries()]
        return Rows(rows, ["name", "description", "parameters"])

    def query(self, name: str, limit: int | None = None, **params: Any) -> Rows:
        """Run the named query ``name`` with keyword parameters (``limit``: at most that many rows)."""
        res = self._read(lambda s: registry.run(s, name, params, limit=limit, timeout_s=self.settings.query_timeout_s))
        return Rows(res.records(), res.columns, res.truncated)

    def stats(self) -> dict:
        """Nodes per label and relationships per type."""
        return self._read(lambda s: s.stats().as_dict())

    # --- tables --------------------------------------------------------------------------
    def cascade(self, upper: str, lower: str, *, through_reforms: bool = False):
        """The task pairs of the cascade from ``upper`` to ``lower`` as a DataFrame: one row per
        (upper agency, lower agency, upper task, lower task), the pair's score and basis beside the
        task pair's score (``policykg cascade --format json``, flattened)."""
        out = self._read(lambda s: run_cascade(s, upper, lower, through_reforms=through_reforms,
                                               timeout_s=self.settings.query_timeout_s))
        rows = [{"upper": p["upper"], "lower": p["lower"], "pair_score": p["score"], "basis": p["basis"],
                 "upper_key": p["upper_key"], "lower_key": p["lower_key"], **t} for p in out["pairs"] for t in p["tasks"]]
        cols = ["upper", "lower", "pair_score", "basis", "upper_task", "lower_task", "score", "upper_key", "lower_key",
                "upper_task_key", "lower_task_key"]
        return frame(rows, cols + sorted({k for r in rows for k in r} - set(cols)))

    def counterparts(self, upper: str, lower: str):
        """The counterpart agency pairs of a cascade (those with tasks and without), one row each."""
        out = self._read(lambda s: run_cascade(s, upper, lower, timeout_s=self.settings.query_timeout_s))
        rows = [{k: v for k, v in p.items() if k != "tasks"} | {"task_pairs": len(p["tasks"])} for p in out["pairs"]]
        return frame(rows, ["upper", "lower", "score", "basis", "task_pairs", "upper_key", "lower_key", "upper_aliases",
                            "lower_aliases"])

    def diffusion(self, upper: str = "", region: str = "", *, summary: bool = False):
        """How higher documents are carried down (``policykg diffusion``): one row per (upper, lower)
        pair with the lag, tasks carried and reproduction; ``summary``: one row per upper document."""
        out = self._read(lambda s: run_diffusion(s, upper=upper, region=region,
                                                 timeout_s=self.settings.query_timeout_s))
        if summary:
            rows = [{**{f"upper_{k}": v for k, v in a["upper"].items()}, **{k: v for k, v in a.items() if k != "upper"}}
                    for a in out["uppers"]]
        else:
            rows = [{**{f"upper_{k}": v for k, v in p["upper"].items()}, **{f"lower_{k}": v for k, v in p["lower"].items()},
                     **{k: v for k, v in p.items() if k not in ("upper", "lower")}} for p in out["pairs"]]
        return frame(rows, list(rows[0]) if rows else [])

    def coissuance(self, region: str = "", min_documents: int = 1):
        """Agency pairs that issued documents together (联合发文), with how many."""
        return self.query("coissuance", region=region, min_documents=min_documents).df()

    # --- networks ------------------------------------------------------------------------
    def network(self, kind: str, *args: Any, max_nodes: int | None = None, **kw: Any):
        """The subgraph a view draws as a networkx ``MultiDiGraph`` (node ids ``Label:key``, the
        node's properties and ``type`` as attributes, its source sentence as ``snippet``):
        ``network("agency", "省发展改革委")``, ``("cascade", "河南省", "许昌市")``, ``("document", 文号)``,
        ``("lineage", 文号)``, ``("region", "许昌市", types="Agency,Task")``, ``("coissuance", region="河南省")``.
        ``max_nodes``: fetch at most about that many (default: the server's cap)."""
        if kind not in NETWORKS:
            raise ParameterError(f"unknown network {kind!r}; one of {', '.join(NETWORKS)}", kind=kind)
        build = getattr(views, f"{kind}_graph")
        drawing = self._read(lambda s: build(s, *args, settings=self.settings, cap=max_nodes, **kw))
        return render.gexf_graph(drawing)

    def write_gexf(self, graph, path: str | os.PathLike) -> None:
        """Write a graph of :meth:`network` as GEXF for Gephi."""
        export.write_gexf(graph, path)


def open(target: str | os.PathLike | None = None, *, user: str | None = None, password: str | None = None,
         database: str | None = None) -> Graph:
    """The graph in a LadybugDB directory (``"policykg.db"``) or on a Neo4j server
    (``"bolt://host:7687"``, with ``user`` and ``password``, else ``$NEO4J_USER``/``$NEO4J_PASSWORD``)."""
    return Graph(settings_for(target, user, password, database))
