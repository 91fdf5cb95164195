"""Everything found in one document, in text order, with look-ups by position: the context a project
record draws its date, place, investors and stage from."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from zonewatch.extract.zh.chars import shadow as make_shadow
from zonewatch.extract.zh.dates import DateHit, document_date, find_dates
from zonewatch.extract.zh.lexicon import lexicon
from zonewatch.extract.zh.money import MoneyHit, find_money
from zonewatch.extract.zh.names import Org, find_orgs
from zonewatch.extract.zh.places import Place, find_places
from zonewatch.extract.zh.sentences import Sentence, split_sentences
from zonewatch.model import DateValue, Document

T = TypeVar("T")

# a sentence with one of these reports an event, so its date dates what follows it
_EVENT = re.compile(
    r"举行|举办|召开|开幕|签约|签署|签订|开工|动工|公告|宣布|讯|电|发布|揭牌|启动|集中|仪式|会上|获悉|了解到|透露|投产|竣工|开业"
)


# a project's name right after its owner's: matched where the name ends (a slice of the rest of the text per
# company copied the text once for each)
_OWNED = re.compile(r"[^,，。;；、:：\s“”]{2,30}?项目")


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    shadow: str
    published: DateValue | None
    sentences: list[Sentence]
    sentence_starts: list[int]  # the sentences' start offsets, for bisecting
    money: list[MoneyHit]
    dates: list[DateHit]
    orgs: list[Org]
    places: list[Place]
    owners: dict[str, Org]  # "兰州新区防水新材料产业基地项目" -> the company whose name preceded it
    starts: dict[str, list[int]]  # start offsets of orgs, places, dates and money, for bisecting
    companies: list[Org]  # the orgs whose role is "company", in text order (``starts["companies"]``)
    org_span: int  # the longest org mention: an org ending (or overlapping) near a point starts this far before
    place_sentences: list[int]  # for each sentence, the last one before it holding a destination place (or -1)
    memo: dict[tuple[str, str], list[int]]  # look-ups by place name, filled when first asked

    @classmethod
    def build(cls, doc: Document) -> Context:
        text = doc.text
        sh = make_shadow(text)
        published = doc.published or document_date(text, sh)
        orgs = find_orgs(text, sh, lexicon().places)
        companies = [o.mention.span for o in orgs if o.role == "company"]
        places = find_places(text, sh, companies, lexicon().places)
        money = find_money(text, sh)
        dates = find_dates(text, sh, published)
        companies_ = [o for o in orgs if o.role == "company"]
        starts = {
            "orgs": [o.mention.span.start for o in orgs],
            "companies": [o.mention.span.start for o in companies_],
            "places": [p.mention.span.start for p in places],
            "dates": [d.value.span.start if d.value.span else -1 for d in dates],
            "money": [h.money.span.start for h in money],
        }
        sentences = split_sentences(sh)
        sentence_starts = [s.start for s in sentences]
        return cls(
            text=text,
            shadow=sh,
            published=published,
            sentences=sentences,
            sentence_starts=sentence_starts,
            money=money,
            dates=dates,
            orgs=orgs,
            places=places,
            owners=_owners(sh, orgs),
            starts=starts,
            companies=companies_,
            org_span=max((o.mention.span.end - o.mention.span.start for o in orgs), default=0),
            place_sentences=_place_sentences(sentences, sentence_starts, places),
            memo={},
        )

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def orgs_in(self, start: int, end: int) -> list[Org]:
        return _within(self.orgs, self.starts["orgs"], start, end, lambda o: o.mention.span.end)

    def places_in(self, start: int, end: int) -> list[Place]:
        return _within(self.places, self.starts["places"], start, end, lambda p: p.mention.span.end)

    def dates_in(self, start: int, end: int) -> list[DateHit]:
        return _within(self.dates, self.starts["dates"], start, end, lambda d: d.value.span.end if d.value.span else -1)

    def money_in(self, start: int, end: int) -> list[MoneyHit]:
        return _within(self.money, self.starts["money"], start, end, lambda h: h.money.span.start)

    def place_range(self, start: int, end: int) -> tuple[int, int]:
        """The indexes ``[lo, hi)`` into ``places`` of those starting in ``[start, end)``."""
        starts = self.starts["places"]
        return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)

    def place_sentence_before(self, index: int) -> int:
        """The last sentence before sentence ``index`` holding a place that is neither a venue nor an existing
        site (-1 if none)."""
        return self.place_sentences[index]

    def containers(self, name: str, lo: int, hi: int) -> list[int]:
        """The indexes in ``[lo, hi)`` of the zones (neither venues nor existing sites) whose name contains
        ``name`` ("海门经济技术开发区" for "海门")."""
        key = ("contains", name)
        if key not in self.memo:
            self.memo[key] = [
                i
                for i, p in enumerate(self.places)
                if p.zone and not p.venue and not p.existing and name in p.mention.name
            ]
        found = self.memo[key]
        return found[bisect.bisect_left(found, lo) : bisect.bisect_left(found, hi)]

    def zones_ending(self, bare: str, pos: int) -> list[int]:
        """The indexes of the places starting before ``pos`` named (in the shadow) ``...bare`` and longer
        ("合肥高新区" for "高新区"), not existing sites."""
        key = ("ends", bare)
        if key not in self.memo:
            sh = self.shadow
            self.memo[key] = [
                i
                for i, p in enumerate(self.places)
                if not p.existing
                and len(p.mention.span) > len(bare)
                and sh[p.mention.span.start : p.mention.span.end].endswith(bare)
            ]
        found = self.memo[key]
        starts = self.starts["places"]
        return found[: bisect.bisect_left(found, bisect.bisect_left(starts, pos))]

    def is_event_sentence(self, index: int) -> bool:
        s = self.sentences[index]
        return bool(_EVENT.search(self.shadow, s.start, s.end))

    def last_company_before(self, pos: int, since: int) -> Org | None:
        i = bisect.bisect_left(self.starts["companies"], pos) - 1
        return self.companies[i] if i >= 0 and self.companies[i].mention.span.start >= since else None

    def main_company(self, pos: int) -> Org | None:
        """The company a bare "公司" refers to: the last one named in full before ``pos``."""
        i = bisect.bisect_left(self.starts["companies"], pos) - 1
        return self.companies[i] if i >= 0 else None

    def orgs_near(self, start: int, end: int) -> list[Org]:
        """The orgs that may end in or overlap ``[start, end)``: those starting before ``end`` and at most the
        longest org mention before ``start`` (a superset: callers test what they need)."""
        starts = self.starts["orgs"]
        lo = bisect.bisect_left(starts, start - self.org_span)
        return self.orgs[lo : bisect.bisect_left(starts, end)]


def _within(items: list[T], starts: list[int], start: int, end: int, end_of: Callable[[T], int]) -> list[T]:
    """The items (sorted by start) lying inside ``[start, end)``."""
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end, lo)
    if lo == hi:  # (most sentences hold no amount and no date)
        return []
    return [x for x in items[lo:hi] if end_of(x) <= end]


def _place_sentences(sentences: list[Sentence], starts: list[int], places: list[Place]) -> list[int]:
    """For each sentence, the last sentence before it holding a place (within it) that is neither a venue nor
    an existing site, or -1."""
    holds = [False] * len(sentences)
    for p in places:
        if p.venue or p.existing:
            continue
        j = bisect.bisect_right(starts, p.mention.span.start) - 1
        if j >= 0 and p.mention.span.start < sentences[j].end and p.mention.span.end <= sentences[j].end:
            holds[j] = True
    out, last = [], -1
    for j, held in enumerate(holds):
        out.append(last)
        if held:
            last = j
    return out


def _owners(shadow: str, orgs: list[Org]) -> dict[str, Org]:
    """Project names written right after a company's full name ("辽宁大禹防水科技发展有限公司兰州新区防水新材料产业基地项目")."""
    owners: dict[str, Org] = {}
    for o in orgs:
        if o.role != "company":
            continue
        m = _OWNED.match(shadow, o.mention.span.end)
        if m:
            owners[m.group()] = o
    return owners
