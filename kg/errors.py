"""The one small error hierarchy of kg. Messages say where: file, line, offset."""

from __future__ import annotations

from pathlib import Path

__all__ = ["KgError", "ArticleError", "ModelNotFoundError", "UnknownFormatError"]


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class ArticleError(KgError):
    """An article file cannot be read as an article.

    ``str(error)`` reads ``path:line: reason``, like a compiler message, so that
    editors and terminals can jump to the place.
    """

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class ModelNotFoundError(KgError):
    """No English spaCy model is installed."""


class UnknownFormatError(KgError):
    """An export format that no exporter is registered for."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        super().__init__(f"unknown export format {name!r}; known formats: {', '.join(sorted(known))}")
