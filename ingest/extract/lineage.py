"""How a document relates to others: the titles it cites, the documents it repeals, its own
validity.  (Every issuer of a joint notice is the header's business: :mod:`.issuer`.)

Chinese official documents name other documents by title in 《》, usually with the 文号
printed right after (``《X》(豫政〔2021〕6号)``), and say why: a basis (``根据/按照/贯彻落实
《X》``), the document's own attached plan (``现将《X》印发给你们`` -- a second title of this
document, not a citation), a report of another body's act (``省住建厅印发《X》``).  Repeals
follow a few fixed shapes -- ``《X》(…号)同时废止``, ``废止《X》``, ``原《X》…停止执行``,
lists of several titles or numbers -- while the same verbs also stop policies, coupons and
the document itself (``有效期满后自行废止``), which name no document and are not repeals.

Every function here is pure: text in, records out, each with its character span and rule.

>>> t = ("根据《国务院关于规划建设保障性住房的指导意见》(国发〔2023〕14号)精神,制定本办法。"
...      "本办法自2024年1月1日起施行,《许昌市保障房管理办法》(许政〔2019〕6号)同时废止。")
>>> [(c.title, c.number, c.role) for c in find_cited(t)]
[('国务院关于规划建设保障性住房的指导意见', '国发〔2023〕14号', 'basis'), ('许昌市保障房管理办法', '许政〔2019〕6号', 'repealed')]
>>> [(r.title, r.number, r.rule) for r in find_repeals(t)]
[('许昌市保障房管理办法', '许政〔2019〕6号', 'repeal:after')]
>>> [(v.kind, v.value) for v in find_validity(t)]
[('effective', '2024-01-01')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...vocab.citations import BASIS_WORDS, PROVISION_ONLY_VERBS, REPEAL_MODALS, REPEAL_VERBS, SELF_KINDS
from ...vocab.docnumbers import find_numbers, number_key
from ...vocab.patterns import DATE_CN, cn_small_int, parse_date
from ...vocab.sentences import SENTENCE_ENDS, sentence_at
from ...vocab.titles import Bracketed, bracketed_titles, kind_of, names_document, split_title, title_key
from ...vocab.words import alternation
from .issuer import split_issuers


# --- objects: titles and numbers that name a document ------------------------------------
@dataclass(frozen=True)
class DocRef:
    """A document named in the text: a title, its number, or both."""
    title: str | None
    number: str | None
    start: int  # span of the whole reference (title and number)
    end: int
    bracket: Bracketed | None = None
    number_span: tuple[int, int] | None = None
    alias_of: int | None = None  # index of the reference a short name (以下简称《X》) stands for


# the gap between a title and its number: 《X》(豫政〔2021〕6号) / 《X》文件(…) / 《X》 豫政…
_NUMBER_GAP = re.compile(r"^\s*(?:文件)?\s*[(（]?\s*$")
_ALIAS = re.compile(r"^[^()（）]{0,60}?[(（,，]\s*(?:以下)?(?:简称|称)\s*[《“\"](?P<alias>[^》”\"]{1,20})[》”\"]")


def doc_refs(text: str) -> list[DocRef]:
    """Every title that names a document (with the number printed next to it) and every
    number on its own; a short name defined by 以下简称《X》 and used later refers back."""
    numbers = list(find_numbers(text))
    used: set[int] = set()
    refs: list[DocRef] = []
    aliases: dict[str, int] = {}
    definitions: list[int] = []  # where a short name is defined: (以下简称《X》) names nothing new
    for b in bracketed_titles(text):
        if b.start in definitions:
            continue
        if b.title in aliases:
            ref = refs[aliases[b.title]]
            refs.append(DocRef(ref.title, ref.number, b.start, b.end, b, None, aliases[b.title]))
            continue
        if not names_document(b.title):
            continue
        num = next(((i, n) for i, n in enumerate(numbers) if n[1] >= b.end and n[1] - b.end <= 40
                    and _NUMBER_GAP.match(text[b.end:n[1]])), None)
        end, number, nspan = b.end, None, None
        if num:
            used.add(num[0])
            number, nspan = num[1][0], (num[1][1], num[1][2])
            end = num[1][2] + (1 if text[num[1][2]:num[1][2] + 1] in ")）" else 0)
        refs.append(DocRef(b.title, number, b.start, end, b, nspan))
        m = _ALIAS.match(text[end:end + 90])
        if m:
            aliases[m.group("alias")] = len(refs) - 1
            definitions.append(end + m.start("alias") - 1)
    inside = [(r.start, r.end) for r in refs]
    for i, (norm, a, b, _form) in enumerate(numbers):
        if i not in used and not any(s <= a < e for s, e in inside):
            refs.append(DocRef(None, norm, a, b, None, (a, b)))
    refs.sort(key=lambda r: r.start)
    return refs


_NOT_NEWLINE = re.compile(r"[^\n]")


def _masked(text: str, refs: list[DocRef]) -> str:
    """The text with every reference blanked out, so that words inside titles are not read
    as the sentence's own verbs."""
    parts, pos = [], 0
    for r in refs:
        if r.end <= pos:
            continue
        start = max(r.start, pos)
        parts += [text[pos:start], _NOT_NEWLINE.sub("□", text[start:r.end])]
        pos = r.end
    return "".join(parts) + text[pos:]


def _clause_start(masked: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last , : or sentence end."""
    s = pos
    while s > 0 and masked[s - 1] not in SENTENCE_ENDS + ",:":
        s -= 1
    return s


# --- cited documents ----------------------------------------------------------------------
@dataclass(frozen=True)
class Cited:
    """A document this text names by title, why, and what else the citation tells."""
    title: str
    number: str | None
    start: int  # span of 《…》
    end: int
    role: str  # basis | attached | forwarded | repealed | issued | mention
    rule: str
    kind: str  # the document kind the title ends with (通知, 意见, 法 ...)
    number_span: tuple[int, int] | None = None
    issuer_hint: tuple[str, ...] = ()  # the bodies printed before the title: 国务院办公厅《…》
    date_hint: str | None = None  # ISO date, or YYYY-MM / YYYY, printed before the title
    inner: tuple[tuple[str, str], ...] = ()  # nested titles and how the outer one treats them


ROLE_RANK = {"repealed": 5, "attached": 4, "forwarded": 4, "basis": 3, "issued": 2, "mention": 1}
BASIS = re.compile(alternation(BASIS_WORDS))
ISSUE = re.compile(r"(?:联合|共同|制定|正式|相继|先后)?(?:印发|出台|发布|公布|下发|颁布|制定|出具|发出)(?:了)?")
_ATTACH_LEFT = re.compile(r"现(?:将|把)(?:[^,。;□]{0,24}?(?:制定|起草|修订|拟定|编制)的)?\s*$")
_ATTACH_RIGHT = re.compile(r"^\s*(?:[(（][^()（）]{0,30}[)）])?\s*(?:予以|现予|现予以)?(?P<verb>印发|下发|发布|转发|公布)")
_APPROVED = re.compile(r"现(?:予|予以|将其)?(?P<verb>印发|转发|下发|发布)")
_HEADING_LEFT = re.compile(r"关于(?P<verb>印发|转发|发布)\s*$")
# a heading line 一、起草依据 / (一)政策依据: the enumerated items under it are the basis
_BASIS_HEADING = re.compile(r"(?m)^[ \t]*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])?[^\n。]{0,10}"
                            r"(?:依据|根据)[ \t]*[:]?[ \t]*$")
_TOP_HEADING = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]+、")
_ISSUER_TAIL = re.compile(r"(?:等[一二三四五六七八九十\d]+(?:个)?部门)?(?:联合|共同)?(?:印发|出台|发布|制定|下发|颁布)?"
                          r"(?:了|的)?\s*$")


def _attached(ref: DocRef, verb: str) -> str:
    """What 现将《X》印发/转发给你们 makes of X: this document's own plan, or, when X is a whole
    notice of another body (现将《省政府关于…的通知》转发给你们), that notice forwarded."""
    return "forwarded" if verb == "转发" and split_title(ref.title or "")[0] else "attached"


def _role(masked: str, ref: DocRef) -> tuple[str, str]:
    """(role, rule) of one title from the words around it."""
    s0 = sentence_at(masked, ref.start)[0]
    left, clause = masked[s0:ref.start], masked[_clause_start(masked, ref.start):ref.start]
    right = masked[ref.end:sentence_at(masked, ref.end)[1]]
    m = _ATTACH_RIGHT.match(right)
    if _ATTACH_LEFT.search(left) and m:
        return _attached(ref, m.group("verb")), "cite:attached"
    m = _APPROVED.search(right)
    if m and len(left.strip()) <= 24 and not BASIS.search(left) and "同意" in right[:m.start()]:
        return _attached(ref, m.group("verb")), "cite:approved"
    if BASIS.search(clause):
        return "basis", "cite:basis"
    m = _HEADING_LEFT.search(clause)
    if m and re.match(r"^\s*的?通知", right):  # X关于印发《Y》的通知: this document's heading
        return ("forwarded" if m.group("verb") == "转发" else "attached"), "cite:heading"
    if ISSUE.search(clause):
        return "issued", "cite:issued"
    head = masked.rfind("\n", 0, ref.start)
    block = masked[max(0, head - 1500):head + 1]
    hm = list(_BASIS_HEADING.finditer(block))
    if hm and not _TOP_HEADING.search(block, hm[-1].end()):
        return "basis", "cite:basis-list"
    return "mention", "cite:mention"


def _hints(masked: str, ref: DocRef) -> tuple[tuple[str, ...], str | None]:
    """(issuer, date) printed just before a title: 2023年8月31日中国人民银行印发的《X》."""
    clause = masked[_clause_start(masked, ref.start):ref.start]
    m = BASIS.search(clause)
    tail = clause[m.end():] if m else clause
    tail = tail.split("□")[-1].lstrip("、和及与")
    date = None
    dm = DATE_CN.search(tail)
    if dm:
        date = parse_date(dm.group(0))
        tail = tail[:dm.start()] + tail[dm.end():]
    else:
        dm = re.search(r"(?P<y>(?:19|20)\d{2})年(?:(?P<m>\d{1,2})月)?|\d{1,2}月(?:\d{1,2}日)?", tail)
        if dm and dm.group("y"):  # a month and day without the year is not kept
            date = dm.group("y") + (f"-{int(dm.group('m')):02d}" if dm.group("m") else "")
        if dm:
            tail = tail[:dm.start()] + tail[dm.end():]
    tail = _ISSUER_TAIL.sub("", re.sub(r"^\s*(?:于|在)?|\([^()]*\)", "", tail)).strip()
    tail = re.sub(r"(?:关于|等[一二三四五六七八九十\d]+个?部门)$", "", tail)
    names = split_issuers(tail) if tail else []
    # only a run of bodies is an issuer: not 加快商业办公商品房去库存, not 我局起草
    if not names or sum(map(len, names)) < 0.8 * len(re.sub(r"[\s、,和及与]", "", tail)):
        return (), date
    return tuple(names), date


def _inner(ref: DocRef, text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for title, a, _b in ref.bracket.inner if ref.bracket else ():
        before = text[ref.start:a]
        rel = ("attached" if re.search(r"印发\s*$", before) else "forwarded" if re.search(r"转发\s*$", before)
               else "implemented" if re.search(r"(?:贯彻落实|贯彻|落实|执行)\s*$", before) else "mention")
        out.append((title, rel))
    return tuple(out)


def _is_part(text: str, refs: list[DocRef], i: int) -> bool:
    """An 附件 title inside another reference's sentence: 《X》(…号)附件3《Y》 is part of X."""
    return i > 0 and bool(re.match(r"^\s*附件\s*\d*\s*$", text[refs[i - 1].end:refs[i].start]))


def find_cited(text: str, refs: list[DocRef] | None = None, repeals: list[Repeal] | None = None) -> list[Cited]:
    """Every title in 《》 that names a document, with its number, role and hints (``refs`` and
    ``repeals``: what :func:`doc_refs` and :func:`find_repeals` gave, when the caller has them)."""
    refs = doc_refs(text) if refs is None else refs
    masked = _masked(text, refs)
    repealed = {(r.start, r.end) for r in (find_repeals(text, refs) if repeals is None else repeals)}
    out = []
    for i, ref in enumerate(refs):
        if ref.title is None or ref.alias_of is not None or _is_part(text, refs, i):
            continue
        if any(a <= ref.start < b for a, b in repealed):
            role, rule = "repealed", "cite:repealed"
        else:
            role, rule = _role(masked, ref)
        issuer, date = _hints(masked, ref)
        out.append(Cited(ref.title, ref.number, ref.bracket.start, ref.bracket.end, role, rule,
                         kind_of(ref.title) or "", ref.number_span, issuer, date, _inner(ref, text)))
    return out


def _merge(prev: Cited, c: Cited) -> Cited:
    best = c if ROLE_RANK[c.role] > ROLE_RANK[prev.role] else prev
    return replace(prev, number=prev.number or c.number, role=best.role, rule=best.rule,
                   number_span=prev.number_span or c.number_span, issuer_hint=prev.issuer_hint or c.issuer_hint,
                   date_hint=prev.date_hint or c.date_hint, inner=prev.inner or c.inner)


def distinct_cited(cited: list[Cited]) -> list[Cited]:
    """One record per cited document (same number, else same title): the first mention's
    span, the strongest role, and the number and hints any mention printed."""
    groups: list[Cited] = []
    index: dict[str, int] = {}
    for c in cited:
        keys = [title_key(c.title)] + ([number_key(c.number)] if c.number else [])
        i = next((index[k] for k in keys if k in index), None)
        if i is None:
            groups.append(c)
            i = len(groups) - 1
        else:
            groups[i] = _merge(groups[i], c)
        for k in keys:
            index[k] = i
    return groups


# --- repeals ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Repeal:
    """A document this text repeals (SUPERSEDES candidate), by title and/or number."""
    title: str | None
    number: str | None
    start: int  # span of the reference
    end: int
    trigger: str
    trigger_start: int
    rule: str  # repeal:after | repeal:before | repeal:clause | repeal:list
    partial: bool = False  # only some articles stop
    modality: str = "done"  # done | proposed (拟予以废止) | reported (已废止, X于…起废止)


VERB = re.compile(alternation(REPEAL_VERBS))
# verbs that lift a provision of a named document, never a whole one: 取消《X》中“…”, 《X》中关于…的限制解除
# between the last repealed reference and a trailing verb: 《X》(…号)文件同时废止 / 显示“已废止”
_AFTER_GAP = re.compile(r"^[\s)）]*(?:[(（][^()（）。]{1,24}[)）])?\s*(?:等)?(?:文件|号文件?|等文件)?\s*(?:显示|标注为?)?[“\"]?\s*"
                        r"(?:自本[^,。;]{0,8}(?:施行|实施|执行|印发|发布|生效)之日起|(?:在)?本[^,。;]{0,8}(?:施行|实施)后)?"
                        r"\s*(?:也|均|亦|一律)?\s*(?:已经?被?|已)?\s*(?:同时|相应|一并|随即|随之|即行|即|自行|自然)?\s*(?:予以)?$")
# between two references of one list: 、 和 及 以及 与 (a comma starts another clause), then 原 / 2023年11月印发的
_LIST_GAP = re.compile(r"^[\s)）]*(?:文件)?\s*(?:[、和及与]|以及)\s*(?:原)?\s*"
                       r"(?:[^《》。;,、□]{0,30}?(?:发布|印发|施行|出台|通过|制定|下发)的)?\s*(?:原)?\s*$")
# partial: 《X》(…号)附件3《Y》第五条第一款有关内容…相应停止执行 / 《X》中第十一条…的规定
_PART = re.compile(r"第[一二三四五六七八九十百零\d]+[条款章项节]|条款|有关内容|的规定|相关规定|有关规定|附件|^[\s)）]*(?:文件)?中(?:关于|的)")
_BEFORE_GAP = re.compile(r"^\s*[:]?\s*(?:原)?\s*$")
_LIST_INTRO = re.compile(r"^\s*(?:以下|下列|如下)[^。\n《]{0,20}?[:]?\s*\n")
_MODAL = re.compile(r"^[\s,]*" + alternation(REPEAL_MODALS, "经[^,。]{0,12}同意") + r"*\s*(?:予以)?$")
_PROPOSED = re.compile(r"拟|建议|提请")
_REPORTED = re.compile(r"已经?被?\s*$|随即|随之|于[^,。;]{0,16}起\s*$")


def _run_back(text: str, refs: list[DocRef], last: int) -> list[int]:
    """Indices of the list of references that ends with ``refs[last]``."""
    run = [last]
    i = last
    while i > 0 and _LIST_GAP.match(text[refs[i - 1].end:refs[i].start]):
        i -= 1
        run.insert(0, i)
    return run


def _run_forward(text: str, refs: list[DocRef], first: int) -> list[int]:
    run = [first]
    i = first
    while i + 1 < len(refs) and _LIST_GAP.match(text[refs[i].end:refs[i + 1].start]):
        i += 1
        run.append(i)
    return run


def _listed(text: str, refs: list[DocRef], pos: int) -> list[int]:
    """References on the lines that follow a 废止以下文件: intro, up to the first line without one."""
    out = []
    line_start = text.find("\n", pos) + 1
    while 0 < line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        on_line = [i for i, r in enumerate(refs) if line_start <= r.start < line_end]
        if not on_line and text[line_start:line_end].strip():
            break
        out.extend(on_line[:1])
        line_start = line_end + 1
    return out


def _objects(text: str, masked: str, refs: list[DocRef], v: re.Match) -> tuple[list[int], str, bool]:
    """(indices of the repealed references, rule, partial) for one repeal verb."""
    a, b = v.start(), v.end()
    after = next((i for i, r in enumerate(refs) if r.start >= b), None)
    if after is not None and _BEFORE_GAP.match(masked[b:refs[after].start]):
        run = _run_forward(text, refs, after)
        tail = masked[refs[run[-1]].end:sentence_at(masked, refs[run[-1]].end)[1]]
        partial = bool(re.match(r"^\s*(?:[(（][^()（）]{0,12}[)）])?\s*(?:文件)?\s*(?:中的|中|的)?\s*(?:第|有关|关于|附件|[“\"])",
                                tail))
        return run, "repeal:before", partial
    if _LIST_INTRO.match(text[b:b + 40]) or (re.match(r"^\s*[:]\s*\n", text[b:b + 8])
                                             and re.search(r"以下|下列|如下", masked[_clause_start(masked, a):a])):
        return _listed(text, refs, b), "repeal:list", False
    before = [i for i, r in enumerate(refs) if r.end <= a]
    if before:
        last = before[-1]
        part = _is_part(text, refs, last)  # 《X》(…号)附件3《Y》第五条…停止执行: part of X
        last -= part
        gap = masked[refs[last].end:a]
        if not part and _AFTER_GAP.match(gap):
            return _run_back(text, refs, last), "repeal:after", False
        if len(gap) <= 80 and _PART.search(gap) and not re.search(r"[。,;\n]", gap):
            return (_run_back(text, refs, last) if not part else [last]), "repeal:after", True
    clause = _clause_start(masked, a)
    if _MODAL.match(masked[clause:a]):
        s0 = sentence_at(masked, a)[0]
        named = [i for i in before if refs[i].start >= s0 and not BASIS.search(masked[s0:refs[i].start])]
        return named, "repeal:clause", False
    return [], "", False


def find_repeals(text: str, refs: list[DocRef] | None = None) -> list[Repeal]:
    """Every named document the text repeals or stops, in whole or in part, one record per
    document (a title and its number mentioned twice are one)."""
    refs = doc_refs(text) if refs is None else refs
    masked = _masked(text, refs)
    out: list[Repeal] = []
    seen: dict[str, int] = {}
    for v in VERB.finditer(masked):
        objs, rule, partial = _objects(text, masked, refs, v)
        if v.group(0) in PROVISION_ONLY_VERBS and not partial:
            continue
        left = masked[_clause_start(masked, v.start()):v.start()]
        modality = ("proposed" if _PROPOSED.search(left) else "reported" if _REPORTED.search(left) else "done")
        for i in objs:
            r = refs[i]
            title, number = r.title, r.number
            keys = [k for k in (number and number_key(number), title and title_key(title)) if k]
            j = next((seen[k] for k in keys if k in seen), None)
            rec = Repeal(title, number, r.start, r.end, v.group(0), v.start(), rule, partial, modality)
            if j is None:
                out.append(rec)
                j = len(out) - 1
            else:  # 废止《X》 … 《X》(…号)文件废止: one document, title and number from both
                out[j] = replace(out[j], title=out[j].title or title, number=out[j].number or number)
            for k in keys:
                seen[k] = j
    return out


# --- the document's own validity -----------------------------------------------------------
@dataclass(frozen=True)
class Validity:
    """When this document takes effect or ends: its own dates, not a repeal of another."""
    kind: str  # effective | expires | term_years | expires_on_term
    value: str | None  # ISO date, 'on-issue', a number of years
    start: int
    end: int
    rule: str


_SELF = "(?:本|该|此)?" + alternation(SELF_KINDS) + "?"
_SELF_FIRST = "".join(dict.fromkeys(w[0] for w in SELF_KINDS))  # (a look-ahead of first characters: the engine skips ahead)
_DATE = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年\d{0,2}[一二三四五六七八九十]{0,3}月\d{0,2}[一二三四五六七八九十]{0,3}日"
_VALIDITY = (
    ("effective", re.compile(rf"(?=[本该此{_SELF_FIRST}自从于]){_SELF}(?:自|从|于)\s*(?P<date>{_DATE}|(?:发布|印发|公布|颁布|下发)之日)\s*起?\s*"
                             r"(?:开始)?(?:施行|执行|实施|生效)")),
    ("expires", re.compile(rf"(?:有效期|执行期|实施期)(?:限)?(?:为[^,。;]{{0,16}})?(?:至|到|截至)\s*(?P<date>{_DATE})")),
    ("expires", re.compile(rf"(?=[施执实])(?:施行|执行|实施)\s*,\s*(?P<date>{_DATE})\s*(?:废止|失效|止)")),
    ("term_years", re.compile(r"有效期\s*(?:为|暂定)?\s*(?P<date>[一二三四五六七八九十\d]{1,3})\s*年")),
    ("expires_on_term", re.compile(r"有效期(?:满|届满)(?:后)?\s*(?:自行|自动)?(?P<date>)(?:废止|失效)")),
)


_VALIDITY_WORDS = {"effective": re.compile("施行|执行|实施|生效"), "expires": re.compile("有效期|执行期|实施期|废止|失效"),
                   "term_years": re.compile("有效期"), "expires_on_term": re.compile("有效期")}


def find_validity(text: str) -> list[Validity]:
    """The document's own effective and expiry dates (``自2024年1月1日起施行``,
    ``有效期至2028年9月30日``, ``有效期5年``, ``有效期满后自行废止``)."""
    out = []
    present: dict[str, bool] = {}  # word pattern -> found (有效期 serves three kinds: searched once)
    for kind, rx in _VALIDITY:
        words = _VALIDITY_WORDS[kind].pattern
        if words not in present:
            present[words] = _VALIDITY_WORDS[kind].search(text) is not None
        if not present[words]:
            continue  # (a plain search for the words these patterns need spares most texts the patterns)
        for m in rx.finditer(text):
            raw = m.group("date")
            if kind == "term_years":
                value = str(cn_small_int(raw))
            elif kind == "expires_on_term":
                value = None
            else:
                value = "on-issue" if raw.endswith("之日") else parse_date(raw)
                if value is None:  # 自2022年月日起施行: a draft's blank date
                    continue
            out.append(Validity(kind, value, m.start(), m.end(), f"validity:{kind}"))
    out.sort(key=lambda v: v.start)
    return out


# --- the extraction record ----------------------------------------------------------------------
def lineage_facts(text: str) -> dict:
    """The ``cited``, ``repeals`` and ``validity`` records of an extraction (spec/extraction.md):
    one record per cited document, each with its span and rule.

    >>> f = lineage_facts("按照《省政府关于加快发展的意见》(豫政〔2021〕6号)要求,原《办法》(许政〔2015〕3号)同时废止。")
    >>> [(c["title"], c["number"], c["role"]) for c in f["cited"]]
    [('省政府关于加快发展的意见', '豫政〔2021〕6号', 'basis')]
    >>> [(r["number"], r["rule"], r["partial"]) for r in f["repeals"]]
    [('许政〔2015〕3号', 'repeal:after', False)]
    """
    refs = doc_refs(text)
    repeals = find_repeals(text, refs)
    return {
        "cited": [{"title": c.title, "number": c.number, "span": [c.start, c.end], "role": c.role, "rule": c.rule,
                   "kind": c.kind, "number_span": list(c.number_span) if c.number_span else None,
                   "issuer_hint": list(c.issuer_hint), "date_hint": c.date_hint, "inner": [list(i) for i in c.inner]}
                  for c in distinct_cited(find_cited(text, refs, repeals))],
        "repeals": [{"title": r.title, "number": r.number, "span": [r.start, r.end], "trigger": r.trigger,
                     "trigger_span": [r.trigger_start, r.trigger_start + len(r.trigger)], "rule": r.rule,
                     "partial": r.partial, "modality": r.modality} for r in repeals],
        "validity": [{"kind": v.kind, "value": v.value, "span": [v.start, v.end], "rule": v.rule}
                     for v in find_validity(text)],
    }
