"""The words of lineage: a document citing its basis, naming itself, repealing another.

``ingest/extract/lineage.py`` reads which documents a document cites and how (as its basis, as
the document it issues or forwards, as one it repeals) and when it takes effect and ends.
"""
from __future__ import annotations

# words that make a cited document the basis of this one (根据《X》, 贯彻落实《X》)
BASIS_WORDS = ("根据", "按照", "依据", "依照", "遵照", "参照", "对照", "贯彻落实", "贯彻", "落实", "执行", "遵循")
# verbs of a repeal (《X》同时废止, 不再执行 ...)
REPEAL_VERBS = ("废止", "废除", "作废", "停止执行", "不再执行", "停止施行", "不再施行", "停止实施", "不再实施", "失效", "取消", "解除")
# repeal verbs that lift a provision of a named document, never a whole one: 取消《X》中“…”,
# 《X》中关于…的限制解除
PROVISION_ONLY_VERBS = ("取消", "解除")
# what may stand between a clause's start and its repeal verb (经研究, 决定, 拟, 一律 ...), besides
# 经…同意
REPEAL_MODALS = ("经研究", "研究决定", "决定", "同意", "拟", "现", "将", "应", "一律", "均", "也", "亦")
# the kinds a document calls itself by when it says when it takes effect (本办法自…起施行)
SELF_KINDS = ("通知", "办法", "规定", "意见", "细则", "方案", "措施", "公告", "决定", "政策", "规划", "条例", "实施意见", "实施细则", "实施办法",
              "文件", "举措")
