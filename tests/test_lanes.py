"""The test lanes hold: a test is marked by the fixtures it uses, a missing need skips in a clone and
fails in CI, and CI's property tests are derandomized in every worker (docs/testing.md)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import settings
from needs import in_ci, lanes_of, missing, need_path


def item(*fixtures: str, **params) -> SimpleNamespace:
    return SimpleNamespace(fixturenames=list(fixtures), callspec=SimpleNamespace(params=params))


def test_fixtures_put_a_test_in_its_lane():
    assert lanes_of(item("neo4j_store", "tmp_path")) == {"neo4j"}
    assert lanes_of(item("neo4j_uri")) == lanes_of(item("java_tools")) == {"neo4j"}
    assert lanes_of(item("open_page", "chromium", "viz_server")) == {"browser"}
    assert lanes_of(item("store", store="neo4j")) == {"neo4j"}  # the contract suite's Neo4j half
    assert lanes_of(item("store", store="ladybug")) == set()
    assert lanes_of(item("tmp_path", "ladybug_store")) == set()
    assert lanes_of(SimpleNamespace()) == set()  # an item that is not a function (a doctest file)


def test_collected_tests_carry_the_markers(request):
    assert not {"neo4j", "browser"} & {m.name for m in request.node.iter_markers()}
    marked = [i for i in request.session.items if "neo4j_store" in getattr(i, "fixturenames", ())]
    assert all(i.get_closest_marker("neo4j") for i in marked)


def test_a_missing_need_skips_in_a_clone_and_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no java"):
        missing("the Neo4j tests", "no java")
    with pytest.raises(pytest.skip.Exception, match="nothing"):
        need_path(tmp_path / "nothing", "the seed tests")
    assert need_path(tmp_path, "the seed tests") == tmp_path
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the Neo4j tests, but no java"):
        missing("the Neo4j tests", "no java")


def test_ci_runs_property_tests_derandomized():
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None
    if in_ci():  # loaded in this worker too
        assert settings.default.derandomize and settings.default.database is None
