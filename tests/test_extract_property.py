"""Arbitrary text never crashes the extractor, and every span indexes the cleaned text."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.ingest.pipeline import extract_text

PIECES = ["一、", "(一)", "1.", "(1)", "①", "省发展改革委", "市财政局", "各县(市、区)人民政府", "负责", "牵头", "配合",
          "〔责任单位:", "〕", "(", ")", ":", "、", ",", "。", ";", "\n", "|", "2012年", "一季度", "4月底前", "15%",
          "1500亿元", "3—5名", "产业集聚区", "产业集群", "豫政办〔2012〕33号", "《", "》", "二○一二年四月十六日",
          "要", "会同", "由", "以下简称", "联席会议", "★", " ", "关于", "的通知"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60))
def test_never_crashes_and_spans_index_the_text(parts):
    r = extract_text("".join(parts), {"region": "许昌市"})
    text = r["text"]
    ids = {t["id"] for t in r["tasks"]}
    for t in r["tasks"]:
        a, b = t["span"]
        assert 0 <= a <= b <= len(text) and text[a:b] == t["text"]
    for key in ("duties", "targets", "zones", "clusters"):
        for fact in r[key]:
            a, b = fact["span"]
            assert 0 <= a <= b <= len(text), (key, fact)
            assert fact["rule"]
    for d in r["duties"]:
        assert d["task"] in ids and d["role"] in ("responsible", "cooperating")
    for a in r["agencies"]:
        for surface, s, e in a["mentions"]:
            assert text[s:e] == surface or s < 0
