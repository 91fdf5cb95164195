"""Which language a document is written in: Chinese when CJK characters carry a real share of its letters."""

from __future__ import annotations

# Share of CJK ideographs among non-space characters above which a text is Chinese. Mixed pages
# (a Chinese article quoting English company names) sit well above it; English pages that quote
# a Chinese name or two sit far below.
CJK_THRESHOLD = 0.15


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def detect_language(text: str) -> str:
    """``"zh"`` or ``"en"``.

    >>> detect_language("腾讯公司拟投资50亿元")
    'zh'
    >>> detect_language("Tencent signs with CDHT (成都高新区) to invest RMB 5 billion in a headquarters")
    'en'
    """
    sample = text[:20_000]
    letters = [c for c in sample if not c.isspace() and (c.isalpha() or is_cjk(c))]
    if not letters:
        return "en"
    cjk = sum(1 for c in letters if is_cjk(c))
    # A CJK character carries about a word of meaning, a Latin letter about a fifth of one.
    return "zh" if cjk / len(letters) > CJK_THRESHOLD else "en"
