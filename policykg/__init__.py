"""policykg: Chinese government policy documents -> a knowledge graph analysts can query.

In a notebook: ``g = policykg.open("policykg.db")`` (or a ``bolt://`` URI), then ``g.query(name,
**params)``, ``g.cascade(upper, lower)``, ``g.diffusion(...)``, ``g.network(kind, ...)``: see
:mod:`policykg.notebook`.

This folder is the top of the house: the command line (:mod:`.cli`, one module per family of
subcommands in :mod:`.commands`), the settings (:mod:`.config`), the one exception root
(:mod:`.errors`), the notebook API (:mod:`.notebook`) and servers started from Python
(:mod:`.servers`: Neo4j without Docker).  The layers it sits on are folders of their own:
``ingest/`` -> ``graph/``, ``api/`` and ``viz/`` -> ``queries/`` -> ``graph/``, and ``vocab/`` for all.
"""
import importlib

__version__ = "0.1.0"

LAZY = ("open", "Graph", "Rows")  # the notebook API (policykg.notebook), loaded on first use


def __getattr__(name: str):
    # PEP 562: ``policykg.open`` loads policykg.notebook (networkx, the views, the store hub) only when
    # a notebook asks for it, so the command line, which imports this package first, starts as fast
    if name in LAZY:
        return getattr(importlib.import_module(".notebook", __name__), name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
