"""A real triple store: an Oxigraph SPARQL server that the tests start on 127.0.0.1 and stop.

The bundled articles are built once; ``graph.ttl`` goes into the server through the SPARQL 1.1
Graph Store protocol (:func:`kg.query.push_graph`, ``kg load``), and every query of the pack must
give the same, exact answers three ways: over HTTP (a plain GET on ``/query``), through
:func:`kg.query.run_query` with ``endpoint=``, and over the embedded store.

The expected answers were written by reading the articles (kg/data/seeds/, the same files as
../shared/corpus/seeds/), not computed from kg's output. They hold what the extractor finds
today, and each of them is right. Statements of help that it does not find yet, and that these
answers will gain when it does: in 000, the Party committee "organized mutual support in manpower
and materials among the various units"; in 001, the Kulanovno factory "also gave it great help"
(study evenings, Training) and the "Lutchinkov" trust's teams "sent personnel to work in work teams
that need help"; in 002, the 612 tunneling team solved its problem "with the help of the
leadership"; in 003, the electric furnace plants of Northeast China helping each other.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.builder import build
from kg.cli import main
from kg.errors import EndpointError
from kg.query import bind_params, load_query, pack, push_graph, run_query

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

J, A = "1960-09-13", "1960-03-28"  # the dates of articles 000 (Jiaohe) and 001 (Soviet factories)
CZC = "Collaboration Zone Competition"
ANOTHER = "another factory that had difficulties in reducing production costs"
INSPECTION = "inspection and transportation section"
ZONES = "Now, two competition collaboration zones have been formed throughout the mine"
SENT = "No. 7 Mine found that the transportation of the Wulin Vertical Shaft"
SECRETARIES = "The Party branch secretaries of No. 4 Mine and No. 7 Mine"

# Every act of help: helper, recipient, forms, campaign, date, the evidence's first words.
ACTS = [
    ("No. 4 Mine", "Wulin Vertical Shaft", {"Unspecified"}, CZC, J, ZONES),
    ("No. 7 Mine", "Wulin Vertical Shaft", {"Unspecified"}, CZC, J, ZONES),
    ("No. 3 Mine", "No. 6 Mine", {"Unspecified"}, CZC, J, ZONES),
    ("No. 5 Mine", "No. 6 Mine", {"Unspecified"}, CZC, J, ZONES),
    ("Party committee", "Jiaohe Coal Mine", {"Personnel"}, CZC, J,
     "On the other hand, the main responsible cadres of the Party committee"),
    ("No. 7 Mine", "Wulin Vertical Shaft", {"Personnel", "Labour", "Equipment"}, CZC, J, SENT),
    (INSPECTION, "Wulin Vertical Shaft", {"Personnel", "Labour"}, CZC, J, SENT),
    ("No. 4 Mine", "Wulin Vertical Shaft", {"Personnel", "Management"}, CZC, J, SECRETARIES),
    ("No. 7 Mine", "Wulin Vertical Shaft", {"Personnel", "Management"}, CZC, J, SECRETARIES),
    ("No. 5 Mine", "No. 6 Mine", {"Personnel", "Labour"}, CZC, J, "No. 5 Mine, knowing that No. 6 Mine's"),
    ("Kulanovno Fine Wool Factory", "Troitsk Fine Wool Factory", {"Unspecified"}, None, A,
     "Not long ago, all the employees of the Kulanovno Fine Wool Factory"),
    ("Kulanovno Fine Wool Factory", "Troitsk Fine Wool Factory", {"Management"}, None, A,
     "The Kulanovno Fine Wool Factory also helped the Troitsk Fine Wool Factory"),
    ("Karabanovo Cotton Textile Factory", ANOTHER, {"Personnel", "Management"}, None, A,
     "They sent two comprehensive work teams"),
    ('advanced work teams of the "Lutchinkov" Coal Mining Trust', "work teams that need help", {"Personnel"}, None, A,
     "Some advanced work teams of the"),
]

HELP_PAIRS = {
    ("No. 4 Mine", "Wulin Vertical Shaft"),
    ("No. 7 Mine", "Wulin Vertical Shaft"),
    (INSPECTION, "Wulin Vertical Shaft"),
    ("No. 3 Mine", "No. 6 Mine"),
    ("No. 5 Mine", "No. 6 Mine"),
    ("Party committee", "Jiaohe Coal Mine"),
    ("Kulanovno Fine Wool Factory", "Troitsk Fine Wool Factory"),
    ("Karabanovo Cotton Textile Factory", ANOTHER),    # "Some advanced work teams of the ... Trust ... have sent personnel to work in work teams that need help."
    ('advanced work teams of the "Lutchinkov" Coal Mining Trust', "work teams that need help"),
}

SEVEN = {"Gloknov", "Oleknov", "Tashkent", "Keson", "Ivanovo", "Leningrad", '"Three Mountains" Textile Factory'}


# --------------------------------------------------------------------------- fixtures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp) -> Path:
    """The bundled articles built once; only graph.ttl is needed here."""
    out = tmp_path_factory.mktemp("built")
    build(out_dir=out, nlp=nlp, formats=("turtle",))
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``oxigraph serve`` on a free port of 127.0.0.1: yields its base URL, stopped at teardown."""
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location.parent / "oxigraph.log").open("wb")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(location / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail(f"oxigraph serve did not answer on {base}: "
                                f"{Path(log.name).read_text(errors='replace')}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def loaded(server, built):
    """graph.ttl pushed into the server's default graph."""
    return push_graph(built, f"{server}/store")


def _http_select(base: str, query: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """A SELECT over HTTP with nothing of kg: GET /query, SPARQL JSON results."""
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        doc = json.load(response)
    columns = doc["head"]["vars"]
    return columns, [tuple(b[c]["value"] if c in b else None for c in columns) for b in doc["results"]["bindings"]]


def _local_count(out: Path) -> int:
    return len(list(ox.parse(path=out / "graph.ttl", format=ox.RdfFormat.TURTLE)))


@pytest.fixture(params=["http-get", "run_query-endpoint", "run_query-embedded"])
def ask(request, loaded, server, built):
    """``ask(name, **params)`` -> (columns, rows) of a pack query, one way per parameter."""
    how = request.param

    def run(name: str, **params: str):
        if how == "http-get":
            return _http_select(server, bind_params(load_query(name), params))
        if how == "run_query-endpoint":
            return run_query(name, params=params, endpoint=f"{server}/query")
        return run_query(name, built, params=params)

    return run


def _split(value: str | None) -> set[str]:
    """A GROUP_CONCAT cell as a set: SPARQL leaves the order of the joined values open."""
    return {v.strip() for v in (value or "").replace(";", ",").split(",") if v.strip()}


def _act_key(act: tuple) -> tuple:
    return tuple(sorted(v) if isinstance(v, set) else (v or "") for v in act)


_JOINED = {"forms", "helpers", "participants", "altLabelsZh"}  # the pack's GROUP_CONCAT columns


def _canonical(columns: list[str], rows: list[tuple]) -> list[tuple]:
    return sorted((tuple(sorted(_split(v)) if c in _JOINED else (v or "") for c, v in zip(columns, r))
                   for r in rows), key=repr)


# --------------------------------------------------------------------------- loading


def test_triplestore_push_graph_loads_the_default_graph(loaded, server, built):
    assert (loaded.method, loaded.url, loaded.size) == ("PUT", f"{server}/store?default",
                                                        (built / "graph.ttl").stat().st_size)
    assert loaded.status in (200, 201, 204)
    assert _http_select(server, COUNT) == (["n"], [(str(_local_count(built)),)])


def test_triplestore_push_graph_put_replaces_post_adds(loaded, server, built, tmp_path):
    (tmp_path / "graph.ttl").write_text("<https://example.org/a> <https://example.org/b> \"c\" .\n")
    graph = "https://example.org/graphs/kg"
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    push_graph(tmp_path, f"{server}/store", graph, replace=False)
    pushed = push_graph(built, f"{server}/store", graph)
    assert pushed.url == f"{server}/store?graph=https%3A%2F%2Fexample.org%2Fgraphs%2Fkg"
    assert _http_select(server, count) == (["n"], [(str(_local_count(built)),)])
    assert push_graph(tmp_path, f"{server}/store", graph, replace=False).method == "POST"
    assert _http_select(server, count) == (["n"], [(str(_local_count(built) + 1),)])
    assert _http_select(server, COUNT) == (["n"], [(str(_local_count(built)),)])  # the default graph as it was


def test_triplestore_push_graph_hides_the_password(loaded, server, built):
    pushed = push_graph(built, server.replace("http://", "http://kg:secret@") + "/store")
    assert pushed.url == f"{server}/store?default"


def test_triplestore_push_graph_error_names_url_and_status(server, built):
    with pytest.raises(EndpointError) as info:
        push_graph(built, f"{server}/no-such-service")
    assert info.value.status == 404
    assert info.value.url == f"{server}/no-such-service?default"
    assert str(info.value).startswith(f"PUT {server}/no-such-service?default: HTTP 404 Not Found")


def test_triplestore_push_graph_without_a_server_says_so(built):
    url = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(EndpointError) as info:
        push_graph(built, url)
    assert info.value.status is None
    assert str(info.value).startswith(f"PUT {url}?default: cannot connect: ")


# --------------------------------------------------------------------------- the pack, exact answers


def test_triplestore_who_helped_whom(ask):
    columns, rows = ask("who-helped-whom")
    assert columns == ["helper", "recipient", "forms", "campaign", "evidence", "article", "date"]
    assert {(r[0], r[1]) for r in rows} == HELP_PAIRS
    starts = {a[5] for a in ACTS}
    got = [(r[0], r[1], _split(r[2]), r[3], r[6], next((s for s in starts if r[4].startswith(s)), r[4]))
           for r in rows]
    assert sorted(got, key=_act_key) == sorted(ACTS, key=_act_key)
    assert [r[6] for r in rows] == sorted(r[6] for r in rows)  # ordered by article date
    assert {r[5] for r in rows} == {"000_d751b22b83d88042", "001_5cc177c97d4e4a61"}


def test_triplestore_who_helped_whom_within_a_campaign(ask):
    _, rows = ask("who-helped-whom", campaignName=CZC)
    assert sorted((r[0], r[1]) for r in rows) == sorted((a[0], a[1]) for a in ACTS if a[3] == CZC)
    assert len(rows) == 10
    assert {r[3] for r in rows} == {CZC}


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("Wulin Vertical Shaft", [
            ("Equipment", {"No. 7 Mine"}, "1"),
            ("Labour", {"No. 7 Mine", INSPECTION}, "2"),
            ("Management", {"No. 4 Mine", "No. 7 Mine"}, "2"),
            ("Personnel", {"No. 4 Mine", "No. 7 Mine", INSPECTION}, "4"),
            ("Unspecified", {"No. 4 Mine", "No. 7 Mine"}, "2"),
        ]),
        ("No. 6 Mine", [
            ("Labour", {"No. 5 Mine"}, "1"),
            ("Personnel", {"No. 5 Mine"}, "1"),
            ("Unspecified", {"No. 3 Mine", "No. 5 Mine"}, "2"),
        ]),
        ("Troitsk Fine Wool Factory", [
            ("Management", {"Kulanovno Fine Wool Factory"}, "1"),
            ("Unspecified", {"Kulanovno Fine Wool Factory"}, "1"),
        ]),
        ("No. 7 Mine", []),
    ],
    ids=["wulin", "no-6-mine", "troitsk", "a-helper-only"],
)
def test_triplestore_unit_received(ask, unit, expected):
    columns, rows = ask("unit-received", unitName=unit)
    assert columns == ["recipient", "form", "helpers", "acts"]
    assert [(r[1], _split(r[2]), r[3]) for r in rows] == expected
    assert {r[0] for r in rows} <= {unit}


@pytest.mark.parametrize(
    ("campaign", "participants"),
    [
        (CZC, ["Jiaohe Coal Mine", "No. 3 Mine", "No. 4 Mine", "No. 5 Mine", "No. 6 Mine", "No. 7 Mine",
               "Wulin Vertical Shaft"]),
        ("inter-factory mutual assistance and cooperation competition", [
            "Dalian Steel Plant",  # "plants in Dalian, Benxi, ..." and later "the Dalian Steel Plant"
            "electric furnace steel plant in Beijing", "electric furnace steel plant in Benxi",
            "electric furnace steel plant in Chongqing",
            "electric furnace steel plant in Daye", "electric furnace steel plant in Shanghai",
            "electric furnace steel plants in Northeast China",
            # "Representatives from major electric furnace steel plants ... convened an inter-factory ... meeting"
            "major electric furnace steel plants across the country"]),
        ("Red Flag Competition", [None]),
    ],
    ids=["collaboration-zone", "inter-factory", "no-participant-named"],
)
def test_triplestore_campaign_participants(ask, campaign, participants):
    columns, rows = ask("campaign-participants", campaignName=campaign)
    assert columns == ["campaign", "participant", "type"]
    assert [r[1] for r in rows] == participants
    assert {r[0] for r in rows} == {campaign}
    assert {r[2] for r in rows} == ({None} if participants == [None] else {"Enterprise"})


def test_triplestore_campaign_participants_of_every_campaign(ask):
    _, rows = ask("campaign-participants")
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert {r[1] for r in rows if r[0] == "competitions with each other"} == SEVEN
    assert {r[1] for r in rows if r[0] == "labor emulation campaign"} == {
        "Thirty-five state-owned and local state-owned factories and mines"}


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("Wulin Vertical Shaft", [
            (J, "average daily output", "9.1", "%", "Change"),
            (J, "overproduce coal", "700", "t", "Surplus"),
        ]),
        ("Jiaohe Coal Mine", [
            (J, "average daily coal production", "14.1", "%", "Change"),
            (J, "raw coal production plan", "2286", "t", "Surplus"),
        ]),
    ],
    ids=["wulin", "jiaohe"],
)
def test_triplestore_unit_measurements(ask, unit, expected):
    columns, rows = ask("unit-measurements", unitName=unit)
    assert columns == ["date", "unit", "indicator", "value", "measure", "kind", "period", "evidence", "article"]
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in rows] == expected
    assert {(r[1], r[8]) for r in rows} == {(unit, "000_d751b22b83d88042")}


def test_triplestore_unit_measurements_over_time(ask):
    """Dalian's utilization coefficient: 19.204 in 1956, 22.652 in 1957, 30.044 in 1958, +12.133 in 1959."""
    _, rows = ask("unit-measurements", unitName="Dalian Steel Plant")
    assert sorted((r[3], r[4], r[5]) for r in rows) == [
        ("12.133", "coefficient", "Change"),
        ("19.204", "coefficient", "Level"),
        ("22.652", "coefficient", "Level"),
        ("30.044", "coefficient", "Level"),
    ]
    _, rows = ask("unit-measurements")
    dates = [r[0] for r in rows]
    assert dates == sorted(dates)
    assert sorted(set(dates)) == ["1959-08-14", "1959-10-19", "1960-03-28", "1960-09-13"]  # 004 has none


def test_triplestore_chinese_names(ask):
    # Chinese names found in the originals by pinyin, sound, numbers and a vocabulary of generic words
    # (kg/extract/chinese.py); each checked by hand against the Chinese text of its article.
    columns, rows = ask("chinese-names")
    assert columns == ["entity", "type", "label", "labelZh", "altLabelsZh"]
    assert sorted((r[2], r[3]) for r in rows) == [
        ('"Collaboration Zone Competition" committee', "“协作区竞赛”委员会"),
        ('"Lutchinkov" Coal Mining Trust', "“鲁特钦科夫”采煤托辣斯"), ('"Three Mountains" Textile Factory', "“三山”纺织厂"),
        ("612 tunneling team", "六一二掘进队"), ("620 coal mining team", "六二○采煤队"), ("Beijing", "北京"), ("Benxi", "本溪"),
        ("Central China Bureau of the Central Committee of the Communist Party of China", "中共中央中南局"),
        ("Central China Iron and Steel Company", "华中钢铁公司"),
        ("Central and South China region", "中南区"),
        ("Central and South Coal Industry Administration Bureau", "中南煤业管理局"), ("Chongqing", "重庆"),
        ("Chongqing Zhongliangshan Coal Mine", "重庆中梁山煤矿"), ("Collaboration Zone Competition", "协作区竞赛"),
        ("Dalian", "大连"), ("Dalian Steel Plant", "大连钢厂"), ("Daye", "大冶"), ("Donbass", "顿巴斯"),
        ("Electricity Administration Bureau", "电业管理局"), ("Gaganova", "加干诺娃"), ("Gloknov", "格洛克诺夫"),
        ("He Yuqing", "何玉清"), ("Heilongjiang", "黑龙江"), ("Ivanovo", "伊凡诺佛"), ("Jiaohe Coal Mine", "蛟河煤矿"), ("Jilin Province", "吉林省"),
        ("Kadievka", "卡季耶夫卡"), ("Karabanovo Cotton Textile Factory", "卡拉巴诺沃棉纺织工厂"), ("Keson", "刻松"),
        ("Konstantinovka", "康斯坦丁诺夫卡"), ("Kulanovno Fine Wool Factory", "库兰夫诺细绒工厂"), ("Leningrad", "列宁格勒"),
        ("Li Erzhong", "李尔重"), ("Lingxi Coal Mine", "岭西煤矿"), ("Liu Shilin", "刘诗临"), ("Moscow region", "莫斯科州"),
        ("No. 3 Mine", "三井"), ("No. 4 Mine", "四井"), ("No. 5 Mine", "五井"), ("No. 6 Mine", "六井"),
        ("No. 7 Mine", "七井"), ("North Well General Branch", "北井总支"), ("Northeast China", "东北"),
        ("Oleknov", "奥列克诺夫"), ("Party committee", "矿党委"), ("Party committee of this mine", "矿党委"),
        ("Pingxiang Coal Mine", "萍乡煤矿"), ("Red Flag Competition", "红旗竞赛"), ("Shanghai", "上海"),
        ("Shi Guoliang", "施国良"), ("Shuangyashan", "双鸭山"), ("Soviet Union", "苏联"), ("Stalino Oblast", "斯大林诺州"),
        ("Stalino Oblast Coal Mining Joint Enterprise", "斯大林诺州采煤联合企业"), ("Tashkent", "塔什干"),
        ("Thirty-five state-owned and local state-owned factories and mines", "三十五个国营和地方国营厂矿"),
        ("Troitsk Fine Wool Factory", "特罗伊特斯克细绒工厂"),
        ("Wuhan", "武汉"), ("Wuhan Municipal Committee of the Communist Party of China", "中共武汉市委"), ("Wulin Vertical Shaft", "乌林立井"),
        ("Xinhua News Agency", "新华社"), ("Zhao Tongli", "赵同利"),
        ("campaign to increase production and practice economy", "增产节约运动"),
        ("communist large-scale collaboration competition", "共产主义大协作竞赛"),
        ("factories and mines throughout the region", "全区各厂矿"), ("inspection and transportation section", "检运科"),
        ("inter-factory mutual assistance and cooperation competition", "厂际竞赛"), ("intra-factory competition", "厂内竞赛"),
        ("labor emulation campaign", "劳动竞赛运动"), ("learning from 620 and catching up with 620", "学六二○，赶六二○"),
        ("major electric furnace steel plants across the country", "全国主要电炉钢厂"),
        ("production reform movement", "生产改革运动"),
        ("seven of the largest cotton textile joint enterprises in the Soviet Union", "七个苏联最大的棉纺织联合企业"),
        ("seventh well", "七井"),
    ]


def test_triplestore_planned_help(ask):
    columns, rows = ask("planned-help")
    assert columns == ["helper", "recipient", "status", "forms", "campaign", "reportedDone", "evidence", "article",
                       "date"]
    # "... the Karabanovo Cotton Textile Factory ... recently decided to help another factory ...";
    # the next sentence reports the help given ("They sent two comprehensive work teams ...").
    assert [r[:6] + r[7:] for r in rows] == [
        ("Karabanovo Cotton Textile Factory", ANOTHER, "Decided", "Management", None, "true",
         "001_5cc177c97d4e4a61", A),
    ]
    assert rows[0][6].startswith("For example, the employees of the Karabanovo Cotton Textile Factory")


def test_triplestore_mutual_aid(ask):
    columns, rows = ask("mutual-aid")
    assert columns == ["participants", "forms", "campaign", "evidence", "article", "date"]
    steel = ("003_cce8805ef51223aa", "1959-08-14")
    assert [(_split(r[0]), set(r[1].split(", ")), r[2], r[4], r[5]) for r in rows] == [
        # the plants of a group, not listed, exchanging experiences among themselves
        ({"major electric furnace steel plants across the country"}, {"TechnicalExperience"}, None, *steel),
        ({"electric furnace steel plants in Northeast China"}, {"TechnicalExperience"}, None, *steel),
        (SEVEN, {"TechnicalExperience"}, None, "001_5cc177c97d4e4a61", A),
        # "the mine's Party committee ... organized mutual support in manpower and materials among the various
        # units ... exchanged experiences"
        ({"Jiaohe Coal Mine"}, {"TechnicalExperience", "Materials", "Labour"}, None, "000_d751b22b83d88042", J),
    ]


@pytest.mark.parametrize("name", list(pack()), ids=list(pack()))
def test_triplestore_pack_query_gives_the_same_rows_over_http_and_embedded(loaded, server, built, name):
    local = run_query(name, built)
    remote = _http_select(server, load_query(name))
    assert remote[0] == local[0]
    assert _canonical(*remote) == _canonical(*local)
    assert local[1] or name == "chinese-names"  # the only query with no answer on the bundled articles


# --------------------------------------------------------------------------- the CLI


def _invoke(args: list[str]):
    return CliRunner().invoke(main, args, prog_name="kg", catch_exceptions=False)


def test_triplestore_cli_query_csv(built):
    result = _invoke(["query", "who-helped-whom", "--out", str(built), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["helper", "recipient", "forms", "campaign", "evidence", "article", "date"]
    assert {(r[0], r[1]) for r in rows[1:]} == HELP_PAIRS
    assert len(rows) == 1 + len(ACTS)


def test_triplestore_cli_query_json_with_a_parameter(built):
    result = _invoke(["query", "unit-received", "--out", str(built), "--format", "json", "-p", "unitName=No. 6 Mine"])
    assert result.exit_code == 0, result.output
    assert [(r["form"], _split(r["helpers"]), r["acts"]) for r in json.loads(result.stdout)] == [
        ("Labour", {"No. 5 Mine"}, "1"), ("Personnel", {"No. 5 Mine"}, "1"),
        ("Unspecified", {"No. 3 Mine", "No. 5 Mine"}, "2"),
    ]


def test_triplestore_cli_query_table_over_an_endpoint(loaded, server):
    result = _invoke(["query", "planned-help", "--endpoint", f"{server}/query"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["helper", "recipient", "status", "forms", "campaign", "reportedDone", "evidence",
                                "article", "date"]
    assert lines[2].startswith("Karabanovo Cotton Textile Factory  another factory that had difficulties in red")
    assert lines[-1] == "(1 row)"


def test_triplestore_cli_queries_lists_the_pack():
    result = _invoke(["queries"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert names == list(pack())
    assert "who-helped-whom [-p campaignName=...]" in result.stdout.splitlines()


def test_triplestore_cli_load_into_a_named_graph(server, built):
    graph = "https://example.org/graphs/cli"
    result = _invoke(["load", "--endpoint", f"{server}/store", "--out", str(built), "--graph", graph])
    assert result.exit_code == 0, result.output
    size = (built / "graph.ttl").stat().st_size
    assert result.stdout == (f"PUT {built / 'graph.ttl'} ({size} bytes) to "
                             f"{server}/store?graph=https%3A%2F%2Fexample.org%2Fgraphs%2Fcli: HTTP 201\n")
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert _http_select(server, count) == (["n"], [(str(_local_count(built)),)])


def test_triplestore_cli_load_error_exits_one_naming_the_url(server, built):
    result = _invoke(["load", "--endpoint", f"{server}/nowhere", "--out", str(built)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: PUT {server}/nowhere?default: HTTP 404 Not Found")
