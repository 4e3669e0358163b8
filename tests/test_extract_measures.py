"""A task for every measure (issues 19 and 20): numbered items, sub-items, task-table rows,
paragraphs of a list of measures, duties given in prose to functional names, measures that name
nobody -- and nothing that is not a measure.  Task texts never overlap.  Our own snippets."""
import pytest

from policykg.ingest.pipeline import extract_file, extract_text


def tasks(r):
    return [t["text"] for t in r["tasks"]]


def duty_map(r):
    by_id = {t["id"]: t["text"] for t in r["tasks"]}
    out = {}
    for d in r["duties"]:
        out.setdefault(by_id[d["task"]], set()).add((d["agency"], d["role"]))
    return out


def no_overlap(r):
    spans = sorted(t["span"] for t in r["tasks"])
    return all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


PLAN = ("某市人民政府关于推进物业服务提质增效的实施意见\n"
        "各区人民政府,市政府各委、办、局:\n"
        "为优化物业服务,推动行业高质量发展,结合本市实际,现提出如下意见。\n"
        "一、激发市场活力\n"
        "(一)增强企业竞争力。培育一批物业服务龙头企业,推广先进管理标准。(责任单位:市房屋管理局、各区政府)\n"
        "(二)融入城市治理。鼓励物业企业向生活服务延伸。\n"
        "二、强化要素保障\n"
        "(三)加大金融支持力度。支持银行为物业服务企业提供综合金融服务。市财政局要安排专项资金,会同市发展改革委做好贴息。\n"
        "(四)夯实人才队伍。将物业服务人才纳入本市人才体系。\n"
        "特此通知。\n"
        "某市人民政府\n"
        "2026年6月22日\n")


def test_every_numbered_item_is_a_task_and_grouping_headings_give_the_section():
    r = extract_text(PLAN, {"region": "上海市"})
    assert [t[:6] for t in tasks(r)] == ["增强企业竞争", "融入城市治理", "加大金融支持", "夯实人才队伍"]
    sections = {t["text"][:4]: t["section"] for t in r["tasks"]}
    assert sections["融入城市"] == "一、激发市场活力" and sections["夯实人才"] == "二、强化要素保障"
    assert no_overlap(r)
    # the preamble, the closing formula and the signature are no measures
    assert not any(t.startswith(("为优化", "特此", "某市人民政府")) for t in tasks(r))


def test_measures_without_a_responsible_unit_and_prose_duties_are_tasks_of_the_whole_item():
    r = extract_text(PLAN, {"region": "上海市"})
    duties = duty_map(r)
    item = next(t for t in tasks(r) if t.startswith("加大金融支持力度"))
    assert item.endswith("会同市发展改革委做好贴息。")  # the item, not the sentence that names the bodies
    assert duties[item] == {("上海市财政局", "responsible"), ("上海市发展和改革委员会", "cooperating")}
    assert "融入城市治理。鼓励物业企业向生活服务延伸。" in tasks(r)  # no body named: still a task
    assert "融入城市治理。鼓励物业企业向生活服务延伸。" not in duties


def test_paragraphs_that_open_with_their_party_are_measures_of_their_own():
    text = ("三、完善县(市、区)推进工作机制\n"
            "各县(市、区)要统筹负责辖区内的产业集聚区规划实施,推进产业集聚区加快发展。\n"
            "各县(市、区)要把产业集聚区规划建设作为政府的一项中心工作,建立完善领导机构。\n"
            "各产业集聚区要加快建立完善独立的管理机构,形成高效的工作机制。\n"
            "四、建立考核评价机制\n"
            "市政府有关部门要按照联席会议的决策部署,制定年度工作方案。\n")
    r = extract_text(text, {"region": "许昌市"})
    assert [t[:9] for t in tasks(r)] == ["各县(市、区)要统", "各县(市、区)要把", "各产业集聚区要加快", "建立考核评价机制\n"]
    by = duty_map(r)
    assert sum(1 for t, d in by.items() if any(a.startswith("各县") for a, _ in d)) == 2  # one duty per paragraph
    # a heading over one paragraph is one measure with it
    assert tasks(r)[-1].startswith("建立考核评价机制\n市政府有关部门要")


def test_articles_with_paragraphs_per_party_and_functional_names():
    text = ("第三条(部门职责)\n"
            "市发展改革委负责编制市重大工程年度项目计划。\n"
            "市住房城乡建设管理委、市交通委、市水务局等行业主管部门(以下简称“行业主管部门”)是本行业市重大工程的责任主体。\n"
            "第四条(建设单位职责)\n"
            "建设单位是市重大工程建设管理的实施主体,负责落实项目组织实施。\n"
            "第五条(项目储备)\n"
            "行业主管部门负责开展本行业专项规划研究。\n"
            "各行业主管部门应当加强前期储备工作。\n")
    r = extract_text(text, {"region": "上海市"})
    (defn,) = r["functional_names"]
    assert defn["name"] == "行业主管部门" and defn["members"] == ["市住房城乡建设管理委", "市交通委", "市水务局"]
    assert r["text"][slice(*defn["span"])] == "行业主管部门"
    first = [t for t in r["tasks"] if t["text"].startswith("市发展改革委负责")]
    assert first and duty_map(r)[first[0]["text"]] == {("上海市发展和改革委员会", "responsible")}
    holders = {t["text"][:6]: [(h["name"], h["stands_for"]) for h in t["holders"]] for t in r["tasks"]}
    assert holders["(建设单位职"][0] == ("建设单位", [])  # an article with one paragraph is one measure
    assert holders["行业主管部门"] == [("行业主管部门", ["市住房城乡建设管理委", "市交通委", "市水务局"])]
    assert holders["各行业主管部"][0][1] == ["市住房城乡建设管理委", "市交通委", "市水务局"]
    for t in r["tasks"]:
        for h in t["holders"]:
            assert r["text"][slice(*h["span"])] == h["name"]
    assert not any(a["name"].endswith("职责") for a in r["agencies"])  # 第四条(建设单位职责) is a title


def test_a_marker_closing_a_section_assigns_the_section_whose_sub_items_are_tasks_under_it():
    text = ("一、实施购房补贴\n在城区购买新建商品住房的予以补贴:\n"
            "(一)购买首套住房的,按每平方米200元补助;\n(二)县外迁入人员购房的,按每平方米300元补助;\n"
            "以上政策不作累加计算。(牵头单位:县住建局,责任单位:县财政局)\n二、优化预售条件\n")
    r = extract_text(text, {"region": "兴文县"})
    section = next(t for t in r["tasks"] if t["text"].startswith("实施购房补贴"))
    assert "购买首套住房" not in section["text"]
    assert duty_map(r)[section["text"]] == {("兴文县住房和城乡建设局", "responsible"), ("兴文县财政局", "responsible")}
    subs = [t for t in r["tasks"] if t["parent"] == section["id"]]
    assert [t["text"][:6] for t in subs] == ["购买首套住房", "县外迁入人员"]
    assert subs[-1]["text"].endswith("以上政策不作累加计算。")  # the last sub-item's lines, up to the marker
    assert all(t["text"] not in duty_map(r) for t in subs)  # the duty stays the section's: seen through parent
    assert no_overlap(r)


def test_a_section_whose_heading_names_a_body_keeps_its_sub_items_markers():
    text = ("(三)省编办牵头的工作\n1.深化行政管理体制改革。\n2.积极稳妥地推进乡镇机构改革。\n"
            "协同单位:省财政厅、省人事厅。\n")
    r = extract_text(text, {"region": "河北省"})
    got = duty_map(r)
    assert ("河北省财政厅", "cooperating") in got["积极稳妥地推进乡镇机构改革。"]


def test_annex_task_table_one_cell_per_line_with_merged_cells_and_empty_cells():
    text = ("附件\n排水改革任务表\n项目序号\n任务类型\n改革任务\n工作要求\n完成时间\n责任部门\n(单位)\n配合部门\n(单位)\n"
            "1\n推进平稳有序移交\n区级动员\n建立区级工作小组。\n2025年4月\n区政府\n区建设管理委\n"
            "2\n方案制定\n编制区级改革方案。\n2025年6月\n区建设管理委\n(区水务局)\n"
            "3\n设施核验\n开展设施设备的现场盘点。\n2025年9月\n区建设管理委\n区财政局、区国资委\n"
            "4\n强化成本绩效管理\n绩效分析\n开展运维成本绩效分析。\n2025年12月\n区财政局\n")
    r = extract_text(text, {"region": "上海市静安区"})
    rows = [t for t in r["tasks"] if t["rule"] == "task:table-row"]
    assert [t["text"] for t in rows] == ["区级动员\n建立区级工作小组。", "方案制定\n编制区级改革方案。",
                                         "设施核验\n开展设施设备的现场盘点。", "绩效分析\n开展运维成本绩效分析。"]
    by = duty_map(r)
    assert by[rows[1]["text"]] == {("静安区建设管理委", "responsible")}  # no 配合 cell: nothing shifts in
    assert ("静安区财政局", "cooperating") in by[rows[2]["text"]]
    assert by[rows[3]["text"]] == {("静安区财政局", "responsible")}
    assert [t["section"] for t in rows] == ["推进平稳有序移交", "推进平稳有序移交", "推进平稳有序移交", "强化成本绩效管理"]


def test_a_row_without_bodies_is_a_task_too():
    text = "序号\n重点任务\n牵头单位\n配合单位\n1\n建立项目储备库。\n市发改委\n市财政局\n2\n开展招商推介活动。\n3\n优化营商环境。\n市商务局\n"
    r = extract_text(text, {"region": "许昌市"})
    assert [t["text"] for t in r["tasks"]] == ["建立项目储备库。", "开展招商推介活动。", "优化营商环境。"]
    assert duty_map(r)["优化营商环境。"] == {("许昌市商务局", "responsible")}


def test_an_unnumbered_list_of_measures_and_what_is_no_measure():
    text = ("关于做好住房公积金工作的通知\n各区县:\n"
            "为贯彻落实省委、省政府决策部署,现就有关事项通知如下:\n"
            "提高住房公积金贷款额度,双缴存职工家庭最高贷款额度提高到80万元。\n"
            "支持缴存人提取住房公积金支付购房首付款,减轻购房资金压力。\n"
            "本通知自印发之日起施行。\n"
            "附件:1.申请表\n2.材料清单\n"
            "组长:副市长张三\n"
            "某市住房公积金管理中心\n2024年3月5日\n")
    r = extract_text(text, {"region": "某市"})
    assert [t[:7] for t in tasks(r)] == ["提高住房公积金", "支持缴存人提取"]


def test_hard_wrapped_lines_are_read_as_paragraphs():
    line = "市住房城乡建设局负责定期召集会议协调推进全市保障性"
    text = "".join(f"第{n}条{line}\n租赁住房的具体工作。\n" for n in "一二三四五六")
    r = extract_text(text, {"region": "苏州市"})
    assert all(t["text"].endswith("租赁住房的具体工作。") for t in r["tasks"]) and len(r["tasks"]) == 6


MARKDOWN = ("# 某区人民政府关于印发某区排水管理体制改革实施方案的通知\n\n"
            "> 本文正文由脚本提取,以[官方链接](https://www.example.gov.cn/a)发布版本为准。\n\n"
            "区政府各委、办、局:\n\n"
            "## 一、工作任务\n\n"
            "### (一)推进平稳有序移交\n\n"
            "由区建管委编制实施方案,区财政局负责落实运维经费。\n\n"
            "- 建立工作台账,明确移交清单。\n"
            "- 开展设施核验。\n\n"
            "| 序号 | 任务 | 牵头单位 |\n|---|---|---|\n| 1 | 完成设施移交。 | 区建管委 |\n")


def test_markdown_reads_like_plain_text(tmp_path):
    r = extract_text(MARKDOWN, {"region": "上海市黄浦区"})
    text = r["text"]
    assert "#" not in text and ">" not in text and "](" not in text and "|---|" not in text
    assert r["document"]["title"] == "某区人民政府关于印发某区排水管理体制改革实施方案的通知"
    assert any(t["text"].startswith("推进平稳有序移交") for t in r["tasks"])
    assert ("黄浦区财政局", "responsible") in {x for d in duty_map(r).values() for x in d}
    for t in r["tasks"]:
        assert text[slice(*t["span"])] == t["text"]
    path = tmp_path / "plan.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert extract_file(path, {"region": "上海市黄浦区"})["tasks"] == r["tasks"]


@pytest.mark.parametrize("text", [PLAN, MARKDOWN, "一、总体要求\n(一)做好规划。\n1.编制方案。\n2.开展评估。\n(二)加强保障。\n"])
def test_tasks_never_overlap_and_parents_are_tasks(text):
    r = extract_text(text, {"region": "上海市"})
    ids = {t["id"] for t in r["tasks"]}
    assert no_overlap(r)
    assert all(t["parent"] is None or t["parent"] in ids for t in r["tasks"])
    assert all({"span", "rule", "section", "deadline", "ordinal", "parent", "holders"} <= set(t) for t in r["tasks"])
