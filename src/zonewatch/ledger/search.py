"""Full-text search over documents and projects, Chinese included.

Neither SQLite's unicode61 tokenizer nor PostgreSQL's ``simple`` configuration splits Chinese into words, so
the writer stores, and the reader queries, text in which every run of CJK characters is replaced by its
overlapping character bigrams ("成都高新区" -> "成都 都高 高新 新区"). A query matches when all its terms
(bigrams for Chinese, words otherwise) occur: a 2-character word is found wherever it appears, no
dictionary needed, and the result does not depend on a segmenter's guesses.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Select, delete, func, insert, literal_column, select, text
from sqlalchemy.orm import Session

from zonewatch.ledger.models import SearchEntry

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"\w+", re.UNICODE)
# Documents are long; the index needs their words, not every repetition. Cap keeps the index bounded.
MAX_BODY_CHARS = 200_000


def _bigrams(run: str) -> str:
    if len(run) == 1:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1))


def index_text(value: str) -> str:
    """The text as stored for search: lower case, CJK runs as bigrams.

    >>> index_text("Tencent 成都高新区 HQ")
    'tencent  成都 都高 高新 新区  hq'
    """
    return _CJK_RUN.sub(lambda m: f" {_bigrams(m.group())} ", value[:MAX_BODY_CHARS].lower())


def query_terms(query: str) -> list[str]:
    """The terms a query must all match.

    >>> query_terms("腾讯 Chengdu")
    ['腾讯', 'chengdu']
    >>> query_terms("高新区")
    ['高新', '新区']
    """
    return _WORD.findall(index_text(query))


def put(session: Session, kind: str, ref_id: int, body: str, fresh: bool = False) -> None:
    """Index (or re-index) one document or project; ``fresh``: it has no entry yet (skips the delete)."""
    if not fresh:
        session.execute(delete(SearchEntry).where(SearchEntry.kind == kind, SearchEntry.ref_id == ref_id))
    session.execute(insert(SearchEntry).values(kind=kind, ref_id=ref_id, body=index_text(body)))


def remove(session: Session, kind: str, ref_id: int) -> None:
    session.execute(delete(SearchEntry).where(SearchEntry.kind == kind, SearchEntry.ref_id == ref_id))


def matching_ids(session: Session, kind: str, query: str) -> Select[int]:
    """A subquery of the ``ref_id`` of every ``kind`` entry matching all terms of ``query``."""
    terms = query_terms(query)
    if not terms:
        return select(SearchEntry.ref_id).where(text("1 = 0"))
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # Each term quoted as an FTS5 string, so operators and punctuation in user input are inert; a lone Chinese
        # character is a prefix of the bigrams it starts (the index holds bigrams, not single characters).
        fts_query = " AND ".join('"' + t.replace('"', '""') + '"' + ("*" if _lone_cjk(t) else "") for t in terms)
        match = text("search_fts MATCH :q").bindparams(q=fts_query)
        rowids: Select[Any] = select(literal_column("rowid")).select_from(text("search_fts")).where(match)
        return select(SearchEntry.ref_id).where(SearchEntry.kind == kind, SearchEntry.id.in_(rowids))
    # Terms are runs of word characters (no quotes, no operators): safe to quote as tsquery lexemes, and bound.
    ts = " & ".join(f"'{t}'" + (":*" if _lone_cjk(t) else "") for t in terms)
    tsquery = func.to_tsquery("simple", ts)
    return select(SearchEntry.ref_id).where(
        SearchEntry.kind == kind, func.to_tsvector("simple", SearchEntry.body).op("@@")(tsquery)
    )


def _lone_cjk(term: str) -> bool:
    return len(term) == 1 and bool(_CJK_RUN.match(term))
