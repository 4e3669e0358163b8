"""The vocabulary lineage needs: titles, number forms, central bodies, the reform table and
administrative divisions (checked against jionlp's real division table)."""
import pytest

from policykg.vocab.bodies import FULL_NAME, NATIONAL_BODIES
from policykg.vocab.divisions import (counties, direct_counties, expand_collective, prefectures, provinces)
from policykg.vocab.docnumbers import find_numbers, number_key
from policykg.vocab.reforms import NEW_NAMES, OLD_CORES, REFORMS, reforms_from, successors
from policykg.vocab.titles import (attached_name, bracketed_titles, kind_of, names_document, split_title, title_key,
                                   title_variants)


# --- titles ---------------------------------------------------------------------------------
def test_bracketed_titles_nest_and_join_lines():
    text = "按照《关于印发《许昌市\n提速计划》的通知》和<不是书名>《未闭合"
    (b,) = list(bracketed_titles(text))
    assert b.title == "关于印发《许昌市提速计划》的通知"
    assert b.inner[0][0] == "许昌市提速计划"
    assert text[b.start] == "《" and text[b.end - 1] == "》"


@pytest.mark.parametrize("title, is_doc", [
    ("国务院关于规划建设保障性住房的指导意见", True), ("南京市人才安居办法(试行)", True),
    ("新余市产业集群提能升级三年行动方案(2026-2028年)", True), ("中华人民共和国民法典", True),
    ("关于进一步提振扩大消费的若干政策措施(征求意见稿)", True),
    ("商品房买卖合同", False), ("哈尔滨市配售型保障性住房购买资格通知书", False), ("信用报告", False),
    ("若干措施", False), ("实施细则(征求意见稿)", False), ("通知", False), ("城市居住区规划设计标准", False),
])
def test_names_document(title, is_doc):
    assert names_document(title) is is_doc


def test_title_forms_meet_under_one_key():
    assert title_key("关于印发<北京市办法>的通知") == title_key("关于印发〈北京市办法〉的通知")
    assert title_key("财政部 国家税务总局关于X的通知") == title_key("财政部、国家税务总局关于X的通知")
    assert kind_of("湖南省促进房地产市场平稳健康发展若干措施") == "措施"


def test_variants_let_a_city_citation_meet_the_provincial_notice():
    notice = "湖南省住房和城乡建设厅等9部门关于印发<湖南省促进房地产市场平稳健康发展若干措施>的通知"
    assert title_key("湖南省促进房地产市场平稳健康发展若干措施") in title_variants(notice)
    assert attached_name("关于转发省政府关于X工作的意见的通知") is None
    assert split_title("中共中央 国务院关于进一步深化农村改革的意见") == ("中共中央 国务院", "关于进一步深化农村改革的意见")
    assert title_key("西藏自治区若干政策") in title_variants("西藏自治区若干政策的通知")


# --- numbers and central bodies -------------------------------------------------------------
def test_number_forms():
    text = ("(国发〔2023〕14号)(财政部 税务总局公告2023年第28号)(国务院令第588号)(中国人民银行公告〔2019〕第16号)"
            "(2023年第33号)")
    got = [(n, f) for n, _, _, f in find_numbers(text)]
    assert got == [("国发〔2023〕14号", "bracket"), ("财政部税务总局公告2023年第28号", "announcement"),
                   ("国务院令第588号", "order"), ("中国人民银行公告〔2019〕第16号", "ordinal")]
    for norm, a, b, _ in find_numbers(text):
        assert number_key(text[a:b]) == number_key(norm) or "公告" in norm
    assert number_key("贺金管规〔2022〕1 号") == number_key("贺金管规〔2022〕1号")


def test_central_bodies():
    """One table of central bodies: the reform table's old central names are in it."""
    assert {"国家金融监督管理总局", "住建部", "国土资源部", "全国工商联"} <= set(NATIONAL_BODIES)
    assert "河南省自然资源厅" not in NATIONAL_BODIES
    for r in REFORMS:
        if r.national:
            assert r.national[0] in NATIONAL_BODIES, r


# --- reforms --------------------------------------------------------------------------------
@pytest.mark.parametrize("old, new", [
    ("国土资源", "自然资源"), ("环境保护", "生态环境"), ("工商", "市场监管"), ("质量技术监督", "市场监管"),
    ("食品药品监管", "市场监管"), ("农业", "农业农村"), ("文化", "文化和旅游"), ("旅游", "文化和旅游"),
    ("卫生计生", "卫生健康"), ("安全生产监管", "应急管理"), ("城乡规划", "自然资源"),
])
def test_the_2018_reform(old, new):
    (r,) = [r for r in reforms_from(old) if r.new == new]
    assert (r.share, r.year("province"), r.year("city")) == ("whole", 2018, 2019)


def test_reform_table_is_complete():
    for r in REFORMS:
        local = set(dict(r.years)) - {"national"}
        assert not local or r.new in NEW_NAMES, r
        assert r.national or local, r
        assert r.note or r.share == "whole", r  # a part says which part
    for fn in OLD_CORES:
        assert reforms_from(fn), fn
    # keys shared with the bodies' functions, so a body's function finds its reform
    for fn in ("国土资源", "自然资源", "环境保护", "生态环境", "农业", "农业农村", "质量技术监督", "市场监管", "应急管理",
               "卫生健康", "城乡规划", "工业和信息化", "经济和信息化"):
        assert fn in FULL_NAME, fn


def test_successors_at_each_level():
    assert [(s.new, s.year, s.share) for s in successors("河南省国土资源厅")] == [
        ("河南省自然资源厅", 2018, "whole"), ("河南省应急管理厅", 2018, "part")]
    assert [s.new for s in successors("许昌市环保局")] == ["许昌市生态环境局"]
    assert [s.new for s in successors("长葛市国土资源局")][0] == "长葛市自然资源局"
    assert [s.new for s in successors("许昌市地方税务局")] == ["国家税务总局许昌市税务局"]
    assert [s.new for s in successors("国家工商行政管理总局")] == ["国家市场监督管理总局"]
    assert successors("河南省财政厅") == []


# --- divisions ------------------------------------------------------------------------------
def test_division_table_from_jionlp():
    assert len(provinces()) == 31
    assert len(prefectures("河南省")) == 17
    assert len(prefectures("四川省")) == 21
    assert sorted(p[-1] for p in prefectures("内蒙古自治区")).count("盟") == 3
    assert {"和田地区", "伊犁哈萨克自治州"} <= set(prefectures("新疆维吾尔自治区"))
    assert "济源市" in direct_counties("河南省") and "巩义市" in direct_counties("河南省")
    assert set(direct_counties("湖北省")) == {"仙桃市", "潜江市", "天门市", "神农架林区"}
    assert len(counties("北京市")) == 16
    assert "长葛市" in counties("河南省", "许昌市")


@pytest.mark.parametrize("name, province, city, n, first", [
    ("各省辖市人民政府", "河南省", None, 17, "三门峡市人民政府"),
    ("各省辖市发展改革委", "河南省", None, 17, "三门峡市发展改革委"),
    ("省直管县(市)人民政府", "河南省", None, 11, "兰考县人民政府"),
    ("各县(市、区)人民政府", "河南省", "许昌市", 6, "建安区人民政府"),
    ("各区人民政府", "北京市", None, 16, None),
    ("各省、自治区、直辖市人民政府", None, None, 31, None),
    ("各地(市)行署(人民政府)", "西藏自治区", None, 7, None),
])
def test_expand_collective(name, province, city, n, first):
    e = expand_collective(name, province, city)
    assert len(e.members) == n
    assert first is None or e.members[0] == first


def test_not_collective():
    assert expand_collective("许昌市人民政府", "河南省") is None
    assert expand_collective("各省辖市要加强领导", "河南省") is None
    assert expand_collective("各省辖市人民政府", None) is None
    assert "阿里地区行政公署" in expand_collective("各地(市)人民政府", "西藏自治区").members
