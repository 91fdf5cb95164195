"""Projects from the mentions of one document: which amounts are commitments, and who, where, when, how many.

Each amount becomes a candidate; cue words drop the figures that are not commitments (revenue, thresholds,
money already spent, annual plans, subtotals); the rest get investors, hosts, a count, a date, a place and a
stage from their own clause first, then their sentence, paragraph, section and document.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from decimal import Decimal

from zonewatch.extract.en import cues
from zonewatch.extract.en.context import Amount, Context
from zonewatch.extract.en.dates import DateMention
from zonewatch.extract.en.layout import Sentence
from zonewatch.extract.en.names import Kind, Name, place_level
from zonewatch.model import DateValue, Mention, Money, Precision, Project, Quantity, Span, StageValue

_ANAPHOR = re.compile(
    r"\b(?:(?:this|the)\s+(?:company|firm|group|enterprise|investor|manufacturer|developer|project|base|plant|factory|"
    r"facility|centre|center|deal|agreement|contract|mou)|it|its|both\s+parties|"
    r"the\s+two\s+(?:parties|sides)|both\s+sides)\b",
    re.I,
)
_LIST_CUE = re.compile(r"\b(?:including|such\s+as|namely|like)\b|:\s*$", re.I)
_SIGN_MENTION = re.compile(r"\b(?:MoU|MoUs|agreement|contract|signed|inked|this\s+investment|the\s+project)\b", re.I)
_LOCATED = re.compile(r"\b(?:located|settled?|based|landed|land|sited|set\s+up|built)\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_NO_AMOUNT_SIGNING = re.compile(r"\b(?:signed|inked|sealed)\b[^.;]{0,60}?\b(?:agreement|contract|MoU|memorandum)", re.I)
_EACH = re.compile(r"\b(?:each|another|respectively|two|both)\b", re.I)
_BY_BEFORE = re.compile(r"\bby\s+(?:(?:a|the)\s+(?:\w+\s+){0,2}of\s+)?$")
_GOVERNED = re.compile(
    r"\b(?:projects|MoUs|agreements|contracts|deals|investments)\s+(?:worth|valued\s+at|totall?ing)\s+$", re.I
)
_BULLET = re.compile(r"\s*(?:[–—\-•*·]|\d{1,2}[.)])\s*")
_VAGUE_KINDS = ("vague",)
_EXACT_KINDS = ("date", "month", "weekday", "relday")


@dataclass(slots=True)
class Draft:
    """A project being assembled (mutable while it is; frozen into a Project at the end)."""

    amount: Amount | None
    sentence: Sentence
    seg_start: int
    seg_end: int
    investors: list[Name] = field(default_factory=list)
    hosts: list[Name] = field(default_factory=list)
    count: Quantity | None = None
    aggregate: bool = False
    date: DateValue | None = None
    place: Name | None = None
    stage: StageValue | None = None
    project: Mention | None = None
    parent: int | None = None


def mentions_signing(text: str) -> bool:
    """Whether ``text`` says something was signed (an agreement, contract or MoU): a project may have no amount."""
    return bool(_NO_AMOUNT_SIGNING.search(text))


def assemble(ctx: Context) -> list[Project]:
    """The projects of the document, ids p1, p2, ... in text order."""
    drafts: list[Draft] = []
    seen_sentences: set[str] = set()
    for amount in ctx.amounts:
        draft = _draft(ctx, amount, drafts, seen_sentences)
        if draft is not None:
            drafts.append(draft)
    drafts = _drop_restatements(ctx, drafts)
    drafts.extend(_signings_without_amount(ctx, drafts))
    drafts.sort(key=lambda d: d.amount.money.span.start if d.amount else d.sentence.span.start)
    _link_parents(drafts)
    _count_from_parts(ctx, drafts)
    return [_freeze(ctx, d, i, drafts) for i, d in enumerate(drafts)]


# ---------------------------------------------------------------- which amounts are commitments


def _draft(ctx: Context, amount: Amount, drafts: list[Draft], seen: set[str]) -> Draft | None:
    text, sent, money = ctx.text, amount.sentence, amount.money
    if sent.heading and _section_has_body_money(ctx, sent):
        return None
    sentence_text = " ".join(text[sent.span.start : sent.span.end].split())
    key = f"{money.value}|{money.currency}|{sentence_text}"
    if key in seen:
        return None  # the same sentence printed twice on the page
    seen.add(key)
    before_seg = text[amount.seg_start : money.span.start]
    clause_before = re.split(r"[,;:(]", before_seg)[-1]
    after_seg = text[money.span.end : amount.seg_end]
    if amount.conversions:
        after_seg = text[amount.conversions[-1].span.end : amount.seg_end]
        after_seg = after_seg.lstrip(" )）")
    clause_after = re.split(r"[,;.]", after_seg)[0]
    if cues.is_not_investment(clause_before, clause_after) or cues.is_portion(before_seg):
        return None
    d = Draft(amount, sent, amount.seg_start, amount.seg_end)
    _fill_parties(ctx, d)
    _fill_count(ctx, d)
    if _is_subtotal(ctx, d, drafts, before_seg):
        return None
    _fill_date(ctx, d)
    _fill_place(ctx, d)
    _fill_stage(ctx, d)
    _fill_project(ctx, d)
    return d


def _drop_restatements(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """ "Tencent will invest RMB 5 billion ... The RMB 5 billion headquarters will ...": one project, told twice."""
    kept: list[Draft] = []
    for d in drafts:
        assert d.amount is not None
        m = d.amount.money
        names = {n.name for n in d.investors}
        count = d.count.value if d.count else None
        again = any(
            k.amount is not None
            and k.sentence.section == d.sentence.section
            and (k.amount.money.value, k.amount.money.currency) == (m.value, m.currency)
            and names <= {n.name for n in k.investors}
            and (count is None or (k.count is not None and k.count.value == count) or (k.count is None and count == 1))
            and not _EACH.search(ctx.text, d.sentence.span.start, d.sentence.span.end)
            for k in kept
        )
        if not again:
            kept.append(d)
    return kept


def _section_has_body_money(ctx: Context, heading: Sentence) -> bool:
    """A heading's figure repeats its section's body (or, for a title at the top, the article's)."""
    sections = ctx.cache.get("body_money_sections")
    if sections is None:
        sections = ctx.cache["body_money_sections"] = {
            a.sentence.section for a in ctx.amounts if not a.sentence.heading
        }
    if not sections:
        return False
    headings = ctx.layout.section_headings
    first_section_heading = headings[1] if len(headings) > 1 and headings[1] is not None else 10**9
    if heading.section == 0 and heading.index < first_section_heading:
        return True  # a title at the top: any figure in the article
    return heading.section in sections


def _is_subtotal(ctx: Context, d: Draft, drafts: list[Draft], before: str) -> bool:
    """An unnamed share of an aggregate already recorded ("Among them, 129 projects ... 31.15 billion")."""
    if d.investors or d.count is None or d.count.value <= 1:
        return False
    if not cues.has_subtotal_cue(before):
        return False
    for prev in drafts:
        same = prev.sentence.section == d.sentence.section and prev.aggregate
        if same and (prev.count is None or prev.count.value > d.count.value):
            return True
    return False


# ---------------------------------------------------------------- who


def _is_party(n: Name) -> bool:
    return n.kind in (Kind.ORG, Kind.ACADEMIC)


def _owner_of_place(ctx: Context, n: Name) -> bool:
    """ "GMR's Kakinada SEZ": a possessive organisation right before a place owns the place."""
    if not n.possessive:
        return False
    follow = ctx.text[n.span.end : n.span.end + 60]
    return bool(re.match(r"['’]s\s+(?:[A-Z][\w-]*\s+){0,4}(?:SEZ|Zone|Park|Port|District|County)\b", follow))


def _parties(names: list[Name]) -> list[Name]:
    orgs = [n for n in names if n.kind is Kind.ORG]
    academic = [n for n in names if n.kind is Kind.ACADEMIC]
    return _dedupe(orgs or academic)


def _dedupe(names: list[Name]) -> list[Name]:
    out: list[Name] = []
    for n in names:
        if all(n.name.lower() != o.name.lower() for o in out):
            out.append(n)
    return out


def _hosts(names: list[Name], investors: list[Name]) -> list[Name]:
    chosen = {n.name for n in investors}
    hosts = [
        n
        for n in names
        if n.name not in chosen
        and (n.kind is Kind.GOV or (n.kind is Kind.PLACE and n.level >= 4 and not n.role) or n.kind is Kind.ACADEMIC)
    ]
    return _dedupe(hosts)


def _listed_after_cue(ctx: Context, d: Draft, names: list[Name]) -> list[Name]:
    """Companies named after "including", "such as", "namely" in the amount's clause."""
    text = ctx.text
    for m in _LIST_CUE.finditer(text, d.seg_start, d.seg_end):
        listed = [n for n in names if n.span.start >= m.end() and n.kind is Kind.ORG]
        if listed:
            return _dedupe(listed)
    return []


def _fill_parties(ctx: Context, d: Draft) -> None:
    sent = d.sentence
    seg_names = ctx.names_in(sent, d.seg_start, d.seg_end)
    all_names = ctx.names_in(sent)
    d.hosts = _hosts(seg_names, [])
    listed = _listed_after_cue(ctx, d, seg_names)
    paired = _respectively(ctx, d, all_names)
    if paired is not None:
        d.investors = [paired]
        d.hosts = _hosts(all_names, d.investors)
        return
    explicit = cues.count_in(
        ctx.text[d.seg_start : d.seg_end], d.seg_start, nearest_to=d.amount.money.span.start if d.amount else None
    )
    if explicit is not None and explicit.value > 1:
        d.investors = listed
        return
    parties = [n for n in seg_names if _is_party(n) and not _owner_of_place(ctx, n)]
    all_parties = [n for n in all_names if _is_party(n) and not _owner_of_place(ctx, n)]
    # "... to be built by Gotion High-tech": the agent named with "by" is the investor outright
    by = [n for n in parties if _BY_BEFORE.search(ctx.text, max(0, n.span.start - 30), n.span.start)]
    if by:
        parties = by
    if not parties:
        parties = _from_project_names(ctx, seg_names)
    if not parties and len(ctx.amounts_of(sent.index)) == 1:
        parties = all_parties
    if not parties and (
        _ANAPHOR.search(ctx.text, d.seg_start, d.seg_end) or _ANAPHOR.search(ctx.text[sent.span.start : sent.span.end])
    ):
        parties = _previous_parties(ctx, sent)
    if not parties:
        parties = _next_sentence_parties(ctx, sent)
    if not parties:
        parties = _heading_parties(ctx, sent)
    d.investors = _parties(parties) if parties else []
    d.hosts = _hosts(seg_names or all_names, d.investors)


def _is_developer(n: Name) -> bool:
    """ "Kakinada SEZ Ltd", "GMR Infrastructure": a zone's developer signs for the zone, it is no investor."""
    return bool(re.search(r"\b(?:SEZ|Zone|Park|Infrastructure|Development|Developers?|Estates?)\b", n.name))


def _respectively(ctx: Context, d: Draft, names: list[Name]) -> Name | None:
    """ "Huawei, ZTE and Inspur ... 2 billion, 1.5 billion and 800 million yuan respectively": the k-th company
    goes with the k-th amount."""
    sent = d.sentence
    if d.amount is None or "respectively" not in ctx.text[sent.span.start : sent.span.end]:
        return None
    amounts = ctx.amounts_of(sent.index)
    first = amounts[0].money.span.start
    orgs = _dedupe([n for n in names if n.kind is Kind.ORG and n.span.end <= first])
    if len(amounts) < 2 or len(orgs) != len(amounts):
        return None
    return orgs[[a.money.span.start for a in amounts].index(d.amount.money.span.start)]


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


def _previous_parties(ctx: Context, sent: Sentence) -> list[Name]:
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
        r"\b(?:this|the)\s+(?:investment|project|MoU|agreement)\b", nxt, re.I
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


# ---------------------------------------------------------------- how many


def masked(ctx: Context, start: int, end: int) -> str:
    """``text[start:end]`` with amounts blanked out, so "EGP 129 million wood project" holds no count."""
    spans = ctx.cache.get("money_spans")
    if spans is None:
        spans = ctx.cache["money_spans"] = sorted(
            (m.span.start, m.span.end) for a in ctx.amounts for m in (a.money, *a.conversions)
        )
    chunk = list(ctx.text[start:end])
    for s, e in spans[max(0, bisect_left(spans, (start, -1)) - 1) :]:
        if s >= end:
            break
        for k in range(max(s, start), min(e, end)):
            chunk[k - start] = " "
    return "".join(chunk)


def _fill_count(ctx: Context, d: Draft) -> None:
    text = ctx.text
    seg = masked(ctx, d.seg_start, d.seg_end)
    pos = d.amount.money.span.start if d.amount else None
    c = cues.count_in(seg, d.seg_start, nearest_to=pos)
    if c is not None:
        d.count = Quantity(Decimal(c.value), text[c.start : c.end], Span(c.start, c.end), c.noun)
        d.aggregate = c.value > 1
        if d.aggregate and not d.investors:
            d.investors = _bullet_list_parties(ctx, d.sentence)
        return
    governed = _GOVERNED.search(re.split(r"[,;:(]", text[d.seg_start : pos if pos is not None else d.seg_end])[-1])
    if governed and (not d.investors or all(_is_developer(n) for n in d.investors)):
        d.aggregate, d.investors = True, []  # "a series of MoUs worth Rs 47,000 crore": the signer is the zone
    elif len({n.name for n in d.investors}) > 1 and cues.sounds_plural(seg):
        # "A, B and C signed agreements worth ... in total": one project each
        n = len({n.name for n in d.investors})
        first = d.investors[0].span
        d.count = Quantity(Decimal(n), "", Span(first.start, first.start), "companies")
        d.aggregate = True
        return
    elif d.investors or not cues.sounds_plural(seg):
        return  # a single project: count 1 is filled in at the end
    d.aggregate = True
    found = _count_nearby(ctx, d.sentence)
    if found is not None:
        c, sent = found
        d.count = Quantity(Decimal(c.value), text[c.start : c.end], Span(c.start, c.end), c.noun)
        if not d.investors:
            d.investors = _bullet_list_parties(ctx, sent)


def _count_nearby(ctx: Context, sent: Sentence) -> tuple[cues.Count, Sentence] | None:
    """The count of an aggregate stated in a sentence around it ("The investment will go toward 41 projects")."""
    sents = ctx.layout.sentences
    money_sentences = ctx.cache.get("money_sentences") or ctx.cache.setdefault(
        "money_sentences", {a.sentence.index for a in ctx.amounts}
    )
    order = [sent.index - 1, sent.index + 1, sent.index + 2, sent.index + 3]
    for i in order:
        if i < 0 or i >= len(sents) or sents[i].section != sent.section or sents[i].heading:
            continue
        if i > sent.index and i in money_sentences:
            break
        s = sents[i]
        found = cues.counts_in(masked(ctx, s.span.start, s.span.end), s.span.start)
        if i < sent.index and i != sent.index - 1:
            continue
        if found:
            projects = [c for c in found if c.noun not in ("companies", "enterprises", "firms", "investors")]
            return (projects or found)[-1], s
    return None


def _bullet_list_parties(ctx: Context, sent: Sentence) -> list[Name]:
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
    return _dedupe(out)


# ---------------------------------------------------------------- when


def _usable(m: DateMention) -> bool:
    return m.value is not None and m.kind in _EXACT_KINDS


def _fill_date(ctx: Context, d: Draft) -> None:
    sent = d.sentence
    pos = d.amount.money.span.start if d.amount else sent.span.start
    own = [m for m in ctx.dates_in(sent.span.start, sent.span.end) if _usable(m) and not _is_deadline(ctx, m)]
    if own:
        before = [m for m in own if m.span.start <= pos]
        d.date = (before[-1] if before else own[0]).value
        return
    vague = [m for m in ctx.dates_in(sent.span.start, sent.span.end) if m.kind in _VAGUE_KINDS]
    heading_date = _heading_date(ctx, sent)
    if vague:
        d.date = heading_date or vague[0].value
        if d.date is not None:
            return
    para = [
        m
        for s in ctx.layout.of_paragraph(sent.paragraph)
        if s.index < sent.index
        for m in ctx.dates_in(s.span.start, s.span.end)
        if _usable(m) and not _is_deadline(ctx, m)
    ]
    if para:
        d.date = para[-1].value
        return
    if heading_date is not None:
        d.date = heading_date
        return
    d.date = _lead_date(ctx, sent.section) or _lead_date(ctx, 0) or _published(ctx)


def _is_deadline(ctx: Context, m: DateMention) -> bool:
    """ "by the end of 2024", "by mid-August", "since May 2019": not when the commitment was made."""
    before = ctx.text[max(0, m.span.start - 20) : m.span.start]
    return bool(
        re.search(
            r"\b(?:by|until|till|since|before|from|through)\s+(?:the\s+end\s+of\s+|mid-|early\s+|late\s+)?$",
            before,
            re.I,
        )
    )


def _heading_date(ctx: Context, sent: Sentence) -> DateValue | None:
    hi = ctx.layout.section_headings[sent.section] if sent.section < len(ctx.layout.section_headings) else None
    if hi is None:
        return None
    h = ctx.layout.sentences[hi]
    found = [m for m in ctx.dates_in(h.span.start, h.span.end) if _usable(m)]
    return found[0].value if found else None


def _lead_date(ctx: Context, section: int) -> DateValue | None:
    for s in ctx.layout.of_section(section):
        if s.heading:
            continue
        for m in ctx.dates_in(s.span.start, s.span.end):
            if _usable(m) and not _is_deadline(ctx, m) and m.value is not None and _recent(ctx, m.value):
                return m.value
    return None


def _recent(ctx: Context, v: DateValue) -> bool:
    """A lead date must be near the publication ("In June 2019 ..." in a 2020 roundup is background)."""
    pub = ctx.anchor.published
    if pub is None:
        return True
    if ctx.anchor.precision is not Precision.DAY:  # published "2020-08": anything up to the end of August
        pub = (pub.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return 0 <= (pub - v.date).days <= 200


def _published(ctx: Context) -> DateValue | None:
    a = ctx.anchor
    if a.published is None:
        return None
    return ctx.doc.published or DateValue(a.published, a.precision or Precision.DAY, a.published.isoformat())


# ---------------------------------------------------------------- where


def _place_candidates(names: list[Name]) -> list[Name]:
    places = [n for n in names if n.kind is Kind.PLACE and n.role not in ("origin", "dateline") and not n.possessive]
    if not places:  # "with the Rajasthan government": the government's place
        places = [
            replace(n, kind=Kind.PLACE, level=lvl)
            for n in names
            if n.kind is Kind.GOV and (lvl := place_level(n.name)) is not None
        ]
    return places


def _best_place(ctx: Context, names: list[Name], pos: int | None = None) -> Name | None:
    cands = _place_candidates(names)
    if not cands:
        return None
    non_venue = [n for n in cands if n.role != "venue"] or cands
    located = [n for n in non_venue if _LOCATED.search(ctx.text[max(0, n.span.start - 40) : n.span.start])]
    pool = located or non_venue
    top = max(n.level for n in pool)
    best = [n for n in pool if n.level == top]
    if pos is not None:
        before = [n for n in best if n.span.start <= pos]
        if before:
            return before[-1]
    return best[0]


def _fill_place(ctx: Context, d: Draft) -> None:
    sent = d.sentence
    pos = d.amount.money.span.start if d.amount else None
    place = _best_place(ctx, ctx.names_in(sent, d.seg_start, d.seg_end), pos)
    if place is None and len(ctx.amounts_of(sent.index)) <= 1:
        place = _best_place(ctx, ctx.names_in(sent), pos)
    if place is None:
        para = [
            n
            for s in ctx.layout.of_paragraph(sent.paragraph)
            if s.index != sent.index and not ctx.amounts_of(s.index)
            for n in ctx.names[s.index]
            if n.kind is Kind.PLACE and n.level >= 3
        ]
        place = _best_place(ctx, para)
    if place is None:
        place = _lead_place(ctx, sent.section, sent.index if d.aggregate else None)
    if place is None and sent.section != 0:
        place = _lead_place(ctx, 0)
    d.place = place


def _lead_place(ctx: Context, section: int, upto: int | None = None) -> Name | None:
    """The place a section (or the article) is about: its heading's, else its first sentence that names one.

    With ``upto`` (an aggregate's sentence), sentences after it come last, behind the titles: the place of a
    sub-project described later is not the place of the whole.
    """
    sents = ctx.layout.of_section(section)
    hi = ctx.layout.section_headings[section] if section < len(ctx.layout.section_headings) else None
    if hi is not None:
        p = _best_place(ctx, [n for n in ctx.names[hi] if n.role != "venue"])
        if p is not None and p.level >= 3:
            return p
    body = [s for s in sents if not s.heading]
    early = body if upto is None else [s for s in body if s.index <= upto]
    for s in early:
        p = _best_place(ctx, [n for n in ctx.names[s.index] if n.role != "venue"])
        if p is not None:
            return p
    titles = [n for s in sents if s.heading for n in ctx.names[s.index]]
    p = _best_place(ctx, titles)
    if p is not None or upto is None:
        return p
    for s in body:
        if s.index > upto:
            p = _best_place(ctx, [n for n in ctx.names[s.index] if n.role != "venue"])
            if p is not None:
                return p
    return None


# ---------------------------------------------------------------- what and how far


def _fill_stage(ctx: Context, d: Draft) -> None:
    sent = d.sentence
    sents = ctx.layout.sentences
    hi = ctx.layout.section_headings[sent.section]
    # its own sentence, else the sentences before it in its paragraph, else its section's heading
    order = [sent] + [sents[i] for i in range(sent.index - 1, -1, -1) if sents[i].paragraph == sent.paragraph]
    if hi is not None:
        order.append(sents[hi])
    for s in order:
        key = ("stage", s.index)
        if key not in ctx.cache:
            ctx.cache[key] = cues.stage_in(ctx.text[s.span.start : s.span.end])
        found = ctx.cache[key]
        if found is not None:
            stage, a, b = found
            start, end = s.span.start + a, s.span.start + b
            d.stage = StageValue(stage, ctx.text[start:end], Span(start, end))
            return


_PROJECT_VERB = re.compile(
    r"\b(?:build|construct|set\s+up|establish|develop|create|launch|expand|implement)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?P<p>[A-Za-z“\"][\w“”\"'’\- &]{2,70}?)(?=\s+(?:in|at|with|which|that|to|for|on|by|covering|spanning|over|while)\b|[,.;:(”]|$)"
)
_EVENT_OR_MEDIA = re.compile(r"Ceremony|Conference|Forum|Expo|Summit|Festival|Fair|Daily|News|Times|Post|Online|Agency")
_NOT_PROJECT = re.compile(r"(?:by|about|some|more|over|nearly|around|up|jobs|\w*\d)\b", re.I)
_PROJECT_AFTER_MONEY = re.compile(
    r"\s*(?!(?:in|to|were|was|is|are|of|for|on|at|into|will|has|have|and|with)\b)(?P<p>[a-z][\w\- ]{2,60}?(?:project|factory|plant|centre|center|base|park|complex|initiative|facility|headquarters?))\b"
)


def _fill_project(ctx: Context, d: Draft) -> None:
    text = ctx.text
    for n in ctx.names_in(d.sentence, d.seg_start, d.seg_end):
        if n.kind is Kind.THING and not _EVENT_OR_MEDIA.search(n.name):
            d.project = Mention(n.name, text[n.span.start : n.span.end], n.span)
            return
    if d.amount is not None:
        m = _PROJECT_AFTER_MONEY.match(text, d.amount.money.span.end)
        if m:
            d.project = Mention(m.group("p"), m.group("p"), Span(m.start("p"), m.end("p")))
            return
    m = _PROJECT_VERB.search(text, d.seg_start, d.seg_end)
    if m and not _NOT_PROJECT.match(m.group("p")):
        p = m.group("p").strip()
        start = m.start("p")
        d.project = Mention(p, text[start : start + len(p)], Span(start, start + len(p)))


# ---------------------------------------------------------------- signings without an amount


def _signings_without_amount(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """ "Xinhua Winshare ... and the Intellectual Property Publishing House signed a cooperation agreement to build
    ...": a signed project with no amount, when its section has no amount that already covers the signatories."""
    out: list[Draft] = []
    money_sentences = ctx.cache.get("money_sentences") or ctx.cache.setdefault(
        "money_sentences", {a.sentence.index for a in ctx.amounts}
    )
    invested = {n.name for d in drafts for n in d.investors}
    for s in ctx.layout.sentences:
        if s.heading or s.index in money_sentences:
            continue
        body = ctx.text[s.span.start : s.span.end]
        if not _NO_AMOUNT_SIGNING.search(body) or re.search(r"\b(?:such\s+as|including|a\s+number\s+of)\b", body):
            continue
        if s.paragraph in ctx.money_paragraphs():
            continue
        names = ctx.names[s.index]
        parties = [n for n in names if n.kind is Kind.ORG]
        if not parties and re.search(r"\bboth\s+parties\b|\bthe\s+two\s+(?:parties|sides)\b", body, re.I):
            parties = [n for n in _previous_parties(ctx, s) if n.kind is Kind.ORG]
        parties = _dedupe(parties)
        if not parties or any(n.name in invested for n in parties):
            continue
        if any(d.sentence.section == s.section and d.amount is None for d in out):
            continue
        d = Draft(None, s, s.span.start, s.span.end, investors=parties)
        d.hosts = _hosts(list(names), parties)
        d.count = None
        _fill_date(ctx, d)
        _fill_place(ctx, d)
        _fill_stage(ctx, d)
        _fill_project(ctx, d)
        invested.update(n.name for n in parties)
        out.append(d)
    return out


# ---------------------------------------------------------------- parents and output


def _link_parents(drafts: list[Draft]) -> None:
    """A named or single project after an aggregate in the same section is part of it (when it fits inside)."""
    for i, d in enumerate(drafts):
        if d.amount is None:
            continue
        for j in range(i - 1, -1, -1):
            p = drafts[j]
            if p.amount is None or not p.aggregate or p.sentence.section != d.sentence.section:
                continue
            # an aggregate goes under a bigger one only: 5 of "a series of MoUs", never 246 under 245
            bigger = p.count is None and d.count is not None
            if d.aggregate and not bigger and (p.count is None or d.count is None or d.count.value >= p.count.value):
                continue
            pa, da = p.amount.money, d.amount.money
            if pa.currency == da.currency and da.value >= pa.value:
                continue
            d.parent = j
            break


def _count_from_parts(ctx: Context, drafts: list[Draft]) -> None:
    """An aggregate without a stated count whose named parts add up to it exactly covers their projects:
    "MoUs worth Rs 47,000 crore" = a Rs 40,000 crore complex + five companies' Rs 7,000 crore -> 6."""
    for i, agg in enumerate(drafts):
        if not agg.aggregate or agg.count is not None or agg.amount is None:
            continue
        parts = [d for d in drafts if d.parent == i and d.amount is not None]
        money = agg.amount.money
        if len(parts) < 2 or any(d.amount.money.currency != money.currency for d in parts if d.amount):
            continue
        total = sum((d.amount.money.value for d in parts if d.amount), Decimal(0))
        if abs(total - money.value) <= money.value * Decimal("0.005"):
            n = sum(int(d.count.value) if d.count else 1 for d in parts)
            span = Span(money.span.start, money.span.start)
            agg.count = Quantity(Decimal(n), "", span, "projects")


def _mention(ctx: Context, n: Name) -> Mention:
    return Mention(n.name, ctx.text[n.span.start : n.span.end], n.span)


def _freeze(ctx: Context, d: Draft, i: int, drafts: list[Draft]) -> Project:
    count = d.count
    if count is None and not d.aggregate:
        anchor = d.amount.money.span if d.amount else d.sentence.span
        count = Quantity(Decimal(1), "", Span(anchor.start, anchor.start))
    evidence = (d.sentence.span,)
    amount: Money | None = d.amount.money if d.amount else None
    return Project(
        id=f"p{i + 1}",
        investors=tuple(_mention(ctx, n) for n in d.investors),
        hosts=tuple(_mention(ctx, n) for n in d.hosts),
        amount=amount,
        stated_conversions=d.amount.conversions if d.amount else (),
        count=count,
        parent=f"p{d.parent + 1}" if d.parent is not None else None,
        date=d.date,
        stage=d.stage or (drafts[d.parent].stage if d.parent is not None else None),
        place=_mention(ctx, d.place) if d.place else None,
        project=d.project,
        evidence=evidence,
    )


__all__ = ["assemble", "replace"]
