"""Document titles as Chinese official texts print them: in 《》, with nested 〈〉 or <>.

A title names a document when it ends with a document kind (通知, 意见, 办法, 条例 ...,
optionally followed by (试行), (征求意见稿), (2021-2025年) ...); forms, contracts and
certificates (《商品房买卖合同》, 《不动产权证书》) and bare kind words used as a short name
(《通知》, 《实施意见》) do not.  :func:`title_key` and :func:`title_variants` give the forms a
title is matched under, so that a citation, a stub and the cited document's own title meet
whichever layer compares them.

>>> t = "根据《国务院办公厅关于印发〈关于全面推进政务公开工作的实施意见〉的通知》精神"
>>> [(b.title, [i[0] for i in b.inner]) for b in bracketed_titles(t)]
[('国务院办公厅关于印发〈关于全面推进政务公开工作的实施意见〉的通知', ['关于全面推进政务公开工作的实施意见'])]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .hierarchy import without_places
from .words import alternation

MAX_TITLE = 200
# nested brackets inside a title, as printed
INNER_PAIRS = {"〈": "〉", "<": ">", "＜": "＞", "《": "》", "«": "»"}
DOC_KINDS = ("实施意见", "指导意见", "若干意见", "意见", "通知", "暂行办法", "办法", "实施方案", "工作方案", "方案",
             "规划", "决定", "批复", "复函", "函", "行动计划", "计划", "纲要", "实施细则", "细则", "规定", "通报",
             "公告", "通告", "措施", "举措", "要点", "安排", "条例", "决议", "法典", "法", "建议", "政策", "规则",
             "工作报告", "指引", "令")
# the kinds a document's heading line ends with (X关于…的通知, …实施方案(试行)); wider than
# DOC_KINDS in what a page heads (报告, 清单, 指南, 答复) and narrower in what a citation names (法, 令)
HEADING_KINDS = ("通知", "意见", "方案", "办法", "决定", "批复", "报告", "函", "规划", "计划", "纲要", "细则", "规定", "通报", "公告", "措施",
                 "要点", "安排", "清单", "条例", "决议", "公示", "指南", "指引", "通告", "规则", "标准", "建议", "答复", "举措")
# words that open a sentence of the body, never a title (为…, 根据…, 现将…, 近日…)
SENTENCE_OPENERS = ("为", "根据", "按照", "依据", "经", "现将", "近日", "日前", "请", "各", "据", "贯彻", "认真", "同时")
# what opens a line of a news page that is no headline: a sentence, a note, a question or an answer
NOT_HEADLINE_OPENERS = ("为", "根据", "按照", "经", "各", "近日", "日前", "注:", "问:", "答:")
# the kinds that end a title run into the text or broken over lines (关于…的通知 / 实施方案(试行))
RUN_IN_KINDS = ("通知", "意见", "方案", "办法", "决定", "措施", "规定", "细则", "公告", "通告", "批复", "函", "规划", "计划", "要点", "指引",
                "通报", "决议")
KIND_RE = re.compile(alternation(DOC_KINDS) + "$")
# trailing qualifiers: (试行) (暂行) (修订) (征求意见稿) (2021-2025年) (草案)
_TRAILER = re.compile(r"\s*[(（〔\[][^()（）〔〕\[\]]{1,16}[)）〕\]]\s*$")
# a kind word alone, or with a generic modifier: a short name, not a title
# modifiers of a kind that leave it generic (实施意见, 暂行办法, 相关规定)
GENERIC_KIND_MODIFIERS = ("若干", "实施", "指导", "暂行", "管理", "行动", "工作", "补充", "具体", "相关", "有关", "试行")
_GENERIC = re.compile("^(?:本|该|此|上述)?" + alternation(GENERIC_KIND_MODIFIERS) + "*" + alternation(DOC_KINDS) + "$")
# forms that end like a document kind: 《银行保函确认函》, 《告知承诺书》 is caught by having no kind
# what a form's 函 says it is (确认函, 告知函, 邀请函 ...): a form, not a document
FORM_LETTERS = ("确认", "告知", "询证", "承诺", "邀请", "催缴", "提示", "回执", "介绍", "征询")
_FORM = re.compile(alternation(FORM_LETTERS) + "函$|(?:申请|审批|登记|备案)(?:通知|意见)$")
_SPACES = re.compile(r"\s+")
_BRACKETS = str.maketrans({"〈": None, "〉": None, "<": None, ">": None, "＜": None, "＞": None, "《": None,
                           "》": None, "«": None, "»": None, "“": None, "”": None, '"': None, "（": "(", "）": ")",
                           "、": None, "·": None, "—": "-", "–": "-", "－": "-", "~": "-", "～": "-"})


@dataclass(frozen=True)
class Bracketed:
    """A 《…》 in the text: its content (line breaks removed), span and nested titles."""
    title: str
    start: int  # index of 《
    end: int  # index after 》
    inner: tuple[tuple[str, int, int], ...] = ()  # (title, start, end) of nested brackets

    @property
    def content_start(self) -> int:
        return self.start + 1


def _close(text: str, start: int) -> int | None:
    """Index of the 》 that closes the 《 at ``start`` (nested 《》 counted), or None."""
    depth = 0
    limit = min(len(text), start + MAX_TITLE + 2)
    for j in range(start, limit):
        ch = text[j]
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth -= 1
            if depth == 0:
                return j
        elif ch in "。;" or (ch == "\n" and text.count("\n", start, j) >= 3):
            return None
    return None


def _inner(text: str, a: int, b: int) -> tuple[tuple[str, int, int], ...]:
    out = []
    j = a
    while j < b:
        close = INNER_PAIRS.get(text[j])
        if close:
            k = text.find(close, j + 1, b)
            if k > j + 1:
                out.append((text[j + 1:k].replace("\n", "").strip(), j, k + 1))
                j = k + 1
                continue
        j += 1
    return tuple(out)


def bracketed_titles(text: str, start: int = 0, end: int | None = None) -> Iterator[Bracketed]:
    """Every outermost 《…》 in ``text[start:end]``; titles broken over lines are joined."""
    end = len(text) if end is None else end
    i = start
    while True:
        a = text.find("《", i, end)
        if a < 0:
            return
        b = _close(text, a)
        if b is None or b >= end:
            i = a + 1
            continue
        title = _SPACES.sub(lambda m: " " if "\n" not in m.group(0) else "", text[a + 1:b]).strip()
        yield Bracketed(title, a, b + 1, _inner(text, a + 1, b))
        i = b + 1


def strip_trailer(title: str) -> str:
    """'南京市人才安居办法(试行)' -> '南京市人才安居办法'."""
    prev = None
    while prev != title:
        prev, title = title, _TRAILER.sub("", title)
    return title


def kind_of(title: str) -> str | None:
    """The document kind a title ends with, or None for anything that is not a document.

    >>> kind_of("哈尔滨市保障性住房配售管理办法(试行)"), kind_of("商品房买卖合同"), kind_of("不动产权证书")
    ('办法', None, None)
    >>> kind_of("中华人民共和国城市房地产管理法"), kind_of("2024年政府工作报告"), kind_of("信用报告")
    ('法', '工作报告', None)
    """
    m = KIND_RE.search(strip_trailer(title))
    return m.group(0) if m else None


def is_generic(title: str) -> bool:
    """A kind word used as a short name (《通知》, 《实施细则(征求意见稿)》), not a title.

    >>> is_generic("通知"), is_generic("若干措施"), is_generic("实施细则(征求意见稿)"), is_generic("南京市人才安居办法")
    (True, True, True, False)
    """
    return bool(_GENERIC.match(strip_trailer(title)))


def names_document(title: str) -> bool:
    """Whether a bracketed title names a document (not a form, a short name or a slogan).

    >>> names_document("关于进一步规范发展公租房的意见"), names_document("实施意见"), names_document("住宅项目规范")
    (True, False, False)
    >>> names_document("银行保函确认函")
    False
    """
    core = strip_trailer(title)
    return kind_of(core) is not None and not is_generic(core) and len(core) >= 5 and not _FORM.search(core)


def title_key(title: str) -> str:
    """The form titles are compared under: no spaces, no bracket shapes, ASCII parentheses and dashes.

    >>> title_key("财政部 国家税务总局关于印发<北京市办法>的通知") == title_key("财政部、国家税务总局关于印发〈北京市办法〉的通知")
    True
    >>> title_key("扩大内需战略规划纲要(2022—2035年)") == title_key("扩大内需战略规划纲要(2022-2035年)")
    True
    """
    return _SPACES.sub("", title).translate(_BRACKETS)


_PAGE_TAG = re.compile(r"^(?:\s*【[^】]{1,40}】)+")
_ISSUER_SPLIT = re.compile(r"^(?P<issuer>.{2,80}?)(?=关于|印发|转发)")
_ATTACHED = re.compile(r"(?:关于)?印发(?P<x>.+?)(?:的)?通知$")
_WRAPPED = re.compile(r"^(?P<x>.+?)的通知$")


def split_title(title: str) -> tuple[str | None, str]:
    """(issuer part, rest) of a title: '国务院关于X的意见' -> ('国务院', '关于X的意见').

    >>> split_title("福建省住房和城乡建设厅关于印发〈若干措施〉的通知")
    ('福建省住房和城乡建设厅', '关于印发〈若干措施〉的通知')
    >>> split_title("关于加快发展保障性租赁住房的意见")
    (None, '关于加快发展保障性租赁住房的意见')
    """
    m = _ISSUER_SPLIT.match(title)
    if not m or title.startswith(("关于", "印发", "转发")):
        return None, title
    return m.group("issuer"), title[m.end():]


def attached_name(title: str) -> str | None:
    """The plan a 印发 notice carries: '…关于印发〈X〉的通知' -> 'X' (not for 转发: that is another document).

    >>> attached_name("福建省住房和城乡建设厅关于印发〈促进2025年一季度房地产市场发展良好开局的若干措施〉的通知")
    '促进2025年一季度房地产市场发展良好开局的若干措施'
    >>> attached_name("关于转发X的通知") is None
    True
    """
    _, rest = split_title(title)
    m = _ATTACHED.search(strip_trailer(rest))
    if not m:
        return None
    x = m.group("x").strip()
    if x[:1] in INNER_PAIRS and x[-1:] == INNER_PAIRS[x[0]]:
        x = x[1:-1]
    return x if names_document(x) else None


def strip_tag(title: str) -> str:
    """A page title without its source tag and outer 《》: '【中国政府网】《X的意见》' -> 'X的意见'.

    >>> strip_tag("【西藏自治区】进一步落实若干政策"), strip_tag("《关于促进住房领域消费的行动计划》")
    ('进一步落实若干政策', '关于促进住房领域消费的行动计划')
    """
    title = _PAGE_TAG.sub("", title).strip()
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1]
    return title


def title_variants(title: str) -> set[str]:
    """Keys a document may be cited under: the full title, without its issuer, and the
    attached plan's name (a city cites 《湖南省…若干措施》, the province titled it
    '…关于印发〈湖南省…若干措施〉的通知').

    >>> sorted(title_variants("湖南省住房和城乡建设厅关于印发<湖南省若干措施>的通知"))
    ['关于印发湖南省若干措施的通知', '湖南省住房和城乡建设厅关于印发湖南省若干措施的通知', '湖南省若干措施']
    >>> sorted(title_variants("【中国政府网】《国务院办公厅关于加快发展保障性租赁住房的意见》"))
    ['关于加快发展保障性租赁住房的意见', '国务院办公厅关于加快发展保障性租赁住房的意见']
    """
    title = strip_tag(title)
    out = {title_key(title)}
    issuer, rest = split_title(title)
    if issuer:
        out.add(title_key(rest))
    plan = attached_name(title)
    if plan:
        out.add(title_key(plan))
    wrapped = _WRAPPED.match(strip_trailer(rest))
    if wrapped and not wrapped.group("x").startswith("关于") and names_document(wrapped.group("x")):
        out.add(title_key(wrapped.group("x")))  # 《X若干政策的通知》 cites the policy X
    return {k for k in out if len(k) >= 5}


_BRACKETED = re.compile(r"[《<〈＜]([^《》<>〈〉＜＞]{4,})[》>〉＞]")
_ABOUT = re.compile(r"^(?:关于)?(?:印发|转发|批转|公布)?")
_WRAPPER = re.compile(r"的?(?:通知|意见|决定|批复|通报|公告|通告)$")
_STEM_END = re.compile(r"(?:(?:实施|工作|具体|操作|若干|暂行|试行|补充)*" + alternation(DOC_KINDS) + r")+$")
_LEVEL_WORD = re.compile(r"^(?:本|全)?(?:自治区|[省市县区州盟旗])级?")


def title_stem(title: str | None) -> str | None:
    """What a plan is about, the same at every level: the plan's name without the places and the
    level words that open it (上海市, 静安区, 市级, 本区) and without its kind (办法, 实施方案), so
    that a district's plan meets the municipal plan it carries down; None when too little is left.

    >>> title_stem("上海市人民政府关于批转市住房城乡建设管理委制订的《上海市市级城市维护项目管理办法》的通知")
    '城市维护项目管理'
    >>> title_stem("静安区区级城市维护项目管理办法(试行)"), title_stem("黄浦区排水管理体制改革实施方案")
    ('城市维护项目管理', '排水管理体制改革')
    >>> title_stem("关于印发若干措施的通知") is None
    True
    """
    t = strip_tag(_SPACES.sub("", title or "")).lstrip("#").strip()
    m = _BRACKETED.findall(t)
    name = m[-1] if m else _WRAPPER.sub("", _ABOUT.sub("", split_title(t)[1]))
    name = strip_trailer(_ABOUT.sub("", name))
    rest = without_places(name)
    if rest != name:
        rest = _LEVEL_WORD.sub("", rest)
    rest = _LEVEL_WORD.sub("", rest) if rest.startswith(("本", "全")) else rest
    stem = title_key(_STEM_END.sub("", strip_trailer(rest))).removesuffix("的")
    return stem if len(stem) >= 5 else None
