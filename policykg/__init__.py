"""policykg: Chinese government policy documents -> a knowledge graph analysts can query.

In a notebook: ``g = policykg.open("policykg.db")`` (or a ``bolt://`` URI), then ``g.query(name,
**params)``, ``g.cascade(upper, lower)``, ``g.diffusion(...)``, ``g.network(kind, ...)``: see
:mod:`policykg.notebook`.
"""
import importlib
import os

# Python or Jupyter started in a checkout's top folder finds this policykg/ folder first on sys.path,
# which holds only the command line: the other subpackages are the checkout's sibling folders (api/,
# graph/ ..., as pyproject.toml maps them), so look there too.  An installed package has no pyproject.toml
# beside it and is left alone.
CHECKOUT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
if os.path.isfile(os.path.join(CHECKOUT, "pyproject.toml")) and os.path.isdir(os.path.join(CHECKOUT, "api")):
    __path__.append(CHECKOUT)

__version__ = "0.1.0"

LAZY = ("open", "Graph", "Rows")  # the notebook API (policykg.notebook), loaded on first use


def __getattr__(name: str):
    # PEP 562: ``policykg.open`` loads policykg.notebook (networkx, the views, the store hub) only when
    # a notebook asks for it, so the command line, which imports this package first, starts as fast
    if name in LAZY:
        return getattr(importlib.import_module(".notebook", __name__), name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
