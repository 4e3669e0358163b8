"""Names of central bodies: the State Council's composition after the 2018 and 2023 reforms,
the bodies they replaced, the Party's central organs and the courts, in full and short forms.

:data:`.bodies.NATIONAL_BODIES` maps the names extraction meets most to a canonical full name;
this module adds the rest, so that a run of names without separators
(``住房城乡建设部中国人民银行金融监管总局``) can be cut where a central body's name starts.
Sources: 国务院机构改革方案 (2018-03-17, 十三届全国人大一次会议), 党和国家机构改革方案
(2023-03-16), www.gov.cn 国务院组织机构 (2024).
"""
from __future__ import annotations

import re

from .bodies import NATIONAL_BODIES

# full names (2023 composition)
STATE_COUNCIL = (
    "外交部", "国防部", "国家发展和改革委员会", "教育部", "科学技术部", "工业和信息化部", "国家民族事务委员会", "公安部",
    "国家安全部", "民政部", "司法部", "财政部", "人力资源和社会保障部", "自然资源部", "生态环境部", "住房和城乡建设部",
    "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委员会", "退役军人事务部", "应急管理部",
    "中国人民银行", "审计署", "国务院国有资产监督管理委员会", "海关总署", "国家税务总局", "国家市场监督管理总局",
    "国家金融监督管理总局", "中国证券监督管理委员会", "国家广播电视总局", "国家体育总局", "国家信访局", "国家统计局",
    "国家知识产权局", "国家国际发展合作署", "国家医疗保障局", "国务院参事室", "国家机关事务管理局", "国家数据局",
    "国家粮食和物资储备局", "国家能源局", "国家国防科技工业局", "国家烟草专卖局", "国家移民管理局", "国家林业和草原局",
    "国家铁路局", "中国民用航空局", "国家邮政局", "国家文物局", "国家中医药管理局", "国家疾病预防控制局",
    "国家矿山安全监察局", "国家消防救援局", "国家外汇管理局", "国家药品监督管理局", "国家乡村振兴局",
    "国务院办公厅", "国务院研究室", "国务院港澳事务办公室", "国家互联网信息办公室", "中国气象局", "中国地震局",
    "国家开发银行", "中国进出口银行", "中国农业发展银行", "全国社会保障基金理事会", "国家自然科学基金委员会",
)
# names before the 2013/2018/2023 reforms (see reforms.py for who succeeded them)
FORMER = (
    "国土资源部", "环境保护部", "农业部", "文化部", "国家旅游局", "国家卫生和计划生育委员会", "卫生部",
    "国家人口和计划生育委员会", "国家安全生产监督管理总局", "国家工商行政管理总局", "国家质量监督检验检疫总局",
    "国家食品药品监督管理总局", "国家新闻出版广电总局", "国家林业局", "国家海洋局", "国家测绘地理信息局", "国家粮食局",
    "国务院法制办公室", "中国银行业监督管理委员会", "中国保险监督管理委员会", "中国银行保险监督管理委员会",
    "国务院扶贫开发领导小组办公室", "国家外国专家局", "国务院医药卫生体制改革领导小组办公室", "监察部", "铁道部",
)
# short forms in running text
SHORT = (
    "银保监会", "中国银保监会", "银监会", "保监会", "证监会", "中国证监会", "金融监管总局", "国家金融监管总局", "人民银行",
    "央行", "住房城乡建设部", "住建部", "人力资源社会保障部", "人社部", "发展改革委", "国家发改委", "卫生健康委",
    "国家卫生健康委", "卫健委", "国家卫健委", "医保局", "国家医保局", "市场监管总局", "税务总局", "自然资源部", "应急部",
    "退役军人部", "文化旅游部", "工信部", "科技部", "国资委", "国务院国资委", "国家外汇局", "外汇局", "国家民委",
    "国家林草局", "国家粮储局", "国家药监局", "国家知识产权局", "国务院扶贫办", "国家卫生计生委", "国土部", "环保部",
    "质检总局", "工商总局", "食药监总局", "安监总局",
)
CENTRAL = ("中共中央", "党中央", "中共中央办公厅", "中央办公厅", "中共中央组织部", "中央组织部", "中共中央宣传部",
           "中央宣传部", "中央统战部", "中央网信办", "中央编办", "中央财办", "中央农办", "国务院", "全国人大常委会",
           "全国人民代表大会常务委员会", "全国政协", "最高人民法院", "最高人民检察院", "国家监察委员会", "中央纪委",
           "中华全国总工会", "共青团中央", "全国妇联", "中国残联", "全国工商联", "中国科协")

NATIONAL_NAMES = frozenset(NATIONAL_BODIES) | frozenset(NATIONAL_BODIES.values()) | frozenset(
    STATE_COUNCIL + FORMER + SHORT + CENTRAL)
# longest first: a name that starts here
NATIONAL_START = re.compile("|".join(sorted(NATIONAL_NAMES, key=len, reverse=True)))


def is_national(name: str) -> bool:
    """A central body, by its full or short name.

    >>> is_national("国家金融监督管理总局"), is_national("金融监管总局"), is_national("省财政厅")
    (True, True, False)
    """
    return name in NATIONAL_NAMES
