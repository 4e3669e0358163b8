"""Raw text -> cleaned text: one script (simplified), half-width ASCII, no web clutter.

:func:`clean` is pure.  It returns the cleaned text -- every character span the extractor
reports indexes this text -- and the page metadata it lifted out before dropping the
metadata lines (index numbers, 文号, 发布机构, 成文日期 ... of government sites and law
databases), because some pages carry the document number or date only there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from ..vocab.patterns import DOCNO, normalize_docno
from ..vocab.web import ADVERT_WORDS, CHROME_OPENERS, FOOTER_OPENERS, NAV_WORDS, PAGE_CHROME
from ..vocab.words import alternation
from .relines import lost_lines, reline

# --- characters ---------------------------------------------------------------------------
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: None, 0x200C: None,
                   0x200D: None, 0xFEFF: None, 0x2028: 0x0A, 0x2029: 0x0A})
# control characters: the ones that break lines (a PDF's form feed, vertical tab, NEL, the file/group/record
# separators str.splitlines honours) become line ends, the others go -- no span may depend on them
_CONTROLS = {cp: None for cp in [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, *range(0x7F, 0x85), *range(0x86, 0xA0)]}
_CONTROLS.update({0x0B: 0x0A, 0x0C: 0x0A, 0x1C: 0x0A, 0x1D: 0x0A, 0x1E: 0x0A, 0x85: 0x0A})
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# full-width brackets that mark document numbers stay as they are
for _cp in (0xFF3B, 0xFF3D):
    _FULLWIDTH.pop(_cp, None)
_COMMON_WIDE = [("，", ","), ("：", ":"), ("（", "("), ("）", ")"), ("；", ";"), ("！", "!"), ("？", "?"),
                ("\u3000", " "), ("％", "%")]
_OTHER_WIDE = re.compile("[" + "".join(chr(c) for c in _FULLWIDTH if c > 127) + "]")
# pinyin glosses that some mirrors put after characters: 區(qū)
# (one to four syllables of pinyin after a Chinese character: 發(fā), 區(qū)域(qū yù); not an English word: 基金(reits))
_SYLLABLE = r"(?:[bpmfdtnlgkhjqxzcsrwy]h?)?[aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(?:ng|n|r)?"
GLOSS = re.compile(rf"\((?<=[\u3400-\u9fff]\()(?:{_SYLLABLE})(?: {_SYLLABLE}){{0,3}}\)")  # (the literal first: fast)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern:
    """The characters opencc changes when converting to simplified (繁体 only)."""
    everything = "".join(chr(c) for c in range(0x4E00, 0xA000))
    changed = {a for a, b in zip(everything, _t2s().convert(everything)) if a != b}
    return re.compile("[" + "".join(sorted(changed)) + "]")


def to_simplified(text: str) -> tuple[str, bool]:
    """Convert traditional characters to simplified when the text is written in them.

    >>> to_simplified("黑龍江省促進經濟穩增長的若干措施")
    ('黑龙江省促进经济稳增长的若干措施', True)
    >>> to_simplified("省发展改革委")
    ('省发展改革委', False)
    """
    if len(list(islice(_traditional().finditer(text, 0, 20000), 3))) < 3:
        return text, False  # (a cheap look for traditional-only characters spares most texts the conversion)
    conv = _t2s().convert(text)
    if conv == text:
        return text, False
    changed = sum(1 for a, b in zip(text, conv) if a != b) if len(conv) == len(text) else len(text)
    # a few variant characters in a simplified text are left alone
    if changed < 3 and changed < len(text) / 200:
        return text, False
    return conv, True


def normalize_chars(text: str) -> str:
    """Unify line ends, spaces and full-width ASCII (，：（） -> ,:()).

    >>> normalize_chars("各县（市、区）人民政府：\\r\\n１２％")
    '各县(市、区)人民政府:\\n12%'
    >>> normalize_chars("(\\x0c〔责任单位:\\x00市\\x1e财政局")
    '(\\n〔责任单位:市\\n财政局'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = text.translate(_CONTROLS)
    for wide, narrow in _COMMON_WIDE:  # the usual ones by plain replacement, which is much faster
        text = text.replace(wide, narrow)
    return text.translate(_FULLWIDTH) if _OTHER_WIDE.search(text) else text


# --- page metadata ------------------------------------------------------------------------
META_KEYS = {
    "索引号": None, "信息分类": None, "主题分类": None, "体裁分类": None, "组配分类": None, "所属类别": None,
    "法规类别": None, "效力级别": None, "时效性": None, "有效性": None, "是否修改": None, "公开方式": None,
    "公开形式": None, "公开范围": None, "关键字": None, "关键词": None, "主题词": None, "统一编号": None,
    "生效日期": "date_effective", "失效日期": None, "废止日期": None, "实施日期": "date_effective",
    "成文日期": "date_signed", "发文日期": "date_signed", "印发日期": "date_signed",
    "发布日期": "date_published", "发布时间": "date_published", "生成日期": "date_published",
    "文号": "doc_number", "发文字号": "doc_number", "发布文号": "doc_number", "文件编号": "doc_number",
    "发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布部门": "issuer", "发布单位": "issuer",
    "信息名称": "title", "名称": "title", "标题": "title",
    "信息来源": "source", "文件来源": "source", "来源": "source", "稿源": "source", "作者": None,
    "时间": "date_web", "日期": "date_web", "浏览量": None, "浏览次数": None, "阅读次数": None, "点击": None,
    "内容概览": None, "相关附件": None, "字体": None, "分享": None, "中文名": None, "外文名": None,
    "影响因素": None, "评论": None,
}
_KEY_ALT = "|".join(sorted(("\\s*".join(k) for k in META_KEYS), key=len, reverse=True))
META_PAIR = re.compile(rf"(?:【\s*)?(?P<key>{_KEY_ALT})\s*(?:】|[:|]|\s(?=\S))\s*")
_LEAD = re.compile(r"^[\s•·●▪\-|*]*")
_LEAD_CHARS = set(" \t•·●▪-|*")


def _meta_pairs(line: str) -> dict[str, str] | None:
    """Key/value pairs of a metadata line, or None when the line is not one.

    >>> _meta_pairs("• 索 引 号 :11411000005747138B/201204-00024")
    {'索引号': '11411000005747138B/201204-00024'}
    >>> _meta_pairs("文 号 | 德府发〔2016〕20号 | 发文日期 | 2016-11-04 | ||")
    {'文号': '德府发〔2016〕20号', '发文日期': '2016-11-04'}
    >>> _meta_pairs("【发文字号】冀政办发[2015]4号")
    {'发文字号': '冀政办发[2015]4号'}
    >>> _meta_pairs("时间:2021年11月12日 作者: 稿源:安徽省发展改革委")
    {'时间': '2021年11月12日', '作者': '', '稿源': '安徽省发展改革委'}
    >>> _meta_pairs("市发展改革委:负责拟订促进产业集聚区发展的政策措施") is None
    True
    """
    body = _LEAD.sub("", line) if line[:1] in _LEAD_CHARS else line
    first = META_PAIR.match(body)
    if not first:
        return None
    sep = body[first.start("key") + len(first.group("key")):first.end()].strip()
    matches = list(META_PAIR.finditer(body))
    # a key followed only by a space counts when the line holds two keys (来源 来源: 政府)
    if not sep and len(matches) < 2:
        return None
    out: dict[str, str] = {}
    for i, m in enumerate(matches):
        if i and m.start() < matches[i - 1].end():
            continue
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        key = re.sub(r"\s+", "", m.group("key"))
        value = body[m.end():end].strip(" |:")
        out.setdefault(key, value.strip())
    return out


# --- boilerplate ----------------------------------------------------------------------------
BOILERPLATE = re.compile(  # (no anchors and no IGNORECASE: the engine then skips ahead, fifteen times faster)
    alternation(PAGE_CHROME, r"首页\s*>", r">\s*正文"))
# chrome that opens a line: 标签:, 来源:, 责任编辑 …
BOILERPLATE_START = re.compile(alternation(CHROME_OPENERS, r"[Tt][Aa][Gg][Ss]?\s*:"))
# adverts and contact lines: only short lines, or lines with a phone number or a web address,
# since official text may mention 律师事务所 or 服务电话 in passing
ADVERT = re.compile(alternation(ADVERT_WORDS))
_CONTACT = re.compile(r"\d{7,}|www\.|https?://")
# once one of these appears in the last part of a page, the rest is footer
FOOTER = re.compile("^" + alternation(FOOTER_OPENERS, "tags?:"), re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_MARK = re.compile(r"[。,;]")
_SPACES = re.compile(r"[ \t]+")
_INLINE_JUNK = re.compile(r"\[接上页\]|\[接下页\]")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")


def is_substantive(line: str) -> bool:
    """A sentence of the document itself: long, mostly Chinese, with sentence punctuation.
    Such a line is never removed as page chrome, whatever words it mentions (微信公众号, a URL).

    >>> is_substantive("据微信公众号“黄山发布”消息,近日,黄山市住房和城乡建设局等九部门联合印发若干措施。")
    True
    >>> is_substantive("扫一扫在手机打开当前页"), is_substantive("Copyright © 2014-2018 版权所有")
    (False, False)
    """
    s = line.strip()
    if len(s) < 24 or not _SENTENCE_MARK.search(s):
        return False
    wide = (len(s.encode("utf-8")) - len(s)) // 2  # characters of three bytes: Chinese and its punctuation
    return wide >= 24 and wide >= 0.4 * len(s)  # (a web address makes a long Latin run inside a sentence)


def chrome_reason(line: str) -> str | None:
    """Why a line is page chrome a reader of the official text would never miss, or None.

    >>> chrome_reason("留言与评论(共有 0 条评论) |"), chrome_reason("Policy Overview"), chrome_reason("(责任单位:市发改委)")
    ('boilerplate', 'latin', None)
    >>> chrome_reason("设为首页 | 加入收藏 | 联系我们"), chrome_reason("https://www.gov.cn/zhengce/content.htm")
    ('boilerplate', None)
    """
    s = line.strip()
    return None if not s or is_substantive(s) else _chrome_look(s)  # (the cheap test first: most lines are sentences)


def _chrome_look(s: str) -> str | None:
    if BOILERPLATE.search(s) or BOILERPLATE_START.match(s):
        return "boilerplate"
    if ADVERT.search(s) and (len(s) <= 40 or _CONTACT.search(s)):
        return "advert"
    if s in NAV_WORDS:
        return "navigation"
    # Latin-only lines (site names, English navigation); digits and table bars are content
    if not _CJK.search(s) and re.search(r"[A-Za-z]", s) and not re.search(r"[\d|]", s) and not _URL_ONLY.match(s):
        return "latin"
    return None


def is_boilerplate(line: str) -> bool:
    return chrome_reason(line) is not None


# --- Markdown ----------------------------------------------------------------------------------
# a page saved as Markdown reads like plain text: heading marks, quote marks and list bullets at
# the start of a line, the rule line under a table's header, links (their text stays) and bold marks
_MD_LINE = re.compile(r"^(?:#{1,6}[ \t]+|(?:>[ \t]?)+|[-*+][ \t]+(?=\S))", re.M)
_MD_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$\n?", re.M)
_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,200})\]\((?:https?://|/|\.)[^()\s]{0,500}\)")
_MD_BOLD = re.compile(r"\*\*(?=\S)([^*\n]{1,200}?)\*\*")


def plain_markdown(text: str) -> str:
    """Markdown marks removed, the words kept: ``# 标题``, ``## 一、…``, ``> 注``, ``- 项``,
    ``[文字](链接)``, ``**粗体**``, and the ``|---|---|`` line of a table (its rows stay).

    >>> plain_markdown("# 关于X的通知\\n> 注:转载\\n## 一、总体要求\\n- 第一项\\n|序号|任务|\\n|---|---|\\n|1|做好规划|")
    '关于X的通知\\n注:转载\\n一、总体要求\\n第一项\\n|序号|任务|\\n|1|做好规划|'
    >>> plain_markdown("以[官方链接](https://www.x.gov.cn/a)为准,**责任单位**:市财政局")
    '以官方链接为准,责任单位:市财政局'
    >>> plain_markdown("增长-5%,-1.2")
    '增长-5%,-1.2'
    """
    if "#" in text or ">" in text or "- " in text or "* " in text:
        text = _MD_LINE.sub("", text)
    if "-|" in text or "|-" in text or "| -" in text or "- |" in text:
        text = _MD_RULE.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    return _MD_BOLD.sub(r"\1", text) if "**" in text else text


# --- records of crawled listings: DATE | 【TAG】TITLE | BODY | URL ----------------------------------
_RECORD = re.compile(r"^(?P<date>(?:19|20)\d{2}-\d{2}-\d{2})(?:\s+\d{2}:\d{2}(?::\d{2})?)?\s*\|\s*")
_TAG = re.compile(r"^【(?P<tag>[^】]{1,20})】")


def split_record(line: str, meta: dict[str, str]) -> list[str] | None:
    """The fields of a listing record on their own lines (nothing is dropped: they are the
    page's words); its date, tag and issuers also into ``meta``.

    >>> m = {}
    >>> split_record("2022-05-20 00:00:00 | 住建部、央行 | 关于实施支持政策的通知 | 各省人民政府: | https://x.cn/a.html", m)
    ['2022-05-20 00:00:00', '住建部、央行', '关于实施支持政策的通知', '各省人民政府:', 'https://x.cn/a.html']
    >>> m
    {'date_published': '2022-05-20', 'issuers': '住建部、央行'}
    >>> split_record("2024-07-20 00:00:00 | 【湖南省长沙市】《关于推行清单制度的通知》 | 各房地产开发企业需完善公示。", m)[1:]
    ['【湖南省长沙市】《关于推行清单制度的通知》', '各房地产开发企业需完善公示。']
    >>> m["tag"]
    '湖南省长沙市'
    """
    m = _RECORD.match(line)
    if not m:
        return None
    fields = [f.strip() for f in line[m.end():].split(" | ") if f.strip()]
    meta.setdefault("date_published", m.group("date"))
    url = fields.pop() if fields and _URL_ONLY.match(fields[-1]) else None
    head = [line[:m.end()].rstrip(" |")]
    if len(fields) >= 3 and len(fields[0]) <= 40 and not re.search(r"[《》。,:]", fields[0]):
        meta.setdefault("issuers", fields[0])
        head.append(fields.pop(0))
    if fields:
        tag = _TAG.match(fields[0])
        if tag:
            meta.setdefault("tag", tag.group("tag"))
    return head + fields + ([url] if url else [])


# --- brackets ----------------------------------------------------------------------------------
_CN_BRACKET = re.compile(r"〔([^〔〕\n]{0,80})〕")
_YEAR_ONLY = re.compile(r"\s*(?:19|20)\d{2}\s*")


def round_brackets(text: str) -> str:
    """〔〕 around anything but a document number's year are parentheses: 各县〔市、区〕政府〔管委会〕.

    >>> round_brackets("各县〔市、区〕政府〔管委会〕按豫政〔2012〕33号〔责任单位:市发改委〕")
    '各县(市、区)政府(管委会)按豫政〔2012〕33号(责任单位:市发改委)'
    """
    def swap(m: re.Match) -> str:
        return m.group(0) if _YEAR_ONLY.fullmatch(m.group(1)) else "\x00" + m.group(1) + "\x01"

    prev = None
    while prev != text:
        prev, text = text, _CN_BRACKET.sub(swap, text)
    return text.replace("\x00", "(").replace("\x01", ")")


@dataclass
class Cleaned:
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    converted: bool = False
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)


def clean(raw: str) -> Cleaned:
    """Clean a decoded document.

    >>> c = clean("文 号 | 某政发〔2017〕5号 | 发文日期 | 2017-05-23 |\\n各县人民政府:\\n　　现将方案印发给你们。\\n标签:\\n验证码:")
    >>> c.text
    '各县人民政府:\\n现将方案印发给你们。'
    >>> c.meta["doc_number"], c.meta["date_signed"]
    ('某政发〔2017〕5号', '2017-05-23')
    >>> c.dropped[0][1], c.dropped[-1]
    ('page-metadata', ('验证码:', 'boilerplate'))
    """
    text, converted = to_simplified(normalize_chars(raw))
    text = round_brackets(_INLINE_JUNK.sub("", GLOSS.sub("", plain_markdown(text))))
    meta: dict[str, str] = {}
    dropped: list[tuple[str, str]] = []
    kept = _lift_metadata(_lines(text, meta), meta, dropped)
    kept = _cut_footer(kept, dropped)
    out = []
    for ln in kept:
        why = chrome_reason(ln)
        if why:
            dropped.append((ln, why))
        else:
            out.append(ln)
    _normalize_meta(meta)
    return Cleaned("\n".join(out), meta, converted, dropped)


def _lines(text: str, meta: dict[str, str]) -> list[str]:
    """The text's lines, a listing record's fields each on its own, and in a text that lost its line
    breaks (:mod:`.relines`) the lines put back."""
    out = []
    lost = lost_lines(text)
    for ln in text.split("\n"):
        ln = (_SPACES.sub(" ", ln) if "  " in ln or "\t" in ln else ln).strip()
        fields = split_record(ln, meta) if ln else None
        if fields is None and lost:
            fields = reline(ln).split("\n")
        out.extend(fields if fields is not None else [ln] if ln else [])
    return out


def _lift_metadata(lines: list[str], meta: dict[str, str], dropped: list) -> list[str]:
    """Lines of page metadata (索引号, 文号, 成文日期 …) go into ``meta``, the rest stays."""
    kept = []
    for ln in lines:
        pairs = _meta_pairs(ln)
        if pairs is None or is_substantive(ln):
            kept.append(ln)
            continue
        for k, v in pairs.items():
            field_ = META_KEYS.get(k)
            if field_ and v and field_ not in meta:
                meta[field_] = v
        dropped.append((ln, "page-metadata"))
    return kept


def _cut_footer(lines: list[str], dropped: list) -> list[str]:
    """From the first footer line in the last 40% of the page on, chrome goes; a sentence of
    the document after it stays."""
    n = len(lines)
    for i, ln in enumerate(lines):
        if i >= n * 0.6 and FOOTER.search(ln):
            rest = lines[i:]
            dropped.extend((x, "footer") for x in rest if not is_substantive(x))
            return lines[:i] + [x for x in rest if is_substantive(x)]
    return lines


_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")


def _normalize_meta(meta: dict[str, str]) -> None:
    """Keep only usable values: a real 文号, dates without a time of day (a time means a web
    posting timestamp, not the signing date)."""
    if "doc_number" in meta:
        m = DOCNO.search(meta["doc_number"])
        if m:
            meta["doc_number"] = normalize_docno(m.group(0))
        else:
            del meta["doc_number"]
    for k in ("date_signed", "date_published", "date_effective", "date_web"):
        if k in meta and _TIME_OF_DAY.search(meta[k]):
            del meta[k]
    if "title" in meta and meta["title"].endswith("..."):
        del meta["title"]
