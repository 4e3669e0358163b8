"""Lineage recomputed only for what touched documents can change (graph/derived/lineage_scope.py): after
every ingest of the lineage documents -- in several orders, one at a time, and after replacements
that change a title, drop a cited 文号 or rename a key -- the incremental finalize leaves the graph
a recomputation of everything gives, on both stores."""
from __future__ import annotations

import pytest
from fixtures_lineage import DOCS

from policykg.graph import loader
from policykg.graph.export import canonical_dump
from policykg.graph.derived import finalize
from policykg.ingest.load import load_extractions

ORDERS = [  # explicit cases: the cited arriving before and after the citing, the look-alike first or last
    ["nation", "province", "city", "old_city", "lookalike"],
    ["city", "old_city", "lookalike", "province", "nation"],
    ["lookalike", "city", "nation", "province", "old_city"],
    ["province", "city", "nation", "lookalike", "old_city"],
]


@pytest.fixture
def always_incremental(monkeypatch):
    """Every finalize after the first is incremental, however large the change."""
    monkeypatch.setattr(loader, "FULL_FINALIZE_SHARE", 1e9)


def assert_incremental_equals_full(store, summary) -> None:
    assert summary.failed == 0, summary.failures
    assert summary.finalize["incremental"] is True
    before = canonical_dump(store)
    finalize(store)
    assert canonical_dump(store) == before


def _with(ex: dict, **document) -> dict:
    return dict(ex, document=dict(ex["document"], **document))


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: "-".join(o))
def test_each_arrival_finalizes_as_a_full_recomputation(store, lineage_extractions, always_incremental, order):
    first = load_extractions(store, [lineage_extractions[order[0]]])
    assert first.finalize["incremental"] is False
    for name in order[1:]:
        assert_incremental_equals_full(store, load_extractions(store, [lineage_extractions[name]]))
    assert len(DOCS) == len(order)


def test_replacements_finalize_as_a_full_recomputation(store, lineage_extractions, always_incremental):
    load_extractions(store, [lineage_extractions[n] for n in DOCS])
    ex = lineage_extractions
    for changed in (
        _with(ex["province"], title="河南省人民政府办公厅关于住房保障的意见"),  # no citation names it any more
        ex["province"],  # back: the city's citation finds it again
        _with(ex["old_city"], doc_number=None),  # the repealed document no longer prints its 文号
        _with(ex["nation"], title="国务院办公厅关于住房的意见"),  # the 文号 it learned is no longer its own
    ):
        assert_incremental_equals_full(store, load_extractions(store, [changed], force=True))


def test_links_left_alone_are_those_no_touched_document_can_change(ladybug_store, lineage_extractions,
                                                                   always_incremental):
    load_extractions(ladybug_store, [lineage_extractions[n] for n in ("nation", "province", "city", "old_city")])
    s = load_extractions(ladybug_store, [lineage_extractions["lookalike"]])
    lineage = s.finalize["lineage"]
    # the look-alike is titled like the city's third citation, and cites nothing itself
    assert 1 <= lineage["resolved_again"] < lineage["links"]
