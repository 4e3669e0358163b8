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
import importlib.abc
import importlib.util
import os
import sys
import tomllib

# Python or Jupyter started in a checkout's top folder finds this policykg/ folder first on sys.path,
# and it holds only the command line: the other subpackages are the checkout's folders that
# pyproject.toml maps (policykg.api = api/ ...).  There, a finder maps them the same way (last on the
# meta path, so an installed or editable package still wins).  An installed package has no
# pyproject.toml beside it and adds nothing.
CHECKOUT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


class CheckoutFinder(importlib.abc.MetaPathFinder):
    """``policykg.X`` from the checkout folder pyproject.toml's package-dir maps it to."""

    def __init__(self, folders: dict[str, str]):
        self.folders = folders

    def find_spec(self, name, path=None, target=None):
        folder = self.folders.get(name)
        if folder is None:
            return None
        return importlib.util.spec_from_file_location(name, os.path.join(folder, "__init__.py"),
                                                      submodule_search_locations=[folder])


def checkout_folders(root: str) -> dict[str, str]:
    """The subpackages pyproject.toml maps to the checkout's top folders, or none outside a checkout."""
    try:
        with open(os.path.join(root, "pyproject.toml"), "rb") as f:
            mapped = tomllib.load(f)["tool"]["setuptools"]["package-dir"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return {}
    return {name: os.path.join(root, folder) for name, folder in mapped.items()
            if name.startswith(__name__ + ".") and os.path.isdir(os.path.join(root, folder))}


if checkout_folders(CHECKOUT):
    sys.meta_path.append(CheckoutFinder(checkout_folders(CHECKOUT)))

__version__ = "0.1.0"

LAZY = ("open", "Graph", "Rows")  # the notebook API (policykg.notebook), loaded on first use


def __getattr__(name: str):
    # PEP 562: ``policykg.open`` loads policykg.notebook (networkx, the views, the store hub) only when
    # a notebook asks for it, so the command line, which imports this package first, starts as fast
    if name in LAZY:
        return getattr(importlib.import_module(".notebook", __name__), name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
