"""Run the doctest examples of every module: they are the rules' smallest specifications.

Every module of the package is collected; one that fails to import fails its test instead of
being skipped."""
import doctest
import importlib
import importlib.util
import pkgutil

import pytest

# the top-level packages (mapped from the repository's top directories by pyproject.toml)
PACKAGES = ("policykg", "policykg.ingest", "policykg.vocab", "policykg.graph", "policykg.queries", "policykg.api",
            "policykg.viz")


def _modules() -> list[str]:
    names = []
    for pkg in PACKAGES:
        names.append(pkg)
        path = importlib.util.find_spec(pkg).submodule_search_locations
        # onerror keeps a subpackage that fails to import in the list, so that its test fails
        for info in pkgutil.walk_packages(path, pkg + ".", onerror=names.append):
            names.append(info.name)
    return sorted(set(names))


@pytest.mark.parametrize("name", _modules())
def test_doctests(name):
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
