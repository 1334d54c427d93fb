"""The Python API (kg.build, kg.load, KnowledgeGraph) on the bundled articles, with the real model."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest
from IPython.display import HTML

import kg
from kg import api
from kg.errors import AmbiguousEntityError, KgError, QueryError, UnknownEntityError
from kg.graph import to_networkx
from kg.schemas import Corpus, Enterprise

FIRST = "000_d751b22b83d88042"
HELPED_PAIRS = {
    ("No. 4 Mine", "Wulin Vertical Shaft"),
    ("No. 7 Mine", "Wulin Vertical Shaft"),
    ("inspection and transportation section", "Wulin Vertical Shaft"),
    ("No. 3 Mine", "No. 6 Mine"),
    ("No. 5 Mine", "No. 6 Mine"),
    ("Party committee", "Jiaohe Coal Mine"),
    ("Kulanovno Fine Wool Factory", "Troitsk Fine Wool Factory"),
    ("Karabanovo Cotton Textile Factory", "another factory that had difficulties in reducing production costs"),    # "Some advanced work teams of the ... Trust ... have sent personnel to work in work teams that need help."
    ('advanced work teams of the "Lutchinkov" Coal Mining Trust', "work teams that need help"),
}
RECORDS = ("articles", "entities", "assistance", "planned_assistance", "mutual_aid", "measurements", "participation")
ARTICLE_HEADER = ("id", "source", "title", "title_zh", "author", "date", "page")


@pytest.fixture(scope="module")
def built(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return kg.build(out_dir=out, nlp=nlp), out


@pytest.fixture(scope="module")
def g(built):
    return built[0]


# --------------------------------------------------------------------------- the package


def test_api_names_are_exported_by_the_package():
    assert (kg.build, kg.load, kg.KnowledgeGraph) == (api.build, api.load, api.KnowledgeGraph)
    assert {"build", "load", "KnowledgeGraph"} <= set(kg.__all__) & set(dir(kg))


def test_api_is_not_imported_by_the_cli():
    code = "import sys, kg.cli; print(sorted({'pandas', 'kg.api'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_api_build_writes_nothing_without_out_dir(nlp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kg.build(nlp=nlp)
    assert isinstance(result, kg.KnowledgeGraph)
    assert list(tmp_path.iterdir()) == []


def test_api_build_writes_the_cli_files_into_out_dir(built):
    _, out = built
    assert sorted(p.name for p in out.iterdir()) == [  # and the extraction cache (tests/test_scale.py)
        ".kg-cache", "graph.graphml", "graph.html", "graph.json", "graph.jsonld", "graph.ttl"]


# --------------------------------------------------------------------------- records and frames


def test_api_records_are_counted_and_sorted_in_article_order(g):
    counts = {name: len(getattr(g, name)) for name in RECORDS}
    assert counts == {"articles": 5, "entities": 87, "assistance": 14, "planned_assistance": 1, "mutual_aid": 4,
                      "measurements": 19, "participation": 26}
    assert [a.id for a in g.assistance][8:11] == [f"{FIRST}-a9", f"{FIRST}-a10", "001_5cc177c97d4e4a61-a1"]
    assert repr(g) == ("<KnowledgeGraph: 5 articles, 87 entities, 14 assistance, 1 planned assistance, "
                       "4 mutual aid, 19 measurements, 26 participation>")


FRAME_COLUMNS = {
    "articles": ["id", "date", "title", "title_zh", "author", "page", "column", "source"],
    "entities": ["id", "type", "label", "label_zh", "alt_labels", "role", "part_of", "located_in", "articles",
                 "part_of_id", "located_in_id"],
    "assistance": ["id", "helper", "recipient", "forms", "campaign", "evidence", "evidence_zh", "article", "date",
                   "helper_id", "recipient_id", "campaign_id"],
    "planned_assistance": ["id", "helper", "recipient", "status", "forms", "campaign", "evidence", "evidence_zh",
                           "article", "date", "helper_id", "recipient_id", "campaign_id"],
    "mutual_aid": ["id", "participants", "forms", "campaign", "evidence", "evidence_zh", "article", "date",
                   "participant_ids", "campaign_id"],
    "measurements": ["id", "subject", "indicator", "value", "unit", "kind", "period", "lower_bound", "original_check",
                     "original_value", "evidence", "evidence_zh", "article", "date", "subject_id"],
    "participation": ["id", "participant", "campaign", "evidence", "evidence_zh", "article", "date", "participant_id",
                      "campaign_id"],
}


@pytest.mark.parametrize("name", list(FRAME_COLUMNS), ids=list(FRAME_COLUMNS))
def test_api_frames_have_one_row_per_record(g, name):
    df = getattr(g.frames, name)
    assert list(df.columns) == FRAME_COLUMNS[name]
    assert list(df["id"]) == [r.id for r in getattr(g, name)]


def test_api_frames_assistance_shows_labels_forms_evidence_and_date(g):
    row = g.frames.assistance.set_index("id").loc[f"{FIRST}-a6"]
    assert row[["helper", "recipient", "forms", "campaign", "article", "date"]].tolist() == [
        "No. 7 Mine", "Wulin Vertical Shaft", "Personnel; Equipment; Labour", "Collaboration Zone Competition",
        FIRST, pd.Timestamp("1960-09-13")]
    assert row[["helper_id", "recipient_id", "campaign_id"]].tolist() == [
        "jiaohe-coal-mine/no-7-mine", "jiaohe-coal-mine/wulin-vertical-shaft", "collaboration-zone-competition"]
    record = next(a for a in g.assistance if a.id == f"{FIRST}-a6")
    assert row["evidence"] == record.evidence.text
    assert set(zip(g.frames.assistance.helper, g.frames.assistance.recipient)) == HELPED_PAIRS


def test_api_frames_measurements_and_mutual_aid(g):
    m = g.frames.measurements
    dalian = m[m.subject == "Dalian Steel Plant"]
    assert dalian[["indicator", "value", "kind"]].values.tolist() == [
        ["utilization coefficient", 19.204, "Level"], ["utilization coefficient", 22.652, "Level"],
        ["utilization coefficient", 30.044, "Level"], ["increase", 12.133, "Change"]]
    assert g.frames.mutual_aid.participants.tolist() == [
        "Jiaohe Coal Mine",  # "mutual support ... among the various units" of the mine
        'Gloknov; Oleknov; Tashkent; Keson; Ivanovo; Leningrad; "Three Mountains" Textile Factory',
        "major electric furnace steel plants across the country",  # a group among itself
        "electric furnace steel plants in Northeast China"]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("jiaohe coal mine", "jiaohe-coal-mine"),
        ("JIAOHE COAL MINE", "jiaohe-coal-mine"),
        ("  Wulin   Vertical Shaft ", "jiaohe-coal-mine/wulin-vertical-shaft"),
        ("jiaohe-coal-mine/no-7-mine", "jiaohe-coal-mine/no-7-mine"),
        ("lingxi mine", "lingxi-coal-mine"),
        ("the Kulanovno factory", "kulanovno-fine-wool-factory"),
        ("Party committee", "jiaohe-coal-mine/party-committee"),
    ],
    ids=["lower-case", "upper-case", "spaces", "id", "alt-label", "normalised", "label-before-alt-label"],
)
def test_api_entity_resolves_a_name(g, name, entity_id):
    assert g.entity(name).id == entity_id


def test_api_entity_resolves_a_chinese_label():
    corpus = Corpus(entities=(Enterprise(id="jiaohe", label="Jiaohe Coal Mine", label_zh="蛟河煤矿"),))
    graph = kg.KnowledgeGraph(to_networkx(corpus), corpus)
    assert graph.entity("蛟河煤矿").label == "Jiaohe Coal Mine"
    assert graph.entity("jiaohe coal mine").label_zh == "蛟河煤矿"


@pytest.mark.parametrize(
    ("name", "message", "suggestions"),
    [
        ("Jiaohe Coalmine",
         ("no entity is named 'Jiaohe Coalmine'; did you mean 'Jiaohe Coal Mine', 'Pingxiang Coal Mine', "
          "'Lingxi Coal Mine', 'the mine'?"),
         ["Jiaohe Coal Mine", "Pingxiang Coal Mine", "Lingxi Coal Mine", "the mine"]),
        ("Dalian Steel Works", "no entity is named 'Dalian Steel Works'; did you mean 'Dalian Steel Plant'?",
         ["Dalian Steel Plant"]),
        ("zzzz", "no entity is named 'zzzz'; no name is close", []),
    ],
    ids=["three-close", "one-close", "none-close"],
)
def test_api_entity_unknown_name_suggests_the_closest_names(g, name, message, suggestions):
    with pytest.raises(UnknownEntityError) as info:
        g.entity(name)
    assert isinstance(info.value, KgError)
    assert str(info.value) == message
    assert info.value.suggestions == suggestions


def test_api_entity_ambiguous_name_names_the_candidates(g):
    with pytest.raises(AmbiguousEntityError) as info:
        g.entity("the mine")
    assert str(info.value) == (
        "'the mine' names 2 entities (jiaohe-coal-mine, lingxi-coal-mine); ask for one by its id")


# --------------------------------------------------------------------------- SPARQL


def test_api_sparql_returns_the_helped_pairs(g):
    df = g.sparql("""
        PREFIX ekg: <https://w3id.org/emulation-kg/ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?helper ?recipient WHERE {
          ?h ekg:helped ?r . ?h rdfs:label ?helper . ?r rdfs:label ?recipient .
          FILTER(lang(?helper) = "en" && lang(?recipient) = "en")
        }""")
    assert list(df.columns) == ["helper", "recipient"]
    assert len(df) == len(HELPED_PAIRS)
    assert set(zip(df.helper, df.recipient)) == HELPED_PAIRS


def test_api_sparql_runs_a_pack_query_with_parameters_and_typed_numbers(g):
    df = g.sparql("unit-received", {"unitName": "No. 6 Mine"})
    assert df.to_dict("records") == [
        {"recipient": "No. 6 Mine", "form": "Labour", "helpers": "No. 5 Mine", "acts": 1},
        {"recipient": "No. 6 Mine", "form": "Personnel", "helpers": "No. 5 Mine", "acts": 1},
        {"recipient": "No. 6 Mine", "form": "Unspecified", "helpers": "No. 5 Mine; No. 3 Mine", "acts": 2},
    ]
    assert df["acts"].dtype == "int64"


def test_api_sparql_ask_and_construct(g):
    ekg = "PREFIX ekg: <https://w3id.org/emulation-kg/ns#> "
    assert g.sparql(ekg + "ASK { ?a ekg:helped ?b }").to_dict("list") == {"ask": [True]}
    triples = g.sparql(ekg + "CONSTRUCT { ?a ekg:helped ?b } WHERE { ?a ekg:helped ?b }")
    assert list(triples.columns) == ["subject", "predicate", "object"]
    assert len(triples) == len(HELPED_PAIRS)


def test_api_sparql_invalid_query_raises_query_error(g):
    with pytest.raises(QueryError, match=r"^the query is not valid SPARQL: "):
        g.sparql("SELECT ?x WHERE { ?x }")


# --------------------------------------------------------------------------- neighbourhood


def test_api_neighbourhood_keeps_what_is_one_step_away(g):
    sub = g.neighbourhood("no. 6 mine")
    assert isinstance(sub, kg.KnowledgeGraph)
    assert sorted(e.label for e in sub.entities) == [
        "Collaboration Zone Competition", "Jiaohe Coal Mine", "No. 3 Mine", "No. 5 Mine", "No. 6 Mine"]
    assert [(sub.label(a.helper), a.id) for a in sub.assistance] == [
        ("No. 3 Mine", f"{FIRST}-a3"), ("No. 5 Mine", f"{FIRST}-a4"), ("No. 5 Mine", f"{FIRST}-a10")]
    assert [m.id for m in sub.measurements] == [f"{FIRST}-m5"]
    assert [a.id for a in sub.articles] == [FIRST] and list(sub.graph.graph["articles"]) == [FIRST]
    assert (sub.graph.number_of_nodes(), sub.graph.number_of_edges()) == (6, 11)
    assert len(g.neighbourhood("No. 6 Mine", radius=2).entities) == 12


# --------------------------------------------------------------------------- load, exports, viewer


def test_api_load_round_trips_what_build_wrote(built):
    g, out = built
    loaded = kg.load(out)
    assert nx.utils.graphs_equal(loaded.graph, g.graph)
    for name in RECORDS[1:]:
        assert getattr(loaded, name) == getattr(g, name), name
    assert [a.model_dump(include=set(ARTICLE_HEADER)) for a in loaded.articles] == [
        a.model_dump(include=set(ARTICLE_HEADER)) for a in g.articles]
    for name in FRAME_COLUMNS:
        if name != "articles":
            pd.testing.assert_frame_equal(getattr(loaded.frames, name), getattr(g.frames, name))
    buf = io.BytesIO()
    loaded.to_turtle(buf)
    assert buf.getvalue() == (out / "graph.ttl").read_bytes()


def test_api_load_without_a_build_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        kg.load(tmp_path)
    assert str(info.value) == f"{tmp_path}/graph.json: no such file; build the graph first (kg build --out {tmp_path})"


@pytest.mark.parametrize(
    ("method", "file"),
    [("to_turtle", "graph.ttl"), ("to_json", "graph.json"), ("to_html", "graph.html"),
     ("to_jsonld", "graph.jsonld"), ("to_graphml", "graph.graphml")],
    ids=["turtle", "json", "html", "jsonld", "graphml"],
)
def test_api_export_methods_write_what_the_cli_writes(built, tmp_path, method, file):
    g, out = built
    getattr(g, method)(tmp_path / file)
    assert (tmp_path / file).read_bytes() == (out / file).read_bytes()


def test_api_write_returns_the_paths(g, tmp_path):
    written = g.write(tmp_path / "again", formats=["turtle", "json"])
    assert written == {"turtle": tmp_path / "again" / "graph.ttl", "json": tmp_path / "again" / "graph.json"}


def test_api_show_embeds_the_self_contained_viewer(g, built):
    shown = g.show(height=450)
    assert isinstance(shown, HTML)
    match = re.fullmatch(
        r'<div><iframe srcdoc="([^"]*)" title="kg: who helped whom" sandbox="allow-scripts" '
        r'style="width: 100%; height: 450px; border: 1px solid #ccc"></iframe></div>', shown.data)
    assert match
    page = html.unescape(match.group(1))
    assert page == (built[1] / "graph.html").read_text("utf-8")
    # no resource from elsewhere: no src/href/url()/@import that leaves the page, and a CSP that forbids it
    outside = re.compile(
        r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?|@import\s*["']?)\s*(?:[a-z]+:)?//""", re.IGNORECASE)
    assert outside.findall(page) == [] and outside.findall(shown.data) == []
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert csp.startswith("default-src 'none'; ")
    assert re.findall(r"https?://", shown.data.replace(match.group(1), "")) == []
