"""From a word list to a regular expression: the one place that turns words into a pattern.

Word lists live in the modules of ``vocab/`` as plain tuples, each with a comment saying what its
words are; a rule builds its pattern with :func:`alternation` instead of spelling the words out,
so a new suffix or role word is added once, in its list, and every rule that reads the list
sees it (``tests/test_words.py`` fails on a long alternation of Chinese words written anywhere
else).

The words come out escaped and longest first: a word never loses to its own beginning
(``实施意见`` is tried before ``意见``).  The sort is stable, so words of one length keep the
order of the list, and two lists joined (``A + B``) give one pattern whatever their order.

>>> alternation(("意见", "实施意见", "通知"))
'(?:实施意见|意见|通知)'
>>> alternation(("评论(共", "TAG标签"))
'(?:TAG标签|评论\\\\(共)'
>>> alternation(("网站首页", "版权所有"), r">\\s*正文")
'(?:网站首页|版权所有|>\\\\s*正文)'
>>> import re; re.findall(alternation(("负责", "负责人")), "负责人负责")
['负责人', '负责']
"""
from __future__ import annotations

import re
from typing import Iterable


def longest_first(words: Iterable[str]) -> list[str]:
    """The words without repeats, longest first (a stable sort: equal lengths keep their order)."""
    return sorted(dict.fromkeys(words), key=len, reverse=True)


def alternation(words: Iterable[str], *patterns: str) -> str:
    """``(?:w1|w2|…)``: the words as a non-capturing group of escaped alternatives, longest first,
    then the *patterns* (regular expressions already, such as ``首页\\s*>``) in their order."""
    return "(?:" + "|".join([re.escape(w) for w in longest_first(words)] + list(patterns)) + ")"
