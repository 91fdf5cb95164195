"""English extraction: ``extract_projects(doc)`` finds every investment commitment in an English article.

The parts, each usable on its own: ``money`` (amounts), ``dates`` (dates against a publication anchor),
``names`` (organisations, places, bodies), ``layout`` (headings, sections, sentences), ``cues`` (cue words),
``parties`` (investors, hosts), ``whenwhere`` (dates and places of projects), ``frames`` (assembling projects).
"""

from __future__ import annotations

from zonewatch.extract.en.context import build
from zonewatch.extract.en.frames import assemble, mentions_signing
from zonewatch.extract.en.money import find_money
from zonewatch.model import Document, Project


def extract_projects(doc: Document) -> list[Project]:
    """Every investment commitment in ``doc`` (ids p1, p2, ... in text order), each field grounded in the text."""
    if not doc.text.strip():
        return []
    money = find_money(doc.text)
    if not money and not mentions_signing(doc.text):
        return []  # most of a news stream: no amount and no signing, so no project (and no further work)
    return assemble(build(doc, money))
