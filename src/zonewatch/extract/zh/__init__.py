"""Chinese extraction (being written): returns no projects yet."""

from zonewatch.model import Document, Project


def extract_projects(doc: Document) -> list[Project]:
    return []
