"""Short and broken pages (issue 23): one-line pages, tables with empty cells, pinyin glosses inside
items, zones in lists, issuers of news pages, titles without chrome, targets that are goals.  One
snippet of our own per phenomenon."""
import pytest

from policykg.ingest.pipeline import extract_text

from tools.eval.flatten import flatten

NOTICE = ("许昌市人民政府办公室关于做好产业集聚区建设工作的通知\n"
          "许政办〔2024〕7号\n"
          "各县(市、区)人民政府,市人民政府各部门:\n"
          "为加快产业集聚区建设,现就有关事项通知如下。\n"
          "一、加快项目建设。把重点项目纳入台账管理。(市发展改革委牵头,市财政局、市自然资源局按职责分工负责)\n"
          "二、强化要素保障。落实用地指标。\n"
          "责任单位:市自然资源局\n"
          "三、优化营商环境。市市场监管局要压缩审批时间,推行并联审批、容缺受理和告知承诺,全面推进企业开办、"
          "工程建设项目审批和不动产登记一网通办,让企业和群众少跑腿、好办事,持续提升产业集聚区的营商环境水平。\n"
          "特此通知。\n"
          "许昌市人民政府办公室\n"
          "2024年3月5日\n")


def duties(r):
    tasks = {t["id"]: t["text"] for t in r["tasks"]}
    return sorted((d["agency"], d["role"], tasks[d["task"]][:6]) for d in r["duties"])


@pytest.mark.parametrize("sep", ["", " "])
def test_a_one_line_page_reads_like_the_printed_page(sep):
    printed = extract_text(NOTICE, {"region": "许昌市"})
    one_line = NOTICE.replace("\n", sep)
    r = extract_text(one_line, {"region": "许昌市"})
    doc = r["document"]
    assert (doc["date"], doc["issuer"], doc["doc_number"]) == ("2024-03-05", "许昌市人民政府办公室", "许政办〔2024〕7号")
    assert doc["title"] == "许昌市人民政府办公室关于做好产业集聚区建设工作的通知"
    assert duties(r) == duties(printed)
    assert [t["text"][:4] for t in r["tasks"]] == ["加快项目", "强化要素", "优化营商"]


def test_the_flattening_tool_joins_lines():
    assert flatten("关于X的通知\n各县:\n 一、做好规划。\n") == "关于X的通知各县:一、做好规划。"
    assert flatten("a\nb", " ") == "a b"


def test_a_duty_table_row_with_an_empty_cell_takes_nothing_from_the_next_row():
    text = ("序号\n重点工作\n责任领导\n牵头单位\n配合单位\n"
            "1\n建立项目储备库。\n张三\n市发改委\n市财政局\n"
            "2\n开展招商推介活动。\n市商务局\n"  # no 责任领导, no 配合单位
            "3\n优化营商环境。\n李四\n市市场监管局\n市司法局\n")
    r = extract_text(text, {"region": "许昌市"})
    assert set(duties(r)) == {("许昌市司法局", "cooperating", "优化营商环境"), ("许昌市商务局", "responsible", "开展招商推介"),
                              ("许昌市发展和改革委员会", "responsible", "建立项目储备"),
                              ("许昌市市场监督管理局", "responsible", "优化营商环境"), ("许昌市财政局", "cooperating", "建立项目储备")}


def test_pinyin_glosses_inside_item_text_read_like_the_simplified_page():
    simplified = "一、加快产业转型升级。到2025年新建产业园区10个。(责任单位:省发展改革委;配合单位:省财政厅)\n二、优化营商环境。省市场监管局负责。\n"
    mirror = ("一、加快產(chǎn)業(yè)轉(zhuǎn)型升級(jí)。到2025年新建產(chǎn)業(yè)園(yuán)區(qū)10個(gè)。"
              "(責(zé)任單(dān)位(wèi):省發(fā)展改革委;配合單(dān)位(wèi):省財(cái)政廳(tīng))\n"
              "二、優(yōu)化營(yíng)商環(huán)境(jìng)。省市場(chǎng)監(jiān)管局負(fù)責(zé)。\n")
    a, b = extract_text(simplified, {"region": "浙江省"}), extract_text(mirror, {"region": "浙江省"})
    assert duties(a) == duties(b) and [t["value"] for t in a["targets"]] == [t["value"] for t in b["targets"]] == [10]
    assert "(REITs)" in extract_text("发行基础设施领域不动产投资信托基金(REITs)。")["text"]  # an acronym, no gloss


def test_zones_in_lists_inside_other_zones_and_after_a_district():
    text = ("将西咸新区沣东新城、秦汉新城纳入限购范围,与高新区、经开区、航天基地、临潼区等区域统一执行。"
            "对玄武区红山新城等板块可增购1套。将“北部新区、高新技术开发区”修改为“两江新区”。")
    names = {z["name"] for z in extract_text(text, {"region": "陕西省西安市"})["zones"]}
    assert {"西咸新区", "沣东新城", "秦汉新城", "航天基地", "红山新城", "北部新区"} <= names
    assert not {"西咸新区沣东新城", "玄武区红山新城", "“北部新区"} & names


@pytest.mark.parametrize("text, meta, issuer", [
    ("7月10日市公积金中心发布《关于实施人才贷款支持政策的通知》。通知明确,人才贷款额度提高。", {"region": "辽宁省大连市"},
     "大连市住房公积金管理中心"),
    ("9月19日,贵州省遵义市人民政府办公室近日印发《遵义市促进房地产高质量发展政策措施》。", {}, "遵义市人民政府办公室"),
    ("2022年12月29日,亳州市住房公积金管理委员会(以下简称“市公积金管委会”)印发了《关于支持多子女家庭的通知》。", {},
     "亳州市住房公积金管理委员会"),
    ("近日,人民银行福州中心支行联合福建银保监局印发《关于做好住房金融服务的通知》。", {}, "中国人民银行福州中心支行"),
    ("8月26日,住房城乡建设部相关司局负责人就房屋养老金问题进行权威解读。", {}, "住房城乡建设部"),
])
def test_a_news_page_names_the_issuer_of_the_document_it_reports(text, meta, issuer):
    assert extract_text(text, meta)["document"]["issuer"] == issuer


@pytest.mark.parametrize("page, title", [
    ("【云南省德宏傣族景颇族自治州】《德宏州优化调整房地产市场调控措施》\n为促进房地产市场平稳健康发展,现提出如下措施。\n",
     "德宏州优化调整房地产市场调控措施"),
    ("缴纳契税可享20%补贴!高新区2023年商品房契税缴纳补贴来了\n5月8日,高新区发布通告。\n",
     "缴纳契税可享20%补贴!高新区2023年商品房契税缴纳补贴来了"),
    ("B.减免国有经营用房租金 | 厦门(适当减免),上海(疫情期间)\n", None),
    ("问:恒大集团风险事件对资本市场运行有何影响?\n答:影响有限。\n", None),
])
def test_titles_without_page_chrome(page, title):
    assert extract_text(page)["document"]["title"] == title


@pytest.mark.parametrize("sentence, expected", [
    ("到2025年,新开工保障性住房1000套,完成投资200亿元。", [(1000, "套"), (20000000000, "元")]),
    ("年内建设不少于200个消费者权益服务站,全年举办体育赛事活动不少于5000场次。", [(200, "个"), (5000, "场次")]),
    ("引导金融机构个人住房贷款利率下降30个基点。", [(30, "基点")]),
    ("货币化安置比例不低于60%,满意度在90%以上。", [(60, "%"), (90, "%")]),
    ("对购房家庭分别给予2万元补贴,首付比例不低于20%。", []),
    ("最高贷款额度由50万元调整至60万元,面积144平方米以下的给予契税补贴。", []),
    ("贷款额度原则上不超过应收租金总额的70%,押金不得超过1个月租金。", []),
    ("2024年,全市实施城中村改造项目1790个,已交付住房338万套。", []),
    ("主要体现在以下3个方面;在新增100万套的基础上继续扩大。", []),
])
def test_targets_are_goals_not_parameters_or_past_figures(sentence, expected):
    got = [(t["value"], t["unit"]) for t in extract_text(sentence, {"date": "2025-01-10"})["targets"]]
    assert got == expected
