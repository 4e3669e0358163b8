"""The words every task uses: what is left out when two tasks are compared by their words.

``graph/similarity.py`` compares tasks by the character bigrams that name their work; the generic
words of a plan, the particles and the bodies named are removed first.
"""
from __future__ import annotations

# words every task uses (推进, 加强, 建设, 全市 ...): removing them lets the words that name the work
# decide similarity
GENERIC_TASK_WORDS = ("产业集聚区", "产业聚集区", "积极", "推进", "推动", "加快", "加强", "加大", "建设", "发展", "工作", "负责", "组织", "实施",
                      "指导", "协调", "促进", "完善", "建立", "健全", "开展", "落实", "有关", "相关", "各项", "政策", "措施", "一批", "力争",
                      "提高", "优化", "及时", "重点", "做好", "拟订", "拟定", "制定", "全市", "全省", "全县", "全区", "我市", "我省", "我县",
                      "本市", "本区", "本县")
# particles and conjunctions: a bigram holding one joins words, it names no work
PARTICLES = frozenset("的和与及等并或在对将把为以按由向从于之其该所")
# what ends a body named in a task (市财政局, 区建设和交通委员会, 相关区政府), besides 办 (not 办法, 办理, 办事)
TASK_BODY_SUFFIXES = ("委员会", "管理委", "局", "厅", "委", "中心", "政府", "部门", "机构", "单位")

# what ends the body a lower measure's sentence opens with (市水务局负责…, 上海城投集团负责…, 各街道要…):
# TASK_BODY_SUFFIXES with the endings of offices, enterprises and street-level bodies
OWN_BODY_ENDINGS = TASK_BODY_SUFFIXES + ("办", "集团", "公司", "街道", "镇", "署", "队", "所")
# what a body does right after its name when the sentence is its own duty (负责, 牵头, 要, 应 …)
OWN_DUTY_VERBS = ("负责", "牵头", "会同", "配合", "要", "应", "将", "对", "按照", "根据", "开展", "完成", "做好", "落实",
                  "研究", "制定", "建立", "组织", "联合", "参与", "形成", "承担", "不", "可")
