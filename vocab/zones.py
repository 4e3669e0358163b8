"""Named zones and their kinds: development zones, parks, bases, new districts (开发区, 园区, 示范基地, 新区).

``ingest/extract/zones.py`` names a zone when a proper modifier stands before its kind; the words
here tell a kind (:data:`ZONE_KINDS`), where a modifier starts (:data:`ZONE_STOPS`) and which
modifiers make a class rather than a name (:data:`CLASS_OPENERS`, :data:`GENERIC_MODIFIERS`).
"""
from __future__ import annotations

# kinds of zones: what a zone's name ends with
ZONE_KINDS = ("航天基地", "航空基地", "生态区", "港务区", "新城", "自由贸易试验区", "自由贸易港", "自贸试验区", "自贸区", "高新技术产业开发区", "高新技术产业园区",
              "高新技术开发区", "经济技术开发区", "经济开发区", "工业开发区", "技术开发区", "出口加工区", "综合保税区", "保税区", "产业集聚区", "示范产业园",
              "产业园区", "工业园区", "物流园区", "科技园区", "产业园", "工业园", "科技园", "示范基地", "产业基地", "合作示范区", "示范区", "合作区",
              "试验区", "实验区", "高新区", "经开区", "开发区", "核心区", "新区", "食品区", "集聚区", "园区")
# kinds a city has one of, named after it: 重庆经济技术开发区 is a proper name, 许昌市产业集聚区 a class
SPECIFIC_KINDS = ("经济技术开发区", "高新技术产业开发区", "经开区", "高新区", "综合保税区", "自由贸易试验区", "自由贸易港", "自贸试验区", "自贸区", "新区")
# kinds that name a city's own zone even without the city's name (高新区 in a city's plan)
BARE_KINDS = ("经济技术开发区", "高新技术产业开发区", "高新技术开发区", "经开区", "高新区", "航天基地", "航空基地", "综合保税区")
# words that cannot stand inside a zone's modifier (function words, verbs of a plan, quantifiers):
# a modifier starts after the last of them
ZONE_STOPS = ("的", "和", "与", "及", "在", "对", "把", "将", "为", "以", "向", "从", "于", "由", "是", "等", "、", "推进", "推动",
              "加快", "加强", "建设", "支持", "打造", "依托", "围绕", "包括", "其中", "培育", "发展", "创建", "申报", "争创", "设立", "入驻",
              "进入", "积极", "协调", "重点", "加大", "完成", "实施", "启动", "开展", "促进", "做好", "结合", "抓好", "提升", "规划", "位于",
              "设在", "落户", "含", "包含", "包括", "引进", "引导", "鼓励", "全力", "着力", "继续", "进一步", "优先", "各类", "各", "全省",
              "全市", "全区", "全县", "我省", "我市", "本市", "本省", "省级", "市级", "县级", "国家级", "自治区级", "所在", "相关", "有关",
              "一批", "若干", "这些", "其他", "每个", "一个", "两个", "现有", "新建", "已有", "并", "或", "同", "即", "如", "到", "至",
              "认定", "命名", "批准", "成为", "作为", "纳入", "争取", "申请", "组织", "指导", "开发", "加速", "实现", "服务", "管理", "研究",
              "制定", "编制", "调整", "确定", "形成", "拓展", "优化", "完善", "整合", "扩大", "壮大", "做大", "做强", "培养", "引领", "带动",
              "吸引", "鼓励", "提高", "突出", "落实", "明确", "加以", "按照", "通过", "利用", "委托", "代管", "历史上", "群众", "来", "驻",
              "因")
# modifiers that make a kind a class, not a name, when they are all there is (城市新区, 特色产业园)
GENERIC_MODIFIERS = ("城市", "县域", "专业", "特色", "现代", "城区", "中心城区", "农村", "产业", "工业", "示范", "新", "国家", "沿海", "重点",
                     "主导", "优势", "先进", "先进制造业", "特色主导", "各类", "省", "市", "县", "区", "城", "老")
# what opens a modifier of a class of zones (省级产业集聚区, 一批示范基地, 相关园区)
CLASS_OPENERS = ("国家级", "国家", "省级", "省", "市级", "县级", "新型", "先进", "现代化", "现代", "重点", "特色", "示范", "一批", "各", "全",
                 "本", "该", "这", "其", "所", "相关", "有关", "城市", "县域", "专业", "农村", "沿海", "中心")
# kinds of zones with an administration of their own (开发区管委会, 高新区管理委员会)
ADMINISTERED_KINDS = ("经济技术开发区", "高新技术产业开发区", "经济开发区", "开发区", "高新区", "经开区", "新区", "工业园区", "产业园区", "园区")
