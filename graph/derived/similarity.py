"""What two task texts share: the words that name the work, as character bigrams.

Every plan says 推进, 加强, 建设, 落实 and 全市; the bigrams left once those generic words, the bodies
named (市财政局: who does the work, not what it is), digits and punctuation are removed (and the
bigrams that only join a word to a particle: 还等, 和财) are what a task is about.  :mod:`.task_links` weighs them by how few tasks use them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...vocab.tasks import GENERIC_TASK_WORDS, PARTICLES, TASK_BODY_SUFFIXES
from ...vocab.words import alternation

# words every task uses; removing them lets the words that name the work decide similarity
GENERIC = re.compile(alternation(GENERIC_TASK_WORDS, r"[、,，。;；:：“”\"'()（）《》〈〉\s\d.%—\-#>*|]"))
# the bodies a task names (市财政局, 区建设和交通委员会, 相关区政府): who does the work, not what it is
BODIES = re.compile(r"(?<![集聚园新城社小片辖])(?:各|相关|有关)?(?:自治区|[省市区县州])[^\s,，。;；、:：()（）]{0,12}?"
                    + alternation(TASK_BODY_SUFFIXES, "办(?![法理事])") + r"(?![\u4e00-\u9fff]?(?:局|委|办))")


@lru_cache(maxsize=1 << 16)
def content_bigrams(text: str | None) -> tuple[str, ...]:
    """The distinct bigrams of a task text that name its work, sorted.

    >>> content_bigrams("加快推进污水处理厂建设。")
    ('处理', '水处', '污水', '理厂')
    >>> content_bigrams("落实税收返还等财税政策"), content_bigrams("加快推进产业集聚区建设工作")
    (('收返', '税收', '财税', '返还'), ())
    >>> content_bigrams("区建设和交通委员会配合研究制定资金渠道"), content_bigrams("市场化改革")
    (('合研', '渠道', '研究', '资金', '配合', '金渠'), ('化改', '场化', '市场', '改革'))
    """
    s = GENERIC.sub(" ", BODIES.sub(" ", text or ""))
    return tuple(sorted({s[i:i + 2] for i in range(len(s) - 1)
                   if " " not in s[i:i + 2] and not (PARTICLES & set(s[i:i + 2]))}))
