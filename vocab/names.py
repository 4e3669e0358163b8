"""The words that make or break a body's name in running text and in a slot for names.

``ingest/extract/names.py`` accepts a form as a body's name when it opens with a prefix
(:data:`NAME_OPENERS`, a level character or a place), ends with a body's suffix
(:mod:`.bodies`, or one of :data:`SLOT_ENDINGS` in a slot for names) and holds none of
:data:`NAME_BREAKERS`; collectives (:data:`COLLECTIVE_WORDS`, :data:`GENERIC_BODIES`) and market actors
(:data:`COMPANY_WORDS`) name nobody one can look up.
"""
from __future__ import annotations

# words that open a body's name in running text, besides a level character (省, 市 ...) and a place
NAME_OPENERS = ("自治区", "自治州", "各", "中直", "国务院", "中共", "全国", "党中央", "中央")
# single characters a name never contains: function words and pronouns (和 inside 人力资源和社会保障 is masked first)
NAME_BREAKING_CHARS = "的与及或要将对在把被向从由同等为是和了并而但其这该此之您你我他她它"
# words a name never contains: the verbs and words of a plan around the names (落实, 负责, 按照 ...)
NAME_BREAKERS = ("以上", "以下", "以内", "所在", "省长", "市长", "县长", "抓好", "落实", "全面", "做好", "负责", "牵头", "配合", "进行",
                 "推进", "加强", "加快", "按照", "根据", "通过", "实施", "建设", "发展的")
# collectives: the bodies of a kind or a level together (有关部门, 两级, 成员单位), not one body
COLLECTIVE_WORDS = ("有关部门", "有关单位", "直属各", "直属单位", "两级", "三级", "各部门", "成员单位", "事业单位", "企业", "各专班")
# what qualifies a generic body without naming one (有关部门, 职能部门, 专项单位)
GENERIC_QUALIFIERS = ("级", "地", "直属", "成员", "有关", "相关", "大", "责任", "职能", "主管", "管理", "行政", "业务", "专项")
# generic bodies: a kind of body, no body anyone can look up (部门, 单位, 责任单位)
GENERIC_BODIES = ("部门", "单位", "机构", "委办局", "政府", "人民政府", "企业", "责任单位", "职能部门", "政府部门", "指挥部")
# endings a slot for names also takes besides a body's suffix (中心, 站, 集团, 街道 ...)
SLOT_ENDINGS = ("中心", "站", "所", "院", "集团", "协会", "商会", "联合会", "总会", "工会", "部", "处", "科", "队", "社", "馆", "机构",
                "专班", "公司", "银行", "分行", "支行", "署", "组", "执委会", "委会", "法院", "检察院", "街道", "乡镇", "镇", "乡", "平台",
                "处室", "科室")
# roles a marker names before 单位 or 部门 (责任单位, 牵头部门): the marker, not a name
MARKER_ROLES = ("责任", "牵头", "配合", "主办", "协办", "参与", "协同", "承办", "主责", "落实", "实施")
# what stands before 公司 in a company's name (有限公司, 置业公司): a market actor, not a body
COMPANY_WORDS = ("有限", "股份", "控股", "子", "置业", "开发", "投资", "地产", "实业", "贸易", "科技", "服务")
# a body's suffix standing alone in a list (委, 局, 部门 ...): the end of the name before it, not a name
BARE_SUFFIXES = ("委", "办", "厅", "局", "单位", "部门", "事业单位", "企业", "机构", "公司")
