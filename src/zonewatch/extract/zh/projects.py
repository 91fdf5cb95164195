"""From what a document contains to project records: one per investment amount, with its investors,
count, date, stage, place, project and parent; repeats of the same figure merged."""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

from zonewatch.extract.zh.context import Context
from zonewatch.extract.zh.dates import DateHit
from zonewatch.extract.zh.figures import (
    StageCues,
    find_count,
    is_investment,
    looks_aggregate,
    sentence_cue_at,
    stage_cues,
)
from zonewatch.extract.zh.lexicon import alternation, lexicon
from zonewatch.extract.zh.money import MoneyHit
from zonewatch.extract.zh.names import Org, core_name, over_conjunction
from zonewatch.extract.zh.places import Place
from zonewatch.extract.zh.spans import Stops, walk_left
from zonewatch.model import (
    DateValue,
    Document,
    Mention,
    Money,
    Precision,
    Project,
    Qualifier,
    Quantity,
    Span,
    Stage,
    StageValue,
)

# (past a clause giving the site's size: "总投资12亿元,用地150亩,建设汽车零部件生产基地")
_BUILD = re.compile(
    r"(?:[,，]\s?(?:项目)?(?:规划|总)?(?:用地|占地|建筑)(?:面积)?[^,，。;；]{0,15}(?=[,，]))?"
    r"[,，]?[^,，。;；]{0,20}?(?:用于|投资建设|建设|兴建|新建|投建|改扩建|扩建|建造|打造|建(?!成|设成))(?:其)?(?P<what>[^,，。;；、…]{2,30})"
)
_BUILT_BEFORE = re.compile(
    r"(?:投资建设|建设|兴建|新建|投建|改扩建|扩建|建造|打造)(?:其)?(?P<what>[^,，。;；、…]{2,30})(?=[,，])"
)
_NOT_WHAT = re.compile(r"产值|营收|收入|税|利润|成后|投产后|达产")
_SUBJECT = re.compile(
    r"(?:计划总投资|项目总投资|总投资额|总投资|投资总额|计划投资|拟投资|投资)\s?(?:约|近|超过|超|达|为)?$"
)
_GENERIC_PROJECT = re.compile(r"^(?:重大|重点|产业|签约|招商引资|好|大|该|此|本|一批|这批|新|的|这个|上述|整个)*项目$")
_NAMED_AFTER = re.compile(r"的(?P<what>[^,，。;；、的]{2,30}?项目)")
_PLAN = re.compile(r"将于|预计|计划于|拟于|力争|确保|争取|有望|将在|计划在|预计于|明年|后年")
_COMPONENT = re.compile(r"其中|含|包括")
# words introducing the investor after the amount ("由星河科技投资建设", "投资方为星河科技有限公司")
_INVESTOR_LEAD = re.compile(r"(?:由|投资方为|投资方是|投资方:|投资主体为|投资企业为|业主为|业主单位为)$")
# "该项目总投资...", "据悉,该项目..." (a reporting phrase may open the sentence)
_ANAPHORIC_START = re.compile(r"(?:(?:据悉|据了解|据介绍)\s?[,，]?\s?)?(?:该|此|本|这个)?项目")
# joint investors followed by this share the amounts after it out, in order ("A和B分别投资10亿元和5亿元")
_RESPECTIVELY = re.compile(r"分别")
# "建设电池、电机和电控三个项目": the names listed between a verb and their count
_LIST_LEAD = r"建设|打造|兴建|新建|投建|实施|引进|包括|包含|共有|:|："
_NAME_LIST = re.compile(rf"(?:{_LIST_LEAD})(?P<items>(?:(?!{_LIST_LEAD})[^,，。;；]){{2,58}}?)等?$")
# how far before a stage cue a later date makes it a plan ("2021年3月底前正式开工"), within its clause
_PLAN_GAP = 16
_CLAUSE_END = re.compile(r"[,，。;；!！?？]")
# what follows a project's name in the same clause without being part of it: a time, a stage, a verb
_AFTER_NAME = re.compile(
    r"(?:今年|明年|去年|预计|计划|将|已|于|在|正式|目前|达成|签约|签订|签署|落户|落地|开工|动工|投产|竣工|建成|\d|[一二三四五六七八九十]+月)"
)
_INVESTS = re.compile(r"\s?(?:投资|出资|独资|全资|控股)")
_LIST_JOIN = re.compile(r"\s?(?:和|与|及|以及|、|,|，)\s?")
# "分别建设正极材料项目和负极材料项目": names each ending in 项目, listed after a verb of building in one clause
_PROJECT_LIST = re.compile(
    r"(?:建设|投建|新建|兴建|打造|引进|实施|用于)(?P<items>[^,，。;；:：]{2,26}?项目(?:(?:和|与|及|、)[^,，。;；:：]{2,26}?项目)+)"
    r"(?=[,，。;；]|$)"
)


@dataclass
class _Draft:
    hit: MoneyHit
    sentence: int
    investors: list[Mention] = field(default_factory=list)
    hosts: list[Mention] = field(default_factory=list)
    count: Quantity | None = None
    aggregate: bool = False
    date: DateValue | None = None
    date_here: bool = False
    place_here: bool = False  # the place is named in the record's own sentence
    stage: StageValue | None = None
    place: Mention | None = None
    project: Mention | None = None
    conversions: list[Money] = field(default_factory=list)
    headline: bool = False
    parent: int | None = None
    evidence: Span | None = None
    shadow: str = ""  # the document's shadow text, for ``near``
    near_span: tuple[int, int] = (0, 0)

    @property
    def near(self) -> str:
        """The shadow text of its sentence and the one before (where "该项目" finds its name). Sliced when asked:
        a copy per record would make a line of thousands of amounts quadratic in memory."""
        return self.shadow[self.near_span[0] : self.near_span[1]]


class _Claims:
    """Places named in a company's own clause as its destination, with who claimed them (core names), so that
    a record asks "is this place another company's?" without rescanning every earlier record; and, for the walk
    back to an earlier sentence's place, the sentences whose places are all claimed (skipped at once) and those
    holding a place claimed by a given name (the only claimed ones that may be this company's own)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.by_span: dict[Span, dict[frozenset[str], None]] = {}
        self.sentence_starts = ctx.sentence_starts
        self.by_name: dict[str, list[int]] = {}  # sentences holding a place claimed by that name, ascending
        self.skip: dict[int, int] = {}  # a place sentence whose places are all claimed -> an earlier one to try

    def add(self, d: _Draft) -> None:
        # (an aggregate's place is shared by the companies of its parts: "与A、B签约,两个项目总投资..." claims none)
        if d.place_here and d.place and d.investors and not d.aggregate:
            names = frozenset(core_name(m.name) for m in d.investors)
            self.by_span.setdefault(d.place.span, {})[names] = None
            j = bisect.bisect_right(self.sentence_starts, d.place.span.start) - 1
            for name in names:
                held = self.by_name.setdefault(name, [])
                k = bisect.bisect_left(held, j)
                if k == len(held) or held[k] != j:
                    held.insert(k, j)

    def against(self, mine: frozenset[str]) -> Callable[[Span], bool]:
        """Whether a place was claimed by investors sharing no name with ``mine`` (nothing is, if ``mine`` is empty)."""
        by_span = self.by_span

        def claimed(span: Span) -> bool:
            return bool(mine) and any(not mine & names for names in by_span.get(span, ()))

        return claimed

    def _claimed_by_any(self, span: Span) -> bool:
        return span in self.by_span

    def _unclaimed_from(self, j: int) -> int:
        """The last place sentence at or before ``j`` holding a place nobody claimed (-1 if none). Claims are
        only ever added, so a sentence found all claimed is skipped for good (the skips are path-compressed)."""
        ctx, seen = self.ctx, []
        while j >= 0:
            nxt = self.skip.get(j)
            if nxt is None:
                span = ctx.sentences[j]
                if _last_in(ctx, span.start, span.end, self._claimed_by_any) is not None:
                    break
                nxt = ctx.place_sentence_before(j)
            seen.append(j)
            j = nxt
        for k in seen:
            self.skip[k] = j
        return j

    def sentences_before(self, si: int, mine: frozenset[str]) -> Iterable[int]:
        """The place sentences before sentence ``si``, latest first, that may hold a place not claimed against
        ``mine``: the same first hit as walking back through every place sentence. One holding only places
        claimed by others is never one; one holding a place nobody claimed always is; between the latest such
        sentence and ``si`` only those holding a place claimed under one of ``mine``'s names can be."""
        ctx = self.ctx
        j = ctx.place_sentence_before(si)
        if mine:
            free = self._unclaimed_from(j)
            lists = [self.by_name.get(name, []) for name in mine]
            tops = [bisect.bisect_left(held, si) for held in lists]  # the candidates below ``si``
            named = heapq.merge(*(reversed(held[:top]) for held, top in zip(lists, tops, strict=True)), reverse=True)
            last = si
            for k in named:
                if k <= free:
                    break
                if k != last and ctx.place_sentences[k + 1] == k:  # a place sentence, not seen yet
                    yield k
                last = k
            j = free
        while j >= 0:
            yield j
            j = ctx.place_sentence_before(j)


def extract_projects(doc: Document) -> list[Project]:
    """Every investment commitment in a Chinese document, as project records in text order."""
    # Each amount's work is kept to its own neighbourhood (indexes by sentence and position, no rescans of the
    # earlier records): a document of thousands of amounts must not take the square of that.
    ctx = Context.build(doc)
    drafts: list[_Draft] = []
    drafted: set[int] = set()  # the sentences holding a record
    claims = _Claims(ctx)
    hosts_of: dict[tuple[int, int], list[Mention]] = {}
    dates_of: dict[int, _SentenceDates] = {}
    # the stage cues of the whole text, each sentence reading its own (no stage word spans a sentence break)
    all_cues = StageCues(_reported(ctx, stage_cues(ctx.text, ctx.shadow, 0, len(ctx.shadow))))
    context_date: DateValue | None = None
    context_stage: StageValue | None = None
    period_before = False  # the sentence before ended in a semicolon after a period total or a plan
    unpriced: list[_Unpriced] = []  # signings with only a vague figure ("签约...投资数十亿元")
    # (most documents have none: one scan of the whole text, not two per sentence without an amount)
    vague_at = [m.start() for m in _vague_patterns()[0].finditer(ctx.shadow)]
    for si, sent in enumerate(ctx.sentences):
        s0, s1 = sent.start, sent.end
        hits = ctx.money_in(s0, s1)
        prev_end = s0  # end of the last figure in this sentence
        last_inv_end = s0  # end of the last investment in this sentence (and of the project named after it)
        had_investment = False
        # "A和B分别投资10亿元和5亿元": the investor of each later amount of the list, by its index in ``hits``,
        # and the records of the list (its project and place are named after the last amount)
        respective: dict[int, list[Mention]] = {}
        # "建设电池、电机和电控三个项目,分别投资10亿元、5亿元和3亿元": each later amount's project, by its index
        respective_project: dict[int, Mention] = {}
        listed: list[_Draft] = []
        neg_cue = sentence_cue_at(ctx.shadow, s0, s1) if hits or ctx.shadow[s1 - 1] in ";；" else None
        cue_range = all_cues.within(s0, s1)
        # where the next figure that is not a stated conversion starts, after each one
        next_starts = [s1] * len(hits)
        following = s1
        for k in range(len(hits) - 1, -1, -1):
            next_starts[k] = following
            if hits[k].kind != "conversion":
                following = hits[k].money.span.start
        for k, h in enumerate(hits):
            start, end = h.money.span.start, h.money.span.end
            next_start = next_starts[k]
            # the text after the amount, past a stated conversion "(约合人民币9.7亿元)"
            after = end
            if k + 1 < len(hits) and hits[k + 1].kind == "conversion":
                after = hits[k + 1].money.span.end
                after += 1 if ctx.shadow[after : after + 1] in ")）" else 0
            if h.kind == "conversion":
                if drafts and drafts[-1].sentence == si and drafts[-1].hit is hits[k - 1]:
                    drafts[-1].conversions.append(h.money)
                prev_end = end
                continue
            if h.kind != "amount" or not is_investment(ctx.shadow, s0, prev_end, start, end, neg_cue):
                prev_end = end
                continue
            if h.phase and had_investment:
                prev_end = end
                continue
            # "项目总投资10亿元,其中设备投资6亿元": a part of the single project just stated
            last = drafts[-1] if drafts and drafts[-1].sentence == si else None
            if (
                last is not None
                and not last.aggregate
                and _COMPONENT.search(ctx.shadow, prev_end, start)
                and not ctx.orgs_in(prev_end, start)
            ):
                prev_end = end
                continue
            had_investment = True
            consumed = end
            d = _Draft(h, si, headline=sent.headline, evidence=sent.span, shadow=ctx.shadow)
            d.near_span = (ctx.sentences[max(0, si - 1)].start, s1)
            d.count = find_count(ctx.text, ctx.shadow, prev_end, start, end)
            window = (last_inv_end, start)
            companies = [o for o in ctx.orgs_in(*window) if o.role in ("company", "anaphor")]
            listed_projects: list[Mention] = []
            heads_list = False  # the first amount of a list its projects' count speaks of
            if k in respective_project:
                d.project = respective_project.pop(k)
            if d.count is not None and d.count.value > 1 and _RESPECTIVELY.search(ctx.shadow, d.count.span.end, start):
                run = _listed_amounts(ctx.shadow, hits, k)
                if len(run) == d.count.value:
                    # the count is of the amounts listed after it, each one project's
                    heads_list = True
                    listed_projects = _listed_names(ctx, d.count, len(run))
                    for j, name in zip(run[1:], listed_projects[1:], strict=False):
                        respective_project[j] = name
                    d.count = Quantity(Decimal(1), "", Span(start, start), unit="projects")
            if (d.count is not None and d.count.value > 1) or (
                d.count is None and not companies and looks_aggregate(ctx.shadow, prev_end, start)
            ):
                d.aggregate = True
                if period_before:
                    # "1-7月,全区新签约项目38个,协议总投资265亿元;新开工项目27个,总投资110亿元": the clause after
                    # the semicolon goes on counting the same period
                    prev_end = end
                    continue
            each: list[Mention] = []  # "A与B分别投资5亿元": one record per investor, each of the amount
            if k in respective:
                d.investors = respective.pop(k)
                listed.append(d)
            elif d.aggregate:
                # "与A、B签约,两个项目总投资35亿元": an aggregate of as many projects as the companies it names
                named = list({o.mention.name: o.mention for o in companies if o.role == "company"}.values())
                if d.count is not None and len(named) > 1 and d.count.value == len(named):
                    d.investors = named
            else:
                d.investors = _investors(ctx, companies, window, si, h) or _investor_after(ctx, after, next_start)
                if not d.investors and k + 1 < len(hits) and next_start < s1:
                    # "总投资45亿元,年度计划投资8亿元,由A公司投资建设": past a figure that is no investment of its own
                    nxt = hits[k + 1].money.span
                    if not is_investment(ctx.shadow, s0, end, nxt.start, nxt.end, neg_cue):
                        d.investors = _investor_after(ctx, nxt.end, next_starts[k + 1])
                if not d.investors and next_start == s1:
                    d.investors = _investor_next(ctx, si)
                if heads_list:
                    # the investors of a list of projects invest in each ("...三个项目,分别投资...")
                    run = _listed_amounts(ctx.shadow, hits, k)
                    respective.update((j, d.investors) for j in run[1:])
                    listed = [d]
                if len(d.investors) > 1 and _RESPECTIVELY.search(ctx.shadow, d.investors[-1].span.end, start):
                    run = _listed_amounts(ctx.shadow, hits, k)
                    if len(run) == len(d.investors):
                        respective.update((j, [inv]) for j, inv in zip(run[1:], d.investors[1:], strict=True))
                        d.investors = d.investors[:1]
                        listed = [d]
                    elif len(run) == 1:
                        each = d.investors
                if not listed and _RESPECTIVELY.search(ctx.shadow, prev_end, start):
                    # "A拟建设甲项目和乙项目,分别投资10亿元和5亿元": one investor's amounts, one per project
                    run = _listed_amounts(ctx.shadow, hits, k)
                    if len(run) > 1 and (names := _projects_listed(ctx, s0, s1, len(run))):
                        respective.update((j, d.investors) for j in run[1:])
                        respective_project.update(zip(run[1:], names[1:], strict=True))
                        d.project = names[0]
                        listed = [d]
            if not d.aggregate:
                if d.count is None:
                    d.count = Quantity(Decimal(1), "", Span(start, start), unit="projects")
                if listed_projects:
                    d.project = listed_projects[0]
                d.project = d.project or _project(ctx, window, after, next_start) or _heading_project(ctx, si, drafted)
                if d.project is not None and d.project.span.start >= end:
                    consumed = d.project.span.end
                if not d.investors and d.project is not None:
                    d.investors = _owner_of(ctx, d.project, window)
            # (the lists are shared by a sentence's records and never changed)
            if (si, s0) not in hosts_of:
                hosts_of[si, s0] = _hosts(ctx, s0, s1)
            d.hosts = hosts_of[si, s0]
            if not d.hosts and si > 0 and si - 1 not in drafted:
                p0 = ctx.sentences[si - 1].start
                if (si, p0) not in hosts_of:
                    hosts_of[si, p0] = _hosts(ctx, p0, s0)
                d.hosts = hosts_of[si, p0]
            if si not in dates_of:
                dates_of[si] = _SentenceDates(ctx, si)
            d.date, d.date_here = dates_of[si].date(start, context_date, ctx.published)
            d.stage = all_cues.nearest(start, *cue_range) or context_stage
            if d.stage is not None and d.stage.stage is Stage.ANNOUNCED and context_stage is not None:
                d.stage = context_stage
            # a place named in another company's clause is that company's destination, not this one's
            mine = frozenset(core_name(m.name) for m in d.investors)
            built = d.project.span if d.project is not None else None
            d.place, d.place_here = _place(ctx, si, prev_end, start, next_start, claims, mine, built)
            if d.place is not None:
                d.place = _refer_back(ctx, d.place)
            if each:
                d.investors = each[:1]
            drafts.append(d)
            drafted.add(si)
            claims.add(d)
            for inv in each[1:]:
                drafts.append(replace(d, investors=[inv]))
                claims.add(drafts[-1])
            prev_end = end
            last_inv_end = max(end, consumed)
        if (
            vague_at
            and not hits
            and bisect.bisect_left(vague_at, s0) < bisect.bisect_left(vague_at, s1)
            and (vague := _vague_signing(ctx.shadow, s0, s1)) is not None
        ):
            u = _unpriced(ctx, si, vague, claims, all_cues.nearest(vague.start(), *cue_range) or context_stage)
            if u is not None:
                if si not in dates_of:
                    dates_of[si] = _SentenceDates(ctx, si)
                u.date = dates_of[si].date(vague.start(), context_date, ctx.published)[0]
                unpriced.append(u)
        # (the sentence's records are the last ones drafted: read back from the end, never the whole list)
        own = _of_sentence(drafts, si) if si in drafted else []
        if len(listed) > 1:
            _total_of_listed(drafts, listed, si)
        elif len(own) > 1:
            _share_out_after(ctx, own, s1)
        if len(own) > 1:
            _places_before_list(ctx, [d for d in own if not d.aggregate], s0)
        if len(listed) > 1:  # what a list of amounts builds, and where, is named after its last amount
            last_of = listed[-1]
            # "A和B分别投资10亿元和5亿元,分别建设甲项目和乙项目": a list of as many projects is shared out in order
            joint = last_of.project.span if last_of.project is not None else None
            names = _projects_listed(ctx, s0, s1, len(listed)) if joint is not None else []
            if joint is not None and names and all(x.project is None or x.project.span.overlaps(joint) for x in listed):
                for x, name in zip(listed, names, strict=True):
                    x.project = name
            named_after = last_of.place is not None and last_of.place.span.start > last_of.hit.money.span.end
            for x in listed[1:]:  # (the first's investor found from its project, after the list was read)
                x.investors = x.investors or listed[0].investors
            for x in listed[:-1]:
                x.project = x.project or last_of.project
                if x.place is None or named_after:
                    x.place, x.place_here = last_of.place, last_of.place_here
            # "A和B分别与德阳经开区签约,投资额分别为20亿元和15亿元": a place named before the list is every record's
            # (the first amount's clause claimed it for its own company)
            first = listed[0]
            if last_of.place is None and first.place is not None and first.place.span.end <= first.hit.money.span.start:
                last_of.place, last_of.place_here = first.place, first.place_here
            # "A和B分别投资10亿元和5亿元,分别在X和Y建设P和Q": named lists of another kind, shared out the same way
            _share_out_after(ctx, listed, s1)
        # what this sentence says carries over to the next ones
        period_before = ctx.shadow[s1 - 1] in ";；" and (neg_cue is not None or period_before)
        here = [x for x in ctx.dates_in(s0, s1) if not x.future and x.value.precision is not Precision.YEAR]
        if here and ctx.is_event_sentence(si):
            sharp = [x for x in here if not x.vague]
            context_date = (sharp or here)[-1].value
        stage = all_cues.nearest(s1, *cue_range) if cue_range[0] < cue_range[1] else None
        if stage is not None and stage.stage is not Stage.ANNOUNCED:
            context_stage = stage
    drafts = _merge_repeats(drafts)
    _assign_parents(drafts)
    records = [_project_record(i, d) for i, d in enumerate(drafts)]
    invested = {m.name for d in drafts for m in d.investors}
    unpriced = [u for u in unpriced if not any(m.name in invested for m in u.investors)]
    return _in_text_order(records, [d.hit.money.span.start for d in drafts], unpriced) if unpriced else records


@dataclass
class _Unpriced:
    """A company's signing in a sentence with no amount, only a vague figure ("签约...投资数十亿元")."""

    at: int  # where the vague figure is
    investors: list[Mention]
    hosts: list[Mention]
    stage: StageValue | None
    place: Mention | None
    project: Mention | None
    evidence: Span
    date: DateValue | None = None


@cache
def _vague_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    return (
        re.compile(f"(?:{alternation(lex.words('unpriced', 'vague_amounts'))})(?:元|美元|欧元)"),
        re.compile(alternation(lex.words("unpriced", "signing"))),
    )


def _vague_signing(shadow: str, s0: int, s1: int) -> re.Match[str] | None:
    """The vague figure of a sentence that also signs (only sentences without an amount are asked)."""
    vague, signing = _vague_patterns()
    m = vague.search(shadow, s0, s1)
    return m if m is not None and signing.search(shadow, s0, s1) else None


def _unpriced(
    ctx: Context, si: int, vague: re.Match[str], claims: _Claims, stage: StageValue | None
) -> _Unpriced | None:
    """The record of a signing with only a vague figure: its companies are the investors (none: no record)."""
    s0, s1 = ctx.sentences[si].start, ctx.sentences[si].end
    if stage is None or stage.stage is not Stage.SIGNED:
        return None
    companies = [o for o in ctx.orgs_in(s0, s1) if o.role == "company"]
    if not companies or looks_aggregate(ctx.shadow, s0, vague.start()):
        return None
    investors = list({o.mention.name: o.mention for o in companies}.values())
    project = _project(ctx, (s0, vague.start()), vague.end(), s1)
    mine = frozenset(core_name(m.name) for m in investors)
    built = project.span if project is not None else None
    place, _ = _place(ctx, si, s0, vague.start(), s1, claims, mine, built)
    place = _refer_back(ctx, place) if place is not None else None
    return _Unpriced(vague.start(), investors, _hosts(ctx, s0, s1), stage, place, project, ctx.sentences[si].span)


def _in_text_order(records: list[Project], starts: list[int], unpriced: list[_Unpriced]) -> list[Project]:
    """The records with amounts and those without, in text order, numbered again (parents follow)."""
    order = sorted([(st, i, r) for i, (st, r) in enumerate(zip(starts, records, strict=True))]
                   + [(u.at, len(records) + j, None) for j, u in enumerate(unpriced)], key=lambda t: (t[0], t[1]))  # fmt: skip
    new_id = {f"p{i + 1}": f"p{n + 1}" for n, (_, i, r) in enumerate(order) if r is not None}
    out: list[Project] = []
    for n, (_, i, r) in enumerate(order):
        if r is not None:
            out.append(replace(r, id=f"p{n + 1}", parent=new_id[r.parent] if r.parent else None))
            continue
        u = unpriced[i - len(records)]
        out.append(
            Project(
                id=f"p{n + 1}",
                investors=tuple(u.investors),
                hosts=tuple(u.hosts),
                amount=None,
                count=Quantity(Decimal(1), "", Span(u.at, u.at), unit="projects"),
                date=u.date,
                stage=u.stage,
                place=u.place,
                project=u.project,
                evidence=(u.evidence,),
            )
        )
    return out


def _reported(ctx: Context, cues: list[StageValue]) -> list[StageValue]:
    """The cues of what happened: not those right after a date later than the publication ("今年10月投产",
    "2021年3月开工" in an article of August 2020 are plans)."""
    if not any(d.future for d in ctx.dates):
        return cues
    out = []
    for c in cues:
        lead = ctx.dates_in(max(0, c.span.start - _PLAN_GAP), c.span.start)
        if not any(d.future and d.value.span and not _CLAUSE_END.search(ctx.shadow, d.value.span.end, c.span.start)
                   for d in lead):  # fmt: skip
            out.append(c)
    return out


def _hosts(ctx: Context, start: int, end: int) -> list[Mention]:
    """Governments and committees in ``[start, end)``, and zones signing with someone ("成都高新区与腾讯签约")."""
    hosts = [o.mention for o in ctx.orgs_in(start, end) if o.role == "host"]
    sh = ctx.shadow
    for p in ctx.places_in(start, end):
        s, e = p.mention.span.start, p.mention.span.end
        signs = sh[e : e + 1] in ("与", "和", "同") or sh[max(0, s - 1) : s] in ("与", "同")
        if signs and sh[e : e + 1] == "和" and any(q.mention.span.start == e + 1 for q in ctx.places_in(e + 1, end)):
            signs = False  # "位于X园和Y园": a list of places, no signing
        if p.zone and signs and not any(h.span.overlaps(p.mention.span) for h in hosts):
            hosts.append(p.mention)
    return sorted(hosts, key=lambda m: m.span.start)


def _investor_after(ctx: Context, start: int, end: int) -> list[Mention]:
    """ "...总投资10亿元,由星河科技有限公司投资建设": the company named after the amount with 由."""
    for o in ctx.orgs_in(start, end):
        lead = ctx.shadow[max(start, o.mention.span.start - 6) : o.mention.span.start]
        if o.role == "company" and _INVESTOR_LEAD.search(lead):
            return [o.mention]
    return []


def _investor_next(ctx: Context, si: int) -> list[Mention]:
    """ "...总投资12.6亿元的光伏项目正式投产。该项目由华晟新能源有限公司投资建设": the next sentence, speaking of
    the project and stating no figure of its own, names who invests."""
    if si + 1 >= len(ctx.sentences):
        return []
    nxt = ctx.sentences[si + 1]
    sh = ctx.shadow
    if not _ANAPHORIC_START.match(sh, nxt.start):
        return []
    figures = ctx.money_in(nxt.start, nxt.end)
    if any(h.kind == "amount" and is_investment(sh, nxt.start, nxt.start, h.money.span.start) for h in figures):
        return []
    # who invests, not who builds or designs it ("由中建三局承建")
    found = _investor_after(ctx, nxt.start, nxt.end)
    return found if found and _INVESTS.match(sh, found[0].span.end) else []


def _investors(ctx: Context, companies: list[Org], window: tuple[int, int], si: int, h: MoneyHit) -> list[Mention]:
    if companies:
        last = companies[-1]
        if last.role == "anaphor":
            main = ctx.main_company(last.mention.span.start)
            return [main.mention] if main else []
        chosen = [last.mention]
        # joint investors: "A公司与B公司共同投资"
        for o in reversed(companies[:-1]):
            gap = ctx.shadow[o.mention.span.end : chosen[0].span.start]
            if o.role == "company" and re.fullmatch(r"\s?(?:与|和|及|、|以及)\s?", gap):
                chosen.insert(0, o.mention)
            else:
                break
        return chosen
    # "该项目总投资..." right after a sentence naming the company
    if _ANAPHORIC_START.match(ctx.shadow[window[0] : window[1]].lstrip(" ,，")):
        since = ctx.sentences[max(0, si - 2)].start
        prev = ctx.last_company_before(window[0], since)
        if prev is not None:
            return [prev.mention]
    return []


def _listed_amounts(shadow: str, hits: list[MoneyHit], k: int) -> list[int]:
    """The indexes of the amounts listed from ``hits[k]`` on, joined by 和 / 与 / 、 ("10亿元和5亿元")."""
    run = [k]
    while run[-1] + 1 < len(hits):
        a, b = hits[run[-1]], hits[run[-1] + 1]
        if b.kind != "amount" or not _LIST_JOIN.fullmatch(shadow, a.money.span.end, b.money.span.start):
            break
        run.append(run[-1] + 1)
    return run


def _listed_names(ctx: Context, count: Quantity, n: int) -> list[Mention]:
    """The ``n`` projects named in a list right before their count ("电池、电机和电控三个项目"), or none."""
    sh = ctx.shadow
    m = _NAME_LIST.search(sh, max(0, count.span.start - 60), count.span.start)
    if m is None or m.end() != count.span.start:
        return []
    names = []
    for item in re.finditer(r"[^、和及与]+", sh[m.start("items") : m.end("items")]):
        s, e = m.start("items") + item.start(), m.start("items") + item.end()
        if not 2 <= e - s <= 20:
            return []
        names.append(Mention(ctx.text[s:e], ctx.text[s:e], Span(s, e)))
    return names if len(names) == n else []


def _total_of_listed(drafts: list[_Draft], listed: list[_Draft], si: int) -> None:
    """ "长风电机投资15亿元,...分别投资10亿元和5亿元": a single record of the sentence before a list of amounts
    that add up to it is their total, an aggregate of as many projects (its parts then find it as their parent),
    and its investors are theirs when they name none."""
    first = listed[0]
    cur = first.hit.money.currency
    if any(x.hit.money.currency != cur or x.hit.money.upper is not None for x in listed):
        return
    total = sum((x.hit.money.value for x in listed), Decimal(0))
    before = [d for d in drafts if d.sentence == si and d.hit.money.span.end <= first.hit.money.span.start]
    if not before:
        return
    tot = before[-1]
    m = tot.hit.money
    if tot.aggregate or m.currency != cur or m.upper is not None or m.value != total:
        return
    tot.aggregate = True
    tot.count = Quantity(Decimal(len(listed)), "", Span(m.span.start, m.span.start), unit="projects")
    for x in listed:
        x.investors = x.investors or tot.investors


# "A投资20亿元、B投资15亿元,分别在X和Y建设P和Q": after the last amount, what each builds (and where), in order
_RESPECTIVE = re.compile(
    r"分别(?P<where>[^,，。;；]{0,30}?)(?:(?:投资建设|建设|投建|新建|兴建|打造|实施|布局|用于)(?P<items>[^,，。;；:：]{4,80})|(?=[,，。;；]|$))"
)


def _share_out_after(ctx: Context, mine: list[_Draft], end: int) -> None:
    """Records of one sentence, each its own investor's amount, followed by "分别(在X和Y)建设P和Q" after the last
    amount: P and X are the first record's, Q and Y the second's (when a list has as many items as records)."""
    if len(mine) < 2 or any(d.aggregate or not d.investors for d in mine):
        return
    sh = ctx.shadow
    m = _RESPECTIVE.search(sh, mine[-1].hit.money.span.end, end)
    if m is None or ctx.money_in(m.start(), m.end()):
        return
    names: list[Mention] = []
    if m.group("items"):
        for item in re.finditer(r"[^和与及、]+", m.group("items")):
            s0, e0 = m.start("items") + item.start(), m.start("items") + item.end()
            if not 2 <= e0 - s0 <= 26 or _GENERIC_PROJECT.match(sh, s0, e0):
                names = []
                break
            names.append(Mention(ctx.text[s0:e0], ctx.text[s0:e0], Span(s0, e0)))
    if len(names) == len(mine):
        for d, name in zip(mine, names, strict=True):
            if d.project is None or d.project.span.start >= m.start():
                d.project = name
    where = [p for p in ctx.places_in(m.start("where"), m.end("where")) if _ok(p)]
    if len(where) == len(mine):
        # (a place in a record's own clause, between the amount before and its own, stays: "A在X投资...")
        own_from = ctx.sentences[mine[0].sentence].start
        for d, p in zip(mine, where, strict=True):
            if d.place is None or not own_from <= d.place.span.start < d.hit.money.span.start:
                d.place, d.place_here = _refer_back(ctx, p.mention), True
            own_from = d.hit.money.span.end


def _of_sentence(drafts: list[_Draft], si: int) -> list[_Draft]:
    """The records of sentence ``si``, the last ones drafted."""
    i = len(drafts)
    while i > 0 and drafts[i - 1].sentence == si:
        i -= 1
    return drafts[i:]


def _places_before_list(ctx: Context, mine: list[_Draft], s0: int) -> None:
    """ "分别在X和Y投资20亿元和15亿元": as many places listed after 分别, in the clause before a list of amounts, go
    to the amounts in order."""
    sh = ctx.shadow
    i = 0
    while i < len(mine):
        j = i + 1  # mine[i:j]: amounts joined by 和 / 、 ("20亿元和15亿元")
        while j < len(mine) and _LIST_JOIN.fullmatch(sh, mine[j - 1].hit.money.span.end, mine[j].hit.money.span.start):
            j += 1
        if j - i > 1:
            first = mine[i].hit.money.span.start
            lo = max([s0] + [sh.rfind(c, s0, first) + 1 for c in ",，;；"])
            at = sh.rfind("分别", lo, first)
            where = [p for p in ctx.places_in(at + 2, first) if _ok(p)] if at >= 0 else []
            if len(where) == j - i:
                for d, p in zip(mine[i:j], where, strict=True):
                    d.place, d.place_here = _refer_back(ctx, p.mention), True
        i = j


def _projects_listed(ctx: Context, start: int, end: int, n: int) -> list[Mention]:
    """The ``n`` names ending in 项目 listed in one clause of ``start:end`` ("建设甲项目和乙项目"), or none when the
    first such list does not have exactly ``n``."""
    sh = ctx.shadow
    m = _PROJECT_LIST.search(sh, start, end)
    if m is None:
        return []
    names = []
    for item in re.finditer(r"[^、和与及]+", sh[m.start("items") : m.end("items")]):
        s, e = m.start("items") + item.start(), m.start("items") + item.end()
        if not (4 <= e - s <= 26 and sh.endswith("项目", s, e)) or _GENERIC_PROJECT.match(sh, s, e):
            return []
        names.append(Mention(ctx.text[s:e], ctx.text[s:e], Span(s, e)))
    return names if len(names) == n else []


def _owner_of(ctx: Context, project: Mention, window: tuple[int, int]) -> list[Mention]:
    body = ctx.shadow[window[0] : window[1]] + project.name
    for tail, org in ctx.owners.items():
        if tail in body or (len(project.name) >= 4 and tail.endswith(project.name)):
            return [org.mention]
    return []


@cache
def _name_stops() -> Stops:
    return Stops(lexicon().words("names", "left_stops"), lexicon().words("names", "left_stops_inside"))


def _project(ctx: Context, window: tuple[int, int], money_end: int, next_start: int) -> Mention | None:
    sh = ctx.shadow
    stops = _name_stops()
    # "总投资3亿美元的协鑫燃机热电项目"
    m = _NAMED_AFTER.match(sh, money_end, next_start)
    if m:
        s, e = m.span("what")
        return Mention(ctx.text[s:e], ctx.text[s:e], Span(s, e))
    # a "...项目" name before the amount, in the same clause group
    for m in reversed(list(re.finditer(r"项目", sh[window[0] : window[1]]))):
        end = window[0] + m.end()
        start = walk_left(sh, window[0] + m.start(), stops, 28, latin=True)
        start = over_conjunction(sh, start, window[0] + m.start(), lexicon().places)
        # "欣旺达电子股份有限公司南昌动力电池项目": the company is the investor, the rest the project
        start = max(
            [start] + [o.mention.span.end for o in ctx.orgs_near(start, end) if start <= o.mention.span.end < end - 2]
        )
        name = sh[start:end]
        if end - start >= 5 and not _GENERIC_PROJECT.match(name) and not re.search(r"\d\s?(?:个|项|家|批)", name):
            return Mention(ctx.text[start:end], ctx.text[start:end], Span(start, end))
    # what is built with the money: "...总投资10亿元,建设西南研发总部"
    m = _BUILD.match(sh, money_end, next_start)
    if m and not _NOT_WHAT.search(m.group("what")):
        s, e = m.span("what")
        if sh.startswith("的", s) and e - s > 3:  # "建设的芯片封装项目": what is built starts after 的
            s += 1
        named = sh.find("项目", s + 2, e)
        if named >= 0 and _AFTER_NAME.match(sh, named + 2, e):  # "芯片项目今年3月开工": the name ends at 项目
            e = named + 2
        return Mention(ctx.text[s:e], ctx.text[s:e], Span(s, e))
    # "...建设泛轨道交通研发及先进制造总部,总投资约12亿元": what is built, said before the amount
    built = [b for b in _BUILT_BEFORE.finditer(sh, window[0], window[1]) if not _NOT_WHAT.search(b.group("what"))]
    if built:
        s, e = built[-1].span("what")
        return Mention(ctx.text[s:e], ctx.text[s:e], Span(s, e))
    # the subject of "X总投资153亿元"
    clause_start = max([window[0]] + [sh.rfind(c, window[0], window[1]) + 1 for c in ",，、:："])
    head = sh[clause_start : window[1]]
    m = _SUBJECT.search(head)
    if m and 3 <= m.start() <= 24 and not re.search(r"与|签|和|将|在|公司|预计|计划", head[: m.start()]):
        s, e = clause_start, clause_start + m.start()
        if not _GENERIC_PROJECT.match(sh[s:e]) and not any(
            o.mention.span.overlaps(Span(s, e)) for o in ctx.orgs_near(s, e)
        ):
            return Mention(ctx.text[s:e], ctx.text[s:e], Span(s, e))
    return None


def _heading_project(ctx: Context, si: int, drafted: set[int]) -> Mention | None:
    """A list of signed projects often heads each with its name on a line of its own ("光启成都产业基地项目").
    ``drafted``: the sentences holding a record already."""
    j = si - 1
    while j >= 0 and not ctx.sentences[j].headline:
        if j in drafted or si - j > 2:
            return None
        j -= 1
    if j < 0 or j in drafted:
        return None
    span = ctx.sentences[j].span
    name = ctx.shadow[span.start : span.end]
    if name.endswith("项目") and 5 <= len(name) <= 30 and not _GENERIC_PROJECT.match(name):
        return Mention(ctx.text[span.start : span.end], ctx.text[span.start : span.end], span)
    return None


class _SentenceDates:
    """A sentence's dates, indexed for choosing each amount's date by position (a sentence may hold thousands).

    The choice: the nearest sharp date before the amount in its sentence, else after it, else a vague one
    (日前, 今年), else the last event date before, else the publication date."""

    def __init__(self, ctx: Context, si: int) -> None:
        s = ctx.sentences[si]
        self.usable = [
            d for d in ctx.dates_in(s.start, s.end) if not d.future and not _planned(ctx, d) and d.value.span
        ]
        self.starts = [d.value.span.start if d.value.span else 0 for d in self.usable]
        # up to each date: the last sharp one, and the best vague one ("近日" (a month) says more than "今年")
        self.sharp_upto: list[int | None] = []
        self.best_upto: list[int] = []
        sharp, best = None, -1
        for i, d in enumerate(self.usable):
            if not _vague(d):
                sharp = i
            if best < 0 or _vague_key(d) < _vague_key(self.usable[best]):
                best = i
            self.sharp_upto.append(sharp)
            self.best_upto.append(best)
        # from each date on: the first sharp one
        self.sharp_from: list[int | None] = [None] * (len(self.usable) + 1)
        for i in range(len(self.usable) - 1, -1, -1):
            self.sharp_from[i] = i if not _vague(self.usable[i]) else self.sharp_from[i + 1]

    def date(self, pos: int, context: DateValue | None, published: DateValue | None) -> tuple[DateValue | None, bool]:
        n = bisect.bisect_left(self.starts, pos)  # the dates before ``pos``
        if n and (i := self.sharp_upto[n - 1]) is not None:
            return self.usable[i].value, True
        if (j := self.sharp_from[n]) is not None:
            return self.usable[j].value, True
        if n:
            return self.usable[self.best_upto[n - 1]].value, True
        if context is not None:
            return context, False
        return published, False


def _vague_key(d: DateHit) -> tuple[bool, int]:
    return (d.value.precision is Precision.YEAR, -d.value.span.start if d.value.span else 0)


def _planned(ctx: Context, d: DateHit) -> bool:
    """A date introduced as a plan ("将于2018年4月30日前开工", "预计2023年投产") dates a future step."""
    start = d.value.span.start if d.value.span else 0
    return bool(_PLAN.search(ctx.shadow, max(0, start - 6), start))


def _vague(d: DateHit) -> bool:
    return d.vague or d.value.precision.value == "year"


def _refer_back(ctx: Context, place: Mention) -> Mention:
    """A bare zone word ("在高新区投资", "落户园区") refers back to the full zone named earlier ("合肥高新区")."""
    sh = ctx.shadow
    bare = sh[place.span.start : place.span.end]
    if bare not in lexicon().words("places", "refer_back"):
        return place
    for i in reversed(ctx.zones_ending(bare, place.span.start)):
        p = ctx.places[i]
        if p.mention.span.end <= place.span.start:
            return p.mention
    return place


def _ok(p: Place) -> bool:
    """A place that can be a destination: not a venue, not an existing site."""
    return not p.venue and not p.existing


def _specific(ctx: Context, p: Place, pool: list[Place]) -> Mention:
    """The most specific place of ``pool`` naming the same one as ``p`` ("海门经济技术开发区" over "海门")."""
    better = [q for q in pool if _ok(q) and q.zone and p.mention.name in q.mention.name and q is not p]
    return (better[-1] if better else p).mention


def _last_in(ctx: Context, start: int, end: int, claimed: Callable[[Span], bool]) -> Mention | None:
    """The last destination place in ``[start, end)`` not claimed by another company, made specific: what
    ``_specific(found[-1], found)`` gives over the unclaimed places of the range, without listing them."""
    lo, hi = ctx.place_range(start, end)
    places = ctx.places
    for i in range(hi - 1, lo - 1, -1):
        p = places[i]
        if p.mention.span.end <= end and _ok(p) and not claimed(p.mention.span):
            break
    else:
        return None
    for j in reversed(ctx.containers(p.mention.name, lo, hi)):
        q = places[j]
        if q is not p and q.mention.span.end <= end and not claimed(q.mention.span):
            return q.mention
    return p.mention


def _place(
    ctx: Context,
    si: int,
    window_start: int,
    pos: int,
    next_start: int,
    claims: _Claims,
    mine: frozenset[str],
    built: Span | None = None,
) -> tuple[Mention | None, bool]:
    """The destination: one named as such near the amount, else the nearest place before it in its
    sentence, else after it, else the last place of an earlier sentence (never a venue or an existing site).
    An earlier place ``claimed`` as another company's destination is skipped (it does not carry over to the
    next company's clause; ``mine`` are the core names of this record's investors). A place inside what is
    ``built`` ("打造西南地区最大的纺织产业园") is the project, not where it goes. The flag says whether it was found
    in the amount's own sentence."""
    s = ctx.sentences[si]
    claimed = claims.against(mine)
    own = ctx.places_in(window_start, next_start)
    marked = [p for p in own if p.marked and _ok(p)]
    if marked:
        return min(marked, key=lambda p: abs(p.mention.span.start - pos)).mention, True
    before = [p for p in ctx.places_in(window_start, pos) if _ok(p)]
    if before:
        return _specific(ctx, before[-1], before), True
    earlier = _last_in(ctx, s.start, window_start, claimed)
    if earlier is not None:
        return earlier, True
    after = [p for p in ctx.places_in(pos, next_start) if _ok(p) and not (built and built.contains(p.mention.span))]
    if after:
        return after[0].mention, True
    for j in claims.sentences_before(si, mine):
        span = ctx.sentences[j]
        found = _last_in(ctx, span.start, span.end, claimed)
        if found is not None:
            return found, False
    return None, False


def _restated_total(a: _Draft, b: _Draft) -> bool:
    """A headline total ("签约9个项目 总投资超八十亿元") restating the body's ("共签约项目9个,总投资83.7亿元"):
    both aggregates of one currency, with the same count, or an amount the body's rounds to."""
    head, body = (a, b) if a.headline else (b, a)
    if not head.headline or body.headline:
        return False
    if _restated_single(head, body):
        return True
    # "总投资10亿元 宜宾三江新区集中签约5个项目": a count after the headline's figure still makes it a total
    if not head.aggregate and not _several().search(head.near.rsplit("\n", 1)[-1]):
        # one company's rounded figure in the headline ("明远光电投资约10亿元") restating the body's
        nh = {core_name(m.name) for m in head.investors}
        nb = {core_name(m.name) for m in body.investors}
        if body.aggregate or not nh or not any(x in y or y in x for x in nh for y in nb):
            return False
        return _rounds_to(head.hit.money, body.hit.money)
    # the body may state the total without counting it ("签约项目总投资104.3亿元"), but not as one company's
    if not body.aggregate and (body.investors or (body.count is not None and body.count.raw)):
        return False
    mh, mb = head.hit.money, body.hit.money
    if mh.currency != mb.currency or mh.upper is not None or mb.upper is not None:
        return False
    ch = int(head.count.value) if head.count and head.count.raw else None
    cb = int(body.count.value) if body.count and body.count.raw else None
    if ch is not None and cb is not None:
        return ch == cb
    return _rounds_to(mh, mb) or (mh.value == mb.value and mh.qualifier is mb.qualifier)


def _restated_single(head: _Draft, body: _Draft) -> bool:
    """An unqualified headline figure for one project ("总投资15亿元 X项目开工") restating the body's precise
    one ("该项目总投资约14.5亿元"): a rounding of it (fewer significant digits, within 5%), or a figure
    near it for the project the headline names."""
    if head.aggregate or body.aggregate or head.hit.money.qualifier is not Qualifier.EXACT:
        return False
    mh, mb = head.hit.money, body.hit.money
    if mh.currency != mb.currency or mh.upper is not None or mb.upper is not None or not mb.value:
        return False
    headline = head.near.rsplit("\n", 1)[-1]
    # "总投资30亿元 6个项目集中开工": the headline counts several projects, its figure is their total
    if _several().search(headline):
        return False
    nh = {core_name(m.name) for m in head.investors}
    nb = {core_name(m.name) for m in body.investors}
    if nh and nb and not any(x in y or y in x for x in nh for y in nb):
        return False
    diff = abs(mh.value - mb.value) / mb.value
    if diff <= Decimal("0.05") and _significant(mh.value) < _significant(mb.value):
        return True
    named = {m.group() for m in _PROJECT_NAME.finditer(headline)}
    return diff <= Decimal("0.2") and any(n in body.near for n in named)


@cache
def _several() -> re.Pattern[str]:
    lex = lexicon()
    count = r"(?:[2-9]\d*|1\d+|[两二三四五六七八九十百]+)\s?(?:" + alternation(lex.words("count", "classifiers")) + ")"
    return re.compile(count + "|(?:" + alternation(lex.words("aggregate", "several")) + ")")


# a project's name in a headline ("X储能超级工厂项目"); short generic ones ("签约项目") say nothing
_PROJECT_NAME = re.compile(r"[^\s,，。;；、:：“”0-9]{4,28}项目")


def _significant(v: Decimal) -> int:
    """Significant digits of an amount: 1500000000 -> 2, 1450000000 -> 3.

    >>> _significant(Decimal(1500000000)), _significant(Decimal(1450000000))
    (2, 3)
    """
    return len(v.normalize().as_tuple().digits)


def _rounds_to(mh: Money, mb: Money) -> bool:
    """Whether a qualified headline amount (逾/超/近/约) is a rounding of the body's precise one."""
    if mh.currency != mb.currency or mh.upper is not None or mb.upper is not None:
        return False
    q, hv, bv = mh.qualifier, mh.value, mb.value
    if q is Qualifier.AT_LEAST:
        return hv <= bv < hv * Decimal("1.2")
    if q is Qualifier.AT_MOST:
        return hv * Decimal("0.8") < bv <= hv
    return q is Qualifier.APPROX and abs(hv - bv) <= hv * Decimal("0.1")


def _same_figure(a: _Draft, b: _Draft) -> bool:
    if _restated_total(a, b):
        return True
    ma, mb = a.hit.money, b.hit.money
    if ma.currency != mb.currency or ma.value != mb.value or ma.upper != mb.upper:
        return False
    if a.aggregate != b.aggregate:
        return False
    ca = int(a.count.value) if a.count and a.count.raw else None
    cb = int(b.count.value) if b.count and b.count.raw else None
    if ca is not None and cb is not None and ca != cb:
        return False
    na = {core_name(m.name) for m in a.investors}
    nb = {core_name(m.name) for m in b.investors}
    if na and nb and not any(x in y or y in x for x in na for y in nb):
        return False
    pa, pb = a.project.name if a.project else "", b.project.name if b.project else ""
    return not (pa and pb and pa not in pb and pb not in pa and not (na and nb))


def _merge_repeats(drafts: list[_Draft]) -> list[_Draft]:
    """One record per figure: a headline or a later sentence restating an amount adds nothing new.

    A record is compared with the kept ones in order, the first twin wins. Only two kinds can be twins: one
    of the same figure (currency, value, upper bound), or, when one of the two is a headline, a restated
    total; so a body record is compared with the kept records of its figure and the kept headlines only, and a
    headline with the kept records of its figure and the kept body records only (two headlines are twins only
    when they state the same figure)."""
    kept: list[_Draft] = []
    by_figure: dict[tuple[str, Decimal, Decimal | None], list[int]] = {}  # positions in ``kept``, ascending
    heads: list[int] = []  # positions of kept headline records, ascending
    bodies: list[int] = []  # positions of kept body records, ascending

    def figure(d: _Draft) -> tuple[str, Decimal, Decimal | None]:
        m = d.hit.money
        return m.currency, m.value, m.upper

    for d in drafts:
        candidates: Iterable[int] = heapq.merge(by_figure.get(figure(d), []), bodies if d.headline else heads)
        at = next((i for i in candidates if _same_figure(kept[i], d)), None)
        if at is None:
            by_figure.setdefault(figure(d), []).append(len(kept))
            (heads if d.headline else bodies).append(len(kept))
            kept.append(d)
            continue
        twin = kept[at]
        if twin.headline and not d.headline:
            # the body states it with its context: keep the body's record, in the headline's place
            merged = replace(d, investors=d.investors or twin.investors, place=d.place or twin.place)
            if twin.aggregate and not merged.aggregate:  # the headline said it covers several projects
                merged.aggregate, merged.count = True, twin.count
            kept[at] = merged
            heads.remove(at)
            bisect.insort(bodies, at)
            by_figure[figure(twin)].remove(at)
            bisect.insort(by_figure.setdefault(figure(merged), []), at)
        elif not twin.investors and d.investors:
            twin.investors = d.investors
    kept.sort(key=lambda d: d.hit.money.span.start)
    return kept


class _Roots:
    """The aggregates with no parent, in text order, with the largest amount of each block of them: finding the
    nearest earlier one larger than an amount skips the blocks holding none (no rescans of every record)."""

    BLOCK = 32

    def __init__(self) -> None:
        self.index: list[int] = []
        self.value: list[Decimal] = []
        self.block_max: list[Decimal] = []

    def add(self, i: int, value: Decimal) -> None:
        if len(self.index) % self.BLOCK == 0:
            self.block_max.append(value)
        else:
            self.block_max[-1] = max(self.block_max[-1], value)
        self.index.append(i)
        self.value.append(value)

    def nearest(self, above: Decimal, ok: Callable[[int], bool]) -> int | None:
        """The last record with an amount larger than ``above`` for which ``ok`` holds."""
        for b in range(len(self.block_max) - 1, -1, -1):
            if not self.block_max[b] > above:
                continue
            for k in range(min(len(self.index), (b + 1) * self.BLOCK) - 1, b * self.BLOCK - 1, -1):
                if self.value[k] > above and ok(self.index[k]):
                    return self.index[k]
        return None


def _assign_parents(drafts: list[_Draft]) -> None:
    """Sub-totals and named sub-projects point to the nearest aggregate stated before them that contains them
    (one of the same stage first)."""

    def stage(d: _Draft) -> Stage | None:
        return d.stage.stage if d.stage else None

    by_currency: dict[str, _Roots] = {}
    by_stage: dict[tuple[str, Stage | None], _Roots] = {}
    for i, d in enumerate(drafts):
        cm = d.hit.money
        count = d.count.value if d.aggregate and d.count else None

        def fits(j: int, count: Decimal | None = count) -> bool:
            # a sub-total counts fewer projects than its aggregate
            c = drafts[j].count
            return count is None or c is None or count < c.value

        same = by_stage.get((cm.currency, stage(d)))
        parent = same.nearest(cm.value, fits) if same else None
        if parent is None and not d.aggregate and cm.currency in by_currency:
            parent = by_currency[cm.currency].nearest(cm.value, fits)
        if parent is not None:
            d.parent = parent
            # a part whose sentence names no place is at its aggregate's ("兰州开发区...集中签约" then "其中,A公司
            # 投资12亿元的...项目当天签约": not a city named in a sentence between)
            if not d.place_here and drafts[parent].place is not None:
                d.place = drafts[parent].place
        elif d.aggregate:
            by_currency.setdefault(cm.currency, _Roots()).add(i, cm.value)
            by_stage.setdefault((cm.currency, stage(d)), _Roots()).add(i, cm.value)


def _project_record(i: int, d: _Draft) -> Project:
    return Project(
        id=f"p{i + 1}",
        investors=tuple(d.investors),
        hosts=tuple({m.name: m for m in reversed(d.hosts)}[n] for n in dict.fromkeys(m.name for m in d.hosts)),
        amount=d.hit.money,
        stated_conversions=tuple(d.conversions),
        count=d.count,
        parent=f"p{d.parent + 1}" if d.parent is not None else None,
        date=d.date,
        stage=d.stage,
        place=d.place,
        project=d.project,
        evidence=(d.evidence,) if d.evidence else (),
    )
