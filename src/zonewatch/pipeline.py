"""The extraction pipeline: a list of components run in order over one document.

A component takes an :class:`Extraction` and returns a new one (spaCy's idea of a pipeline, with
frozen values instead of a mutable Doc). ``extract_projects`` fills ``projects``; later components
normalize them and add findings about the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from zonewatch.errors import ZonewatchError
from zonewatch.extract.language import detect_language
from zonewatch.ingest.files import iter_paths, read_path
from zonewatch.model import DateValue, Document, Extraction

Component = Callable[[Extraction], Extraction]


def extract_projects(extraction: Extraction) -> Extraction:
    """Run the extractor for the document's language. Reads ``document``; writes ``projects``."""
    doc = extraction.document
    if doc.language == "zh":
        from zonewatch.extract.zh import extract_projects as extract
    else:
        from zonewatch.extract.en import extract_projects as extract
    return replace(extraction, projects=tuple(extract(doc)))


def default_components() -> list[Component]:
    """Extraction, then normalization, then verification of the article's own figures."""
    # Imported here so that importing the pipeline stays cheap (the ECB rates load on first use).
    from zonewatch.normalize.fx import convert_amounts
    from zonewatch.normalize.names import canonicalize
    from zonewatch.normalize.sectors import classify
    from zonewatch.normalize.units import measure
    from zonewatch.verify import verify

    return [extract_projects, canonicalize, convert_amounts, measure, classify, verify]


def prepare(doc: Document, lang: str = "auto", published: DateValue | None = None) -> Document:
    """Settle the document's language and publication date before extraction.

    The ``published`` flag wins over page metadata; ``lang="auto"`` detects from the text.
    """
    language = detect_language(doc.text) if lang == "auto" else lang
    return replace(doc, language=language, published=published or doc.published)


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
