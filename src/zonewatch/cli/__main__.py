"""``python -m zonewatch.cli ...``: the same as the ``zonewatch`` command (for a checkout without its entry point)."""

from zonewatch.cli import main

main()
