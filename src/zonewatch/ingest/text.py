"""Bytes to text, and the ``--published`` flag to a date: the two things every input needs."""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata

from charset_normalizer import from_bytes

from zonewatch.errors import ConfigError, InputError
from zonewatch.model import DateValue, Precision

# Byte-order marks decide the encoding outright; checked longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats that are certainly not text, named so the error says what the file is.
_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"%PDF", "a PDF document (extract its text first)"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
# Encodings tried when UTF-8 fails. Several decode almost any byte string (GB18030 in particular), so
# each candidate is judged by how plausible its text is, not by whether it decodes.
_CANDIDATES = ("gb18030", "big5", "utf-16-le", "utf-16-be", "cp1252")


def _looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text leaves every other byte zero."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / len(sample[0::2])
    odd_zero = sample[1::2].count(0) / len(sample[1::2])
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _common(ch: str) -> bool:
    """A character that ordinary text is made of: printable ASCII, common punctuation, or a frequent hanzi.

    Frequent hanzi are GB2312 level 1 (lead byte 0xB0-0xD7, the 3,755 most used simplified characters)
    or Big5 level 1 (0xA440-0xC67E, the frequent traditional ones); mojibake lands mostly outside both.
    """
    if ch.isascii():
        return ch.isprintable() or ch in "\n\t"
    if ch in "，。、；：？！“”‘’（）《》【】—…·　％":
        return True
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        code = int.from_bytes(ch.encode("big5"), "big")
        return 0xA440 <= code <= 0xC67E
    except UnicodeEncodeError:
        return False


def _plausibility(text: str) -> float:
    sample = text[:3000]
    return sum(map(_common, sample)) / len(sample) if sample else 0.0


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an input's bytes to text, detecting the encoding; raise InputError naming ``source`` when it is not text.

    >>> decode_bytes("成都高新区".encode("gbk"), "x.txt")
    '成都高新区'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _clean(data.decode(encoding, errors="replace"))
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"is {what}, not text")
    utf16 = _looks_like_utf16(data)
    if utf16:
        return _clean(data.decode(utf16, errors="replace"))
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    scored = []
    for encoding in _CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text), encoding, text))
    if scored:
        score, _, text = max(scored, key=lambda t: t[0])
        if score > 0.9:
            return _clean(text)
    if b"\x00" in data[:8000]:
        raise InputError(source, "is binary (contains NUL bytes), not text")
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(source, "is not text in any encoding zonewatch recognises")
    return _clean(data.decode(best.encoding, errors="replace"))


def _clean(text: str) -> str:
    """Normalise line ends and drop control characters other than tab/newline; offsets refer to this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text[:100_000]) or "\x00" in text:
        text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    return text


_PUBLISHED = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def parse_published(value: str) -> DateValue:
    """Parse a ``--published`` value: ``YYYY-MM-DD`` or ``YYYY-MM``.

    >>> parse_published("2020-08").iso()
    '2020-08'
    """
    m = _PUBLISHED.match(value.strip())
    if not m:
        raise ConfigError(f"--published {value!r}: expected YYYY-MM-DD or YYYY-MM")
    year, month, day = int(m[1]), int(m[2]), m[3]
    try:
        if day is None:
            return DateValue(dt.date(year, month, 1), Precision.MONTH, value)
        return DateValue(dt.date(year, month, int(day)), Precision.DAY, value)
    except ValueError as exc:
        raise ConfigError(f"--published {value!r}: {exc}") from None
