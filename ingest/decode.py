"""Bytes -> text: detect the encoding (UTF-8, GBK/GB18030, Big5, UTF-16), never assume it.

Pure functions on bytes; ``name`` is only used in error messages.
"""
from __future__ import annotations

import codecs
import re

from ..errors import BinaryDocumentError, DecodeError, EmptyDocumentError

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0e, 0x1b), *range(0x1c, 0x20)])  # (tab, line ends, VT, FF and ESC are text)
_CJK = re.compile(r"[\u3400-\u9fff]")
# legacy Chinese encodings, most specific first: a GBK text also decodes as GB18030
_CANDIDATES = ("gb18030", "big5")


def looks_binary(data: bytes) -> bool:
    """Control bytes (NUL and friends) in more than 1% of the first 8 KB mean a binary file.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    True
    >>> looks_binary("通知".encode("gbk"))
    False
    """
    head = data[:8192]
    controls = len(head) - len(head.translate(None, _CONTROL))  # (a C loop: no regex match objects)
    return bool(head) and controls > max(1, len(head) // 100)


# the most frequent Chinese characters, in simplified and traditional forms: a wrong legacy
# decoding still yields CJK characters, but rare ones
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还"
    "因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结"
    "解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级"
    "少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领"
    "七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每"
    "目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影"
    "算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准"
    "精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听"
    "该铁价严龙飞"
    "這個們為來時對會發動產種麼後說學過經進當從業還應開點現實體制機"
    "與關間樣數義變條沒結問題員資邊級圖統將組見計別論運農幾區強決則據處隊給門導壓誌濟階術極權證轉單風帶場車例務萬"
    "達積議聲報鬥類離華確張馬節話溫傳許廣記須際驗斷難礦構稱準團歷剋執亂織裝書復聽該鐵價嚴龍飛規熱領東億")


def _cjk_share(text: str) -> float:
    """Share of non-space characters that are common Chinese characters."""
    sample = text[:20000]
    letters = sum(1 for ch in sample if not ch.isspace())
    return sum(1 for ch in sample if ch in _COMMON) / letters if letters else 0.0


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a document; returns ``(text, encoding)``.

    >>> decode_bytes("许昌市人民政府".encode("gbk"))
    ('许昌市人民政府', 'gb18030')
    >>> decode_bytes("許昌市人民政府".encode("big5"))
    ('許昌市人民政府', 'big5')
    >>> decode_bytes(b"")
    Traceback (most recent call last):
    ...
    policykg.errors.EmptyDocumentError: <bytes>: the file is empty
    """
    if not data.strip():
        raise EmptyDocumentError(name, "the file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as e:
                raise DecodeError(name, f"starts with a {enc} byte-order mark but is not valid {enc}: {e}") from e
    if looks_binary(data):
        raise BinaryDocumentError(name, "this is a binary file, not a text document "
                                        "(control bytes found; is it an image, an archive or a .doc?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for enc in _CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _cjk_share(text)
        if best is None or share > best[0]:
            best = (share, text, enc)
    if best is None or best[0] < 0.1:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
        if guess is not None and _cjk_share(str(guess)) >= 0.1:
            return str(guess), guess.encoding
        raise DecodeError(name, "cannot decode the text: it is not UTF-8, GBK/GB18030 or Big5 "
                                "(and charset detection found no Chinese text)")
    return best[1], best[2]
