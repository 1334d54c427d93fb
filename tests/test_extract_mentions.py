"""Mentions that are not proper names: campaigns in lower case, groups, descriptions."""

from __future__ import annotations

import pytest

from kg.schemas import EntityType


def entity_labels(corpus, type_):
    return sorted(e.label for e in corpus.entities if e.type.value == type_)


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param("The workers of the Fuxin Coal Mine launched labor emulation campaigns in May.",
                     ["labor emulation campaign"], id="plural-lower-case-campaign"),
        pytest.param("In the campaign to raise output and cut costs, the Fuxin Coal Mine did well.",
                     ["campaign to raise output and cut costs"], id="campaign-to-infinitive"),
        pytest.param("The Fuxin Coal Mine and the Hegang Coal Mine launched competitions with each other.",
                     ["competitions with each other"], id="competitions-with-each-other"),
        pytest.param("The competition went well at the Fuxin Coal Mine.", [], id="bare-the-competition-is-no-name"),
    ],
)
def test_extract_mentions_lower_case_campaigns(extract, body, expected):
    assert entity_labels(extract(body), "Campaign") == expected


def test_extract_mentions_the_competition_refers_to_the_campaign_before(extract):
    corpus = extract("The Fuxin Coal Mine launched the Red Banner Competition. The competition raised output.")
    (campaign,) = [e for e in corpus.entities if e.type.value == "Campaign"]
    assert campaign.label == "Red Banner Competition"
    assert campaign.alt_labels == ("The competition",)


def test_extract_mentions_counted_group_acting_as_one(extract):
    corpus = extract("Twelve state-owned factories and mines have launched labor emulation campaigns.")
    assert entity_labels(corpus, "Enterprise") == ["Twelve state-owned factories and mines"]


def test_extract_mentions_counted_object_is_no_group(extract):
    assert entity_labels(extract("The Fuxin Coal Mine sent two teams to the pits."), "Enterprise") == [
        "Fuxin Coal Mine"
    ]


def test_extract_mentions_list_members_take_the_group_type(extract):
    corpus = extract(
        "Four textile enterprises, including Kalinin, Tashkent and Ivanovo, exchanged experiences."
    )
    assert entity_labels(corpus, "Enterprise") == ["Four textile enterprises", "Ivanovo", "Kalinin", "Tashkent"]
    assert entity_labels(corpus, "Place") == []


def test_extract_mentions_units_distributed_over_listed_places(extract):
    corpus = extract(
        "Cement plants in Tangshan, Handan and Taiyuan signed competition contracts in the labor emulation campaign."
    )
    plants = sorted((e.label, e.located_in) for e in corpus.entities if e.type.value == "Enterprise")
    assert plants == [
        ("cement plant in Handan", "handan"),
        ("cement plant in Taiyuan", "taiyuan"),
        ("cement plant in Tangshan", "tangshan"),
    ]
    name = {e.id: e.label for e in corpus.entities}
    assert sorted(name[p.participant] for p in corpus.participation) == [
        "cement plant in Handan", "cement plant in Taiyuan", "cement plant in Tangshan"]


def test_extract_mentions_a_unit_of_a_distributed_group_named_elsewhere_takes_that_name(extract):
    corpus = extract(
        "Cement plants in Tangshan, Handan and Taiyuan signed competition contracts in the labor emulation campaign. "
        "The Handan Cement Plant raised its output by 12 percent."
    )
    plants = sorted(e.label for e in corpus.entities if e.type.value == "Enterprise")
    assert plants == ["Handan Cement Plant", "cement plant in Taiyuan", "cement plant in Tangshan"]
    name = {e.id: e.label for e in corpus.entities}
    assert sorted(name[p.participant] for p in corpus.participation) == [
        "Handan Cement Plant", "cement plant in Taiyuan", "cement plant in Tangshan"]


def test_extract_mentions_a_distributed_group_is_not_the_article_unit(extract):
    # The group is named most often, but "it" is three units: the shaft belongs to none of them.
    corpus = extract(
        "Coal mines in Tangshan, Handan and Taiyuan launched a competition. "
        "Coal mines in Tangshan, Handan and Taiyuan raised output. The No. 2 Shaft raised output."
    )
    shaft = next(e for e in corpus.entities if e.label == "No. 2 Shaft")
    assert shaft.part_of is None


@pytest.mark.parametrize(
    "words, label, expected",
    [
        pytest.param(["Fuxin", "Coal", "Mine", "  "], "GPE", "ENTERPRISE", id="ends-on-whitespace"),
        pytest.param(["  "], "ORG", None, id="whitespace-only"),
    ],
)
def test_extract_mentions_entity_ending_on_whitespace_token(nlp, words, label, expected):
    from spacy.tokens import Doc, Span

    from kg.extract.mentions import _type_of_ent

    doc = Doc(nlp.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
    typ = _type_of_ent(Span(doc, 0, len(words), label=label))
    assert (typ.name if typ else None) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param('The Fuxin Coal Mine set off a high tide of "learning from 305 and surpassing 305".',
                     ["learning from 305 and surpassing 305"], id="tide-of-slogan"),
        pytest.param('The Fuxin Coal Mine launched "every shaft helps its neighbour" in May.',
                     ["every shaft helps its neighbour"], id="launched-slogan"),
        pytest.param('The Fuxin Coal Mine workers said "we will help them" in May.', [], id="quote-is-no-slogan"),
    ],
)
def test_extract_mentions_quoted_slogan_is_a_campaign(extract, body, expected):
    assert entity_labels(extract(body), "Campaign") == expected


@pytest.mark.parametrize(
    "body, campaign",
    [
        pytest.param("Workers of the Anyang Cotton Mill joined the Gaganova movement in May.", "Gaganova movement",
                     id="named-after-its-initiator"),
        pytest.param("The Anyang Cotton Mill launched the Stakhanov movement.", "Stakhanov movement",
                     id="initiator-the-model-calls-a-person"),
        pytest.param("The Anyang Cotton Mill signed a socialist competition agreement in May.", "socialist competition",
                     id="before-an-agreement"),
    ],
)
def test_extract_participation_in_campaigns_the_model_misses(extract, body, campaign):
    corpus = extract(body)
    name = {e.id: e.label for e in corpus.entities}
    assert sorted(name.values()) == ["Anyang Cotton Mill", campaign]
    assert [(name[p.participant], name[p.campaign]) for p in corpus.participation] == [("Anyang Cotton Mill", campaign)]


def test_extract_mentions_a_competition_committee_is_no_campaign(extract):
    assert entity_labels(extract("The Anyang Cotton Mill set up a competition committee."), "Campaign") == []


def test_extract_participation_of_the_unit_a_campaign_covers(extract):
    corpus = extract('The Fuxin Coal Mine grew. The Party committee of the mine launched the Red Banner '
                     'Competition in the entire mine.')
    name = {e.id: e.label for e in corpus.entities}
    assert sorted((name[p.participant], name[p.campaign]) for p in corpus.participation) == [
        ("Fuxin Coal Mine", "Red Banner Competition")]


def test_extract_participation_of_units_whose_representatives_convene_a_campaign_meeting(extract):
    corpus = extract("Representatives from the Anyang Coal Mine and the Luoyang Coal Mine convened an "
                     "inter-mine mutual assistance and cooperation competition meeting in May.")
    name = {e.id: e.label for e in corpus.entities}
    assert sorted((name[p.participant], name[p.campaign]) for p in corpus.participation) == [
        ("Anyang Coal Mine", "inter-mine mutual assistance and cooperation competition"),
        ("Luoyang Coal Mine", "inter-mine mutual assistance and cooperation competition")]


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param("The Anyang People's Commune helped the Tangyin People's Commune. The Anyang Commune sent "
                     "tractors. Now the two communes have launched a red flag competition.",
                     [("Anyang People's Commune", "red flag competition"),
                      ("Tangyin People's Commune", "red flag competition")],
                     id="the-two-named-before-one-of-them-twice"),
        pytest.param("The Anyang Cotton Mill, the Tangyin Cotton Mill and the Hebi Cotton Mill grew. "
                     "Now the two mills have launched a red flag competition.", [], id="three-named-before"),
        pytest.param("The Anyang Cotton Mill and the Tangyin Coal Mine grew. "
                     "Now the two mills have launched a red flag competition.", [], id="one-of-its-kind-before"),
    ],
)
def test_extract_participation_of_the_two_units_named_before(extract, body, expected):
    # "the two mills" are the two mills named before it, when just two were
    corpus = extract(body)
    name = {e.id: e.label for e in corpus.entities}
    assert sorted((name[p.participant], name[p.campaign]) for p in corpus.participation) == expected
    assert not any("two" in e.label for e in corpus.entities)


def test_extract_participation_of_units_a_relative_clause_is_on(extract):
    corpus = extract("The Anyang Coal Mine and the Hebi Coal Mine, which challenged each other to a friendship "
                     "competition in May, have both fulfilled their plans.")
    name = {e.id: e.label for e in corpus.entities}
    assert sorted((name[p.participant], name[p.campaign]) for p in corpus.participation) == [
        ("Anyang Coal Mine", "friendship competition"), ("Hebi Coal Mine", "friendship competition")]


@pytest.mark.parametrize(
    "body, campaign",
    [
        pytest.param("The Hebi Coal Mine joined the movement for communist labor in May.",
                     "movement for communist labor", id="movement-for"),
        pytest.param("The Hebi Coal Mine entered a competition for the title of communist labor team.",
                     "competition for the title of communist labor team", id="competition-for-a-title"),
    ],
)
def test_extract_participation_in_a_campaign_for_a_goal(extract, body, campaign):
    corpus = extract(body)
    name = {e.id: e.label for e in corpus.entities}
    assert [(name[p.participant], name[p.campaign]) for p in corpus.participation] == [("Hebi Coal Mine", campaign)]


def test_extract_mentions_a_competition_for_months_is_no_name(extract):
    corpus = extract("The Hebi Coal Mine launched a competition for three months.")
    assert [e.label for e in corpus.entities if e.type is EntityType.CAMPAIGN] == []


def test_extract_participation_of_the_challenger_and_the_challenged(extract):
    corpus = extract('The Anyang Mining Bureau challenged the Luoyang Mining Bureau to a "Red Banner Competition."')
    name = {e.id: e.label for e in corpus.entities}
    assert sorted((name[p.participant], name[p.campaign]) for p in corpus.participation) == [
        ("Anyang Mining Bureau", "Red Banner Competition"), ("Luoyang Mining Bureau", "Red Banner Competition")]


def test_extract_participation_of_units_that_conclude_a_competition_agreement(extract):
    corpus = extract("The workers of the Anyang Coal Mine and the Luoyang Coal Mine concluded an agreement on "
                     "socialist competition.")
    name = {e.id: e.label for e in corpus.entities}
    assert sorted((name[p.participant], name[p.campaign]) for p in corpus.participation) == [
        ("Anyang Coal Mine", "socialist competition"), ("Luoyang Coal Mine", "socialist competition")]


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param("The team leader went deep into the third shaft of the Fuxin Coal Mine.",
                     ["Fuxin Coal Mine", "third shaft"], id="ordinal-word"),
        pytest.param("The team leader went deep into the 3rd workshop of the Fuxin Coal Mine.",
                     ["3rd workshop", "Fuxin Coal Mine"], id="ordinal-digits"),
        pytest.param("The Fuxin Coal Mine built a third shaft.", ["Fuxin Coal Mine"], id="not-definite"),
    ],
)
def test_extract_mentions_part_named_by_its_ordinal(extract, body, expected):
    assert entity_labels(extract(body), "Enterprise") == expected


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("The Party branch secretaries of the Fuxin Coal Mine stayed at the pits.", id="secretaries"),
        pytest.param("The drive was started by Communist Party member Zhao Guiying.", id="member"),
    ],
)
def test_extract_mentions_organization_naming_a_persons_role_is_no_unit(extract, body):
    assert entity_labels(extract(body), "Organization") == []


def test_extract_mentions_title_case_headline_guess_is_no_organization(extract):
    body = ("Managers Move to the Shop Floor, Quality Improves in Every Month\n\n"
            "The Fuxin Coal Mine raised output in May.")
    assert entity_labels(extract(body), "Organization") == []


def test_extract_mentions_these_plants_refers_to_the_group_before(extract):
    corpus = extract("Cement plants in Hunan raised their output. These cement plants exchanged experiences.")
    assert [(e.label, e.alt_labels) for e in corpus.entities if e.type.value == "Enterprise"] == [
        ("Cement plants in Hunan", ("These cement plants",))]


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param("Cement plants in Hunan launched the Red Banner Competition in May.",
                     ["Cement plants in Hunan"], id="a-group-taking-part-is-an-entity"),
        pytest.param("Cement plants in Hunan are numerous. The Anyang Cement Plant helped the Luoyang Cement Plant.",
                     ["Anyang Cement Plant", "Luoyang Cement Plant"], id="a-class-of-units-is-not"),
        pytest.param("Cement plants in Hunan are numerous. These cement plants are old.", [],
                     id="nor-what-refers-to-it"),
    ],
)
def test_extract_mentions_a_group_is_an_entity_only_where_it_acts(extract, body, expected):
    assert entity_labels(extract(body), "Enterprise") == expected


def test_extract_mentions_a_group_is_never_the_article_unit(extract):
    # the group is named most often but stands for several plants: the shaft belongs to none of them,
    # and dropping the group (no record is about it) leaves no reference behind
    corpus = extract("Cement plants in Hunan are old. Cement plants in Hunan are many. The No. 2 Shaft grew.")
    assert [(e.label, e.part_of) for e in corpus.entities if e.type.value != "Place"] == [("No. 2 Shaft", None)]


def test_extract_references_to_mentions_left_out_are_dropped_and_logged(caplog):
    from kg.corpus import parse_article
    from kg.extract import _without_dangling
    from kg.schemas import EntityType, Mention

    article = parse_article("Title: t\nAuthor:\nDate: 1958-01-01\nPage: 1\nThe shaft grew.\n", source="t.txt",
                            article_id="t")
    shaft = Mention(id="t#m2", article="t", text="shaft", start=0, end=5, type=EntityType.ENTERPRISE, name="shaft",
                    part_of="t#m1")
    (kept,) = _without_dangling(article, [shaft])
    assert kept.part_of is None and kept.name == "shaft"
    assert "t.txt: mention t#m2 refers to mentions left out (part_of=t#m1)" in caplog.text


def test_extract_these_plants_after_plants_in_several_places_are_those_plants(extract):
    corpus = extract("Cement plants in Tangshan, Handan and Taiyuan signed competition contracts in May. "
                     "These cement plants exchanged experiences.")
    name = {e.id: e.label for e in corpus.entities}
    assert [[name[p] for p in u.participants] for u in corpus.mutual_aid] == [
        ["cement plant in Tangshan", "cement plant in Handan", "cement plant in Taiyuan"]]
    assert "These cement plants" not in {a for e in corpus.entities for a in e.alt_labels}


def test_extract_the_plant_is_not_one_of_plants_in_several_places(extract):
    corpus = extract("Cement plants in Tangshan, Handan and Taiyuan signed competition contracts in May. "
                     "The plant raised its output by 5%.")
    name = {e.id: e.label for e in corpus.entities}
    assert [name[m.subject] for m in corpus.measurements] == ["plant"]


def test_extract_mentions_a_name_cut_short_is_the_full_one(extract):
    corpus = extract("The Kaifeng Locomotive Depot sent six drivers to the Anyang Locomotive Depot. "
                     "The Anyang Locomotive Depot in turn helped the Kaifeng depot repair its boilers. "
                     "The No. 3 Locomotive Depot grew. The No. 3 depot grew.")
    name = {e.id: e.label for e in corpus.entities}
    assert sorted(e.label for e in corpus.entities if e.type is EntityType.ENTERPRISE) == [
        "Anyang Locomotive Depot", "Kaifeng Locomotive Depot", "No. 3 Locomotive Depot"]
    assert [(name[a.helper], name[a.recipient]) for a in corpus.assistance] == [
        ("Kaifeng Locomotive Depot", "Anyang Locomotive Depot"), ("Anyang Locomotive Depot", "Kaifeng Locomotive Depot")]


def test_extract_mentions_a_numbered_name_of_words_cut_short_is_the_full_one(extract):
    corpus = extract("The Anyang No. 2 Cotton Mill grew. In May, the No. 2 Cotton Mill produced 900 tons of yarn.")
    mills = [e for e in corpus.entities if e.type is EntityType.ENTERPRISE]
    assert [(e.label, e.part_of) for e in mills] == [("Anyang No. 2 Cotton Mill", None)]
    assert [m.subject for m in corpus.measurements] == [mills[0].id]


def test_extract_mentions_a_numbered_name_cut_short_is_the_full_one(extract):
    # "the No. 6 Mill" after "the Anyang No. 6 Cotton Mill" is that mill, not a part of the article's unit
    corpus = extract("The Anyang No. 2 Cotton Mill and the Anyang No. 6 Cotton Mill helped each other. "
                     "The No. 2 Mill lent its testing instruments to the No. 6 Mill.")
    name = {e.id: e.label for e in corpus.entities}
    mills = [e for e in corpus.entities if e.type is EntityType.ENTERPRISE]
    assert sorted(e.label for e in mills) == ["Anyang No. 2 Cotton Mill", "Anyang No. 6 Cotton Mill"]
    assert all(e.part_of is None for e in mills)
    assert [(name[a.helper], name[a.recipient]) for a in corpus.assistance] == [
        ("Anyang No. 2 Cotton Mill", "Anyang No. 6 Cotton Mill")]


@pytest.mark.parametrize(
    "body, units",
    [
        pytest.param("The Fushun and Fuxin coal mines grew.", ["Fushun coal mine", "Fuxin coal mine"],
                     id="two-places"),
        pytest.param("The Anyang, Kaifeng and Inner Mongolia cement plants grew.",
                     ["Anyang cement plant", "Inner Mongolia cement plant", "Kaifeng cement plant"], id="three-places"),
        pytest.param("The Anyang and other cement plants grew.", [], id="one-place-and-others"),
        pytest.param("Advanced and backward coal mines grew.", [], id="no-place"),
    ],
)
def test_extract_mentions_places_sharing_a_unit_word(extract, body, units):
    # a unit in each place named before a shared plural head, when a record is about them
    corpus = extract(body.replace(" grew.", " helped the Xinhe Cement Plant."))
    assert sorted(e.label for e in corpus.entities if e.type is EntityType.ENTERPRISE and e.label != "Xinhe Cement Plant") == units


def test_extract_mentions_no_function_word_ends_a_name(extract):
    # the model's ORG "The First Group of the" before a unit name
    corpus = extract("The First Group of the Anyang Machine Works helped the Xinhe Tool Plant.")
    assert all(not e.label.endswith((" of", " the")) for e in corpus.entities)
