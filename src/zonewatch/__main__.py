"""``python -m zonewatch ...``: the same as the ``zonewatch`` command."""

from zonewatch.cli import main

main()
