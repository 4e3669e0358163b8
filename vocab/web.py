"""The chrome of web pages around a document: navigation, comments, copyright, adverts, footers.

``ingest/clean.py`` removes a line of a page that carries these words (unless the line is a
sentence of the document itself); each list says where on a line, or on a page, its words count.
"""
from __future__ import annotations

# words of page chrome anywhere in a line: comments, copyright, navigation, sharing, page tools
PAGE_CHROME = (
    "留言与评论", "发表评论", "网友评论", "评论(共", "验证码", "TAG标签", "友情提示", "温馨提示", "转载请注明", "版权所有",
    "Copyright", "COPYRIGHT", "copyright", "©", "ICP备", "Powered by", "站长推荐", "网站首页", "网站地图", "免责声明",
    "当前位置", "现在的位置", "您的位置", "返回列表", "返回顶部", "打印本页", "关闭窗口", "【打印】", "【关闭】",
    "上一篇", "下一篇", "扫一扫", "微信公众号", "分享到", "下载文档", "部分预览", "侵犯您的权益", "人工客服",
    "提供额外的编辑", "浏览次数", "阅读次数", "设为首页", "加入收藏")
# what opens a line of page chrome: labels (the cleaner has made their colons ASCII) and bylines
CHROME_OPENERS = ("标签:", "分享:", "字体:", "归档时间", "来源:", "责任编辑", "编辑:", "作者:", "发布时间:", "阅读:")
# adverts and contact lines (only short lines, or lines with a phone number or a web address, count:
# official text may mention 律师事务所 or 服务电话 in passing)
ADVERT_WORDS = ("律师事务所", "律师", "在线咨询", "法律顾问", "咨询热线", "免费咨询", "服务电话", "热线电话", "联系我们",
                "关于我们", "友情链接", "广告服务", "二维码", "客户端", "微博", "微信")
# once a line opens with one of these in the last part of a page, the rest is footer
FOOTER_OPENERS = ("标签:", "留言与评论", "友情提示", "转载请注明", "Copyright", "版权所有", "站长推荐", "相关推荐",
                  "相关文章", "相关阅读", "热门文章", "猜你喜欢")
# navigation links of a government site (a line of nothing else is chrome)
NAV_WORDS = frozenset(("全文", "正文", "政策全文", "基本介绍", "新闻动态", "政策纵览", "相关资讯", "新闻中心", "政务公开",
                       "信息公开", "政策文件", "政府文件", "打印", "关闭", "收藏", "附件下载", "相关文件", "相关链接", "EN",
                       "繁体", "简体", "无障碍", "手机版", "主页", "首页"))
# news agencies and papers whose dateline opens a report (新华社北京5月8日电)
NEWS_AGENCIES = ("新华社", "中新社", "中新网", "人民网", "央视网", "新华网", "央广网", "经济日报", "中国新闻网", "证券时报", "澎湃新闻")
