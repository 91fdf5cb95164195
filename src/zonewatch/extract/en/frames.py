"""Projects from the mentions of one document: which amounts are commitments, and who, where, when, how many.

Each amount becomes a candidate; cue words drop the figures that are not commitments (revenue, thresholds,
money already spent, annual plans, subtotals); the rest get investors, hosts, a count, a date, a place and a
stage from their own clause first, then their sentence, paragraph, section and document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from decimal import Decimal

from zonewatch.extract.en import cues
from zonewatch.extract.en.context import Amount, Context, masked
from zonewatch.extract.en.draft import Draft
from zonewatch.extract.en.layout import Sentence
from zonewatch.extract.en.lexicon import alternation, toml
from zonewatch.extract.en.names import Kind, Name
from zonewatch.extract.en.parties import (
    bullet_list_parties,
    clause_count,
    clause_text,
    dedupe,
    fill_parties,
    hosts,
    is_developer,
    previous_parties,
)
from zonewatch.extract.en.whenwhere import fill_date, fill_place
from zonewatch.extract.text import trim
from zonewatch.model import Mention, Money, Project, Quantity, Span, StageValue

_NO_AMOUNT_SIGNING = re.compile(r"\b(?:signed|inked|sealed)\b[^.;]{0,60}?\b(?:agreement|contract|MoU|memorandum)", re.I)
# Its verbs anywhere (a superset of where it can match): found once per document, so that the sentences with
# none of them are not searched one by one (without the leading \b the engine skips ahead by first letter).
_SIGNING_VERB = re.compile(r"[si](?:igned|nked|ealed)", re.I)
_EACH = re.compile(r"\b(?:each|another|respectively|two|both)\b", re.I)
_GOVERNED = re.compile(
    r"\b(?:projects|MoUs|agreements|contracts|deals|investments|proposals|pledges|commitments|leases)\s+"
    r"(?:worth|valued\s+at|totall?ing)\s+$",
    re.I,
)


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
    for d in drafts:  # "Among them, 21 are foreign-funded projects ...": a part goes where its whole goes
        if d.place is None and d.parent is not None:
            d.place = drafts[d.parent].place
        # "Among them, X will invest ...": a part that tells no date of its own was signed when its whole was
        if d.parent is not None and not d.date_told and drafts[d.parent].date_told:
            d.date = drafts[d.parent].date
    per_sentence = Counter(d.sentence.index for d in drafts)
    return [_freeze(ctx, d, i, drafts, per_sentence) for i, d in enumerate(drafts)]


# ---------------------------------------------------------------- which amounts are commitments


def _draft(ctx: Context, amount: Amount, drafts: list[Draft], seen: set[str]) -> Draft | None:
    text, sent, money = ctx.text, amount.sentence, amount.money
    if sent.heading and _section_has_body_money(ctx, sent, money):
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
    if cues.is_not_investment(
        _org_names_blanked(ctx, sent, amount.seg_start, money.span.start, clause_before), clause_after
    ) or cues.is_portion(before_seg):
        return None
    if _framed_as_statistic(ctx, sent, money.span.start) or _past_background(ctx, sent, clause_before):
        return None
    if _past_fiscal_year(ctx, after_seg):
        return None  # "... Rs 8.2 lakh crore in 2022-23": a past fiscal year's statistic
    d = Draft(amount, sent, amount.seg_start, amount.seg_end)
    fill_parties(ctx, d)
    _fill_count(ctx, d)
    if _is_subtotal(ctx, d, drafts, before_seg):
        return None
    fill_date(ctx, d)
    fill_place(ctx, d)
    _fill_stage(ctx, d)
    _fill_project(ctx, d)
    return d


def _org_names_blanked(ctx: Context, sent: Sentence, start: int, end: int, tail: str) -> str:
    """``tail`` (the end of ``text[start:end]``) with the company names in it blanked out: the cue words of a
    statistic say nothing inside a name ("Acme Sales Corp will invest", "Sales will invest" for it later)."""
    names = [n for n in ctx.names_in(sent, start, end) if n.kind is Kind.ORG and " " in n.name]
    if not names:
        return tail
    lo = end - len(tail)
    chunk = list(tail)
    for n in names:
        for k in range(max(n.span.start, lo), n.span.end):
            chunk[k - lo] = "X"
    return "".join(chunk)


_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]+,\s+(?:[A-Z][A-Za-z .'-]{1,30},\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:\([^)]{1,30}\))?\s*[-–—]+\s*"
)


def _past_fiscal_year(ctx: Context, after: str) -> bool:
    end = cues.fiscal_year_end(after[:40])
    pub = ctx.anchor.published
    return end is not None and pub is not None and 2000 + end <= pub.year


def _framed_as_statistic(ctx: Context, sent: Sentence, pos: int) -> bool:
    """The sentence opens with a past/running period, or the amount's clause is coordinated with a statistic."""
    before = ctx.text[sent.span.start : pos]
    before = _DATELINE.sub("", before, count=1)
    if cues.in_period_frame(before):
        return True
    return cues.inherits_frame(re.split(r"[,;]", before))


def _past_background(ctx: Context, sent: Sentence, clause_before: str) -> bool:
    """ "X attracted investment commitments of Rs 6.64 lakh crore at its summit in January": a tally of an
    event before the publication month, reported as background."""
    if not cues.is_background_total(clause_before):
        return False
    pub = ctx.anchor.published
    if pub is None:
        return False
    for m in ctx.dates_in(sent.span.start, sent.span.end):
        v = m.value
        if m.kind == "period":
            continue  # a quarter's or half-year's tally is the news of a report, not background
        if v is not None and (v.date.year, v.date.month) < (pub.year, pub.month):
            return True
    body = ctx.text[sent.span.start : sent.span.end]
    if _EARLIER.search(body):
        return True
    for bare in _BARE_MONTH.finditer(body):  # "at its summit in January" (a bare month is not a date mention)
        month = _MONTHS.index(bare.group("m").lower()[:3]) + 1
        year = int(bare.group("y")) if bare.group("y") else pub.year
        if (year, month) < (pub.year, pub.month):
            return True
    return False


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_BARE_MONTH = re.compile(
    r"\b(?:in|during|since)\s+(?:early\s+|late\s+|mid-)?(?P<m>January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?:\s+(?P<y>\d{4}))?\b"
)
_EARLIER = re.compile(r"\b(?:last|previous)\s+(?:year|month|edition)\b|\bearlier\s+this\s+year\b", re.I)


def _drop_restatements(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """ "Tencent will invest RMB 5 billion ... The RMB 5 billion headquarters will ...": one project, told twice."""
    kept: list[Draft] = []
    # the kept drafts by section and amount: only those can be restated (not every kept draft, read again)
    by_amount: dict[tuple[int, object, object], list[Draft]] = {}
    for d in drafts:
        assert d.amount is not None
        m = d.amount.money
        names = {n.name for n in d.investors}
        count = d.count.value if d.count else None
        same = by_amount.setdefault((d.sentence.section, m.value, m.currency), [])
        again = any(
            names <= {n.name for n in k.investors}
            and (count is None or (k.count is not None and k.count.value == count) or (k.count is None and count == 1))
            and not _EACH.search(ctx.text, d.sentence.span.start, d.sentence.span.end)
            for k in same
        )
        if not again:
            kept.append(d)
            same.append(d)
    return kept


def _section_has_body_money(ctx: Context, heading: Sentence, money: Money) -> bool:
    """A heading's figure repeats its section's body (or, for a title at the top, the article's).

    A dated section heading repeats its body only when the body has the same figure (within rounding) or one in
    another currency (a conversion it cannot compare): "JAN 12 | X will invest CNY 580 million." over a body
    whose only figure is last year's tax revenue is that section's commitment."""
    sections = ctx.cache.get("body_money_sections")
    if sections is None:
        sections = ctx.cache["body_money_sections"] = {}
        for a in ctx.amounts:
            if not a.sentence.heading:
                sections.setdefault(a.sentence.section, []).append(a.money)
    if not sections:
        return False
    headings = ctx.layout.section_headings
    first_section_heading = headings[1] if len(headings) > 1 and headings[1] is not None else 10**9
    if heading.section == 0 and heading.index < first_section_heading:
        return True  # a title at the top: any figure in the article
    body = sections.get(heading.section, ())
    return any(
        m.currency != money.currency or abs(m.value - money.value) <= max(m.value, money.value) * _REPEAT_ROUNDING
        for m in body
    )


# A heading's figure and its body's are the same one when they differ by at most this fraction ("RMB 5 billion"
# over "5.02 billion yuan").
_REPEAT_ROUNDING = Decimal("0.02")


def _is_subtotal(ctx: Context, d: Draft, drafts: list[Draft], before: str) -> bool:
    """An unnamed share of an aggregate already recorded ("Among them, 129 projects ... 31.15 billion")."""
    if d.investors or d.count is None or d.count.value <= 1:
        return False
    if not cues.has_subtotal_cue(before):
        return False
    if cues.is_funding_type_subset(re.split(r"[,;:(]", before)[-1]):
        return False  # "Among them, 18 are foreign-funded projects with ...": a record of its own (parent set later)
    for prev in drafts:
        same = prev.sentence.section == d.sentence.section and prev.aggregate
        if same and (prev.count is None or prev.count.value > d.count.value):
            return True
    return False


# ---------------------------------------------------------------- how many


# "a Rs 9,000 crore ...", never "a total of ..." / "a combined ..." (an aggregate of several)
_ONE_FACILITY_BEFORE = re.compile(
    r"\b(?:a|an|the|its|their|this|that)\s+(?:(?!total|combined|aggregate|cumulative|overall)[\w-]+\s+){0,2}$", re.I
)
_ONE_FACILITY_AFTER = re.compile(
    r"^\s*(?:(?!(?:in|for|of|to|on|at|and|with|into|worth|each)\b)[\w-]+\s+){0,4}?"
    rf"(?:{'|'.join(sorted(cues.SINGLE_FACILITY_NOUNS, key=len, reverse=True))})\b(?!-)",
    re.I,
)


def _one_facility(ctx: Context, d: Draft) -> bool:
    """ "a Rs 9,000 crore fabrication plant by A and B": the amount governs one facility (one project)."""
    if d.amount is None or re.search(r"\b(?:each|respectively)\b", ctx.text[d.seg_start : d.seg_end], re.I):
        return False  # "A and B will each build a $40 million plant": one plant per builder
    money = d.amount.money
    before = ctx.text[max(d.seg_start, money.span.start - 40) : money.span.start]
    after = ctx.text[money.span.end : min(d.seg_end, money.span.end + 60)]
    return bool(_ONE_FACILITY_BEFORE.search(before) and _ONE_FACILITY_AFTER.search(after))


def _fill_count(ctx: Context, d: Draft) -> None:
    text = ctx.text
    if _one_facility(ctx, d):
        return  # one facility, however many builders or other projects in the clause: count 1 at the end
    seg = clause_text(ctx, d)
    pos = d.amount.money.span.start if d.amount else None
    c = clause_count(ctx, d)
    if c is not None:
        d.count = Quantity(Decimal(c.value), text[c.start : c.end], Span(c.start, c.end), c.noun)
        d.aggregate = c.value > 1
        if d.aggregate and not d.investors:
            d.investors = bullet_list_parties(ctx, d.sentence)
        return
    governed = _GOVERNED.search(re.split(r"[,;:(]", text[d.seg_start : pos if pos is not None else d.seg_end])[-1])
    if governed and (not d.investors or all(is_developer(n) for n in d.investors)):
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
            d.investors = bullet_list_parties(ctx, sent)


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
            projects = [
                c
                for c in found
                if c.noun not in ("companies", "enterprises", "firms", "investors", "manufacturers", "tenants")
            ]
            return (projects or found)[-1], s
    return None


# ---------------------------------------------------------------- what and how far


def _fill_stage(ctx: Context, d: Draft) -> None:
    sent = d.sentence
    sents = ctx.layout.sentences
    hi = ctx.layout.section_headings[sent.section]
    # its own sentence, else the sentences before it in its paragraph, else its section's heading
    para = ctx.layout.of_paragraph(sent.paragraph)
    key = ("paragraph_indices", sent.paragraph)  # found by position, not by reading every sentence before it
    if key not in ctx.cache:
        ctx.cache[key] = [s.index for s in para]
    order = [sent, *reversed(para[: bisect_left(ctx.cache[key], sent.index)])]
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
    r"\b(?:build|construct|set\s+up|establish|develop|create|launch|expand|implement|"
    r"(?:laid|lays|lay)\s+the\s+foundation(?:\s+stone)?\s+(?:for|of)|inaugurated)"
    r"\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
    # (the full stops of "U.S." go on: "its first U.S. manufacturing operations")
    r"(?P<p>[A-Za-z“\"\d$€£¥₹](?:[\w“”\"'’\- &]|[,.](?=\d)|\.(?=[A-Z]\.)|(?<=\.[A-Z])\.){2,70}?)"
    r"(?=\s+(?:in|at|with|which|that|to|for|on|by|covering|spanning|over|while)\b|,(?!\d)|(?<![.\s][A-Z])\.(?!\d)|[;:(”]|$)"
)
_EVENT_OR_MEDIA = re.compile(r"Ceremony|Conference|Forum|Expo|Summit|Festival|Fair|Daily|News|Times|Post|Online|Agency")
# not a thing built: "create 2,500 jobs", "expand by 20%", "set up about 30 ...", "expand capacity" (what grows,
# not what is built); a size before a thing is fine
# ("build a 400,000-square-foot distribution center", "set up a 2 GW solar module factory")
_NOT_PROJECT = re.compile(
    r"(?:by|about|some|more|over|nearly|around|up|jobs)\b|(?:capacity|production|output|operations|presence|footprint)\b|[\d.,]+(?:\s+(?:lakh|crore|million|thousand|hundred))?(?:\s+(?:new|more|direct|indirect|additional|local))*"
    r"\s*(?:%|(?:percent|per\s+cent|jobs|people|workers|employees|positions|posts|opportunities|times|years?)\b|$)",
    re.I,
)
_PROJECT_AFTER_MONEY = re.compile(
    r"[\s)）]*(?!(?:in|to|were|was|is|are|of|for|on|at|into|will|has|have|and|with|over|across|within|during|through|spread|each|per)\b)(?P<p>[a-z][\w\- ]{2,60}?(?:project|factory|plant|centre|center|base|park|complex|initiative|facility|headquarters?)"
    # "a $500 million factory": the facility alone names what the money builds
    r"|(?:factory|plant|complex|facility|headquarters|campus|warehouse))\b"
)
_FACILITIES = toml("names.toml")["facility_nouns"]
# "a Rs 40,000 crore semiconductor fab by RRP": any facility noun after a word or two
_FACILITY_HEAD = re.compile(rf"\s+({alternation(_FACILITIES['words'])})\b(?!-)")
_OPENED_BRACKET = re.compile(r"[(（]\s*(?:[a-z]+\s+){0,3}$")
_FACILITY_BEFORE = re.compile(
    rf"\b(?:a|an|the|its)\s+(?P<p>(?:[a-z][\w-]*\s+){{0,5}}?(?:{alternation(_FACILITIES['words'])}))\b(?!-)"
)
_LINK_WORDS = r"(?:in|to|were|was|is|are|of|for|on|at|into|will|has|have|and|with|each|per|a|an|the|by|its|their)\b"
_FACILITY_AFTER_MONEY = re.compile(
    # (a size may come first, after a comma: "a $90 million, 300,000-square-foot distribution center")
    rf"(?:[\s)）]*|,\s+)(?P<p>(?:(?!{_LINK_WORDS})(?:[A-Za-z][\w&-]*|\d[\d,.]*-[\w-]+)\s+){{1,3}}?"
    rf"(?:{alternation(_FACILITIES['words'])}))\b"
)

# "spend $30 million on a new warehouse", "invest Rs 900 crore in a greenfield steel plant": the facility after
# the amount's preposition (not a park, zone or site: money put "in the park" is where, not what)
_FACILITY_NOUNS = [w for w in _FACILITIES["words"] if w not in _FACILITIES["places"]]
_PROJECT_AFTER_PREP = re.compile(
    r"[\s)）]*(?:over\s+(?:the\s+next\s+)?\w+\s+years\s+)?(?:on|in|into|for)\s+(?:a|an|its|their|the)\s+"
    rf"(?P<p>(?:[A-Za-z][\w-]*\s+){{0,4}}?(?:{alternation(_FACILITY_NOUNS)})(?:\s+(?:{alternation(_FACILITY_NOUNS)}))?)"
    r"\b(?!-)"
)


def _amount_end(a: Amount) -> int:
    """Where an amount and the conversions printed after it end."""
    return (a.conversions[-1] if a.conversions else a.money).span.end


def _fill_project(ctx: Context, d: Draft) -> None:
    text = ctx.text
    after_money = None
    if d.amount is not None:
        end = _amount_end(d.amount)
        after_money = _PROJECT_AFTER_MONEY.match(text, end, d.seg_end) or _FACILITY_AFTER_MONEY.match(
            text, end, d.seg_end
        )
    for n in ctx.names_in(d.sentence, d.seg_start, d.seg_end):
        if n.kind is Kind.THING and not _EVENT_OR_MEDIA.search(n.name):
            head = _FACILITY_HEAD.match(text, n.span.end, d.seg_end)
            if head is None or head.group(1) == "project":
                d.project = Mention(n.name, text[n.span.start : n.span.end], n.span)
                return
            bought = after_money or (d.amount and _PROJECT_AFTER_PREP.match(text, _amount_end(d.amount), d.seg_end))
            if not bought:  # "expand its Kulim plant": the plant named by its site
                raw = text[n.span.start : head.end()]
                d.project = Mention(f"{n.name} {head.group(1)}", raw, Span(n.span.start, head.end()))
                return
            break  # "a new battery cell line at its Ochang plant": what the money buys, not where
    if after_money is not None:
        p = after_money.group("p")
        d.project = Mention(p, p, Span(after_money.start("p"), after_money.end("p")))
        return
    m = _PROJECT_VERB.search(text, d.seg_start, d.seg_end)
    if (m is None or _NOT_PROJECT.match(m.group("p"))) and d.amount is not None:
        m = _PROJECT_AFTER_PREP.match(text, _amount_end(d.amount), d.seg_end)
    if m and not _NOT_PROJECT.match(m.group("p")):
        start, end = m.start("p"), m.end("p")
        if d.amount is not None and start <= d.amount.money.span.start < end:
            start = d.amount.money.span.end  # "set up a SAR 500 million factory": the factory, not its price
        start, end = trim(text, start, end)
        if end > start:
            p = text[start:end]
            d.project = Mention(p, p, Span(start, end))
            return
    if d.amount is not None and _OPENED_BRACKET.search(text, d.seg_start, d.amount.money.span.start):
        # "a new energy vehicle parts base by Gotion High-tech (6 billion yuan)": the facility the bracket prices
        found = list(_FACILITY_BEFORE.finditer(text, d.seg_start, d.amount.money.span.start))
        if found:
            last = found[-1]
            d.project = Mention(last.group("p"), last.group("p"), Span(last.start("p"), last.end("p")))


# ---------------------------------------------------------------- signings without an amount


def _signings_without_amount(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """ "Xinhua Winshare ... and the Intellectual Property Publishing House signed a cooperation agreement to build
    ...": a signed project with no amount, when its section has no amount that already covers the signatories."""
    out: list[Draft] = []
    money_sentences = ctx.cache.get("money_sentences") or ctx.cache.setdefault(
        "money_sentences", {a.sentence.index for a in ctx.amounts}
    )
    invested = {n.name for d in drafts for n in d.investors}
    verbs = [m.start() for m in _SIGNING_VERB.finditer(ctx.text)]
    if not verbs:
        return out
    for s in ctx.layout.sentences:
        if s.heading or s.index in money_sentences:
            continue
        at = bisect_left(verbs, s.span.start)
        if at == len(verbs) or verbs[at] + 5 > s.span.end:
            continue  # no signing verb inside the sentence: the pattern cannot match
        body = ctx.text[s.span.start : s.span.end]
        if not _NO_AMOUNT_SIGNING.search(body) or re.search(r"\b(?:such\s+as|including|a\s+number\s+of)\b", body):
            continue
        if s.paragraph in ctx.money_paragraphs():
            continue
        names = ctx.names[s.index]
        parties = [n for n in names if n.kind is Kind.ORG]
        if not parties and re.search(r"\bboth\s+parties\b|\bthe\s+two\s+(?:parties|sides)\b", body, re.I):
            parties = [n for n in previous_parties(ctx, s) if n.kind is Kind.ORG]
        parties = dedupe(parties)
        if not parties or any(n.name in invested for n in parties):
            continue
        if any(d.sentence.section == s.section and d.amount is None for d in out):
            continue
        d = Draft(None, s, s.span.start, s.span.end, investors=parties)
        d.hosts = hosts(list(names), parties)
        d.count = None
        fill_date(ctx, d)
        fill_place(ctx, d)
        _fill_stage(ctx, d)
        _fill_project(ctx, d)
        invested.update(n.name for n in parties)
        out.append(d)
    return out


# ---------------------------------------------------------------- parents and output


def _link_parents(drafts: list[Draft]) -> None:
    """A named or single project after an aggregate in the same section is part of it (when it fits inside)."""
    # only the earlier aggregates with an amount in the same section can be a parent: walk back over those
    # alone (walking back over every earlier draft was quadratic: 0.5 s CPU at 3,000 drafts in one section)
    aggregates: dict[int, list[int]] = {}
    for i, d in enumerate(drafts):
        if d.amount is None:
            continue
        for j in reversed(aggregates.get(d.sentence.section, [])):
            p = drafts[j]
            if p.amount is None:  # never: only aggregates with an amount are listed (this narrows the type)
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
        if d.aggregate:
            aggregates.setdefault(d.sentence.section, []).append(i)


def _count_from_parts(ctx: Context, drafts: list[Draft]) -> None:
    """An aggregate without a stated count whose named parts add up to it exactly covers their projects:
    "MoUs worth Rs 47,000 crore" = a Rs 40,000 crore complex + five companies' Rs 7,000 crore -> 6."""
    children: dict[int, list[Draft]] = {}  # one pass, not one pass over every draft per aggregate
    for d in drafts:
        if d.parent is not None and d.amount is not None:
            children.setdefault(d.parent, []).append(d)
    for i, agg in enumerate(drafts):
        if not agg.aggregate or agg.count is not None or agg.amount is None:
            continue
        parts = children.get(i, [])
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


_ONE_FACILITY = [
    *(w for w in _FACILITIES["words"] if not w.endswith("s") or w in ("headquarters", "works")),
    *_FACILITIES["follow_up"],
]
# "The plant will employ 1,500 people.", "It is due to open in 2027.": the next sentence goes on about the project
_FOLLOW_UP = re.compile(
    r"\s*(?:(?:The|This|That|Its|The\s+new)\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{alternation(_ONE_FACILITY)})\b(?!-)|It\s+(?:will|is|would|was)\b)"
)


def _follow_up(ctx: Context, d: Draft, per_sentence: Counter[int]) -> Sentence | None:
    """The sentence right after the project's, when it is the only project of its sentence, that speaks of it
    and holds no project of its own (its jobs and site area are the project's, see normalize.units)."""
    sents = ctx.layout.sentences
    i = d.sentence.index + 1
    if per_sentence[d.sentence.index] != 1 or i >= len(sents) or per_sentence[i]:
        return None
    if sents[i].heading or sents[i].section != d.sentence.section:
        return None
    return sents[i] if _FOLLOW_UP.match(ctx.text, sents[i].span.start, sents[i].span.end) else None


# "... has leased 120 rai for a new tyre factory. Linglong plans to invest 5.6 billion baht in the plant": the
# amount's sentence speaks of a facility the sentence before introduced
# (a place word says where the money goes: "invest 3 billion yuan in the zone")
_BACK_REFERENCE = re.compile(
    r"\s*(?:in|into|on|for|to\s+build)\s+the\s+(?:new\s+)?"
    rf"(?:{alternation([w for w in _ONE_FACILITY if w not in _FACILITIES['places']])})\b(?!-)"
)


def _lead_in(ctx: Context, d: Draft, per_sentence: Counter[int]) -> Sentence | None:
    """The sentence before the project's that introduced the facility its amount goes "in the plant"."""
    sents = ctx.layout.sentences
    i = d.sentence.index - 1
    if d.amount is None or per_sentence[d.sentence.index] != 1 or i < 0 or per_sentence[i]:
        return None
    if sents[i].heading or sents[i].section != d.sentence.section:
        return None
    end = (d.amount.conversions[-1] if d.amount.conversions else d.amount.money).span.end
    return sents[i] if _BACK_REFERENCE.match(ctx.text, end, d.seg_end) else None


def _freeze(ctx: Context, d: Draft, i: int, drafts: list[Draft], per_sentence: Counter[int]) -> Project:
    count = d.count
    if count is None and not d.aggregate:
        anchor = d.amount.money.span if d.amount else d.sentence.span
        count = Quantity(Decimal(1), "", Span(anchor.start, anchor.start))
    after = _follow_up(ctx, d, per_sentence)
    before = _lead_in(ctx, d, per_sentence)
    # one span over the project's sentence and those next to it that speak of it (every evidence span holds the
    # amount)
    evidence = (Span((before or d.sentence).span.start, (after or d.sentence).span.end),)
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


__all__ = ["assemble", "mentions_signing"]
