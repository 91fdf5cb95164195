"""Chinese extraction: investment commitments in 中文 announcements, every field grounded in the text.

``extract_projects(doc)`` is what the pipeline calls for ``language == "zh"``. The parts, each usable alone:
:mod:`.money` (amounts), :mod:`.numerals` (numbers), :mod:`.dates`, :mod:`.names` (organisations),
:mod:`.places`, :mod:`.figures` (investment or not, counts, stages) and :mod:`.projects` (records).
Matching runs on a same-length shadow of the text (:mod:`.chars`), so offsets are exact code points.
"""

from zonewatch.extract.zh.projects import extract_projects

__all__ = ["extract_projects"]
