"""Files, folders and standard input to Documents."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from zonewatch.errors import InputError
from zonewatch.ingest.html import document_from_html, looks_like_html
from zonewatch.ingest.text import decode_bytes
from zonewatch.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
# Announcements are a few KB; a file this big is a dump or a mistake, and reading it would stall the batch.
MAX_BYTES = 20 * 1024 * 1024


def iter_paths(paths: list[str]) -> Iterator[str]:
    """Expand folders (recursively, readable suffixes only, sorted) and keep files and ``-`` as given."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)
            yield from (str(p) for p in found)
        else:
            yield raw


def read_path(raw: str) -> Document:
    """Read one file (text, Markdown or HTML) into a Document; raise InputError naming it when it cannot be read."""
    if raw == "-":
        return read_stdin()
    path = Path(raw)
    if not path.exists():
        raise InputError(raw, "no such file")
    if path.is_dir():
        raise InputError(raw, "is a folder with no .txt, .md or .html files")
    size = path.stat().st_size
    if size == 0:
        raise InputError(raw, "is empty")
    if size > MAX_BYTES:
        raise InputError(raw, f"is {size / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(raw, f"cannot be read ({exc.strerror})") from None
    return document_from_bytes(data, raw, html=path.suffix.lower() in HTML_SUFFIXES)


def read_stdin() -> Document:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError("-", f"standard input is over {MAX_BYTES / 1e6:.0f} MB")
    return document_from_bytes(data, "-", html=None)


def document_from_bytes(data: bytes, source: str, html: bool | None) -> Document:
    """Decode and, for HTML (by suffix, or sniffed when ``html`` is None), extract the main text."""
    if not data.strip():
        raise InputError(source, "is empty")
    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError(source, "has no text")
    if html or (html is None and looks_like_html(text)):
        return document_from_html(text, source)
    return Document(text=text, source=source)
