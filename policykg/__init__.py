"""policykg: Chinese government policy documents -> a knowledge graph analysts can query.

In a notebook: ``g = policykg.open("policykg.db")`` (or a ``bolt://`` URI), then ``g.query(name,
**params)``, ``g.cascade(upper, lower)``, ``g.diffusion(...)``, ``g.network(kind, ...)``: see
:mod:`policykg.notebook`.
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
