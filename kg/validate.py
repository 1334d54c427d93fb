"""``kg validate``: check a build's ``graph.ttl`` against the SHACL shapes of ``schemas/``.

The shapes (``schemas/shapes.ttl``) and the ontology (``schemas/ontology.ttl``)
live at the top of the source tree, next to the ``kg`` package; they are not
installed with it, so a non-editable install passes ``schemas_dir``.

pyshacl runs without inference: a value passes ``sh:class`` only when the
graph states its type (or a subclass of it that the ontology declares), so a
range in the ontology never makes a wrong value pass.
"""

from __future__ import annotations

import logging
from pathlib import Path

import rdflib

from kg.errors import KgError

__all__ = ["SCHEMAS_DIR", "validate"]

logger = logging.getLogger(__name__)

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"
_GRAPH_NAME = "graph.ttl"


def _parse(path: Path) -> rdflib.Graph:
    if not path.is_file():
        raise KgError(f"{path}: no such file")
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except (SyntaxError, AssertionError, ValueError) as exc:  # what rdflib's Turtle parser raises
        raise KgError(f"{path}: not valid Turtle: {exc}") from exc


def validate(out_dir: str | Path, *, schemas_dir: str | Path | None = None) -> tuple[bool, str]:
    """Validate ``out_dir/graph.ttl`` against ``shapes.ttl`` and ``ontology.ttl``.

    ``schemas_dir`` defaults to the ``schemas/`` folder of the source tree.
    Returns ``(conforms, report)``, where ``report`` is pyshacl's text report.
    Raises :class:`~kg.errors.KgError` when a file is missing or is not Turtle.
    """
    import pyshacl  # slow to import; only this command needs it

    schemas = Path(schemas_dir) if schemas_dir is not None else SCHEMAS_DIR
    data = _parse(Path(out_dir) / _GRAPH_NAME)
    shapes = _parse(schemas / "shapes.ttl")
    ontology = _parse(schemas / "ontology.ttl")
    conforms, _, report = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", abort_on_first=False
    )
    logger.info("validated %d triples of %s: conforms=%s", len(data), out_dir, conforms)
    return bool(conforms), str(report)
