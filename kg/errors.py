"""The one small error hierarchy of kg. Messages say where: file, line, offset."""

from __future__ import annotations

from pathlib import Path

__all__ = ["KgError", "ArticleError", "ModelNotFoundError", "UnknownFormatError", "QueryError", "EndpointError",
           "UnknownEntityError", "AmbiguousEntityError"]


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


class QueryError(KgError):
    """A SPARQL query that cannot be found, parameterised or run, or a graph that cannot be read."""


class EndpointError(KgError):
    """A triple store answered an HTTP request with an error, or did not answer.

    ``str(error)`` reads ``METHOD URL: HTTP STATUS REASON`` (or ``METHOD URL: reason`` when there is
    no answer); the URL never shows a password.
    """

    def __init__(self, method: str, url: str, status: int | None, reason: str) -> None:
        self.method = method
        self.url = url
        self.status = status
        self.reason = reason
        where = f"{method} {url}"
        super().__init__(f"{where}: HTTP {status} {reason}" if status is not None else f"{where}: {reason}")


class UnknownEntityError(KgError):
    """No entity has the name asked for; ``suggestions`` are the closest names there are."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else "no name is close"
        super().__init__(f"no entity is named {name!r}; {hint}")


class AmbiguousEntityError(KgError):
    """A name that several entities bear; ``candidates`` are their ids."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = candidates
        super().__init__(f"{name!r} names {len(candidates)} entities ({', '.join(candidates)}); ask for one by its id")
