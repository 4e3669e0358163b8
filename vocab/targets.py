"""The words around a number in a plan: units, the words that make it a target, a rule's value or
a report of the past.

``ingest/extract/targets.py`` reads a number as a target when a word of intent or change governs
it (:data:`GOAL_WORDS`), as a policy's parameter when the clause is about a rule's values
(:data:`PARAMETER_WORDS`, :data:`CAP_WORDS`, :data:`CONDITION_WORDS`) and as a statistic when the
sentence reports what happened (:data:`PAST_WORDS`, :data:`REPORT_LEADS`).
"""
from __future__ import annotations

# units that count things, events and people (家, 项, 人次; 百分点 and 基点 are counted too)
COUNT_UNITS = ("家次", "人次", "场次", "个基点", "基点", "个百分点", "百分点", "家", "个", "名", "人", "次", "期", "项", "所", "座", "套",
               "户", "台", "辆", "批", "处", "场", "支", "位", "种", "篇", "间", "栋", "张")
# units of area, length, weight, energy and freight
MEASURE_UNITS = ("平方公里", "平方米", "公顷", "亩", "公里", "千米", "吨", "千瓦时", "千瓦", "标准箱", "标箱")
# units of money
MONEY_UNITS = ("美元", "元")
# units of the numbers that may be a threshold (100平方米以上, 5人以下): with 以上 / 以下 such a number qualifies
# who or what a rule applies to
THRESHOLD_UNITS = frozenset(("平方米", "平方公里", "公顷", "亩", "元", "美元", "人", "名", "个", "套"))
# what may follow an amount of money and keep it a target (资金, 用于 ...): anything else nominal
# makes the amount a class (总投资1亿元的项目)
MONEY_WHAT = ("资金", "经费", "资本", "贷款", "投资", "的资金", "用于", "以", "和", "及", "或", ",", ",", "。", ";")
# words of intent or change that make a number in their clause a target
GOAL_WORDS = ("力争", "争取", "达到", "达", "确保", "实现", "增长", "增加", "完成", "新增", "新建", "培育", "建设", "建成", "突破", "超过",
              "超", "控制", "不低于", "不少于", "目标", "提高", "提升", "降低", "下降", "减少", "削减", "引进", "举办", "组织", "成立", "打造",
              "创建", "争创", "推动", "推进", "开展", "安排", "筹措", "投资", "投入", "下达", "盘活", "撬动", "扩大", "培养", "支持", "改造",
              "保持", "办好", "落实", "拨付", "形成", "设立", "规划", "计划", "预计", "新改扩建", "实施", "引导", "吸引", "带动", "招引", "扶持",
              "认定", "选派", "选树", "评选", "遴选", "培训", "召开", "开工", "竣工", "改建", "扩建", "整合", "压减", "淘汰", "收储", "供应",
              "落地", "签约", "融资", "发行", "解决", "帮扶", "资助", "奖励", "补助", "年均", "累计达", "发放", "动员", "至少", "用于", "覆盖",
              "惠及", "吸纳", "带动", "储备", "收购", "筹集", "建立", "搭建", "规模", "推选", "推荐", "评定", "创成")
# what a policy's rules are made of: a loan cap, a subsidy to each buyer, a rate, a share of a price, an
# area or an age that qualifies, a period, what one may apply for
PARAMETER_WORDS = ("首付", "贷款额度", "额度", "限额", "利率", "税率", "费率", "补贴", "补助", "奖励", "资助", "兑现", "给予", "房票", "契税",
                   "面积", "个月", "月内", "日内", "年限", "单价", "每户", "每套", "每人", "每个", "每家", "每平方米", "每年", "最高", "最低",
                   "不超过", "不得超过", "不得", "上限", "下限", "年龄", "周岁", "缴存", "缴纳", "支付", "提取", "返还", "拨付", "减免", "贴息",
                   "可申请", "可按", "可提高", "可增购", "可购买", "可在", "购买", "购房", "对象为", "周期", "期限", "押金", "保证金", "价款",
                   "房款", "总价", "成交额", "收入", "起始价", "按照", "按", "迁入", "转移", "配比", "车位", "工作满", "享受", "申请", "办理",
                   "分期", "剩余", "保留", "分别")
# words that make a quantity an aggregate the plan commits to, whatever rule's words stand by it
AGGREGATE_WORDS = ("增长", "新增", "新开工", "开工建设", "建成", "筹集", "筹措", "到位", "累计", "力争", "目标", "任务", "规模", "总量", "总额",
                   "全年", "达到", "完成", "投入", "安排", "计划", "预计", "确保")
# words of a condition: a number under them qualifies who may apply (..., 即可申请)
CONDITION_WORDS = ("即可", "方可", "才能", "才可", "可申请", "可办理", "准予", "的,可", "时,")
# words of a cap or a share: the number is a rule's value whatever else the clause says
CAP_WORDS = ("最高", "上限", "不超过", "不得超过", "不高于", "保留")
# words that count the items of the plan's own list (共, 梳理出, 如下): the number before them is no target
OWN_ITEMS = ("共", "分解成", "分解为", "细化成", "细化为", "梳理出", "梳理", "列出", "明确了", "明确", "以下", "如下", "下列", "主要体现在")
# words of a report: what happened or stands already, not what is to be done
PAST_WORDS = ("截至", "截止", "已经", "已达", "已有", "已建", "已累计", "比上年", "上年", "去年", "同比", "环比", "增长了", "实现了", "完成了",
              "达到了", "共完成", "累计完成", "目前", "现有", "现已", "到目前", "先后", "共有", "今年以来", "以来", "拥有", "较年初", "比年初",
              "较上年")
# what opens a paragraph that reports figures: its numbers are statistics
REPORT_LEADS = ("数据显示", "统计显示", "据统计", "数据表明", "据介绍", "据了解", "记者从", "负责人表示", "负责人介绍")
