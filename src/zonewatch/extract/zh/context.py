"""Everything found in one document, in text order, with look-ups by position: the context a project
record draws its date, place, investors and stage from."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from zonewatch.extract.zh.chars import shadow as make_shadow
from zonewatch.extract.zh.dates import DateHit, document_date, find_dates
from zonewatch.extract.zh.lexicon import lexicon
from zonewatch.extract.zh.money import MoneyHit, find_money
from zonewatch.extract.zh.names import Org, find_orgs
from zonewatch.extract.zh.places import Place, find_places
from zonewatch.extract.zh.sentences import Sentence, split_sentences
from zonewatch.model import DateValue, Document, Mention

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

    @classmethod
    def build(cls, doc: Document) -> Context:
        text = doc.text
        sh = make_shadow(text)
        published = doc.published or document_date(text, sh)
        orgs = find_orgs(text, sh, lexicon().places)
        companies = [o.mention.span for o in orgs if o.role == "company"]
        places = find_places(text, sh, companies, lexicon().places)
        return cls(
            text=text,
            shadow=sh,
            published=published,
            sentences=split_sentences(text, sh),
            money=find_money(text, sh),
            dates=find_dates(text, sh, published),
            orgs=orgs,
            places=places,
            owners=_owners(sh, orgs),
        )

    def sentence_index(self, pos: int) -> int:
        starts = [s.span.start for s in self.sentences]
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def orgs_in(self, start: int, end: int) -> list[Org]:
        return [o for o in self.orgs if start <= o.mention.span.start and o.mention.span.end <= end]

    def places_in(self, start: int, end: int) -> list[Place]:
        return [p for p in self.places if start <= p.mention.span.start and p.mention.span.end <= end]

    def dates_in(self, start: int, end: int) -> list[DateHit]:
        return [d for d in self.dates if d.value.span and start <= d.value.span.start and d.value.span.end <= end]

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


def as_mention(org: Org) -> Mention:
    return org.mention
