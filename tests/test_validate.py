"""SHACL validation (kg.validate, ``kg validate``): builds conform, broken graphs name the failed shape."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.builder import build
from kg.cli import main
from kg.errors import KgError
from kg.validate import SCHEMAS_DIR, validate

CONFORMS = "Validation Report\nConforms: True\n"

# A small graph that conforms: one article, three units, one help, one planned help, one mutual aid,
# one measurement, one participation. Each broken case below edits one line of it.
VALID = """\
@prefix ekg: <https://w3id.org/emulation-kg/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/emulation-kg/id/> .

id:article_a a ekg:Article ;
    dcterms:identifier "a" ;
    dcterms:date "1960-09-13"^^xsd:date ;
    ekg:page 2 .
id:mine_a a ekg:Enterprise ; rdfs:label "Mine A"@en , "甲矿"@zh ; ekg:mentionedIn id:article_a .
id:mine_b a ekg:Enterprise ; rdfs:label "Mine B"@en ; ekg:mentionedIn id:article_a .
id:bureau a ekg:Organization ; rdfs:label "Coal Bureau"@en ; ekg:mentionedIn id:article_a .
id:town a ekg:Place ; rdfs:label "Town"@en ; ekg:mentionedIn id:article_a .
id:contest a ekg:Campaign ; rdfs:label "Contest"@en ; ekg:mentionedIn id:article_a .
id:help a ekg:Assistance ;
    ekg:helper id:mine_a ;
    ekg:recipient id:mine_b ;
    ekg:form ekg:Personnel ;
    ekg:evidence "Mine A sent ten workers to Mine B."@en ;
    prov:wasDerivedFrom id:article_a .
id:plan a ekg:PlannedAssistance ;
    ekg:helper id:bureau ;
    ekg:recipient id:mine_b ;
    ekg:status ekg:Pledged ;
    ekg:form ekg:Unspecified ;
    ekg:evidence "The bureau pledged to help Mine B."@en ;
    prov:wasDerivedFrom id:article_a .
id:aid a ekg:MutualAid ;
    ekg:participant id:mine_a , id:mine_b ;
    ekg:form ekg:TechnicalExperience ;
    ekg:evidence "The two mines exchanged experience."@en ;
    prov:wasDerivedFrom id:article_a .
id:measure a ekg:Measurement ;
    ekg:subject id:mine_a ;
    ekg:indicator "coal output"@en ;
    ekg:value "14.1"^^xsd:decimal ;
    ekg:unit "%" ;
    ekg:measurementKind ekg:Change ;
    ekg:evidence "Coal output rose by 14.1%."@en ;
    prov:wasDerivedFrom id:article_a .
id:joins a ekg:Participation ;
    ekg:participant id:mine_a ;
    ekg:campaign id:contest ;
    ekg:evidence "Mine A joined the contest."@en ;
    prov:wasDerivedFrom id:article_a .
"""


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph.ttl").write_text(text, encoding="utf-8")
    return folder


def _edit(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


def _failures(report: str) -> list[tuple[str, str]]:
    """(source shape, focus node) of every result of a pyshacl text report, sorted.

    The report writes IRIs with the prefixes of the shapes and of the data (``id:`` in ``VALID``).
    """
    shapes = re.findall(r"^\tSource Shape: (.+)$", report, flags=re.M)
    nodes = re.findall(r"^\tFocus Node: (.+)$", report, flags=re.M)
    assert len(shapes) == len(nodes)
    return sorted(zip(shapes, nodes))


def _invoke(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, prog_name="kg", catch_exceptions=False)


@pytest.fixture(scope="module")
def samples_out(tmp_path_factory, nlp) -> Path:
    """A build of the bundled samples."""
    out = tmp_path_factory.mktemp("samples")
    build(out_dir=out, nlp=nlp)
    return out


# --------------------------------------------------------------------------- kg.validate


def test_validate_bundled_samples_conform(samples_out):
    assert validate(samples_out) == (True, CONFORMS)


def test_validate_hand_made_graph_conforms(tmp_path):
    assert validate(_write(tmp_path, VALID)) == (True, CONFORMS)


def test_validate_assistance_without_evidence_fails_naming_the_shape(tmp_path):
    broken = _edit('    ekg:evidence "Mine A sent ten workers to Mine B."@en ;\n', "")
    conforms, report = validate(_write(tmp_path, broken))
    assert conforms is False
    assert report.startswith("Validation Report\nConforms: False\nResults (1):\n")
    assert _failures(report) == [("ekgsh:Fact-evidence", "id:help")]
    assert "\tMessage: A fact has ekg:evidence: its sentence, at most one @en" in report


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    ekg:helper id:mine_a ;\n", "    ekg:helper id:mine_a , id:bureau ;\n", [("Help-helper", "help")]),
        ("    ekg:helper id:mine_a ;\n", "    ekg:helper id:town ;\n", [("Help-helper", "help")]),
        ("    ekg:helper id:mine_a ;\n", "    ekg:helper id:mine_b ;\n", [("Help-helper", "help")]),
        ("    ekg:recipient id:mine_b ;\n    ekg:form ekg:Personnel", "    ekg:form ekg:Personnel",
         [("Help-recipient", "help")]),
        ("    ekg:form ekg:Personnel ;\n", "    ekg:form ekg:Change ;\n", [("Help-form", "help")]),
        ("id:help a ekg:Assistance ;", "id:help a ekg:Assistance , ekg:PlannedAssistance ;",
         [("AssistanceShape", "help"), ("PlannedAssistance-status", "help")]),
        ("    ekg:status ekg:Pledged ;\n", "", [("PlannedAssistance-status", "plan")]),
        ("ekg:participant id:mine_a , id:mine_b ;", "",  # one participant is a group among itself; none is not
         [("MutualAid-participant", "aid")]),
        ('"14.1"^^xsd:decimal', '"14.1"', [("Measurement-value", "measure")]),
        ('"14.1"^^xsd:decimal', '"14.1"^^xsd:decimal , 15.0', [("Measurement-value", "measure")]),
        ("    ekg:measurementKind ekg:Change ;\n", "", [("Measurement-kind", "measure")]),
        ("    ekg:campaign id:contest ;\n", "    ekg:campaign id:town ;\n", [("Participation-campaign", "joins")]),
        ('    prov:wasDerivedFrom id:article_a .\nid:plan', '    prov:wasDerivedFrom id:mine_a .\nid:plan',
         [("Fact-article", "help")]),
        ('rdfs:label "Mine B"@en ;', 'rdfs:label "Mine B"@en , "Mine Bee"@en ;',
         [("Entity-englishLabel", "mine_b"), ("Entity-label", "mine_b")]),
        ('rdfs:label "Mine B"@en ;', 'rdfs:label "Mine B" ;',  # not rdf:langString, not in ("en" "zh")
         [("Entity-englishLabel", "mine_b"), ("Entity-label", "mine_b"), ("Entity-label", "mine_b")]),
        ('id:town a ekg:Place ; rdfs:label "Town"@en ; ekg:mentionedIn id:article_a .',
         'id:town a ekg:Place ; rdfs:label "Town"@en .', [("Entity-mentionedIn", "town")]),
        ('"1960-09-13"^^xsd:date', '"13 September 1960"', [("Article-date", "article_a")]),
        ('    dcterms:identifier "a" ;\n', "", [("Article-identifier", "article_a")]),
    ],
    ids=[
        "two-helpers", "place-helper", "helps-itself", "no-recipient", "unknown-form", "done-and-planned",
        "planned-without-status", "mutual-aid-of-none", "value-not-decimal", "two-values", "measurement-without-kind",
        "participation-campaign-not-campaign", "derived-from-not-article", "two-english-labels",
        "label-without-language", "entity-never-mentioned", "date-not-xsd-date", "article-without-identifier",
    ],
)
def test_validate_broken_graph_names_the_failed_shape(tmp_path, old, new, expected):
    conforms, report = validate(_write(tmp_path, _edit(old, new)))
    assert conforms is False
    assert _failures(report) == [
        (f"ekgsh:{shape}", f"id:{node}") for shape, node in expected
    ]


def test_validate_missing_graph_raises_naming_the_file(tmp_path):
    with pytest.raises(KgError) as info:
        validate(tmp_path)
    assert str(info.value) == f"{tmp_path / 'graph.ttl'}: no such file"


def test_validate_bad_turtle_raises_naming_the_file(tmp_path):
    with pytest.raises(KgError) as info:
        validate(_write(tmp_path, "<a> <b> ."))
    assert str(info.value).startswith(f"{tmp_path / 'graph.ttl'}: not valid Turtle: ")


def test_validate_schemas_dir_is_the_top_level_schemas_folder():
    assert SCHEMAS_DIR == Path(__file__).resolve().parents[1] / "schemas"
    assert sorted(p.name for p in SCHEMAS_DIR.glob("*.ttl")) == ["ontology.ttl", "shapes.ttl"]


def test_validate_uses_the_given_schemas_dir(tmp_path):
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    shutil.copy(SCHEMAS_DIR / "ontology.ttl", schemas / "ontology.ttl")
    (schemas / "shapes.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix ekg: <https://w3id.org/emulation-kg/ns#> .\n"
        "<urn:x:Articles> a sh:NodeShape ; sh:targetClass ekg:Article ; sh:property <urn:x:NoPage> .\n"
        "<urn:x:NoPage> sh:path ekg:page ; sh:maxCount 0 .\n",
        encoding="utf-8",
    )
    conforms, report = validate(_write(tmp_path / "out", VALID), schemas_dir=schemas)
    assert conforms is False
    assert _failures(report) == [("<urn:x:NoPage>", "id:article_a")]


# --------------------------------------------------------------------------- kg validate


def test_cli_validate_samples_prints_conforms_and_exits_zero(samples_out):
    result = _invoke(["validate", str(samples_out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "conforms\n", "")


def test_cli_validate_defaults_to_the_output_folder(tmp_path, monkeypatch):
    _write(tmp_path / "output", VALID)
    monkeypatch.chdir(tmp_path)
    result = _invoke(["validate"])
    assert (result.exit_code, result.stdout) == (0, "conforms\n")


def test_cli_validate_broken_graph_prints_report_and_exits_one(tmp_path):
    out = _write(tmp_path, _edit('    ekg:evidence "Mine A sent ten workers to Mine B."@en ;\n', ""))
    result = _invoke(["validate", str(out)])
    assert result.exit_code == 1
    assert result.stdout.startswith("Validation Report\nConforms: False\nResults (1):\n")
    assert [shape for shape, _ in _failures(result.stdout)] == ["ekgsh:Fact-evidence"]


def test_cli_validate_folder_without_graph_exits_one_naming_it(tmp_path):
    result = _invoke(["validate", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {tmp_path / 'graph.ttl'}: no such file\n"


def test_cli_validate_missing_folder_exits_two(tmp_path):
    result = _invoke(["validate", str(tmp_path / "nowhere")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"Directory '{tmp_path / 'nowhere'}' does not exist." in result.stderr
