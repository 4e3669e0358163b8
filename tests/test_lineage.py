"""Lineage rules (ingest/extract/lineage.py) on short snippets written for the shapes Chinese
official documents use to cite, repeal and sign; the real-document figures are in
test_lineage_gold.py and bench/lineage.py."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.ingest.extract.header import parse_header
from policykg.ingest.extract.issuer import issuers_above, issuers_in_title, split_issuers
from policykg.ingest.extract.lineage import distinct_cited, doc_refs, find_cited, find_repeals, find_validity


def cited(text):
    return [(c.title, c.number, c.role) for c in distinct_cited(find_cited(text))]


def repeals(text):
    return [(r.title, r.number) for r in find_repeals(text)]


# --- cited titles ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("根据《河南省人民政府关于加快产业集聚区建设的意见》(豫政〔2021〕6号)精神,结合实际,制定本方案。",
     [("河南省人民政府关于加快产业集聚区建设的意见", "豫政〔2021〕6号", "basis")]),
    ("为贯彻落实《国务院办公厅关于印发〈关于全面推进政务公开工作的实施意见〉的通知》要求,现通知如下:",
     [("国务院办公厅关于印发〈关于全面推进政务公开工作的实施意见〉的通知", None, "basis")]),
    ("现将《许昌市园区建设年实施方案》印发给你们,请认真贯彻落实。",
     [("许昌市园区建设年实施方案", None, "attached")]),
    ("《许昌市园区建设年实施方案》已经市政府同意,现印发给你们。", [("许昌市园区建设年实施方案", None, "attached")]),
    ("现将《河南省人民政府关于加快发展服务业的通知》转发给你们,请结合实际认真贯彻执行。",
     [("河南省人民政府关于加快发展服务业的通知", None, "forwarded")]),
    ("市发展改革委制定的《2012年许昌市提速计划》已经市政府同意,现转发给你们。",
     [("2012年许昌市提速计划", None, "attached")]),
    ("2022年6月,市住建局印发了《关于支持企业纾困的若干意见》(许建房〔2022〕34号),企业可申请提前释放资金。",
     [("关于支持企业纾困的若干意见", "许建房〔2022〕34号", "issued")]),
    ("许昌市人民政府关于印发《许昌市园区建设实施方案》的通知\n各县(市、区)人民政府:",
     [("许昌市园区建设实施方案", None, "attached")]),
    ("自7月1日起,《关于促进市区房地产市场平稳健康发展的通知》正式实施。",
     [("关于促进市区房地产市场平稳健康发展的通知", None, "mention")]),
    ("一、起草依据\n(一)《中华人民共和国城市房地产管理法》第四十五条规定。\n(二)《城市商品房预售管理办法》第十一条。\n",
     [("中华人民共和国城市房地产管理法", None, "basis"), ("城市商品房预售管理办法", None, "basis")]),
])
def test_cited_roles(text, expected):
    assert cited(text) == expected


def test_forms_short_names_and_standards_are_not_documents():
    text = ("签订《商品房买卖合同》并取得《不动产权证书》,提交《银行保函确认函》;按照国家《住宅项目规范》执行。"
            "依据《许昌市住房保障办法》(以下简称《办法》)执行,《办法》第三条另有规定的除外。")
    assert cited(text) == [("许昌市住房保障办法", None, "basis")]


def test_numbers_of_every_form_attach_to_their_title():
    text = ("按照《关于促进房地产市场平稳健康发展有关税收政策的公告》(财政部 税务总局 住房城乡建设部公告2024年第16号)执行;"
            "依据《厦门市商品房预售管理规定》(厦门市人民政府令第155号);"
            "依据《中国银保监会办公厅关于商业银行出具保函有关工作的通知》(银保监办发(2022)104号)。")
    assert [c[1] for c in cited(text)] == ["财政部税务总局住房城乡建设部公告2024年第16号", "厦门市人民政府令第155号",
                                           "银保监办发〔2022〕104号"]


def test_issuer_and_date_printed_before_the_title():
    text = "全面落实2023年8月31日中国人民银行、国家金融监督管理总局印发的《关于调整优化差别化住房信贷政策的通知》要求。"
    (c,) = find_cited(text)
    assert c.issuer_hint == ("中国人民银行", "国家金融监督管理总局")
    assert c.date_hint == "2023-08-31"
    assert c.role == "basis"


def test_nested_titles_and_how_the_outer_one_treats_them():
    text = ("根据《省建设厅进一步贯彻落实〈关于支持推进育儿友好工作的若干意见〉的通知》和"
            "《福建省住房和城乡建设厅关于印发〈促进房地产市场发展的若干措施〉的通知》要求")
    inner = [c.inner for c in find_cited(text)]
    assert inner == [(("关于支持推进育儿友好工作的若干意见", "implemented"),), (("促进房地产市场发展的若干措施", "attached"),)]


def test_titles_broken_over_lines_are_joined():
    text = "哈尔滨市人民政府办公厅关于废止\n《哈尔滨市人民政府办公厅关于进一步\n加强房地产市场调控工作的通知》的通知\n"
    assert [c.title for c in find_cited(text)] == ["哈尔滨市人民政府办公厅关于进一步加强房地产市场调控工作的通知"]


def test_spans_point_at_the_brackets_and_numbers():
    text = "依据《许昌市住房保障办法》(许政〔2019〕6号)执行。"
    (c,) = find_cited(text)
    assert text[c.start:c.end] == "《许昌市住房保障办法》"
    assert text[slice(*c.number_span)] == "许政〔2019〕6号"
    assert c.rule == "cite:basis"


def test_distinct_cited_keeps_the_strongest_role_and_the_number():
    text = ("市住建局印发了《许昌市住房保障办法》。根据《许昌市住房保障办法》(许政〔2019〕6号)规定,"
            "《许昌市住房保障办法》第三条不适用。")
    assert cited(text) == [("许昌市住房保障办法", "许政〔2019〕6号", "basis")]


# --- repeals --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("本办法自2020年1月1日起施行,《许昌市物业管理办法》(许政〔2012〕3号)同时废止。",
     [("许昌市物业管理办法", "许政〔2012〕3号")]),
    ("本通知自印发之日起施行。原《许昌市住房公积金提取管理实施细则》同时废止。",
     [("许昌市住房公积金提取管理实施细则", None)]),
    ("《关于调整提取政策的通知》(许金管规〔2022〕1 号)、《关于调整使用政策的通知》(许金管规〔2021〕1号)同时废止。",
     [("关于调整提取政策的通知", "许金管规〔2022〕1号"), ("关于调整使用政策的通知", "许金管规〔2021〕1号")]),
    ("《许昌市甲办法》(许住字〔2022〕29号)及《许昌市乙通知》(许住字〔2021〕33号)同时废止。",
     [("许昌市甲办法", "许住字〔2022〕29号"), ("许昌市乙通知", "许住字〔2021〕33号")]),
    ("本办法自2020年1月1日起施行。豫政〔2019〕6号、豫政〔2020〕8号文件同时废止。",
     [(None, "豫政〔2019〕6号"), (None, "豫政〔2020〕8号")]),
    ("本公告自发布之日起施行,中国人民银行公告〔2019〕第16号同时废止。", [(None, "中国人民银行公告〔2019〕第16号")]),
    ("经市政府同意,废止《许昌市人民政府办公室关于加强房地产调控的通知》(许政办〔2018〕12号)。",
     [("许昌市人民政府办公室关于加强房地产调控的通知", "许政办〔2018〕12号")]),
    ("《许昌市物业管理办法》(许政〔2012〕3号)自本办法施行之日起废止。", [("许昌市物业管理办法", "许政〔2012〕3号")]),
    ("经市政府同意,下列文件予以废止:\n1.《许昌市甲办法》(许政〔2010〕1号)\n2.许政办〔2011〕2号\n本决定自公布之日起施行。",
     [("许昌市甲办法", "许政〔2010〕1号"), (None, "许政办〔2011〕2号")]),
    ("原许政〔2015〕3号文件停止执行。", [(None, "许政〔2015〕3号")]),
    ("《许昌市物业管理办法》(许政〔2012〕3号)同时失效。", [("许昌市物业管理办法", "许政〔2012〕3号")]),
    ("2021年出台的《关于促进我市房地产市场平稳健康发展的通知》(加强版“许八条”)随即废止。",
     [("关于促进我市房地产市场平稳健康发展的通知", None)]),
    ("南京市人民政府2017年4月24日发布的《南京市人才安居办法(试行)》(宁政发〔2017〕99号)同时废止。",
     [("南京市人才安居办法(试行)", "宁政发〔2017〕99号")]),
])
def test_repeals(text, expected):
    assert repeals(text) == expected


@pytest.mark.parametrize("text", [
    "在市区购买改善性住房的,不再执行限购政策。",
    "如确需退房,未使用的消费券自动失效。",
    "本通知自2022年5月27日起施行,2027年5月26日废止。",
    "本意见自发布之日起实施,视试行期间实施情况进行调整或废止。",
    "此前印发的《许昌市甲办法》(许政〔2010〕1号)与本通知不一致的,以本通知为准。",
    "以上措施凡有明确执行期限的,有效期满后自行废止。",
    "《许昌市甲办法》(许政〔2010〕1号)有效期届满自动失效。",
    "根据《许昌市甲办法》(许政〔2010〕1号)规定,对违规发放的补贴,拟予以废止。",
    "全面清理和废止与育儿友好不相适应的各项法规、政策、措施。",
    "2021年7月30日出台的“缴存余额仅可用于归还贷款”规定停止执行。",
])
def test_no_repeal_of_a_named_document(text):
    assert find_repeals(text) == []


def test_partial_repeals():
    texts = [
        "《财政部 国家税务总局关于全面推开试点的通知》(财税〔2016〕36号)附件3《过渡政策的规定》第五条第一款相应停止执行。",
        "(四)停止执行《许昌市实施意见(试行)》(许自然资规〔2021〕13号)中第十一条的规定,其余条款继续有效。",
        "不再执行《许昌市精准调控实施意见》(许建综〔2018〕34号)文件有关最高限价的规定。",
    ]
    for text in texts:
        (r,) = find_repeals(text)
        assert r.partial and r.number, text
    assert find_repeals(texts[0])[0].number == "财税〔2016〕36号"


def test_lifting_a_provision_is_a_partial_repeal():
    text = ("取消《关于规范公积金贷款审批标准的通知》(许金发〔2017〕28号)文件中“工资收入按月缴交额认定”的规定。"
            "自发文之日起,《许昌市甲通知》(许政办发〔2018〕31号)、《许昌市乙通知》(许政办发〔2021〕31号)中关于住房上市交易的限制解除。")
    got = find_repeals(text)
    assert [r.number for r in got] == ["许金发〔2017〕28号", "许政办发〔2018〕31号", "许政办发〔2021〕31号"]
    assert all(r.partial for r in got)
    for text in ("自即日起取消限购。", "购房人解除《商品房买卖合同》的,退回补贴。", "取消《许昌市甲办法》。",
                 "未达到《深圳经济特区城市更新条例》关于权利人数量的相关规定,取消该项目计划申请资格。"):
        assert find_repeals(text) == [], text


def test_modality_and_provenance():
    text = "鉴于《许昌市人民政府办公室关于加强调控的通知》(许政办〔2018〕12号)已完成其使命,拟予以废止。"
    (r,) = find_repeals(text)
    assert (r.modality, r.rule) == ("proposed", "repeal:clause")
    assert text[r.start:r.end] == "《许昌市人民政府办公室关于加强调控的通知》(许政办〔2018〕12号)"
    assert text[r.trigger_start:r.trigger_start + len(r.trigger)] == r.trigger
    (r,) = find_repeals("商品房预售方面,义乌于2022年11月1日起废止《关于启用预售资金监管系统的通知》文件。")
    assert r.modality == "reported"


def test_one_record_per_repealed_document():
    text = ("三、废止《大理州住房公积金管理中心关于重大疾病提取的意见》\n"
            "《大理州住房公积金管理中心关于重大疾病提取的意见》(大公积金规〔2022〕1号)文件废止。")
    assert repeals(text) == [("大理州住房公积金管理中心关于重大疾病提取的意见", "大公积金规〔2022〕1号")]


# --- validity -------------------------------------------------------------------------------
def test_own_validity():
    text = ("本办法自2023年10月1日起施行,有效期至2028年9月30日。本通知自印发之日起实施,有效期5年。"
            "有效期满后自行废止。")
    assert [(v.kind, v.value) for v in find_validity(text)] == [
        ("effective", "2023-10-01"), ("expires", "2028-09-30"), ("effective", "on-issue"), ("term_years", "5"),
        ("expires_on_term", None)]
    assert find_validity("本通知自2022年月日起施行。") == []


# --- joint issuers (the header's issuer rules, which took over phase 1's run cutting) -------
@pytest.mark.parametrize("region, expected", [
    ("中共河南省委办公厅 河南省人民政府办公厅", ["中共河南省委办公厅", "河南省人民政府办公厅"]),
    ("财政部、国家税务总局", ["财政部", "国家税务总局"]),
    ("市自然资源规划局市住房城乡建设局市城市管理局", ["市自然资源规划局", "市住房城乡建设局", "市城市管理局"]),
    ("中国银保监会办公厅住房和城乡建设部办公厅中国人民银行办公厅", ["中国银保监会办公厅", "住房和城乡建设部办公厅", "中国人民银行办公厅"]),
    ("证监会国资委全国工商联", ["证监会", "国资委", "全国工商联"]),
    ("省发展改革委和省财政厅", ["省发展改革委", "省财政厅"]),
    ("深圳市住房和建设局 深圳市财政局 国家税务总局深圳市税务局", ["深圳市住房和建设局", "深圳市财政局", "国家税务总局深圳市税务局"]),
    ("河南省人民政府国有资产监督管理委员会", ["河南省人民政府国有资产监督管理委员会"]),
    ("中共许昌市委组织部", ["中共许昌市委组织部"]),
])
def test_split_issuers(region, expected):
    assert split_issuers(region) == expected


def test_issuers_of_a_heading():
    assert issuers_in_title("【全国】中国人民银行、中国银保监会 关于金融支持住房租赁市场发展的意见".removeprefix("【全国】")) == [
        "中国人民银行", "中国银保监会"]
    assert issuers_in_title("秦皇岛市住房公积金管理中心秦皇岛市住房和城乡建设局关于调整政策的通知") == [
        "秦皇岛市住房公积金管理中心", "秦皇岛市住房和城乡建设局"]
    assert issuers_in_title("关于加快发展的意见") == []


def test_signature_issuers():
    text = ("本通知自发布之日起施行,由市住房城乡建设局会同相关部门解释。\n惠州市财政局 惠州市自然资源局\n中国人民银行惠州市分行\n"
            "国家金融监督管理总局\n惠州监管分局\n汕尾市不动产登记中心汕尾市住房公积金管理中心\n2024年5月1日\n")
    assert issuers_above(text, text.index("2024")) == [
        "惠州市财政局", "惠州市自然资源局", "中国人民银行惠州市分行", "国家金融监督管理总局惠州监管分局",
        "汕尾市不动产登记中心", "汕尾市住房公积金管理中心"]


def test_every_signer_of_x_and_eight_more():
    """A title naming the lead (X等九部门关于…) gives way to the signature that lists them all."""
    text = ("承德市住房和城乡建设局等三部门关于优化房地产政策的通知\n各县(市、区)人民政府:\n现就有关事项通知如下。\n"
            "承德市住房和城乡建设局 承德市财政局\n中国人民银行营业管理部\n2024年5月1日\n")
    assert parse_header(text).issuers == ["承德市住房和城乡建设局", "承德市财政局", "中国人民银行营业管理部"]


# --- robustness -----------------------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="《》〈〉()〔〕,。;:、\n 关于印发通知办法废止同时停止执行原第号2019许政市局厅", max_size=80))
def test_any_text_gives_spans_inside_it(text):
    for c in find_cited(text):
        assert text[c.start] == "《" and text[c.end - 1] == "》"
    for r in find_repeals(text):
        assert 0 <= r.start < r.end <= len(text)
    for ref in doc_refs(text):
        assert 0 <= ref.start < ref.end <= len(text)
    for name in split_issuers(text):
        assert name in text
