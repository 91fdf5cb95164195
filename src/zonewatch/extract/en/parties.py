"""Who: the investors and hosts of a project, from its clause first, then its sentence and neighbours.

A zone, government or university that signs with a company is a host; a company named with "by", after
"including", in a bullet list, or as the subject of the amount's clause is an investor.
"""

from __future__ import annotations

import re

from zonewatch.extract.en import cues
from zonewatch.extract.en.context import Amount, Context, masked
from zonewatch.extract.en.draft import Draft
from zonewatch.extract.en.layout import Sentence
from zonewatch.extract.en.lexicon import CUES
from zonewatch.extract.en.names import Kind, Name
from zonewatch.model import Span

_ANAPHOR = re.compile(
    r"\b(?:(?:this|the)\s+(?:company|firm|group|enterprise|investor|manufacturer|developer|project|base|plant|factory|"
    r"facility|centre|center|deal|agreement|contract|mou|"
    # "The $120 million investment is expected to create 300 jobs": the investment the sentence before told of
    r"(?:[A-Z]{2,3}\s?|[$€£₹]|US\$|Rs\.?\s?)?\d[\d.,]*(?:\s*(?:million|billion|crore|lakh|bn|mn))?\s+"
    r"(?:[\w-]+\s+){0,2}?(?:investment|project|expansion|plant|facility|factory))|it|its|both\s+parties|"
    r"the\s+two\s+(?:parties|sides)|both\s+sides)\b",
    re.I,
)
_LIST_CUE = re.compile(r"\b(?:including|such\s+as|namely|like)\b|:\s*$", re.I)
_SIGN_MENTION = re.compile(r"\b(?:MoU|MoUs|agreement|contract|signed|inked|this\s+investment|the\s+project)\b", re.I)
_BY_BEFORE = re.compile(r"\bby\s+(?:(?:a|the)\s+(?:\w+\s+){0,2}of\s+)?$")
_BULLET = re.compile(r"\s*(?:[–—\-•*·]|\d{1,2}[.)])\s*")


# Who reports the news is no party to it: "The Lakeview EDC said Monday that Norvik Steel plans ...",
# "... at the Jebel Ali Free Zone, Jafza said.", "according to Invest India".
_SPEAKER_AFTER = re.compile(
    r"\s+(?:said|says|stated|states|told|noted|added|reported|confirmed)\b"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?"
    r"(?P<end>\s*[.,;]|\s+(?:that\b|in\s+a\s+statement\b))?"
)
_SELF_AFTER = re.compile(r"\s*,?\s+(?:it|its|they|their|the\s+(?:company|firm|group))\b", re.I)
_SPEAKER_BEFORE = re.compile(r"(?:,|\baccording\s+to)\s+(?:the\s+)?$", re.I)


def _is_speaker(ctx: Context, n: Name) -> bool:
    """A name that only reports: the subject of "said (Monday) that ..." or of a closing ", X said."."""
    m = _SPEAKER_AFTER.match(ctx.text, n.span.end)
    if m is not None and m.group("end") is not None:
        end = m.group("end").strip()
        if end not in (".", ",", ";"):
            # "X said Monday that Y plans ...", but "X said that it will invest ... with Y" speaks of itself
            return _SELF_AFTER.match(ctx.text, m.end()) is None
        return _SPEAKER_BEFORE.search(ctx.text, max(0, n.span.start - 16), n.span.start) is not None
    if ctx.text.endswith(("to ", "to the "), max(0, n.span.start - 20), n.span.start):
        return _SPEAKER_BEFORE.search(ctx.text, max(0, n.span.start - 20), n.span.start) is not None
    return False


# "Lumen Textiles, a subsidiary of Arvind Ltd, will invest": the parent is named to describe the investor
_PARENT_BEFORE = re.compile(
    r"\b(?:(?:subsidiary|unit|arm|affiliate|division|part)\s+of|(?:owned|controlled)\s+by)\s+(?:the\s+)?$", re.I
)


# "Foxconn subsidiary Fukang Technology", "AD Ports Group's KEZAD Group": the owner named right before the party
_OWNER_AFTER = re.compile(r"(?P<own>['’]s)?\s+(?P<role>(?:subsidiary|unit|arm|affiliate|division)\s+)?")


def _owner_of_next(ctx: Context, n: Name) -> bool:
    """Whether ``n`` only says whose the next company or zone is: its possessive or "subsidiary" runs straight
    into that name."""
    m = _OWNER_AFTER.match(ctx.text, n.span.end)
    if m is None or not (n.possessive or m.group("own") or m.group("role")):
        return False
    starts: dict[int, Name] | None = ctx.cache.get("name_starts")
    if starts is None:
        starts = ctx.cache["name_starts"] = {o.span.start: o for row in ctx.names for o in row}
    nxt = starts.get(m.end())
    return nxt is not None and (nxt.kind is Kind.ORG or (nxt.kind is Kind.PLACE and nxt.level >= 4))


def _without_speakers(ctx: Context, parties: list[Name]) -> list[Name]:
    """The parties less those that only report the news or describe another (a parent company), when any
    others remain."""
    kept = [
        n
        for n in parties
        if not _is_speaker(ctx, n)
        and not _PARENT_BEFORE.search(ctx.text, max(0, n.span.start - 24), n.span.start)
        and not _owner_of_next(ctx, n)
    ]
    return kept if kept else parties


def _is_party(n: Name) -> bool:
    return n.kind in (Kind.ORG, Kind.ACADEMIC)


def _owner_of_place(ctx: Context, n: Name) -> bool:
    """ "GMR's Kakinada SEZ": a possessive organisation right before a place owns the place."""
    if not n.possessive:
        return False
    follow = ctx.text[n.span.end : n.span.end + 60]
    return bool(re.match(r"['’]s\s+(?:[A-Z][\w-]*\s+){0,4}(?:SEZ|Zone|Park|Port|District|County)\b", follow))


_AT_SITE_BEFORE = re.compile(r"\b(?:at|in|near|inside)\s+(?:the\s+)?(?:[a-z]+\s+)?$")


def _academic_site(ctx: Context, n: Name) -> bool:
    """ "a training center at the nearby Harlan Technical College": a college where it is built, not who pays."""
    return n.kind is Kind.ACADEMIC and bool(_AT_SITE_BEFORE.search(ctx.text, max(0, n.span.start - 30), n.span.start))


def _parties(names: list[Name]) -> list[Name]:
    orgs = [n for n in names if n.kind is Kind.ORG]
    academic = [n for n in names if n.kind is Kind.ACADEMIC]
    return dedupe(orgs or academic)


def dedupe(names: list[Name]) -> list[Name]:
    out: list[Name] = []
    for n in names:
        if all(n.name.lower() != o.name.lower() for o in out):
            out.append(n)
    return out


def hosts(names: list[Name], investors: list[Name]) -> list[Name]:
    chosen = {n.name for n in investors}
    hosts = [
        n
        for n in names
        if n.name not in chosen
        and (n.kind is Kind.GOV or (n.kind is Kind.PLACE and n.level >= 4 and not n.role) or n.kind is Kind.ACADEMIC)
    ]
    return dedupe(hosts)


def _listed_after_cue(ctx: Context, d: Draft, names: list[Name]) -> list[Name]:
    """Companies named after "including", "such as", "namely" in the amount's clause."""
    text = ctx.text
    for m in _LIST_CUE.finditer(text, d.seg_start, d.seg_end):
        listed = [n for n in names if n.span.start >= m.end() and n.kind is Kind.ORG]
        if listed:
            return dedupe(listed)
    return []


def clause_text(ctx: Context, d: Draft) -> str:
    """The amount's clause with amounts blanked out (see ``masked``), made once per clause and document."""
    key = ("masked_clause", d.seg_start, d.seg_end)
    found: str | None = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = masked(ctx, d.seg_start, d.seg_end)
    return found


def clause_count(ctx: Context, d: Draft) -> cues.Count | None:
    """The count of projects the amount's clause names, nearest before the amount: the parties and the count
    of a draft both ask, so it is read once per clause and document."""
    at = d.amount.money.span.start if d.amount else None
    key = ("clause_count", d.seg_start, d.seg_end, at)
    if key not in ctx.cache:
        ctx.cache[key] = cues.count_in(clause_text(ctx, d), d.seg_start, nearest_to=at)
    found: cues.Count | None = ctx.cache[key]
    return found


def fill_parties(ctx: Context, d: Draft) -> None:
    sent = d.sentence
    seg_names = ctx.names_in(sent, d.seg_start, d.seg_end)
    all_names = ctx.names_in(sent)
    d.hosts = hosts(seg_names, [])
    listed = _listed_after_cue(ctx, d, seg_names)
    paired = _respectively(ctx, d, all_names)
    if paired is not None:
        d.investors = [paired]
        d.hosts = hosts(all_names, d.investors)
        return
    explicit = clause_count(ctx, d)
    if explicit is not None and explicit.value > 1:
        d.investors = listed or _builder_of_several(ctx, seg_names, explicit)
        return
    parties = [n for n in seg_names if _is_party(n) and not _owner_of_place(ctx, n) and not _academic_site(ctx, n)]
    all_parties = [n for n in all_names if _is_party(n) and not _owner_of_place(ctx, n) and not _academic_site(ctx, n)]
    # "... to be built by Gotion High-tech": the agent named with "by" is the investor outright
    by = [n for n in parties if _BY_BEFORE.search(ctx.text, max(0, n.span.start - 30), n.span.start)]
    if d.amount is not None:
        # "a AED 600 million facility by X and a AED 350 million plant by Y": the agent after the amount is its own
        own_by = [n for n in by if n.span.start >= d.amount.money.span.end]
        by = own_by or by
    if by:
        parties = by
    if not parties:
        parties = _from_project_names(ctx, seg_names)
    if not parties and len(ctx.amounts_of(sent.index)) == 1:
        parties = all_parties
    if not parties and (
        _ANAPHOR.search(ctx.text, d.seg_start, d.seg_end) or _ANAPHOR.search(ctx.text[sent.span.start : sent.span.end])
    ):
        parties = previous_parties(ctx, sent)
    if not parties:
        parties = _next_sentence_parties(ctx, sent)
    if not parties:
        parties = _heading_parties(ctx, sent)
    d.investors = _parties(_without_speakers(ctx, parties)) if parties else []
    d.hosts = hosts(seg_names or all_names, d.investors)


_FACILITY_PLURALS = frozenset(CUES["counts"]["facility_plurals"])


def _builder_of_several(ctx: Context, names: list[Name], count: cues.Count) -> list[Name]:
    """ "Tesla will build two plants ...": several facilities of one company are that company's (while "the zone
    signed 25 projects" is an aggregate of many investors)."""
    if count.noun.lower().split()[-1] not in _FACILITY_PLURALS:
        return []
    before = [n for n in names if n.kind is Kind.ORG and n.span.end <= count.start and not _is_speaker(ctx, n)]
    return before if len(before) == 1 else []


def is_developer(n: Name) -> bool:
    """ "Kakinada SEZ Ltd", "GMR Infrastructure": a zone's developer signs for the zone, it is no investor."""
    return bool(re.search(r"\b(?:SEZ|Zone|Park|Infrastructure|Development|Developers?|Estates?)\b", n.name))


def _respectively(ctx: Context, d: Draft, names: list[Name]) -> Name | None:
    """ "Huawei, ZTE and Inspur ... 2 billion, 1.5 billion and 800 million yuan respectively": the k-th company
    goes with the k-th amount."""
    sent = d.sentence
    if d.amount is None or "respectively" not in ctx.text[sent.span.start : sent.span.end]:
        return None
    amounts = ctx.amounts_of(sent.index)
    # the list of amounts this one is in ("Rs 900 crore and Rs 500 crore"), and the companies named between the
    # amount before that list and it: "X will invest A, while Y and Z will invest B and C respectively"
    k = [a.money.span.start for a in amounts].index(d.amount.money.span.start)
    lo = hi = k
    while lo > 0 and _AMOUNT_LIST_GAP.fullmatch(ctx.text, _end(amounts[lo - 1]), amounts[lo].money.span.start):
        lo -= 1
    while hi + 1 < len(amounts) and _AMOUNT_LIST_GAP.fullmatch(
        ctx.text, _end(amounts[hi]), amounts[hi + 1].money.span.start
    ):
        hi += 1
    if hi == lo or not _RESPECTIVELY_AFTER.match(ctx.text, _end(amounts[hi])):
        return None
    start = _end(amounts[lo - 1]) if lo > 0 else sent.span.start
    first = amounts[lo].money.span.start
    orgs = dedupe([n for n in names if n.kind is Kind.ORG and start <= n.span.start and n.span.end <= first])
    if len(orgs) != hi - lo + 1:
        return None
    return orgs[k - lo]


_AMOUNT_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)\s*")
_RESPECTIVELY_AFTER = re.compile(r"[^.;]{0,40}?\brespectively\b")


def _end(a: Amount) -> int:
    """Where an amount and the conversions printed after it end."""
    return (a.conversions[-1] if a.conversions else a.money).span.end


def _known_orgs(ctx: Context) -> set[str]:
    return {n.name for row in ctx.names for n in row if n.kind is Kind.ORG and " " not in n.name}


def _from_project_names(ctx: Context, names: list[Name]) -> list[Name]:
    """ "The NetEase Chengdu Digital Industry Base": a project named after a company the text names elsewhere."""
    known = _known_orgs(ctx)
    out = []
    for n in names:
        if n.kind in (Kind.THING, Kind.PLACE):
            first = n.name.split()[0]
            if first in known and len(n.name.split()) > 1:
                out.append(Name(first, Span(n.span.start, n.span.start + len(first)), Kind.ORG))
    return out


def previous_parties(ctx: Context, sent: Sentence) -> list[Name]:
    sents = ctx.layout.sentences
    for back in (1, 2):
        i = sent.index - back
        if i < 0 or sents[i].section != sent.section or sents[i].heading:
            break
        found = [n for n in ctx.names[i] if _is_party(n)]
        if found:
            return found
    return []


def _next_sentence_parties(ctx: Context, sent: Sentence) -> list[Name]:
    """ "... a petrochemical complex with a proposed investment of Rs 40,000 crore. The MoU for this investment
    was signed among GAIL, HPCL and the Andhra Pradesh government": the next sentence names the signatories."""
    i = sent.index + 1
    sents = ctx.layout.sentences
    if i >= len(sents) or sents[i].section != sent.section or sents[i].heading:
        return []
    if ctx.amounts_of(i):
        return []
    nxt = ctx.text[sents[i].span.start : sents[i].span.end]
    if not _SIGN_MENTION.search(nxt) or not re.search(
        r"\b(?:this|the)\s+(?:investment|project|MoU|agreement|deal|contract)\b", nxt, re.I
    ):
        return []
    return [n for n in ctx.names[i] if _is_party(n)]


def _heading_parties(ctx: Context, sent: Sentence) -> list[Name]:
    """In a roundup, a section headed "NetEase to create a new industrial base" is about NetEase."""
    hi = ctx.layout.section_headings[sent.section] if sent.section < len(ctx.layout.section_headings) else None
    if hi is None or sent.section == 0:
        return []
    heading_orgs = [n for n in ctx.names[hi] if n.kind is Kind.ORG]
    body = {
        n.name
        for s in ctx.layout.of_section(sent.section)
        if not s.heading
        for n in ctx.names[s.index]
        if n.kind is Kind.ORG
    }
    found = [n for n in heading_orgs if n.name in body]
    return found if len({n.name for n in found}) == 1 else []


def bullet_list_parties(ctx: Context, sent: Sentence) -> list[Name]:
    """ "... will be signed with companies:" followed by "– ZF Pancevo (...)" lines: the companies listed."""
    if not ctx.text[sent.span.start : sent.span.end].rstrip().endswith(":"):
        return []
    out: list[Name] = []
    for s in ctx.layout.sentences[sent.index + 1 :]:
        line_start = ctx.text.rfind("\n", 0, s.span.start) + 1
        bullet = _BULLET.match(ctx.text, line_start)
        if (
            not bullet
            or bullet.end() - line_start < 1
            or (s.span.start != line_start + (bullet.end() - line_start) and s.span.start > bullet.end())
        ):
            if s.paragraph != sent.paragraph:
                break
            continue
        first = next((n for n in ctx.names[s.index]), None)
        if first is not None and first.kind is Kind.ORG and first.span.start <= bullet.end() + 1:
            out.append(first)
    return dedupe(out)
