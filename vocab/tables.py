"""The header cells of duty tables: ``序号 | 重点工作 | 责任领导 | 牵头单位 | 配合单位 | 完成时限``.

``ingest/extract/tables.py`` reads a flattened table as a stream of cells; these words tell a
header cell from a row's cells and which column holds the bodies of which role.
"""
from __future__ import annotations

# whole header cells of a task table (序号, 重点工作, 完成时限 ...)
HEADER_CELLS = ("序号", "编号", "重点工作", "专项工作", "工作任务", "主要任务", "工作内容", "任务", "具体任务", "目标任务", "工作目标", "主要工作举措",
                "工作举措", "主要举措", "具体措施", "政策措施", "工作措施", "重点任务", "任务内容", "项目", "责任领导", "牵头领导", "牵头市领导", "分管领导",
                "责任人", "完成时限", "完成时间", "时间节点", "时限", "备注", "类别", "指标", "序号任务")
# what a header cell of bodies opens with before 单位 or 部门 (牵头单位, 配合部门 ...)
ROLE_HEADS = ("牵头", "责任", "主办", "主责", "承办", "落实", "配合", "参与", "协办", "协同", "参加")
# what a header cell ends with (项目序号, 任务类型, 工作要求 ...), and the second line of a cell broken
# over two
HEADER_ENDINGS = ("序号", "编号", "类型", "类别", "任务", "要求", "内容", "措施", "举措", "时间", "时限", "节点", "名称", "事项", "目标",
                  "备注", "领导", "责任人")
# time cells that set no deadline (全年, 长期, 常态化 ...)
OPEN_ENDED_TIMES = ("全年", "长期", "持续推进", "年内", "常态化", "长期坚持")
