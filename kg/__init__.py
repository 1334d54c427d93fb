"""kg: knowledge graphs of who helped whom, from People's Daily articles.

The Python API (see :mod:`kg.api`)::

    import kg
    g = kg.build()              # or kg.load("output")
    g.frames.assistance         # who helped whom, as a DataFrame

``build``, ``load`` and ``KnowledgeGraph`` are imported on first use, so that
``import kg.cli`` stays free of pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["build", "load", "KnowledgeGraph", "__version__"]

__version__ = "0.1.0"

_API = ("build", "load", "KnowledgeGraph")

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph, build, load


def __getattr__(name: str) -> Any:
    if name in _API:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
