"""What is a measure of a plan and what is not: the words around the measures.

A plan's measures are its numbered items, the rows of its task tables and the paragraphs of an
unnumbered list of measures.  Around them stand words that are no measure: the preamble that
says why and by what authority the document is issued (``为贯彻…,制定本方案``, ``现提出如下
意见``, ``现将…印发给你们``), closing formulae (``特此通知``, ``本办法自…起施行``), annex and
contact lines, the signature block and its date, and a news page's report that a document was
issued (``近日,市住建局印发了…``).

Measures also name who carries them by function rather than by name: ``建设主管部门要…``,
``行业主管部门负责…``, ``各区要…``, ``建设单位应当…``; a document may define such a name for a
group of bodies (``市住房城乡建设管理委、市交通委等(以下统称“行业主管部门”)``).
"""
from __future__ import annotations

import re

from .patterns import DATE_CN, DATE_ISO
from .words import alternation

# a paragraph that says why or by what authority the document is issued, or hands it over (特制定本办法,
# 现印发给你们), besides the patterns below
PREAMBLE_WORDS = ("制定本", "特制定", "特提出", "现提出", "印发给你们", "转发给你们", "请遵照执行", "请结合实际", "现印发")
PREAMBLE = re.compile(alternation(
    PREAMBLE_WORDS, "提出(?:如下|以下)", "(?:通知|意见|措施|规定|事项|办法)如下", "如下(?:意见|通知|措施)",
    "现(?:将|就|把)[^。]{0,80}(?:印发|转发|通知|明确|提出)", "请认真(?:贯彻|遵照|组织|按照|抓好)", "现予(?:印发|公布)"))
# a news page's report of what was issued or said (not the measures it reports)
REPORT = re.compile(r"^(?:近日|日前|近期|目前|今年以来|记者|据(?:悉|了解|介绍|报道)|本报讯|[^,。;]{0,40}(?:印发|发布|出台|召开)了)")
# the kinds a document calls itself by in its closing formulae (本办法自…起施行, 本意见由…负责解释)
CLOSING_KINDS = ("办法", "意见", "方案", "细则", "措施", "规定", "通知", "政策", "实施意见", "实施方案", "若干措施", "计划", "规则", "条例",
                 "决定", "指引")
# closing formulae: when the document takes effect, who interprets it, what it repeals
CLOSING = re.compile(
    r"^(?:特此(?:通知|公告|函告|批复)|本" + alternation(CLOSING_KINDS)
    + r"(?:[^。]{0,40}(?:施行|执行|实施|有效期|废止|解释)|[^。]{0,20}(?:未尽事宜|与[^。]{0,20}不一致))|"
    r"(?:以上|上述)[^。]{0,20}(?:政策|措施)[^。]{0,20}(?:施行|执行|有效期))")
# lines that close the body: annexes, distribution, a printing line (contact lines do not: a
# policy package prints 咨询电话: under each measure)
BODY_CLOSE_LINE = re.compile(
    r"^\s*(?:附件\s*\d*\s*(?:[::.、].{0,80})?|附表\s*\d*.{0,60}|抄送[::].*|"
    r"[^。]{0,30}(?:办公室|办公厅)\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发)\s*$")


# a line of a working group's roster: a post and who holds it (组长:副区长X), not a measure
ROSTER_LINE = re.compile(r"^\s*(?:组\s*长|副\s*组\s*长|常务副组长|成\s*员|组\s*员|联络员|办公室主任|主\s*任|副主任|召集人|"
                         r"副召集人|总召集人|顾\s*问)\s*[:]")
# the list of annexes under 附件: (1.X实施方案 / 2.Y清单): titles, not measures
ANNEX_HEAD = re.compile(r"^\s*附\s*件\s*\d*\s*(?:[::]|$)")
ANNEX_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.、]|\(\d{1,2}\))?\s*[^。;,]{2,60}$")


def is_date_line(line: str) -> bool:
    """A line that is only a date (the signing date of a signature block).

    >>> is_date_line("2025年3月15日"), is_date_line("二〇二五年三月十五日"), is_date_line("2025年3月底前完成移交")
    (True, True, False)
    """
    s = line.strip().strip("()")
    if not s or len(s) > 16:
        return False
    m = DATE_CN.search(s) or DATE_ISO.search(s)
    return bool(m) and len(s) - (m.end() - m.start()) <= 1


# what a functional name of bodies ends with (建设主管部门, 项目单位, 开发区管委会, 各街镇), besides 各区/各县/各市
FUNCTIONAL_HOLDERS = ("部门", "单位", "机构", "主体", "管委会", "管理委员会", "街道", "乡镇", "街镇", "政府")
# what follows a functional name that is a clause's subject: a verb of duty, or a word that opens its
# work (要 not 要求, 负责 not 负责人; 应当 is read as 应)
FUNCTIONAL_VERBS = ("要", "应", "须", "必须", "需", "负责", "牵头", "统筹", "组织", "会同", "配合", "是", "按照", "根据", "依据", "依法",
                    "对", "结合", "加强", "做好", "落实", "建立", "制定", "开展", "推进", "定期", "及时", "共同", "联合", "分别", "在")
# a subject that names a body by its function, opening a clause that gives it work:
# 建设主管部门要…, 各行业主管部门应当…, 区各行业主管部门,负责…, 项目(法人)单位应…, 行业主管部门和建设单位应当…
_FUNCTIONAL_NAME = (
    r"(?:[省市县区]|各|本市|本区|本县|相关|有关|区各|市各|县各|市、区|省、市)?(?:(?![和及与、])[\u4e00-\u9fff()]){0,12}?"
    r"(?:主管部门|管理部门|行政部门|审批部门|监管部门|职能部门|[\u4e00-\u9fff]{1,6}部门|[\u4e00-\u9fff]{1,6}单位|"
    r"项目(?:\(法人\))?单位|[\u4e00-\u9fff]{1,6}机构|责任主体|管委会|管理委员会|街道办事处|街道|乡镇|街镇|"
    r"镇人民政府|区政府|县政府|区人民政府|县人民政府|各区|各县|各市|各街镇|各乡镇|各街道)")
FUNCTIONAL_SUBJECT = re.compile(
    rf"(?P<name>{_FUNCTIONAL_NAME}(?:(?:和|及|与|、){_FUNCTIONAL_NAME})*)"
    r"(?=[,、]?(?!要求|负责人)" + alternation(FUNCTIONAL_VERBS) + ")")
FUNCTIONAL_JOIN = re.compile(r"和|及|与|、")
# a definition of a functional name for a group of bodies: …等行业主管部门(以下统称“行业主管部门”)
FUNCTIONAL_DEFINITION = re.compile(r"\(以下(?:简称|统称|称|合称)[“\"]?(?P<name>[^”\"()]{2,16}?(?:部门|单位|机构|主体))[”\"]?\)")
