"""Extraction: from a Document's text to Projects, each field grounded by a Span.

The language extractors live in ``extract.en`` and ``extract.zh``; each exposes
``extract_projects(doc) -> list[Project]``.
"""

from zonewatch.extract.language import detect_language

__all__ = ["detect_language"]
