"""Run the doctest examples of every module: they are the rules' smallest specifications."""
import doctest
import importlib
import pkgutil

import pytest




def _modules() -> list[str]:
    names = []
    for pkg in ("policykg", "policykg.ingest", "policykg.ingest.extract", "policykg.graph", "policykg.graph.stores",
                "policykg.queries", "policykg.api", "policykg.viz"):
        try:
            mod = importlib.import_module(pkg)
        except ImportError:
            continue
        names.append(pkg)
        for info in pkgutil.iter_modules(mod.__path__):
            if not info.ispkg:
                names.append(f"{pkg}.{info.name}")
    return sorted(set(names))


@pytest.mark.parametrize("name", _modules())
def test_doctests(name):
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
