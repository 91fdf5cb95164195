"""The extraction pipeline: a list of components run in order over one document.

A component takes an :class:`Extraction` and returns a new one (spaCy's idea of a pipeline, with
frozen values instead of a mutable Doc). ``extract_projects`` fills ``projects``; later components
normalize them and add findings about the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from zonewatch.errors import ZonewatchError
from zonewatch.extract.language import detect_language
from zonewatch.ingest.files import iter_paths, read_path
from zonewatch.model import DateValue, Document, Extraction, Precision

Component = Callable[[Extraction], Extraction]


def extract_projects(extraction: Extraction) -> Extraction:
    """Run the extractor for the document's language, then add the rows of project tables. Reads ``document``; writes ``projects``."""
    doc = extraction.document
    if doc.language == "zh":
        from zonewatch.extract.zh import extract_projects as extract
    else:
        from zonewatch.extract.en import extract_projects as extract
    from zonewatch.extract.tables import merge

    return replace(extraction, projects=tuple(merge(doc, extract(doc))))


def default_components() -> list[Component]:
    """Extraction, then normalization, then verification of the article's own figures."""
    return list(_default_components())


@cache
def _default_components() -> tuple[Component, ...]:
    """The default pipeline, made once (``run`` without components asks for it once per document)."""
    # Imported here so that importing the pipeline stays cheap (the ECB rates load on first use).
    from zonewatch.normalize.fx import convert_amounts
    from zonewatch.normalize.names import canonicalize
    from zonewatch.normalize.sectors import classify
    from zonewatch.normalize.units import measure
    from zonewatch.verify import verify

    return (extract_projects, canonicalize, convert_amounts, measure, classify, verify)


def prepare(doc: Document, lang: str = "auto", published: DateValue | None = None) -> Document:
    """Settle the document's language and publication date before extraction.

    The ``published`` flag wins over page metadata; ``lang="auto"`` detects from the text.
    """
    language = detect_language(doc.text) if lang == "auto" else lang
    return replace(doc, language=language, published=published or doc.published or printed_date(doc.text, language))


_HEAD = 600  # a printed publication date is looked for in the first 600 characters


def printed_date(text: str, language: str) -> DateValue | None:
    r"""The publication date a page prints near its top ("Updated: 2022-02-18", "发布时间:2014-03-03"), if any.

    Used when neither a flag nor page metadata gives one, so the ledger, conversions and checks see it too.

    >>> printed_date("Updated: 2022-02-18 09:02\nShenzhen starts 245 projects.", "en").iso()
    '2022-02-18'
    >>> printed_date("发布时间:2014-03-03 人气:2021次", "zh").iso()
    '2014-03-03'
    """
    if language == "zh":
        from zonewatch.extract.zh.chars import shadow
        from zonewatch.extract.zh.dates import document_date

        # document_date reads the first 600 characters of the shadow only, and a shadow is made character by
        # character: the head's shadow is the shadow's head, and shadowing the whole text cost more than the search.
        return document_date(text, shadow(text[:_HEAD]))
    from zonewatch.extract.en.dates import Anchor, find_dates

    for mention in find_dates(text[:_HEAD], Anchor()):
        value = mention.value
        if value is not None and mention.kind in ("meta", "date") and value.precision is Precision.DAY:
            return value
    return None


def run(doc: Document, components: Iterable[Component] | None = None) -> Extraction:
    """Run ``components`` (the default pipeline when None) over a prepared document."""
    extraction = Extraction(document=doc)
    for component in components if components is not None else default_components():
        extraction = component(extraction)
    return extraction


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result for one input: an extraction, or the error that stopped it (never both)."""

    source: str
    extraction: Extraction | None = None
    error: ZonewatchError | None = None


def extract_sources(
    sources: Iterable[str],
    lang: str = "auto",
    published: DateValue | None = None,
    components: Iterable[Component] | None = None,
) -> Iterator[Outcome]:
    """Read and extract each input in order; a bad input yields an Outcome with its error and the rest go on."""
    pipeline = list(components) if components is not None else default_components()
    for source in iter_paths(list(sources)):
        try:
            doc = prepare(read_path(source), lang, published)
            yield Outcome(source, extraction=run(doc, pipeline))
        except ZonewatchError as exc:
            yield Outcome(source, error=exc)
