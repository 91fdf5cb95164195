"""Which language a document is written in: Chinese when its CJK characters outweigh its Latin words."""

from __future__ import annotations

import re
import unicodedata

# A CJK character carries about as much meaning as a Latin word, so the two are weighed one for one:
# a Chinese article quoting company names in English stays Chinese, an English article quoting a few
# Chinese names stays English.
CJK_SHARE = 0.5
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_CJK_RUN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+")  # the ranges of is_cjk


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def detect_language(text: str) -> str:
    """``"zh"`` or ``"en"``.

    >>> detect_language("腾讯公司拟投资50亿元")
    'zh'
    >>> detect_language("臺中市政府與精鋒科技簽約")
    'zh'
    >>> detect_language("Tencent signs with CDHT (成都高新区) to invest RMB 5 billion in a headquarters")
    'en'
    """
    sample = text[:20_000]
    # The CJK runs split the rest: the same count as is_cjk per character, in C, and the Latin words are
    # counted in what lies between the runs only.
    rest = _CJK_RUN.split(sample)
    if len(rest) == 1:
        return "en"
    cjk = len(sample) - sum(map(len, rest))
    # Full-width Latin letters (ＡＢＢ) count as Latin: the text is NFKC-normalised for the count. An
    # ideograph never composes with its neighbours, so normalising the pieces between the runs (joined by a
    # line break, which does not compose either and is no part of a word) counts the same words as
    # normalising the whole sample, at a fraction of the cost (most of a Chinese text is ideographs).
    between = "\n".join(rest)
    latin = len(_LATIN_WORD.findall(between if between.isascii() else unicodedata.normalize("NFKC", between)))
    return "zh" if cjk / (cjk + latin) > CJK_SHARE else "en"
