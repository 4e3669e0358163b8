"""Administrative levels of Chinese government and the characters that name them.

A body's name often starts with the level of its government (省发展改革委, 市财政局, 县政府):
the prefix tells its level even where the text never names the place.
"""
from __future__ import annotations

LEVELS = ("national", "province", "city", "county")
# the level a name's first character(s) give it
LEVEL_OF_PREFIX = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city",
                   "县": "county", "区": "county", "旗": "county", "镇": "town", "乡": "town"}
# the level directly above: a city department's counterpart sits in its province
PARENT_LEVEL = {"city": "province", "county": "city"}
# higher is wider
LEVEL_RANK = {"county": 0, "city": 1, "province": 2, "national": 3}
# the region of national bodies (国务院, 国家发展改革委): agency keys read ``中国|<name>``
NATIONAL_REGION = "中国"
