"""Levels as data: the administrative hierarchy decides what lies above what (never a name's first
character), a body's region and level come from its document's region and its own name, and bodies are
compared across levels by the functions their names name."""
from __future__ import annotations

import pytest

from policykg.ingest.extract.region import region_of_meta
from policykg.ingest.extract.registry import Region, Registry
from policykg.vocab.functions import functions_of, kinship
from policykg.vocab.hierarchy import chain, chain_of, level_of, steps


@pytest.mark.parametrize("upper, lower, n", [
    ("中国", "河南省", 1), ("全国", "上海市", 1), ("河南省", "许昌市", 1), ("许昌市", "禹州市", 1),
    ("河南省", "禹州市", 2), ("中国", "禹州市", 3),
    ("上海市", "黄浦区", 1), ("上海市", "浦东新区", 1), ("天津市", "滨海新区", 1),  # a municipality's districts
    ("四川省", "凉山彝族自治州", 1), ("凉山彝族自治州", "西昌市", 1), ("内蒙古自治区", "锡林郭勒盟", 1),
    ("锡林郭勒盟", "正蓝旗", 1), ("河南省", "济源市", 1),  # 省直辖
    ("许昌市", "河南省", None), ("洛阳市", "许昌市", None), ("黄浦区", "上海市", None),
])
def test_steps_between_regions(upper, lower, n):
    assert steps(upper, lower) == n


def test_levels_are_those_of_the_places():
    assert [level_of(r) for r in ("中国", "上海市", "许昌市", "黄浦区", "浦东新区", "正蓝旗")] == [
        "national", "province", "city", "county", "county", "county"]
    assert chain("黄浦区") == ("黄浦区", "上海市", "中国")
    # a place the gazetteer lacks keeps the chain its record gives
    assert chain_of("西湖管理区", "常德市", "湖南省") == ("西湖管理区", "常德市", "湖南省", "中国")
    assert region_of_meta("湖南省常德市西湖管理区").as_dict() == {"province": "湖南省", "city": "常德市",
                                                             "county": "西湖管理区"}
    assert region_of_meta("上海市浦东新区").as_dict() == {"province": "上海市", "city": None, "county": "浦东新区"}


@pytest.mark.parametrize("region, form, key, level", [
    (Region("上海市", None, "黄浦区"), "上海市黄浦区人民政府办公室", "黄浦区|人民政府办公室", "county"),
    (Region("上海市", None, "黄浦区"), "上海市黄浦区人民政府", "黄浦区|人民政府", "county"),
    (Region("上海市", None, "黄浦区"), "市水务局", "上海市|水务局", "province"),
    (Region("上海市", None, "黄浦区"), "区财政局", "黄浦区|财政局", "county"),
    (Region("上海市", None, "浦东新区"), "上海市浦东新区发展和改革委员会", "浦东新区|发展和改革委员会", "county"),
    (Region("河南省", "许昌市", None), "河南省许昌市发展和改革委员会", "许昌市|发展和改革委员会", "city"),
    (Region("河南省", None, None), "省财政厅", "河南省|财政厅", "province"),
])
def test_a_body_sits_where_its_name_and_document_place_it(region, form, key, level):
    """A district government's office is the district's, not a province-level body."""
    got_key, _, _, got_level, _, _ = Registry(region).resolve(form)
    assert (got_key, got_level) == (key, level)


@pytest.mark.parametrize("upper, lower, basis", [
    ("市住房城乡建设管理委", "区建设管理委", "function"), ("市财政局", "区财政局", "function"),
    ("上海市生态环境局", "区环保局", "function"),  # renamed by a reform: one function
    ("市交通委", "区建设和交通委员会", "function:merged"), ("市科委", "区科经委", "function:merged"),
    ("市经济信息化委", "区科经委", "function:merged"), ("市体育局", "区文体旅游局", "function:merged"),
    ("市水务局", "区建管委（区水务局）", "function:merged"), ("市重大办", "区重大办", "function"),
    ("行业主管部门", "区各行业主管部门", "function"), ("市委组织部", "区委组宣统部", "function:merged"),
    ("市财政局", "区审计局", None), ("相关部门", "区财政局", None), ("上海城投集团", "杨浦城投集团", None),
])
def test_bodies_are_compared_by_their_functions(upper, lower, basis):
    got = kinship(functions_of(upper), functions_of(lower))
    assert (got[1] if got else None) == basis


def test_sentences_caught_as_names_have_no_function():
    assert functions_of("区财政局审核后上报市水务局") == frozenset()
    assert functions_of("市、区相关部门应当组织市重大工程各参建单位") == frozenset()
