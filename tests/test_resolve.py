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
