"""The words around a document's issuers: speakers, short names, sub-units, and how a news page
reports a document.

``ingest/extract/issuer.py`` finds the issuers in a title, above the signing date, in a page's
metadata or in the lead sentence of a page that reports the document; these lists say where one
body's name ends and the next begins, and which words stand around them.
"""
from __future__ import annotations

# who speaks for a body on a news page (负责人, 新闻发言人, 局长 ...): the body stands before them
SPEAKER_TITLES = ("负责人", "负责同志", "新闻发言人", "发言人", "部长", "局长", "主任", "署长", "行长", "主席")
# national bodies printed by their short names (央行, 发改委 ...)
SHORT_NATIONAL_NAMES = ("住建部", "央行", "人行", "发改委", "银保监会", "证监会", "工信部", "人社部", "国资委", "金融监管总局", "外汇局")
# endings of central bodies and of centres, besides the suffixes of :mod:`.bodies` (部, 署, 总局, 银行 ...)
CENTRAL_ENDINGS = ("部", "署", "总局", "中心", "银行", "委员会", "联合会", "法院", "检察院", "工会", "妇联", "团委", "行署", "工商联")
# what goes on with the same body after its name has ended (市委 组织部, 人民政府 办公厅, 分行 ...)
SUBUNITS = ("办公厅", "办公室", "组织部", "宣传部", "统战部", "政法委", "党组", "机关", "直属", "营业管理部", "分局", "支行", "分行", "监管局",
            "监管分局", "税务局", "稽查局", "调查总队", "管理部", "国有资产", "金融工作")
# what opens an issuer's name: the party, the state and the level (中共, 国家, 省 ...)
ISSUER_OPENERS = ("中共", "中国共产党", "共青团", "中国", "国家", "国务院", "全国", "最高人民", "自治区", "省", "市", "县", "区", "州", "盟",
                  "旗")
# words of a news report between the issuers and their verb (近日, 正式, 今天 ...)
REPORT_ADVERBS = ("近日", "日前", "近期", "正式", "再次", "已", "也", "今天", "今日", "昨日")
