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


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    shadow: str
    published: DateValue | None
    sentences: list[Sentence]
    money: list[MoneyHit]
    dates: list[DateHit]
    orgs: list[Org]
    places: list[Place]
    owners: dict[str, Org]  # "兰州新区防水新材料产业基地项目" -> the company whose name preceded it
    starts: dict[str, list[int]]  # start offsets of orgs, places, dates and money, for bisecting

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
        starts = {
            "orgs": [o.mention.span.start for o in orgs],
            "places": [p.mention.span.start for p in places],
            "dates": [d.value.span.start if d.value.span else -1 for d in dates],
            "money": [h.money.span.start for h in money],
        }
        return cls(
            text=text,
            shadow=sh,
            published=published,
            sentences=split_sentences(text, sh),
            money=money,
            dates=dates,
            orgs=orgs,
            places=places,
            owners=_owners(sh, orgs),
            starts=starts,
        )

    def sentence_index(self, pos: int) -> int:
        starts = [s.span.start for s in self.sentences]
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def orgs_in(self, start: int, end: int) -> list[Org]:
        return _within(self.orgs, self.starts["orgs"], start, end, lambda o: o.mention.span.end)

    def places_in(self, start: int, end: int) -> list[Place]:
        return _within(self.places, self.starts["places"], start, end, lambda p: p.mention.span.end)

    def dates_in(self, start: int, end: int) -> list[DateHit]:
        return _within(self.dates, self.starts["dates"], start, end, lambda d: d.value.span.end if d.value.span else -1)

    def money_in(self, start: int, end: int) -> list[MoneyHit]:
        return _within(self.money, self.starts["money"], start, end, lambda h: h.money.span.start)

    def is_event_sentence(self, index: int) -> bool:
        s = self.sentences[index].span
        return bool(_EVENT.search(self.shadow, s.start, s.end))

    def last_company_before(self, pos: int, since: int) -> Org | None:
        found = [o for o in self.orgs if o.role == "company" and since <= o.mention.span.start < pos]
        return found[-1] if found else None

    def main_company(self, pos: int) -> Org | None:
        """The company a bare "公司" refers to: the last one named in full before ``pos``."""
        found = [o for o in self.orgs if o.role == "company" and o.mention.span.start < pos]
        return found[-1] if found else None


def _within(items: list[T], starts: list[int], start: int, end: int, end_of: Callable[[T], int]) -> list[T]:
    """The items (sorted by start) lying inside ``[start, end)``."""
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [x for x in items[lo:hi] if end_of(x) <= end]


def _owners(shadow: str, orgs: list[Org]) -> dict[str, Org]:
    """Project names written right after a company's full name ("辽宁大禹防水科技发展有限公司兰州新区防水新材料产业基地项目")."""
    owners: dict[str, Org] = {}
    for o in orgs:
        if o.role != "company":
            continue
        m = re.match(r"[^,，。;；、:：\s“”]{2,30}?项目", shadow[o.mention.span.end :])
        if m:
            owners[m.group()] = o
    return owners
