"""The words after a date that make it a deadline.

``ingest/extract/deadlines.py`` takes a bare month (4月) as a deadline only when a verb of
completion follows it (4月完成…, 6月底前出台…).
"""
from __future__ import annotations

# what follows a month that is a deadline: a verb of completion, or 前 / 底 (4月底前, 6月完成)
COMPLETION_WORDS = ("完成", "前", "底", "确定", "出台", "制定", "启动", "召开", "建成", "开工", "实现", "印发", "底前")
