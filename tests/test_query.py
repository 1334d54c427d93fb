"""``kg.query`` without a server: the pack over a hand-made graph, parameters, formats, errors.

The graph below is written for these tests (two articles, invented units), so that each query's
semantics is pinned by data that shows it: a campaign filter, a Chinese name, a pledge not
reported as done, measurements from two articles in the opposite of date order.
The pack's answers on the real bundled articles, over a real server, are in test_triplestore.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import EndpointError, QueryError
from kg.query import (
    bind_params,
    format_results,
    load_query,
    pack,
    push_graph,
    query_params,
    query_summary,
    run_query,
)

PACK = [
    "campaign-participants",
    "chinese-names",
    "mutual-aid",
    "planned-help",
    "unit-measurements",
    "unit-received",
    "who-helped-whom",
]

GRAPH = """\
@prefix ekg: <https://w3id.org/emulation-kg/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://example.org/id/> .

id:a1 a ekg:Article ; dcterms:identifier "a1" ; dcterms:date "1958-05-01"^^xsd:date .
id:a2 a ekg:Article ; dcterms:identifier "a2" ; dcterms:date "1957-03-01"^^xsd:date .

id:mine a ekg:Enterprise ; rdfs:label "Red Star Mine"@en , "红星矿"@zh ; skos:altLabel "the mine"@en ;
    ekg:participatesIn id:drive .
id:plant a ekg:Enterprise ; rdfs:label "East Plant"@en ; ekg:participatesIn id:drive .
id:bureau a ekg:Organization ; rdfs:label "Coal Bureau"@en .
id:drive a ekg:Campaign ; rdfs:label "Spring Drive"@en , "春季竞赛"@zh .
id:idle a ekg:Campaign ; rdfs:label "Autumn Drive"@en .

id:h1 a ekg:Assistance ; ekg:helper id:plant ; ekg:recipient id:mine ; ekg:campaign id:drive ;
    ekg:form ekg:Equipment , ekg:Training ;
    ekg:evidence "East Plant sent two lathes to Red Star Mine."@en , "东厂支援红星矿两台车床。"@zh ;
    prov:wasDerivedFrom id:a1 .
id:h2 a ekg:Assistance ; ekg:helper id:bureau ; ekg:recipient id:mine ; ekg:form ekg:Equipment ;
    ekg:evidence "The Coal Bureau lent Red Star Mine a pump."@en ; prov:wasDerivedFrom id:a2 .
id:plant ekg:helped id:mine .
id:bureau ekg:helped id:mine .

id:p1 a ekg:PlannedAssistance ; ekg:helper id:mine ; ekg:recipient id:plant ; ekg:status ekg:Pledged ;
    ekg:form ekg:Labour ; ekg:evidence "Red Star Mine pledged to send ten workers to East Plant."@en ;
    prov:wasDerivedFrom id:a1 .

id:u1 a ekg:MutualAid ; ekg:participant id:mine , id:plant ; ekg:form ekg:TechnicalExperience ;
    ekg:evidence "Red Star Mine and East Plant exchanged experience."@en ; prov:wasDerivedFrom id:a2 .

id:m1 a ekg:Measurement ; ekg:subject id:mine ; ekg:indicator "coal output"@en ; ekg:value 120.5 ;
    ekg:unit "t" ; ekg:measurementKind ekg:Level ; ekg:period "May 1958" ;
    ekg:evidence "Red Star Mine produced 120.5 tons in May."@en ; prov:wasDerivedFrom id:a1 .
id:m2 a ekg:Measurement ; ekg:subject id:mine ; ekg:indicator "coal output"@en ; ekg:value 100.0 ;
    ekg:unit "t" ; ekg:measurementKind ekg:Level ;
    ekg:evidence "Red Star Mine produced 100 tons."@en ; prov:wasDerivedFrom id:a2 .
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    (out / "graph.ttl").write_text(GRAPH, encoding="utf-8")
    return out


def _split(value: str) -> frozenset[str]:
    """A GROUP_CONCAT cell as a set: SPARQL leaves the order of the joined values open."""
    return frozenset(v.strip() for v in value.replace(";", ",").split(",") if v.strip())


# --------------------------------------------------------------------------- the pack


def test_query_pack_names():
    assert list(pack()) == PACK


@pytest.mark.parametrize("name", PACK, ids=PACK)
def test_query_pack_file_says_what_it_answers_its_parameters_and_columns(name, out):
    text = pack()[name]
    assert text.startswith("# ")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any(line.startswith("# Parameters:") for line in header)
    assert any(line.startswith("# Columns:") for line in header)
    comment = "\n".join(header)
    for param in query_params(text):
        assert f"?{param}" in comment
    columns, _ = run_query(name, out)
    for column in columns:
        assert column in comment


@pytest.mark.parametrize(
    ("name", "summary", "params"),
    [
        ("who-helped-whom", ("Who helped whom: one row per reported act of help (ekg:Assistance), with its forms, "
                             "campaign and evidence."), ["campaignName"]),
        ("unit-received", ("What a unit received, and in what forms: one row per recipient and form of help, "
                           "with its helpers."), ["unitName"]),
        ("chinese-names", ("Entities with their Chinese names: every entity that has an rdfs:label in Chinese "
                           "(@zh)."), []),
    ],
    ids=["who-helped-whom", "unit-received", "chinese-names"],
)
def test_query_pack_summary_and_params(name, summary, params):
    assert query_summary(pack()[name]) == summary
    assert query_params(pack()[name]) == params


def test_query_who_helped_whom_lists_acts_in_date_order(out):
    columns, rows = run_query("who-helped-whom", out)
    assert columns == ["helper", "recipient", "forms", "campaign", "evidence", "article", "date"]
    assert [(r[0], r[1], _split(r[2]), r[3], r[4], r[5], r[6]) for r in rows] == [
        ("Coal Bureau", "Red Star Mine", {"Equipment"}, None, "The Coal Bureau lent Red Star Mine a pump.",
         "a2", "1957-03-01"),
        ("East Plant", "Red Star Mine", {"Equipment", "Training"}, "Spring Drive",
         "East Plant sent two lathes to Red Star Mine.", "a1", "1958-05-01"),
    ]


@pytest.mark.parametrize(
    ("campaign", "helpers"),
    [("Spring Drive", ["East Plant"]), ("春季竞赛", ["East Plant"]), ("Autumn Drive", []), ("spring drive", [])],
    ids=["english-label", "chinese-label", "campaign-without-help", "case-matters"],
)
def test_query_who_helped_whom_within_a_campaign(out, campaign, helpers):
    _, rows = run_query("who-helped-whom", out, params={"campaignName": campaign})
    assert [r[0] for r in rows] == helpers


@pytest.mark.parametrize(
    "name", ["Red Star Mine", "红星矿", "the mine"], ids=["label", "chinese-label", "alt-label"]
)
def test_query_unit_received_by_any_name(out, name):
    columns, rows = run_query("unit-received", out, params={"unitName": name})
    assert columns == ["recipient", "form", "helpers", "acts"]
    assert [(r[0], r[1], _split(r[2]), r[3]) for r in rows] == [
        ("Red Star Mine", "Equipment", {"Coal Bureau", "East Plant"}, "2"),
        ("Red Star Mine", "Training", {"East Plant"}, "1"),
    ]


def test_query_campaign_participants_lists_campaigns_without_participants(out):
    columns, rows = run_query("campaign-participants", out)
    assert columns == ["campaign", "participant", "type"]
    assert rows == [
        ("Autumn Drive", None, None),
        ("Spring Drive", "East Plant", "Enterprise"),
        ("Spring Drive", "Red Star Mine", "Enterprise"),
    ]


def test_query_unit_measurements_are_in_article_date_order(out):
    columns, rows = run_query("unit-measurements", out, params={"unitName": "Red Star Mine"})
    assert columns == ["date", "unit", "indicator", "value", "measure", "kind", "period", "evidence", "article"]
    assert rows == [  # Oxigraph reads the decimal 100.0 as its canonical form, 100
        ("1957-03-01", "Red Star Mine", "coal output", "100", "t", "Level", None,
         "Red Star Mine produced 100 tons.", "a2"),
        ("1958-05-01", "Red Star Mine", "coal output", "120.5", "t", "Level", "May 1958",
         "Red Star Mine produced 120.5 tons in May.", "a1"),
    ]


def test_query_chinese_names(out):
    columns, rows = run_query("chinese-names", out)
    assert columns == ["entity", "type", "label", "labelZh", "altLabelsZh"]
    assert rows == [
        ("https://example.org/id/drive", "Campaign", "Spring Drive", "春季竞赛", None),
        ("https://example.org/id/mine", "Enterprise", "Red Star Mine", "红星矿", None),
    ]


def test_query_planned_help_says_whether_it_was_reported_done(out):
    columns, rows = run_query("planned-help", out)
    assert columns == ["helper", "recipient", "status", "forms", "campaign", "reportedDone", "evidence", "article",
                       "date"]
    assert rows == [
        ("Red Star Mine", "East Plant", "Pledged", "Labour", None, "false",
         "Red Star Mine pledged to send ten workers to East Plant.", "a1", "1958-05-01"),
    ]


def test_query_mutual_aid(out):
    columns, rows = run_query("mutual-aid", out)
    assert columns == ["participants", "forms", "campaign", "evidence", "article", "date"]
    assert [(_split(r[0]),) + r[1:] for r in rows] == [
        ({"Red Star Mine", "East Plant"}, "TechnicalExperience", None,
         "Red Star Mine and East Plant exchanged experience.", "a2", "1957-03-01"),
    ]


# --------------------------------------------------------------------------- loading and parameters


def test_query_load_query_takes_a_name_a_file_or_text(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# mine\nASK { ?s ?p ?o }\n", encoding="utf-8")
    assert load_query("who-helped-whom") == pack()["who-helped-whom"]
    assert load_query(str(path)) == "# mine\nASK { ?s ?p ?o }\n"
    assert load_query(path) == "# mine\nASK { ?s ?p ?o }\n"
    assert load_query("SELECT * WHERE { ?s ?p ?o }") == "SELECT * WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("spec", ["who-helped", "queries/select-all.rq"], ids=["unknown-name", "missing-file"])
def test_query_load_query_unknown_fails_naming_the_pack(spec):
    with pytest.raises(QueryError) as info:
        load_query(spec)
    assert str(info.value) == (
        f"{spec!r} is neither a query of the pack (campaign-participants, chinese-names, mutual-aid, "
        "planned-help, unit-measurements, unit-received, who-helped-whom), nor a file, nor SPARQL text"
    )


def test_query_bind_params_replaces_the_placeholder_with_an_escaped_string():
    text = "SELECT * WHERE {\n  VALUES ?unitName { UNDEF }\n  VALUES ?other {UNDEF}\n}"
    assert query_params(text) == ["unitName", "other"]
    assert bind_params(text, {"unitName": 'The "Red" Mine\\'}) == (
        'SELECT * WHERE {\n  VALUES ?unitName { "The \\"Red\\" Mine\\\\" }\n  VALUES ?other {UNDEF}\n}'
    )
    assert bind_params(text, {}) == text


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("unit-received", {"unit": "x"}, "the query has no parameter ?unit; its parameters: ?unitName"),
        ("chinese-names", {"unitName": "x"}, "the query has no parameter ?unitName; its parameters: none"),
    ],
    ids=["misspelt", "query-without-parameters"],
)
def test_query_unknown_parameter_fails_naming_the_known_ones(out, name, params, message):
    with pytest.raises(QueryError) as info:
        run_query(name, out, params=params)
    assert str(info.value) == message


# --------------------------------------------------------------------------- running


def test_query_ask_and_construct(out):
    assert run_query("ASK { ?s a <https://w3id.org/emulation-kg/ns#MutualAid> }", out) == (["ask"], [("true",)])
    columns, rows = run_query(
        "CONSTRUCT WHERE { ?s a <https://w3id.org/emulation-kg/ns#PlannedAssistance> }", out
    )
    assert (columns, rows) == (
        ["subject", "predicate", "object"],
        [("https://example.org/id/p1", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
          "https://w3id.org/emulation-kg/ns#PlannedAssistance")],
    )


def test_query_without_a_graph_fails_naming_the_file(tmp_path):
    with pytest.raises(QueryError) as info:
        run_query("who-helped-whom", tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'graph.ttl'}: no such file; build the graph first (kg build --out {tmp_path})"
    )


def test_query_invalid_sparql_fails_saying_where(out):
    with pytest.raises(QueryError) as info:
        run_query("SELECT ?s WHERE { ?s ?p }", out)
    assert str(info.value).startswith("the query is not valid SPARQL: error at 1:")


def test_query_invalid_turtle_fails_naming_the_file(tmp_path):
    (tmp_path / "graph.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(QueryError) as info:
        run_query("ASK {}", tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'graph.ttl'}: not valid Turtle: ")


# --------------------------------------------------------------------------- formatting

COLUMNS = ["unit", "名称", "n"]
ROWS = [("Red Star Mine", "红星矿", "2"), ("East\nPlant", None, "10")]


def test_query_format_table_aligns_wide_characters():
    assert format_results(COLUMNS, ROWS, "table") == (
        "unit           名称    n\n"
        "-------------  ------  --\n"
        "Red Star Mine  红星矿  2\n"
        "East Plant             10\n"
        "(2 rows)\n"
    )


def test_query_format_table_cuts_long_values():
    text = format_results(["evidence"], [("x" * 100,)], "table")
    assert text.splitlines()[2] == "x" * 59 + "…"
    assert text.splitlines()[3] == "(1 row)"


def test_query_format_csv():
    assert format_results(COLUMNS, ROWS, "csv") == 'unit,名称,n\nRed Star Mine,红星矿,2\n"East\nPlant",,10\n'


def test_query_format_json():
    text = format_results(COLUMNS, ROWS, "json")
    assert json.loads(text) == [
        {"unit": "Red Star Mine", "名称": "红星矿", "n": "2"},
        {"unit": "East\nPlant", "名称": None, "n": "10"},
    ]
    assert "红星矿" in text


def test_query_format_unknown_fails_naming_the_known_ones():
    with pytest.raises(QueryError) as info:
        format_results(COLUMNS, ROWS, "xml")
    assert str(info.value) == "unknown result format 'xml'; known formats: table, csv, json"


# --------------------------------------------------------------------------- push_graph without a server


def test_query_push_graph_without_a_graph_fails_naming_the_file(tmp_path):
    with pytest.raises(QueryError) as info:
        push_graph(tmp_path, "http://127.0.0.1:7878/store")
    assert str(info.value) == (
        f"{tmp_path / 'graph.ttl'}: no such file; build the graph first (kg build --out {tmp_path})"
    )


def test_query_push_graph_needs_an_absolute_graph_iri(out):
    with pytest.raises(QueryError) as info:
        push_graph(out, "http://127.0.0.1:7878/store", "my-graph")
    assert str(info.value) == "'my-graph' is not an absolute IRI; a named graph needs one (e.g. https://example.org/kg)"


def test_query_push_graph_needs_an_http_url(out):
    with pytest.raises(EndpointError) as info:
        push_graph(out, "ftp://user:secret@127.0.0.1/store")
    assert str(info.value) == "PUT ftp://127.0.0.1/store?default: not an http:// or https:// URL"
    assert info.value.status is None
