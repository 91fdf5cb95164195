"""One root error; each subclass says which part of the work failed. Messages are written where raised."""


class ZonewatchError(Exception):
    """Root of every error zonewatch raises on purpose."""


class InputError(ZonewatchError):
    """An input could not be read: missing, binary, undecodable, too large, unreachable."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ConfigError(ZonewatchError):
    """A setting, flag or settings file is invalid."""


class LedgerError(ZonewatchError):
    """The ledger could not be read or written."""
