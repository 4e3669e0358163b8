"""One short snippet per extraction rule (our own text, written for the test)."""
from policykg.ingest.pipeline import extract_text


def duties(r):
    tasks = {t["id"]: t for t in r["tasks"]}
    return [(d["agency"], d["role"], d["lead"], tasks[d["task"]]["text"]) for d in r["duties"]]


def test_section_headed_by_an_agency_makes_every_item_its_duty():
    r = extract_text("一、省发展改革委\n1.制定园区考核办法。\n2.3月底前完成规划备案。\n二、省财政厅\n1.安排专项资金。\n",
                     {"region": "河南省"})
    got = duties(r)
    assert [(a, t) for a, _, _, t in got] == [
        ("河南省发展和改革委员会", "制定园区考核办法。"), ("河南省发展和改革委员会", "3月底前完成规划备案。"),
        ("河南省财政厅", "安排专项资金。")]
    assert r["tasks"][1]["deadline"]["text"] == "3月底前"


def test_item_glued_to_a_date_is_not_split():
    r = extract_text("一、省商务厅\n1.组织招商活动。2.2月底确定名单。3.4月完成评估。\n", {"region": "河南省"})
    assert [t["text"] for t in r["tasks"]] == ["组织招商活动。", "2月底确定名单。", "4月完成评估。"]


def test_marker_in_brackets_with_responsible_and_cooperating_lists():
    r = extract_text("各县人民政府:\n一、重点任务\n1.加快园区道路建设。〔责任单位:市交通局;配合单位:市财政局、市发改委〕\n",
                     {"region": "锦州市"})
    got = {(a, role) for a, role, _, t in duties(r)}
    assert got == {("锦州市交通运输局", "responsible"), ("锦州市财政局", "cooperating"),
                   ("锦州市发展和改革委员会", "cooperating")}
    assert r["tasks"][0]["text"] == "加快园区道路建设。"  # the marker is not part of the task


def test_lead_and_cooperating_roles_in_parentheses():
    r = extract_text("一、工作任务\n1.推进示范基地创建。(省工业和信息化厅牵头,省科技厅、省财政厅配合)\n", {"region": "河南省"})
    got = sorted((a, role, lead) for a, role, lead, _ in duties(r))
    assert got == [("河南省工业和信息化厅", "responsible", True), ("河南省科学技术厅", "cooperating", False),
                   ("河南省财政厅", "cooperating", False)]


def test_agency_colon_line():
    r = extract_text("二、部门分工\n市国土资源局:负责落实用地指标。\n市环保局:负责环评审查。\n", {"region": "许昌市"})
    assert [(a, t) for a, _, _, t in duties(r)] == [("许昌市国土资源局", "市国土资源局:负责落实用地指标。"),
                                                   ("许昌市环境保护局", "市环保局:负责环评审查。")]  # lines as printed


def test_prose_subject_and_huitong():
    r = extract_text("三、保障措施\n市发展改革委要会同市财政局制定扶持政策。\n", {"region": "许昌市"})
    got = sorted((a, role) for a, role, _, _ in duties(r))
    assert got == [("许昌市发展和改革委员会", "responsible"), ("许昌市财政局", "cooperating")]


def test_assignment_line_under_an_item():
    r = extract_text("一、目标\n1、工业增加值增长10%。\n(市经信委、统计局)\n", {"region": "无锡市"})
    assert {a for a, *_ in duties(r)} == {"无锡市经济和信息化委员会", "无锡市统计局"}
    assert r["targets"][0]["value"] == 10 and r["targets"][0]["unit"] == "%"


def test_duty_table_cells():
    text = "序号 |\n重点工作 |\n责任单位 |\n1 |\n全力推进园区扩容提质。 |\n★区发改委、区商务局 |\n"
    r = extract_text(text, {"region": "苏州市"})
    got = duties(r)
    assert [(role, lead) for _, role, lead, _ in got] == [("responsible", True), ("responsible", False)]


def test_agency_aliases_merge_within_a_region():
    r = extract_text("一、任务\n1.市发改委负责协调。\n2.市发展改革委要加强督查。\n", {"region": "许昌市"})
    ag = [a for a in r["agencies"] if a["name"] == "许昌市发展和改革委员会"]
    assert len(ag) == 1 and set(ag[0]["aliases"]) == {"市发改委", "市发展改革委"}


def test_collective_bodies_are_flagged():
    r = extract_text("各县(市、区)人民政府,各产业园区管委会:\n现将方案印发给你们。\n", {"region": "锦州市"})
    flags = {a["aliases"][0]: a["collective"] for a in r["agencies"]}
    assert flags["各产业园区管委会"] is True and flags["各县(市、区)人民政府"] is True


def test_adverts_and_companies_are_not_agencies():
    r = extract_text("全国免费咨询热线:13800000000 某某律师事务所\n一、任务\n1.引导企业向银行申请贷款。\n", {"region": "河南省"})
    assert not any("律师" in a["name"] or "银行" in a["name"] for a in r["agencies"])


def test_targets_values_ranges_and_thresholds():
    r = extract_text("力争引进资金超过1500亿元,培育3—5名学科带头人,新增用地不少于12万亩。"
                     "下放总投资1亿美元以下的项目审批权限。", {"region": "河南省"})
    got = [(t["value"], t["value_max"], t["unit"], t["qualifier"]) for t in r["targets"]]
    assert got == [(150000000000, None, "元", ">"), (3, 5, "名", "="), (120000, None, "亩", ">=")]


def test_document_header_fields():
    r = extract_text("许政办〔2012〕37号 许昌市人民政府办公室关于转发园区提速计划的通知\n各县(市、区)人民政府:\n"
                     "按照《关于加快园区建设的通知》(豫政办［2012］33号)要求,现转发给你们。\n二○一二年四月十六日\n")
    d = r["document"]
    assert (d["doc_number"], d["issuer"], d["date"], d["level"], d["cites"]) == (
        "许政办〔2012〕37号", "许昌市人民政府办公室", "2012-04-16", "city", ["豫政办〔2012〕33号"])
    assert d["region"] == {"province": "河南省", "city": "许昌市", "county": None}


def test_province_of_a_city_is_inferred():
    r = extract_text("锦州市人民政府关于印发园区建设方案的通知\n各县(市)区人民政府:\n现将方案印发。\n锦州市人民政府\n2017年5月23日\n")
    assert r["document"]["region"]["province"] == "辽宁省" and r["document"]["date"] == "2017-05-23"


def test_zones_and_clusters_by_name():
    r = extract_text("推进禹州市产业集聚区、长葛市产业集聚区建设,培育禹州市汽车装备、长葛市肉类加工等2个产业集群。"
                     "各产业集聚区要加快发展。", {"region": "许昌市"})
    assert [z["name"] for z in r["zones"]] == ["禹州市产业集聚区", "长葛市产业集聚区"]
    assert [c["name"] for c in r["clusters"]] == ["禹州市汽车装备", "长葛市肉类加工"]


def test_traditional_characters_are_converted():
    r = extract_text("一、省發展改革委\n1.制定產業集聚區發展規劃。\n", {"region": "河南省"})
    assert r["duties"][0]["agency"] == "河南省发展和改革委员会"


def test_every_fact_has_provenance():
    r = extract_text("一、省财政厅\n1.力争筹措资金10亿元。\n", {"region": "河南省"})
    text = r["text"]
    for key in ("tasks", "duties", "targets"):
        for fact in r[key]:
            a, b = fact["span"]
            assert 0 <= a < b <= len(text) and fact["rule"]
    assert r["targets"][0]["task"] == r["tasks"][0]["id"]


def test_you_x_fuze_and_huitong_after_a_bureau():
    r = extract_text("(二)强化责任落实。\n由省住房城乡建设厅负责汇总通报进展情况。\n省统计局会同省国土资源厅做好监测工作。\n",
                     {"region": "广东省"})
    got = sorted((a, role) for a, role, _, _ in duties(r))
    assert got == [("广东省住房和城乡建设厅", "responsible"), ("广东省国土资源厅", "cooperating"),
                   ("广东省统计局", "responsible")]


def test_region_is_not_guessed_from_a_district_name():
    r = extract_text("各县(市、区)人民政府,东城区管委会:\n现将方案印发给你们。\n")
    assert r["document"]["region"] == {"province": None, "city": None, "county": None}


def test_signing_date_that_lost_its_separators():
    r = extract_text("河北省人民政府关于开发区整合方案的批复\n辛集市人民政府:\n同意你市方案。\n河北省人民政府\n2016815\n")
    assert (r["document"]["issuer"], r["document"]["date"]) == ("河北省人民政府", "2016-08-15")


def test_issuer_of_a_reported_document():
    r = extract_text("1月8日,重庆市经信委和四川省经信厅发布《关于示范园区的公告》,公布了首批名单。\n")
    assert (r["document"]["issuer"], r["document"]["level"]) == ("重庆市经信委", "province")


def test_an_item_with_a_target_is_a_task_without_a_named_body():
    r = extract_text("一、工作目标\n1.力争全年新增就业10万人。\n", {"region": "无锡市"})
    assert [t["text"] for t in r["tasks"]] == ["力争全年新增就业10万人。"]
    assert r["targets"][0]["task"] == r["tasks"][0]["id"] and r["targets"][0]["qualifier"] == ">="
    assert r["duties"] == []


def test_zone_names_keep_their_places_and_drop_classes():
    r = extract_text("通报如下\n合肥经济技术开发区、安徽太和经济开发区、吉林经济技术开发区获评先进。"
                     "编制内蒙古自治区“十三五”开发区发展规划,优化辛集市开发区布局。", {"region": "安徽省"})
    assert [z["name"] for z in r["zones"]] == ["合肥经济技术开发区", "安徽太和经济开发区", "吉林经济技术开发区"]


def test_zones_listed_beside_districts_are_named_and_classes_are_not():
    r = extract_text("在中心城区(含武侯区、东部新区、锦江区)和市直园区购房的,按本通知执行。", {"region": "成都市"})
    assert [z["name"] for z in r["zones"]] == ["东部新区"]
    r = extract_text("一是推动北部新区、产业集聚区建设。", {"region": "成都市"})
    assert [z["name"] for z in r["zones"]] == []


def test_huitong_in_an_agency_line_and_ji_inside_names():
    r = extract_text("三、部门分工\n市发展改革委:负责会同市财政局争取专项资金。\n", {"region": "许昌市"})
    assert sorted((a, role) for a, role, _, _ in duties(r)) == [("许昌市发展和改革委员会", "responsible"),
                                                               ("许昌市财政局", "cooperating")]
    r = extract_text("建设漳州古雷石化产业基地、漳州金属及深加工产业基地,培育连城县汽车及零部件产业集群。", {"region": "福建省"})
    assert [z["name"] for z in r["zones"]] == ["漳州古雷石化产业基地", "漳州金属及深加工产业基地"]
    assert [c["name"] for c in r["clusters"]] == ["连城县汽车及零部件"]
