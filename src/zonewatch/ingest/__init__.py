"""Turn inputs (files, folders, standard input, HTML; later URLs and feeds) into Documents."""

from zonewatch.ingest.files import iter_paths, read_path, read_stdin
from zonewatch.ingest.html import document_from_html
from zonewatch.ingest.text import decode_bytes, parse_published

__all__ = ["decode_bytes", "document_from_html", "iter_paths", "parse_published", "read_path", "read_stdin"]
