"""The one error every reader reports: which input, and why, in one line."""

from __future__ import annotations


class IngestError(Exception):
    """An input (file, URL, or one record inside it) that could not be read; `str(e)` is `"{origin}: {reason}"`."""

    def __init__(self, origin: str, reason: str) -> None:
        self.origin = origin
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.origin}: {self.reason}")

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        # Pickle by (origin, reason) so errors cross process pools intact.
        return (IngestError, (self.origin, self.reason))
