"""zonewatch: investment-project announcements in, a verified, searchable ledger out."""

from zonewatch.model import (
    Conversion,
    DateValue,
    Document,
    Extraction,
    Finding,
    Mention,
    Money,
    Precision,
    Project,
    Qualifier,
    Quantity,
    Span,
    Stage,
    StageValue,
)

__version__ = "0.1.0"

__all__ = [
    "Conversion",
    "DateValue",
    "Document",
    "Extraction",
    "Finding",
    "Mention",
    "Money",
    "Precision",
    "Project",
    "Qualifier",
    "Quantity",
    "Span",
    "Stage",
    "StageValue",
    "__version__",
]
