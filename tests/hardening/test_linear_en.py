"""Per-project work that re-read the whole sentence, paragraph or section: linear now.

The English extractor looked for a lead date, a paragraph date and a lead place by reading the section
again for every draft, and the sector classifier read the project's sentences again for every project
sharing them. On many projects in one section or one sentence that is quadratic (fuzz input 39682:
1,328 lead-date look-ups and 390k date look-ups for one document; one line of 2,000 Chinese amounts took
16 s in the sector classifier). The documents here are sized so the old code ran for minutes; the hang
guard (``completes``, from test_backtracking) fails the test instead of stalling the suite. Not a timing
assertion: the tests assert on what was found.
"""

from __future__ import annotations

from dataclasses import replace

from tests.hardening.test_backtracking import completes
from zonewatch.model import DateValue, Document, Extraction, Precision, Project, Span


def _claims(n: int) -> str:
    """``n`` investment sentences in one paragraph of one section, no date and no place anywhere."""
    return " ".join(f"Acme {i} Corp will invest ${i + 1} million in a plant." for i in range(n))


def _english(text: str, published: str | None = None) -> tuple[str, int, set[str | None], set[str | None]]:
    import datetime as dt

    from zonewatch.pipeline import prepare, run

    day = DateValue(dt.date.fromisoformat(published), Precision.DAY, published) if published else None
    doc = Document(text=text, source="worst", published=day)
    ex = run(prepare(doc, "en"))
    dates = {p.date.date.isoformat() if p.date else None for p in ex.projects}
    places = {p.place.name if p.place else None for p in ex.projects}
    return ex.document.language, len(ex.projects), dates, places


def test_english_drafts_of_one_section_without_dates() -> None:
    # was quadratic: 1,000 claims took 4.7 s CPU, 4,000 about a minute (extrapolated)
    lang, n, dates, places = completes(lambda: _english(_claims(4000)))
    assert (lang, n) == ("en", 4000)
    assert dates == {None} and places == {None}


def test_english_lead_date_and_place_are_found_once_and_given_to_every_draft() -> None:
    lead = "KOLKATA: On March 3, 2021 the state of West Bengal said investors had signed. "
    text = lead + "\n\n" + _claims(3000)
    lang, n, dates, places = completes(lambda: _english(text, "2021-03-05"))
    assert (lang, n) == ("en", 3000)
    assert dates == {"2021-03-03"}
    assert len(places) == 1 and None not in places


def _sectors(n: int) -> tuple[int, set[tuple[str, ...]], set[str | None]]:
    from zonewatch.normalize.sectors import classify

    line = "".join(f"某公司投资约{i + 1}亿元建设锂电池材料生产基地、" for i in range(n))
    whole = Span(0, len(line))
    projects = tuple(Project(id=f"p{i}", evidence=(whole,)) for i in range(n))
    ex = classify(Extraction(document=Document(text=line, source="worst"), projects=projects))
    return len(ex.projects), {p.sectors for p in ex.projects}, {p.project_type for p in ex.projects}


def test_sectors_of_many_projects_sharing_one_long_sentence() -> None:
    # was quadratic: every project re-read the line (2,000 amounts: 16 s in the pipeline); 6,000 projects
    # over a 190k-character line would take minutes
    n, sectors, kinds = completes(lambda: _sectors(6000))
    assert n == 6000
    assert sectors == {("new_energy_vehicles", "energy_materials")}
    assert kinds == {"manufacturing_base"}


def _figures(n: int, repeat: int = 1) -> tuple[int, list[tuple[str | None, str | None]]]:
    """``n`` projects on one line, each with its own sentence naming its amount, area and jobs; every
    ``repeat`` consecutive projects share one id (ids can repeat)."""
    from decimal import Decimal

    from zonewatch.model import Money, Qualifier
    from zonewatch.normalize.units import measure

    text, projects = "", []
    for i in range(n):
        text += f"Site {i} report follows here in full detail. "
        start = len(text)
        text += f"Plant {i} gets "
        money = Span(len(text), len(text) + len(f"${i + 1} million"))
        text += f"${i + 1} million for {i + 1} acres and {i + 1} jobs. "
        amount = Money(Decimal(i + 1), "USD", Qualifier.EXACT, money.slice(text), money)
        projects.append(Project(id=f"p{i // repeat}", amount=amount, evidence=(Span(start, len(text) - 1),)))
    ex = measure(Extraction(document=Document(text=text, source="worst"), projects=tuple(projects)))
    found = [(p.area.raw if p.area else None, p.jobs.raw if p.jobs else None) for p in ex.projects]
    return len(ex.projects), found


def test_areas_and_jobs_of_many_projects_on_one_line() -> None:
    # was quadratic: every project listed every other project's amount and every figure scanned them all
    # (3,000 projects: 10 s CPU in normalize.units alone; 12,000 would take minutes)
    def wrong() -> tuple[int, list[tuple[int, str | None, str | None]]]:  # small: it goes through a pipe
        n, found = _figures(12000)
        return n, [(i, *f) for i, f in enumerate(found) if f != (f"{i + 1} acres", f"{i + 1} jobs")][:5]

    assert completes(wrong) == (12000, [])


def test_figures_nearer_another_project_s_amount_are_not_taken_even_when_ids_repeat() -> None:
    # projects sharing an id never compete; a figure nearer another id's amount is that project's, not ours
    from decimal import Decimal

    from zonewatch.model import Money, Qualifier
    from zonewatch.normalize.units import measure

    text = "A gets $1 million and B gets $2 million for 5 acres and 9 jobs."
    one, two = Span(7, 17), Span(29, 39)
    projects = tuple(
        Project(id=pid, amount=Money(Decimal(v), "USD", Qualifier.EXACT, s.slice(text), s), evidence=(Span(0, 63),))
        for pid, v, s in (("a", 1, one), ("b", 2, two))
    )
    ex = measure(Extraction(document=Document(text=text, source="t"), projects=projects))
    assert [(p.area.raw if p.area else None, p.jobs.raw if p.jobs else None) for p in ex.projects] == [
        (None, None),
        ("5 acres", "9 jobs"),
    ]
    same = tuple(replace(p, id="a") for p in projects)  # one project stated twice: both take the figures
    ex = measure(Extraction(document=Document(text=text, source="t"), projects=same))
    assert {(p.area.raw if p.area else None, p.jobs.raw if p.jobs else None) for p in ex.projects} == {
        ("5 acres", "9 jobs")
    }
    n, found = _figures(40, repeat=2)
    assert n == 40
    assert found == [(f"{i + 1} acres", f"{i + 1} jobs") for i in range(40)]


def _shared_sentence(n: int) -> tuple[int, list[tuple[int, str | None]]]:
    """``n`` projects whose evidence is the same one-line sentence naming every amount and site area."""
    from decimal import Decimal

    from zonewatch.model import Money, Qualifier
    from zonewatch.normalize.units import measure

    text, amounts = "", []
    for i in range(n):
        text += "某公司投资约"
        amounts.append(Span(len(text), len(text) + len(f"{i + 1}亿元")))
        text += f"{i + 1}亿元建设基地占地{i + 1}亩、"
    whole = Span(0, len(text))
    projects = tuple(
        Project(id=f"p{i}", amount=Money(Decimal(i + 1), "CNY", Qualifier.EXACT, s.slice(text), s), evidence=(whole,))
        for i, s in enumerate(amounts)
    )
    ex = measure(Extraction(document=Document(text=text, source="worst"), projects=projects))
    wrong = [
        (i, p.area.raw if p.area else None)
        for i, p in enumerate(ex.projects)
        if not p.area or p.area.raw != f"{i + 1}亩"
    ]
    return len(ex.projects), wrong[:5]  # small: it goes through a pipe


def test_areas_of_many_projects_sharing_one_long_sentence() -> None:
    # was quadratic: every project checked every figure of the sentence (2,000 amounts: 6.8 s CPU in
    # normalize.units; 10,000 would take minutes); only the figures between its neighbours' amounts now
    assert completes(lambda: _shared_sentence(10000)) == (10000, [])
    assert _shared_sentence(3) == (3, [])  # below the shortcut's size: every figure checked, same answer
