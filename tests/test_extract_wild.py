"""The phenomena of real documents that the first extractor missed (issue: extraction that holds
on documents nobody tuned it to), one short snippet each -- our own text, written for the test."""
import json
import subprocess
import sys

from policykg.ingest.clean import clean
from policykg.ingest.pipeline import extract_text


def duties(r):
    tasks = {t["id"]: t for t in r["tasks"]}
    return sorted((d["agency"], d["role"], tasks[d["task"]]["text"]) for d in r["duties"])


def test_trailing_list_with_a_role_phrase_and_elliptical_members():
    r = extract_text("一、稳定住房消费。发放购房补贴。(省商务厅、财政厅、发展改革委等相关部门,各县(市、区)政府按职责分工负责)\n",
                     {"region": "河南省"})
    got = {(a, role) for a, role, _ in duties(r)}
    assert got == {("河南省商务厅", "responsible"), ("河南省财政厅", "responsible"),
                   ("河南省发展和改革委员会", "responsible"), ("各县(市、区)政府", "responsible")}
    assert not any("相关部门" in a["name"] for a in r["agencies"])  # 等相关部门 names nobody


def test_lead_then_others_by_their_duties():
    r = extract_text("二、优化审批。压缩办理时间。(市住建局牵头,市自然资源局、市税务局按职责分工负责)\n", {"region": "荆门市"})
    leads = {d["agency"]: d["lead"] for d in r["duties"]}
    assert leads == {"荆门市住房和城乡建设局": True, "荆门市自然资源局": False, "荆门市税务局": False}


def test_heading_item_whose_body_ends_in_the_marker_is_one_task_starting_with_the_heading():
    text = "(一)鼓励商品住房团购活动\n支持开发企业开展团购,给予价格优惠。\n[责任单位:市住建局,市商务局]\n"
    r = extract_text(text, {"region": "鹰潭市"})
    (task,) = {t for _, _, t in duties(r)}
    assert task.startswith("鼓励商品住房团购活动") and "给予价格优惠" in task and "责任单位" not in task


def test_a_marker_closing_a_section_assigns_the_section():
    text = ("一、优化土地供应\n1.科学确定供地规模。\n2.优化出让条件。\n3.盘活存量用地。\n"
            "牵头单位:县自然资源局;责任单位:县财政局\n二、下一项\n")
    r = extract_text(text, {"region": "兴文县"})
    got = {(a, role) for a, role, _ in duties(r)}
    assert got == {("兴文县自然资源局", "responsible"), ("兴文县财政局", "responsible")}
    (task,) = {t for _, _, t in duties(r)}
    assert task == "优化土地供应"  # the section's own words; its sub-items are tasks of their own under it
    section = next(t for t in r["tasks"] if t["text"] == task)
    subs = [t["text"] for t in r["tasks"] if t["parent"] == section["id"]]
    assert subs == ["科学确定供地规模。", "优化出让条件。", "盘活存量用地。"]


def test_each_marker_closes_the_text_since_the_previous_one():
    text = "(三)支持住房消费。发放消费券(责任单位:市商务局)。落实契税补贴(责任单位:市财政局、市税务局)。\n"
    got = duties(extract_text(text, {"region": "宿州市"}))
    assert [(a, t[:6]) for a, _, t in got if a.endswith("商务局")] == [("宿州市商务局", "支持住房消费")]
    assert {t for a, _, t in got if not a.endswith("商务局")} == {"落实契税补贴"}


def test_a_block_of_fields_belongs_to_the_measure_above():
    text = ("1.购房契税补贴\n对首次购买新建商品住房的给予契税50%补贴。\n政策依据:《关于促进房地产市场平稳健康发展的通知》\n"
            "执行期限:2024年12月31日前\n责任单位:区住建局、区财政局\n咨询电话:0000000\n2.下一项措施\n")
    got = duties(extract_text(text, {"region": "蔡甸区"}))
    assert {a for a, _, _ in got} == {"蔡甸区住房和城乡建设局", "蔡甸区财政局"}
    task = got[0][2]
    assert task.startswith("购房契税补贴") and "政策依据" not in task


def test_a_duty_table_flattened_one_cell_per_line():
    text = ("为推进工作,制定分工如下。\n序号\n主要工作举措\n牵头单位\n配合单位\n责任领导\n"
            "1\n建立项目储备库。\n市发改委\n市财政局、市统计局\n张三\n2\n开展招商推介活动。\n市商务局\n市工信局\n李四\n")
    got = duties(extract_text(text, {"region": "许昌市"}))
    assert ("许昌市发展和改革委员会", "responsible", "建立项目储备库。") in got
    assert ("许昌市统计局", "cooperating", "建立项目储备库。") in got
    assert ("许昌市工业和信息化局", "cooperating", "开展招商推介活动。") in got
    assert not any("张三" in a or "李四" in a for a, _, _ in got)  # 责任领导 is a person


def test_traditional_mirror_pages_with_pinyin_glosses_read_like_the_simplified_page():
    simplified = extract_text("一、加快发展。(责任单位:省发展改革委、省商务厅)\n", {"region": "浙江省"})
    mirror = extract_text("一、加快發(fā)展。(責任單位:省發(fā)展改革委、省商務廳)\n", {"region": "浙江省"})
    assert duties(mirror) == duties(simplified)


def test_collective_and_compound_parties():
    r = extract_text("一、抓好落实。(各县〔市、区〕政府〔管委会〕,中央、省驻市单位,全区经济运行各专班负责)\n",
                     {"region": "鹤壁市"})
    forms = {f for a in r["agencies"] for f in a["aliases"]}
    assert {"各县(市、区)政府(管委会)", "中央、省驻市单位", "全区经济运行各专班"} <= forms
    assert all(a["collective"] for a in r["agencies"] if a["name"].startswith("各"))


def test_joint_party_and_government_issuers():
    r = extract_text("中共许昌市委办公室 许昌市人民政府办公室关于印发实施方案的通知\n各县(市、区)党委和人民政府:\n现印发给你们。\n")
    assert r["document"]["issuers"] == ["中共许昌市委办公室", "许昌市人民政府办公室"]
    assert r["document"]["issuer"] == "中共许昌市委办公室"


def test_county_document_issuer_gets_its_place_and_level():
    text = "各乡镇人民政府:\n现将有关事项通知如下。\n区人民政府办公室\n2024年3月5日\n"
    doc = extract_text(text, {"region": "湖北省武汉市蔡甸区"})["document"]
    assert (doc["issuer"], doc["level"], doc["region"]["county"]) == ("蔡甸区人民政府办公室", "county", "蔡甸区")


def test_a_lead_sentence_places_a_reported_document():
    doc = extract_text("许昌市政府印发通知,要求各县加快产业集聚区建设。\n通知指出,要强化要素保障。\n")["document"]
    assert (doc["issuer"], doc["region"]["city"], doc["level"]) == ("许昌市政府", "许昌市", "city")


def test_a_news_dateline_is_not_the_issuers_place():
    doc = extract_text("新华社北京7月27日电 住房和城乡建设部部长在座谈会上说,要继续巩固房地产市场企稳回升态势。\n")["document"]
    assert (doc["issuer"], doc["level"], doc["region"]["province"]) == ("住房和城乡建设部", "national", None)


def test_signing_date_without_separators_under_a_signature():
    doc = extract_text("各单位:\n现予印发。\n唐河县人民政府\n2023815\n")["document"]
    assert doc["date"] == "2023-08-15" and doc["issuer"] == "唐河县人民政府"


def test_the_cleaner_keeps_policy_sentences_that_mention_wechat_or_a_url():
    sentence = "购房人可通过“安居某市”微信公众号或登录https://example.gov.cn/house提交补贴申请,审核通过后发放补贴资金。"
    c = clean(f"扫一扫在手机打开当前页\n{sentence}\n微信公众号\n")
    assert sentence in c.text
    assert [why for _, why in c.dropped] == ["boilerplate", "boilerplate"]


def test_titles_without_page_chrome_and_from_the_attached_plan():
    doc = extract_text("设为首页 | 加入收藏 | 联系我们\n归档时间:2024-01-02\n某市人民政府关于印发某市促进消费若干措施的通知\n各县:\n")
    assert doc["document"]["title"] == "某市人民政府关于印发某市促进消费若干措施的通知"
    doc = extract_text("各县(区)人民政府:\n现将《许昌市园区提质行动方案》印发给你们,请认真贯彻执行。\n")["document"]
    assert doc["title"] == "许昌市园区提质行动方案"


def test_a_forward_statement_gives_every_later_item_its_party():
    text = ("一、保供稳价。加强价格监测。(省发展改革委按职责分工负责,各市、县人民政府负责落实。以下均需各市、县人民政府落实,"
            "不再一一列出)\n二、开展促销。(省商务厅负责)\n")
    got = duties(extract_text(text, {"region": "安徽省"}))
    assert {a for a, _, t in got if t.startswith("开展促销")} == {"安徽省商务厅", "各市、县人民政府"}


def test_listing_records_are_read_field_by_field():
    r = extract_text("2022-05-20 00:00:00 | 住建部、央行、财政部 | 关于实施住房公积金阶段性支持政策的通知 | "
                     "各省、自治区人民政府:现将有关事项通知如下。 | https://www.example.gov.cn/a.html\n")
    doc = r["document"]
    assert (doc["title"], doc["issuer"], doc["level"]) == ("关于实施住房公积金阶段性支持政策的通知", "住房和城乡建设部", "national")
    assert doc["issuers"][1:] == ["中国人民银行", "财政部"]


def test_a_joint_signature_run_together_on_one_line():
    doc = extract_text("各有关单位:\n现将有关事项通知如下。\n郑州市住房保障和房地产管理局郑州住房公积金管理中心\n2023年5月11日\n")
    assert doc["document"]["issuers"] == ["郑州市住房保障和房地产管理局", "郑州住房公积金管理中心"]


def test_extraction_time_is_linear_in_the_size_of_a_document():
    """Not a timing: the number of tasks grows with the text, and nothing pairs every task with
    every marker (the 10 MB bench in bench/extract_scaling.py measures the time)."""
    unit = "一、加快建设。(责任单位:市住建局)\n二、筹措资金。(责任单位:市财政局)\n"
    small, big = extract_text(unit * 50, {"region": "许昌市"}), extract_text(unit * 500, {"region": "许昌市"})
    assert len(big["duties"]) == 10 * len(small["duties"])


def test_audit_reports_what_was_not_understood(tmp_path):
    (tmp_path / "a.txt").write_text("一、做好规划。(责任单位:高耗能)\n扫一扫在手机打开当前页\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("某市人民政府关于做好工作的通知\n一、做好工作。(责任单位:市财政局)\n某市人民政府\n2024年1月2日\n",
                                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "policykg.cli", "audit", str(tmp_path), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    assert report["totals"]["documents"] == 2 and report["totals"]["rejected_names"] == 1
    assert report["totals"]["rejected_by_rule"] == {"name:no-suffix": 1}
    assert report["totals"]["removed_by_reason"] == {"boilerplate": 1}
    a = next(d for d in report["documents"] if d["source"] == "a.txt")
    assert a["missing"] == ["title", "issuer", "date"] and a["examples"]["rejected_names"][0]["text"] == "高耗能"
