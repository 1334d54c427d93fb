"""JSON export: node-link JSON that is deterministic and reads back into an equal graph."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import networkx as nx
import pytest

from kg.export import get_writer
from kg.export.json import read_json, write_json
from kg.graph import to_networkx
from kg.schemas import (
    Article,
    Assistance,
    Campaign,
    Corpus,
    Enterprise,
    Evidence,
    HelpForm,
    Measurement,
    MeasurementKind,
    MutualAid,
    Participation,
    Person,
    Place,
)

AID = "000_d751b22b83d88042"
MINE = "jiaohe-coal-mine"
NO7 = "jiaohe-coal-mine/no-7-mine"
WULIN = "wulin-vertical-shaft"
ZONE = "collaboration-zone-competition"
HOSTILE = 'He said "more \\ coal"\nthen <left>\tfor No. 7\'s shaft > all.'


def _ev(text: str, start: int = 0, lang: str = "en") -> Evidence:
    return Evidence(article=AID, text=text, start=start, end=start + len(text), lang=lang)


def _corpus() -> Corpus:
    arts = (AID,)
    return Corpus(
        articles=(
            Article(id=AID, source=f"articles/{AID}.txt", title="Advanced Help Backward",
                    title_zh="先进帮后进", date=dt.date(1960, 9, 13), page=2),
        ),
        entities=(
            Enterprise(id=MINE, label="Jiaohe Coal Mine", label_zh="蛟河煤矿",
                       alt_labels=("Jiaohe Mine",), articles=arts, located_in="jilin"),
            Enterprise(id=NO7, label=HOSTILE, articles=arts, part_of=MINE),
            Enterprise(id=WULIN, label="Wulin Vertical Shaft", articles=arts),
            Place(id="jilin", label="Jilin", articles=arts),
            Campaign(id=ZONE, label="collaboration zone competition", articles=arts),
            Person(id="li-ming", label="Li Ming", articles=arts, role="mine director"),
        ),
        assistance=(
            Assistance(id="a1", helper=NO7, recipient=WULIN, campaign=ZONE,
                       forms=(HelpForm.PERSONNEL, HelpForm.LABOUR), evidence=_ev(HOSTILE)),
            # a second help edge between the same pair: the multigraph keeps both by key
            Assistance(id="a2", helper=NO7, recipient=WULIN,
                       evidence=_ev("七号井帮助了五林竖井。", 50, "zh")),
        ),
        mutual_aid=(
            MutualAid(id="ma1", participants=(NO7, WULIN), forms=(HelpForm.TECHNICAL_EXPERIENCE,),
                      evidence=_ev("They exchanged experiences.", 100)),
        ),
        measurements=(
            Measurement(id="m1", subject=MINE, indicator="daily coal production",
                        value=Decimal("700"), unit="t", kind=MeasurementKind.LEVEL,
                        lower_bound=True, evidence=_ev("more than 700 tons a day", 200)),
        ),
        participation=(
            Participation(id="p1", participant=MINE, campaign=ZONE,
                          evidence=_ev("The mine joined the competition.", 300)),
        ),
    )


def _json(graph: nx.MultiDiGraph | None = None) -> bytes:
    buf = io.BytesIO()
    write_json(graph if graph is not None else to_networkx(_corpus()), buf)
    return buf.getvalue()


def _assert_same_graph(got: nx.MultiDiGraph, want: nx.MultiDiGraph) -> None:
    assert isinstance(got, nx.MultiDiGraph)
    assert got.graph == want.graph
    assert list(got.nodes(data=True)) == list(want.nodes(data=True))
    assert list(got.edges(keys=True, data=True)) == list(want.edges(keys=True, data=True))


def test_export_json_registered_writer_is_write_json():
    assert get_writer("json") is write_json


def test_export_json_round_trip_gives_an_equal_graph():
    graph = to_networkx(_corpus())
    _assert_same_graph(read_json(io.BytesIO(_json(graph))), graph)


def test_export_json_round_trip_keeps_parallel_edges_by_key():
    got = read_json(io.BytesIO(_json()))
    assert sorted(got[NO7][WULIN]) == ["a1", "a2"]
    assert got.edges[NO7, WULIN, "a2"]["evidence"][0]["lang"] == "zh"
    assert got.edges[NO7, WULIN, "a1"]["forms"] == ["Personnel", "Labour"]


def test_export_json_round_trip_through_a_path(tmp_path):
    graph = to_networkx(_corpus())
    path = tmp_path / "graph.json"
    write_json(graph, path)
    write_json(graph, str(tmp_path / "graph2.json"))
    assert path.read_bytes() == (tmp_path / "graph2.json").read_bytes() == _json(graph)
    _assert_same_graph(read_json(path), graph)
    _assert_same_graph(read_json(str(path)), graph)


def test_export_json_hostile_text_survives_round_trip():
    got = read_json(io.BytesIO(_json()))
    assert got.nodes[NO7]["label"] == HOSTILE
    assert got.edges[NO7, WULIN, "a1"]["evidence"][0]["text"] == HOSTILE


def test_export_json_two_writes_are_byte_identical():
    graph = to_networkx(_corpus())
    assert _json(graph) == _json(graph) == _json(to_networkx(_corpus()))


def test_export_json_layout_is_sorted_indented_utf8():
    raw = _json()
    text = raw.decode("utf-8")
    assert text.startswith('{\n "directed": true,\n "graph": {\n  "articles": {\n')
    assert text.endswith("}\n")
    assert "蛟河煤矿" in text and "\\u" not in text
    data = json.loads(raw)
    assert list(data) == ["directed", "graph", "links", "multigraph", "nodes"]
    assert data["multigraph"] is True
    assert list(data["nodes"][0]) == sorted(data["nodes"][0])


@pytest.mark.parametrize(
    "relation,count",
    [("helped", 2), ("participatesIn", 1), ("partOf", 1), ("locatedIn", 1),
     ("participant", 2), ("subject", 1)],
    ids=["helped", "participatesIn", "partOf", "locatedIn", "participant", "subject"],
)
def test_export_json_links_per_relation(relation, count):
    data = json.loads(_json())
    assert sum(1 for link in data["links"] if link["relation"] == relation) == count


def test_export_json_empty_graph_round_trips():
    graph = nx.MultiDiGraph()
    got = read_json(io.BytesIO(_json(graph)))
    _assert_same_graph(got, graph)


# --------------------------------------------------------------------------- written in pieces


def _whole(graph: nx.MultiDiGraph) -> bytes:
    """The file as write_json made it before it wrote in pieces: the whole text at once."""
    data = nx.node_link_data(graph, edges="links")
    return (json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _odd_graph() -> nx.MultiDiGraph:
    """Attributes of every JSON kind, an article dict keyed by numbers, a node with no attributes."""
    g = nx.MultiDiGraph()
    g.graph["articles"] = {3: {"title": "Three"}, 1: {"title": None, "page": 2}}
    g.graph["notes"] = ["one", {"b": 1.5, "a": [True, False, None]}]
    g.add_node("bare")
    g.add_node("river-bend-works", label=HOSTILE, alt_labels=[], weights=[0.5, -1e-9], nested={"z": {}, "y": []})
    g.add_edge("bare", "river-bend-works", key="k1", relation="helped", evidence=[{"text": "\u2028\x00 é"}])
    g.add_edge("bare", "bare", key="loop", relation="sameAs")
    return g


@pytest.mark.parametrize("flush", [1, 1 << 16], ids=["every-piece", "blocks"])
@pytest.mark.parametrize("which", ["corpus", "empty", "odd"])
def test_export_json_written_in_pieces_is_the_whole_text(monkeypatch, flush, which):
    import kg.export.json as kg_json

    monkeypatch.setattr(kg_json, "_FLUSH", flush)
    graph = {"corpus": lambda: to_networkx(_corpus()), "empty": nx.MultiDiGraph, "odd": _odd_graph}[which]()
    assert _json(graph) == _whole(graph)


def test_export_json_holds_one_node_at_a_time():
    """The pieces of a graph of many nodes are each about one node long: no text of the whole graph."""
    from kg.export.json import json_chunks

    g = nx.MultiDiGraph()
    for i in range(2000):
        g.add_node(f"unit-{i}", label="The River Bend Works " * 5, articles=[f"a{i}"])
    pieces = list(json_chunks(g))
    assert max(len(p) for p in pieces) < 400
    assert "".join(pieces).encode("utf-8") == _whole(g)
