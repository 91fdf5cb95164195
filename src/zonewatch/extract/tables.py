"""Projects listed in a table: one record per data row that names a project and its amount.

HTML goes through trafilatura with tables kept, which writes each table as pipe rows in ``Document.text``::

    | 序号 | 项目名称 | 投资方 | 投资额（亿元） |
    |---|---|---|---|
    | 1 | 新型显示模组项目 | 四川长虹电子控股集团有限公司 | 30 |

The header says what each column is (words per language in ``data/tables.toml``) and in which unit the
amounts are; a cell may also carry its own unit ("30亿元", "US$ 50 million"). A table yields records only
when its header has an investment column and a project or investor column: GDP by year or budget lines
yield nothing. Total rows (合计, Total) are not projects. Date, stage and place (unless a column gives it)
come from the project the language extractor found in the prose just before the table; when that prose is
an aggregate whose count equals the number of rows, or whose amount the rows sum to, the rows are its parts.

Every field is grounded on the cell it was read from: ``doc.text[span.start:span.end] == raw``.

>>> from zonewatch.model import Document
>>> doc = Document("| Company | Investment (US$ million) |\\n|---|---|\\n| Acme Corp | 12.5 |\\n", "en")
>>> [(p.investors[0].raw, str(p.amount.value), p.amount.currency) for p in table_projects(doc, [])]
[('Acme Corp', '12500000.0', 'USD')]
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from zonewatch.model import Document, Mention, Money, Project, Qualifier, Quantity, Span

ROLES = ("project", "investor", "amount", "place", "jobs", "area")
ROLES_READ = ("amount", "project", "investor", "place", "jobs", "area")
_TITLE_ROWS = 1  # a title row above the header ("2025年一季度签约项目表") is passed over
_CONTEXT_LINES = 2  # the prose a table belongs to: at most this many non-empty lines just before it
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SEPARATOR = re.compile(r"^:?-+:?$")
_BRACKETS = re.compile(r"[（(\[][^）)\]]*[）)\]]")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words of one language: header words per role, units, total rows."""

    roles: dict[str, tuple[str, ...]]
    not_amount: tuple[str, ...]
    total_rows: tuple[str, ...]
    subtotal_rows: re.Pattern[str]  # a row of a group, not of a project: "一、工业项目", "其中：", "Of which"
    unit_line: tuple[str, ...]
    units: dict[str, tuple[Decimal, str]]  # lower-cased unit text -> (multiplier, ISO currency)


@cache
def vocabulary(language: str) -> Vocabulary:
    text = resources.files("zonewatch.data").joinpath("tables.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)["zh" if language == "zh" else "en"]
    return Vocabulary(
        roles={role: tuple(w.lower() for w in data[role]) for role in ROLES},
        not_amount=tuple(w.lower() for w in data["not_amount"]),
        total_rows=tuple(w.lower() for w in data["total_rows"]),
        subtotal_rows=re.compile("|".join(f"(?:{p})" for p in data["subtotal_rows"]), re.I),
        unit_line=tuple(w.lower() for w in data["unit_line"]),
        units={k.lower(): (Decimal(v[0]), str(v[1])) for k, v in data["units"].items()},
    )


@dataclass(frozen=True, slots=True)
class Cell:
    raw: str  # the cell's text without surrounding blanks; ``raw == text[span]``
    span: Span


@dataclass(frozen=True, slots=True)
class Table:
    """A run of pipe rows: the header, the data rows (separator lines dropped) and the whole run's span."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    span: Span


def _cells(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """The cells of the pipe row ``text[start:end]``."""
    bars = [i for i in range(start, end) if text[i] == "|"]
    out = []
    for a, b in itertools.pairwise(bars):
        s, e = a + 1, b
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(Cell(text[s:e], Span(s, e)))
    return tuple(out)


def find_tables(text: str) -> list[Table]:
    """Every run of two or more pipe rows; the first row is the header."""
    tables: list[Table] = []
    run: list[tuple[Cell, ...]] = []
    run_start = run_end = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        if line.lstrip().startswith("|") and line.count("|") >= 2:
            if not run:
                run_start = start
            run_end = end
            cells = _cells(text, start, end)
            if not all(_SEPARATOR.match(c.raw.replace(" ", "")) for c in cells):
                run.append(cells)
            continue
        if len(run) >= 2:
            tables.append(Table(run[0], tuple(run[1:]), Span(run_start, run_end)))
        run = []
    if len(run) >= 2:
        tables.append(Table(run[0], tuple(run[1:]), Span(run_start, run_end)))
    return tables


def _longest(words: Sequence[str], text: str) -> int:
    return max((len(w) for w in words if w in text), default=0)


def _role(header: str, vocab: Vocabulary) -> str | None:
    """The role of one header cell: an exact word first, else the longest word it contains."""
    name = _BRACKETS.sub("", header.lower()).strip(" :：*")
    if any(w in header.lower() for w in vocab.not_amount):
        name_roles = [r for r in ROLES if r != "amount"]
    else:
        name_roles = list(ROLES)
    for role in name_roles:
        if name in vocab.roles[role]:
            return role
    best = max(name_roles, key=lambda r: _longest(vocab.roles[r], name))
    return best if _longest(vocab.roles[best], name) else None


def _unit(text: str, vocab: Vocabulary) -> tuple[Decimal, str] | None:
    """The unit of money a header or unit line names: the longest unit word it contains."""
    lowered = text.lower()
    found = [u for u in vocab.units if u in lowered]
    return vocab.units[max(found, key=len)] if found else None


def _unit_line(text: str, before: int, vocab: Vocabulary) -> tuple[Decimal, str] | None:
    """A "单位：万元" / "Unit: US$ million" line just before the table."""
    line = text[text.rfind("\n", 0, max(before - 1, 0)) + 1 : before].strip().lower()
    if any(line.startswith(w) or w in line for w in vocab.unit_line):
        return _unit(line, vocab)
    return None


def _amount(cell: Cell, unit: tuple[Decimal, str] | None, vocab: Vocabulary) -> Money | None:
    """The cell's figure times its unit (the cell's own unit first, else the column's); None if not a figure."""
    numbers = _NUMBER.findall(cell.raw)
    if len(numbers) != 1:
        return None
    rest = " ".join(_NUMBER.sub(" ", cell.raw).split()).lower()
    own = vocab.units.get(rest) or vocab.units.get(rest.replace(" ", ""))
    if rest and own is None:
        return None  # words beside the figure: not a plain amount
    unit = own or unit
    if unit is None:
        return None
    try:
        value = Decimal(numbers[0].replace(",", "")) * unit[0]
    except InvalidOperation:
        return None
    return Money(value, unit[1], Qualifier.EXACT, cell.raw, cell.span)


def _mention(cell: Cell) -> Mention:
    return Mention(cell.raw, cell.raw, cell.span)


def _investors(cell: Cell) -> tuple[Mention, ...]:
    """One mention per name in the cell ("甲公司、乙公司" is two)."""
    out = []
    pos = cell.span.start
    for part in re.split(r"([、；;]|\n)", cell.raw):
        s = pos + len(part) - len(part.lstrip())
        e = pos + len(part.rstrip())
        pos += len(part)
        if e > s and part.strip() not in ("、", ";", "；"):
            raw = part.strip()
            out.append(Mention(raw, raw, Span(s, e)))
    return tuple(out)


def _context(projects: Sequence[Project], text: str, table: Table, floor: int) -> list[Project]:
    """The projects the extractor found in the prose just before the table (nearest last)."""
    start = table.span.start
    lines = 0
    while start > floor and lines < _CONTEXT_LINES:
        prev = text.rfind("\n", floor, start - 1)
        start = floor if prev < 0 else prev + 1
        if text[start : table.span.start].strip() and not text[start:].lstrip().startswith("|"):
            lines += 1
    return [p for p in projects if p.evidence and start <= p.evidence[0].start < table.span.start]


def _line(text: str, pos: int) -> Span:
    """The pipe row around ``pos``, without its line break and trailing blanks."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : len(text) if end < 0 else end]
    return Span(start, start + len(line.rstrip()))


def _is_total(row: tuple[Cell, ...], vocab: Vocabulary) -> bool:
    if any(c.raw.lower().strip(" :：") in vocab.total_rows for c in row):
        return True
    first = next((c.raw for c in row if c.raw and not c.raw.isdigit()), "")
    return bool(vocab.subtotal_rows.match(first))


def _sums_to(parent: Project, parts: list[Project], unit: Decimal) -> bool:
    if parent.amount is None or not parts or any(p.amount is None for p in parts):
        return False
    if any(p.amount is not None and p.amount.currency != parent.amount.currency for p in parts):
        return False
    total = sum((p.amount.value for p in parts if p.amount is not None), Decimal(0))
    slack = max(unit / 2 * len(parts), parent.amount.value * Decimal("0.005"))
    return abs(total - parent.amount.value) <= slack


def _header(rows: Sequence[tuple[Cell, ...]], vocab: Vocabulary) -> tuple[int, dict[str, int]] | None:
    """The header among the first rows (its index) and its columns: an amount and a project or an investor."""
    for k, row in enumerate(rows):
        columns: dict[str, int] = {}
        for i, cell in enumerate(row):
            role = _role(cell.raw, vocab)
            if role is not None and role not in columns:
                columns[role] = i
        if "amount" in columns and {"project", "investor"} & set(columns):
            return k, columns
    return None


def _jobs(cell: Cell) -> Quantity | None:
    """A plain count of jobs ("1,200", "800人"); None for anything else."""
    m = _NUMBER.fullmatch(cell.raw.rstrip("人 "))
    if m is None:
        return None
    return Quantity(
        Decimal(m.group().replace(",", "")), m.group(), Span(cell.span.start, cell.span.start + m.end()), "jobs"
    )


@cache
def _area_units() -> dict[str, Decimal]:
    """m² per area unit spelling, from the normalizer's table (data/units.toml) so both read areas alike."""
    text = resources.files("zonewatch.data").joinpath("units.toml").read_text(encoding="utf-8")
    area = tomllib.loads(text)["area"]
    return {w.lower(): Decimal(u["m2"]) for u in area.values() for w in u["spellings"]}


def _area_unit(text: str) -> Decimal | None:
    """m² per unit of the longest area unit a header's brackets name ("（亩）", "(acres)")."""
    lowered = text.lower().strip("（）()[] ")
    units = _area_units()
    found = [u for u in units if u in lowered]
    return units[max(found, key=len)] if found else None


def _area(cell: Cell, unit: Decimal | None) -> Quantity | None:
    """The site area in m² from the cell's figure and its own unit or the column's; None for anything else."""
    m = _NUMBER.match(cell.raw)
    if m is None:
        return None
    rest = cell.raw[m.end() :].strip().lower()
    per = _area_units().get(rest) if rest else unit
    if per is None:
        return None
    value = (Decimal(m.group().replace(",", "")) * per).quantize(Decimal("0.01"))  # as the normalizer: 2 decimals
    value = Decimal(int(value)) if value == value.to_integral_value() else value.normalize()
    return Quantity(value, cell.raw, cell.span, "m2")


def _rows(doc: Document, table: Table, vocab: Vocabulary) -> tuple[list[Project], Decimal]:
    """The table's project records (ids and context left empty) and the column's unit multiplier."""
    found_header = _header((table.header, *table.rows[:_TITLE_ROWS]), vocab)
    if found_header is None:
        return [], Decimal(1)
    k, columns = found_header
    header = (table.header, *table.rows)[k]
    unit = _unit(header[columns["amount"]].raw, vocab) or _unit_line(doc.text, table.span.start, vocab)
    area_unit = _area_unit(" ".join(_BRACKETS.findall(header[columns["area"]].raw))) if "area" in columns else None
    out = []
    for row in table.rows[k:]:
        if _is_total(row, vocab):
            continue

        found = {role: row[i] for role, i in columns.items() if i < len(row) and row[i].raw}
        money_cell, project_cell, investor_cell, place_cell, jobs_cell, area_cell = (found.get(r) for r in ROLES_READ)
        money = _amount(money_cell, unit, vocab) if money_cell else None
        if money is None and not (project_cell and investor_cell):
            continue
        if project_cell is None and investor_cell is None:
            continue
        at = next(c for c in (money_cell, project_cell, investor_cell) if c is not None).span.start
        row_span = _line(doc.text, row[0].span.start)
        out.append(
            Project(
                id="",
                investors=_investors(investor_cell) if investor_cell else (),
                amount=money,
                count=Quantity(Decimal(1), "", Span(at, at), unit="projects"),
                place=_mention(place_cell) if place_cell else None,
                project=_mention(project_cell) if project_cell else None,
                evidence=(row_span,),
                jobs=_jobs(jobs_cell) if jobs_cell else None,
                area=_area(area_cell, area_unit) if area_cell else None,
            )
        )
    return out, unit[0] if unit else Decimal(1)


def table_projects(doc: Document, projects: Sequence[Project], tables: Sequence[Table] | None = None) -> list[Project]:
    """The records of every project table in ``doc`` (``tables``: its tables, if already found), placed and dated
    from the prose before each table.

    ``projects`` are the language extractor's records, used as context; ids are left for :func:`merge`
    to give (``parent`` holds the aggregate's id in ``projects``).
    """
    vocab = vocabulary(doc.language)
    out: list[Project] = []
    floor = 0
    for table in find_tables(doc.text) if tables is None else tables:
        rows, multiplier = _rows(doc, table, vocab)
        context = _context(projects, doc.text, table, floor)
        floor = table.span.end
        if not rows:
            continue
        parent = next(
            (
                p
                for p in reversed(context)
                if p.count is None or p.count.value != 1
                if (p.count is not None and p.count.value == len(rows)) or _sums_to(p, rows, multiplier)
            ),
            None,
        )
        near = parent or (context[-1] if context else None)
        for row in rows:
            out.append(
                replace(
                    row,
                    parent=parent.id if parent else None,
                    date=near.date if near else doc.published,
                    stage=near.stage if near else None,
                    place=row.place or (near.place if near else None),
                )
            )
    return out


def _key(name: str) -> str:
    return re.sub(r"\W", "", name.lower())


def _same(row: Project, p: Project) -> bool:
    """The prose already gave this row's project: the same amount and a shared investor or project name."""
    if row.amount is None or p.amount is None or p.amount.span.overlaps(row.evidence[0]):
        return False
    if (row.amount.value, row.amount.currency) != (p.amount.value, p.amount.currency):
        return False
    names = [_key(m.name) for m in row.investors] + ([_key(row.project.name)] if row.project else [])
    theirs = [_key(m.name) for m in p.investors] + ([_key(p.project.name)] if p.project else [])
    return any(a and b and (a in b or b in a) for a in names for b in theirs)


def merge(doc: Document, projects: Sequence[Project]) -> list[Project]:
    """The extractor's records with the table records added, in text order and numbered again.

    An extractor record whose amount lies inside a table that yielded records is the table's to give
    (a row the prose reader half-read, a total row) and is dropped.
    """
    if "|" not in doc.text:  # most articles: no table to find (every document passes here)
        return list(projects)
    tables = find_tables(doc.text)
    rows = table_projects(doc, projects, tables)
    if not rows:
        return list(projects)
    rows = [r for r in rows if not any(_same(r, p) for p in projects)]
    covered = [t.span for t in tables]
    row_spans = [r.evidence[0] for r in rows]
    covered = [t for t in covered if any(t.contains(s) for s in row_spans)]
    kept = [p for p in projects if not (p.amount and any(t.contains(p.amount.span) for t in covered))]

    def where(p: Project) -> int:
        return p.evidence[0].start if p.evidence else p.amount.span.start if p.amount else 0

    merged: list[Project] = []
    waiting = list(rows)
    for p in kept:  # the extractor's own order holds; each row goes before the first record after it
        while waiting and where(waiting[0]) < where(p):
            merged.append(waiting.pop(0))
        merged.append(p)
    merged += waiting
    ids = {id(p): f"p{i}" for i, p in enumerate(merged, 1)}
    old = {p.id: ids[id(p)] for p in kept}
    return [replace(p, id=ids[id(p)], parent=old.get(p.parent) if p.parent else None) for p in merged]
