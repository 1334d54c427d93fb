"""Resolution: one entity per unit within an article and across articles."""

from __future__ import annotations

import pytest

from conftest import labels
from kg.resolve import normalise_name


@pytest.mark.parametrize(
    "name, expected",
    [
        ("the Hegang Coal Mine", "hegang coal mine"),
        ('"Red Banner Competition"', "red banner competition"),
        ("the mine's Party committee", "party committee"),
        ("Party committee of this mine", "party committee"),
        ("mine Party committee", "party committee"),
    ],
)
def test_resolve_normalise_name(name, expected):
    assert normalise_name(name) == expected


def test_resolve_short_form_and_description_are_one_entity(extract):
    corpus = extract(
        "The Hegang Coal Mine launched a drive. Since May, the Hegang Mine has overfulfilled its plan. "
        "The mine now leads the province."
    )
    (mine,) = [e for e in corpus.entities if e.label == "Hegang Coal Mine"]
    assert mine.alt_labels == ("Hegang Mine", "The mine")
    assert mine.id == "hegang-coal-mine"


def test_resolve_a_city_and_its_bare_name_are_one_place(extract):
    corpus = extract("Delegates from ten mines met in Luoyang City in May. The Luoyang mines raised output.")
    assert [(e.label, e.alt_labels) for e in corpus.entities if e.type.value == "Place"] == [
        ("Luoyang", ("Luoyang City",))]


@pytest.mark.parametrize("region, city", [("Moscow Oblast", "Moscow"), ("Henan Province", "Henan")])
def test_resolve_a_region_and_a_place_of_its_name_stay_two_places(extract, region, city):
    corpus = extract(f"Delegates from ten mines met in {region} in May. They met again in {city} in June.")
    assert sorted(e.label for e in corpus.entities if e.type.value == "Place") == [city, region]


def test_resolve_numbered_parts_are_keyed_under_their_mine(extract):
    corpus = extract(
        "The Hegang Coal Mine grew. No. 2 Mine and No. 9 Mine help No. 5 Mine. The mine met its plan."
    )
    parts = sorted(e.id for e in corpus.entities if e.part_of == "hegang-coal-mine")
    assert parts == ["hegang-coal-mine/no-2-mine", "hegang-coal-mine/no-5-mine", "hegang-coal-mine/no-9-mine"]


def test_resolve_same_enterprise_in_two_articles_is_one_entity(extract_many):
    corpus = extract_many("The Fuxin Coal Mine helped the Beipiao Coal Mine.",
                          "The Fuxin Coal Mine overfulfilled its plan by 300 tons.")
    (fuxin,) = [e for e in corpus.entities if e.label == "Fuxin Coal Mine"]
    assert fuxin.articles == ("a0", "a1")
    assert labels(corpus)[corpus.measurements[0].subject] == "Fuxin Coal Mine"


def test_resolve_a_shared_name_across_articles_links_instead_of_renaming(extract_many):
    corpus = extract_many("The Fuxin Coal Mine helped the Beipiao Coal Mine. The Fuxin Mine grew.",
                          "The Fuxin Mine overfulfilled its plan by 300 tons.")
    ids = {e.label: e for e in corpus.entities if e.type.value == "Enterprise"}
    assert ids["Fuxin Coal Mine"].id == "fuxin-coal-mine"
    assert ids["Fuxin Mine"].id == "fuxin-mine"
    assert ids["Fuxin Coal Mine"].same_as == ("fuxin-mine",)
    assert ids["Fuxin Mine"].same_as == ("fuxin-coal-mine",)


def test_resolve_one_name_two_kinds_stays_two_entities(extract_many):
    corpus = extract_many("The Kirov Works in Tashkent met its plan.",
                          "Four textile enterprises, including Kalinin, Tashkent and Ivanovo, "
                          "exchanged experiences.")
    kinds = sorted((e.id, e.type.value) for e in corpus.entities if e.label == "Tashkent")
    assert kinds == [("tashkent", "Place"), ("tashkent~enterprise", "Enterprise")]
    (aid,) = corpus.mutual_aid
    assert "tashkent~enterprise" in aid.participants


# --------------------------------------------------------------------------- as the articles stream by

MUTUAL = "Four textile enterprises, including Xinhe, Dongshan and Baoli, exchanged experiences."
PLACED = "The Hongqi Works in Dongshan met its plan."


@pytest.mark.parametrize("order", [(PLACED, MUTUAL), (MUTUAL, PLACED)], ids=["place-first", "enterprise-first"])
def test_resolve_a_kind_met_in_a_later_article_renames_the_earlier_facts(extract_many, order):
    corpus = extract_many(*order)
    kinds = sorted((e.id, e.type.value) for e in corpus.entities if e.label == "Dongshan")
    assert kinds == [("dongshan", "Place"), ("dongshan~enterprise", "Enterprise")]
    (aid,) = corpus.mutual_aid
    assert aid.participants == ("xinhe", "dongshan~enterprise", "baoli")


def _extractions(nlp, *bodies):
    from conftest import _article_text
    from kg.corpus import parse_article
    from kg.extract import body_text, extract_article

    out = []
    for i, body in enumerate(bodies):
        a = parse_article(_article_text(body, f"Title {i}", "1959-03-0" + str(i + 1)), source=f"a{i}.txt",
                          article_id=f"a{i}")
        out.append(extract_article(a, nlp(body_text(a)[0])))
    return out


def test_resolver_without_text_keeps_every_record_and_each_article_header(nlp):
    from kg.resolve import Resolver, resolve

    xs = _extractions(nlp, PLACED, MUTUAL, "The Xinhe Mine helped the Baoli Mine. The Baoli Mine grew by 12%.")
    whole = resolve(xs)
    resolver = Resolver(keep_text=False)
    for x in xs:
        resolver.add(x)
    lean = resolver.corpus()
    assert lean.model_copy(update={"articles": whole.articles}) == whole
    assert [a.id for a in lean.articles] == ["a0", "a1", "a2"]
    assert all(a.english is None and a.chinese is None for a in lean.articles)
    assert [a.model_copy(update={"english": None, "chinese": None}) for a in whole.articles] == list(lean.articles)
    for kind in ("entities", "assistance", "mutual_aid", "measurements"):  # the same records, field for field
        for got, want in zip(getattr(lean, kind), getattr(whole, kind), strict=True):
            assert got.model_fields_set == want.model_fields_set, kind


def test_resolve_records_share_one_set_of_field_names_and_copies_get_their_own():
    from kg.resolve import _lean
    from kg.schemas import Assistance, Evidence

    ev = Evidence(article="a0", text="The Xinhe Mine sent ten workers.", start=0, end=32)
    one = Assistance(id="a0-a1", helper="a0#m1", recipient="a0#m2", evidence=ev)
    two = Assistance(id="a0-a2", helper="a0#m3", recipient="a0#m4", evidence=ev)
    lean_one = _lean(one, {"helper": "xinhe-mine", "recipient": "baoli-mine", "campaign": None})
    lean_two = _lean(two, {"helper": "baoli-mine", "recipient": "xinhe-mine", "campaign": None})
    want = one.model_copy(update={"helper": "xinhe-mine", "recipient": "baoli-mine", "campaign": None})
    assert lean_one == want and lean_one.model_fields_set == want.model_fields_set
    assert lean_one.model_fields_set is lean_two.model_fields_set
    assert lean_one.evidence == ev and lean_one.evidence.model_fields_set is lean_two.evidence.model_fields_set
    copy = lean_one.model_copy(update={"campaign": "red-flag-drive"})
    assert copy.model_fields_set is not lean_one.model_fields_set
    assert lean_two.model_fields_set == want.model_fields_set


def test_resolve_a_units_chinese_name_is_its_labels(extract):
    # two mentions say 红光公社, one 红光人民公社: the label is the fullest English name, and its Chinese goes with it
    corpus = extract("The Hongguang People's Commune grew. The Hongguang Commune sent tractors. The Hongguang "
                     "Commune grew.", zh="红光人民公社发展了。红光公社派了拖拉机。红光公社发展了。")
    assert [(e.label, e.label_zh) for e in corpus.entities] == [("Hongguang People's Commune", "红光人民公社")]
