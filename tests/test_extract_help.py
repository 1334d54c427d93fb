"""Help: one construction per test, each with a sentence written for it."""

from __future__ import annotations

import pytest

from conftest import labels
from kg.schemas import HelpForm


def help_pairs(corpus):
    name = labels(corpus)
    return sorted((name[a.helper], name[a.recipient]) for a in corpus.assistance)


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param(
            "No. 2 Mine and No. 9 Mine help the Hongshan Vertical Shaft.",
            [("No. 2 Mine", "Hongshan Vertical Shaft"), ("No. 9 Mine", "Hongshan Vertical Shaft")],
            id="coordinated-subjects",
        ),
        pytest.param(
            "No. 2 Mine helps No. 8 Mine and the Hongshan Vertical Shaft.",
            [("No. 2 Mine", "Hongshan Vertical Shaft"), ("No. 2 Mine", "No. 8 Mine")],
            id="coordinated-objects",
        ),
        pytest.param(
            "The Anshan Machine Factory sent twelve fitters to support the Fushun Tool Plant.",
            [("Anshan Machine Factory", "Fushun Tool Plant")],
            id="sent-to-support",
        ),
        pytest.param(
            "Last spring the Dalian Bearing Factory helped the Harbin Gear Factory to improve its quality.",
            [("Dalian Bearing Factory", "Harbin Gear Factory")],
            id="helped-to-improve",
        ),
        pytest.param(
            "The Tangshan Cement Plant found that the Taiyuan Brick Factory lacked kilns, "
            "so it sent three engineers to help repair the kilns.",
            [("Tangshan Cement Plant", "Taiyuan Brick Factory")],
            id="pronoun-subject-and-clause-recipient",
        ),
        pytest.param(
            "The technicians of the Baotou Iron Works helped the Linfen Steel Mill.",
            [("Baotou Iron Works", "Linfen Steel Mill")],
            id="people-of-a-unit",
        ),
        pytest.param(
            "The Wuxi Silk Factory lagged behind, and the Suzhou Silk Factory gave it great help.",
            [("Suzhou Silk Factory", "Wuxi Silk Factory")],
            id="gave-it-help",
        ),
        pytest.param(
            "The Anyang Plant, together with the Hebi Plant, helped the Xinhe Plant.",
            [("Anyang Plant", "Xinhe Plant"), ("Hebi Plant", "Xinhe Plant")],
            id="together-with",
        ),
        pytest.param(
            "The Anyang Plant, with the support of the Hebi Plant, helped the Xinhe Plant.",
            [("Anyang Plant", "Xinhe Plant"), ("Hebi Plant", "Anyang Plant")],
            id="with-the-support-of-is-no-subject",
        ),
        pytest.param(
            "The Hankou Boiler Factory decided to help another factory that had a shortage of welders. "
            "They sent four welders to support the factory.",
            [("Hankou Boiler Factory", "another factory that had a shortage of welders")],
            id="described-recipient-and-they",
        ),
    ],
)
def test_extract_help_constructions(extract, body, expected):
    assert help_pairs(extract(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("The Luoyang Tractor Factory decided to help the Zhengzhou Textile Mill.", id="decided"),
        pytest.param("The Luoyang Tractor Factory will help the Zhengzhou Textile Mill.", id="future"),
        pytest.param("The Luoyang Tractor Factory proposed to help the Zhengzhou Textile Mill.", id="proposed"),
        pytest.param("The Luoyang Tractor Factory hopes to get help from the Zhengzhou Textile Mill.",
                     id="hoped-for-the-lemmatizer-reads-hop"),
        pytest.param("The Zhengzhou Textile Mill was not helped by the Luoyang Tractor Factory.", id="passive-denied"),
        pytest.param(
            "The Xuzhou Machine Works sent experts to the Nanjing Motor Factory to learn new methods.",
            id="learning-from-is-not-help",
        ),
        pytest.param("The Luoyang Tractor Factory produced 300 tractors in May.", id="no-help-at-all"),
    ],
)
def test_extract_help_not_help(extract, body):
    corpus = extract(body)
    assert corpus.assistance == ()
    assert corpus.mutual_aid == ()


def test_extract_help_forms_of_sent_people(extract):
    corpus = extract("No. 3 Shaft sent its transport chief to No. 5 Shaft to help repair the haulage equipment.")
    (a,) = corpus.assistance
    assert a.forms == (HelpForm.PERSONNEL, HelpForm.EQUIPMENT, HelpForm.LABOUR)


def test_extract_help_unspecified_form(extract):
    (a,) = extract("No. 2 Mine and No. 9 Mine help the Hongshan Vertical Shaft.").assistance[:1]
    assert a.forms == (HelpForm.UNSPECIFIED,)


def test_extract_help_evidence_is_the_sentence(extract):
    body = "Output rose in May. The Anshan Machine Factory sent twelve fitters to support the Fushun Tool Plant."
    (a,) = extract(body).assistance
    assert a.evidence.text == "The Anshan Machine Factory sent twelve fitters to support the Fushun Tool Plant."
    assert a.evidence.article == "test"


def test_extract_help_campaign_named_in_the_title(extract):
    corpus = extract(
        "No. 2 Mine and No. 9 Mine help the Hongshan Vertical Shaft.",
        title='Hegang Launches the "Red Banner Competition"',
    )
    campaigns = {labels(corpus)[a.campaign] for a in corpus.assistance if a.campaign}
    assert campaigns == set()  # the title alone names no campaign mention in the body

    corpus = extract(
        "The Hegang Coal Mine launched the Red Banner Competition. "
        "No. 2 Mine and No. 9 Mine help the Hongshan Vertical Shaft.",
        title='Hegang Launches the "Red Banner Competition"',
    )
    assert {labels(corpus)[a.campaign] for a in corpus.assistance} == {"Red Banner Competition"}


def test_extract_help_mutual_aid_among_listed_units(extract):
    corpus = extract(
        "Five textile mills, including the Anyang Mill, the Xinxiang Mill and the Handan Mill, "
        "have exchanged experiences with each other."
    )
    assert corpus.assistance == ()
    (u,) = corpus.mutual_aid
    assert [labels(corpus)[p] for p in u.participants] == ["Anyang Mill", "Xinxiang Mill", "Handan Mill"]
    assert u.forms == (HelpForm.TECHNICAL_EXPERIENCE,)


@pytest.mark.parametrize(
    "body, forms",
    [
        pytest.param("The Anyang Mill exchanged experience with the Xinxiang Mill.", (HelpForm.TECHNICAL_EXPERIENCE,),
                     id="one-with-the-other"),
        pytest.param("The Anyang Mill and the Xinxiang Mill grew. The two mills exchanged technicians and materials.",
                     (HelpForm.PERSONNEL, HelpForm.MATERIALS), id="the-two-exchanged-people-and-things"),
    ],
)
def test_extract_help_mutual_aid_by_exchange(extract, body, forms):
    corpus = extract(body)
    (u,) = corpus.mutual_aid
    assert ([labels(corpus)[p] for p in u.participants], u.forms) == (["Anyang Mill", "Xinxiang Mill"], forms)


def test_extract_help_mutual_aid_decided_is_not_mutual_aid(extract):
    corpus = extract(
        "The Anyang Mill, the Xinxiang Mill and the Handan Mill decided to exchange experiences with each other."
    )
    assert corpus.mutual_aid == ()


def test_extract_help_by_a_units_section(extract):
    corpus = extract(
        "The Fuxin Coal Mine grew. The mine met its plan. The mine's supply and marketing section also sent "
        "five fitters to help repair the pumps, which solved the water problem of the Xishan Vertical Shaft."
    )
    assert help_pairs(corpus) == [("supply and marketing section", "Xishan Vertical Shaft")]
    (section,) = [e for e in corpus.entities if e.label == "supply and marketing section"]
    assert section.type.value == "Organization"
    assert section.part_of == "fuxin-coal-mine"


def test_extract_help_recipient_named_as_a_modifier(extract):
    corpus = extract(
        "The Fuxin Coal Mine grew. The mine met its plan. "
        "The cadres of the Party committee went down into the mine pits to help solve problems."
    )
    assert help_pairs(corpus) == [("Party committee", "Fuxin Coal Mine")]


def test_extract_help_generic_counted_recipient_is_no_unit(extract):
    corpus = extract(
        "The Fuxin Coal Mine grew. The mine met its plan. "
        "The Party committee mobilized the workers of advanced shafts to help these two backward shafts."
    )
    assert help_pairs(corpus) == []


@pytest.mark.parametrize(
    "body, status",
    [
        pytest.param("The Luoyang Tractor Factory decided to help the Zhengzhou Textile Mill.", "Decided", id="decided"),
        pytest.param("The Luoyang Tractor Factory proposed to help the Zhengzhou Textile Mill.", "Proposed",
                     id="proposed"),
        pytest.param("The Luoyang Tractor Factory will help the Zhengzhou Textile Mill.", "Planned", id="will"),
        pytest.param("The Luoyang Tractor Factory pledged to help the Zhengzhou Textile Mill.", "Pledged",
                     id="pledged"),
    ],
)
def test_extract_help_plans_are_kept_apart_with_their_status(extract, body, status):
    corpus = extract(body)
    assert corpus.assistance == ()
    (p,) = corpus.planned_assistance
    name = labels(corpus)
    assert (name[p.helper], name[p.recipient], p.status.value) == (
        "Luoyang Tractor Factory", "Zhengzhou Textile Mill", status)
    assert p.evidence.text == body


def test_extract_help_denied_help_is_neither_help_nor_plan(extract):
    corpus = extract("The Luoyang Tractor Factory did not help the Zhengzhou Textile Mill.")
    assert corpus.assistance == () and corpus.planned_assistance == ()


@pytest.mark.parametrize(
    "body, forms",
    [
        pytest.param("No. 3 Shaft sent two coal mining teams to support No. 8 Shaft.",
                     (HelpForm.PERSONNEL, HelpForm.LABOUR), id="production-teams-sent"),
        pytest.param("The Kirov Works sent three accountants to support the Minsk Works and identify the problems.",
                     (HelpForm.PERSONNEL, HelpForm.MANAGEMENT), id="sent-to-identify-problems"),
        pytest.param("The Kirov Works helped the Minsk Works to find many production potentials.",
                     (HelpForm.MANAGEMENT,), id="find-potentials"),
        pytest.param("The Kirov Works helped the Minsk Works to improve its technical indicators.",
                     (HelpForm.UNSPECIFIED,), id="improve-indicators-says-no-form"),
        pytest.param("The Kirov Works helped the Minsk Works by passing on its advanced experience.",
                     (HelpForm.TECHNICAL_EXPERIENCE,), id="experience"),
    ],
)
def test_extract_help_forms(extract, body, forms):
    (a,) = extract(body).assistance
    assert a.forms == forms


def test_extract_help_mutual_aid_list_parsed_as_apposition(extract):
    corpus = extract(
        "The Shanghai No. 1 Cotton Mill, the Shanghai No. 2 Cotton Mill and the Yong'an Textile Factory "
        "have exchanged experiences in reducing waste with each other."
    )
    (u,) = corpus.mutual_aid
    assert [labels(corpus)[p] for p in u.participants] == [
        "Shanghai No. 1 Cotton Mill", "Shanghai No. 2 Cotton Mill", "Yong'an Textile Factory"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("Cement plants in Hunan raised their output. They mutually exchanged their experiences.",
                     id="they-mutually"),
        pytest.param("Cement plants in Hunan raised their output. These cement plants exchanged experiences.",
                     id="these-plants-exchanged-experiences"),
        pytest.param("Cement plants in Hunan raised their output and often sent people to each other.",
                     id="sent-people-to-each-other"),
    ],
)
def test_extract_help_mutual_aid_within_one_group(extract, body):
    # the members are not listed: one mutual aid with the group as its one participant
    corpus = extract(body)
    assert corpus.assistance == ()
    (u,) = corpus.mutual_aid
    assert [labels(corpus)[p] for p in u.participants] == ["Cement plants in Hunan"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("The Anyang Cement Plant mutually exchanged its experiences.", id="one-unit-is-no-group"),
        pytest.param("Cement plants in Hunan exchanged experiences with the Anyang Cement Plant.",
                     id="with-another-unit"),
        pytest.param("These cement plants exchanged experiences.", id="these-with-no-group-before"),
    ],
)
def test_extract_help_no_mutual_aid_within_a_group(extract, body):
    assert extract(body).mutual_aid == ()



def test_extract_help_mutual_aid_among_the_parts_of_the_article_unit(extract):
    corpus = extract("The Anyang Coal Mine launched a competition in May. The mine raised its output. "
                     "The mine's Party committee organized mutual support in manpower among the various teams.")
    (u,) = corpus.mutual_aid
    assert [labels(corpus)[p] for p in u.participants] == ["Anyang Coal Mine"]
    assert u.forms == (HelpForm.LABOUR,)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("The Anyang Coal Mine launched a competition in May. The mine raised its output. The mine "
                     "held that the competition is a good form for mutual assistance between enterprises.",
                     id="a-general-statement"),
        pytest.param("The Anyang Coal Mine launched a competition in May. The mine raised its output. The mine's "
                     "Party committee decided to organize mutual support among the various teams.",
                     id="decided-is-not-done"),
        pytest.param("Party committees organized mutual support among the various teams.", id="no-article-unit"),
    ],
)
def test_extract_help_no_mutual_aid_among_parts(extract, body):
    assert extract(body).mutual_aid == ()


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param("The Anyang Cement Plant sent ten technicians to the Luoyang Cement Plant in May.",
                     [("Anyang Cement Plant", "Luoyang Cement Plant")], id="sent-people-to-a-unit"),
        pytest.param("Some advanced work teams of the Anyang Coal Trust have sent personnel to work in work teams "
                     "that need help.",
                     [("advanced work teams of the Anyang Coal Trust", "work teams that need help")],
                     id="described-groups-sent-people-to-work-in"),
        pytest.param("The Anyang Cement Plant sent experts to the Luoyang Cement Plant to learn new methods.", [],
                     id="sent-to-learn-is-no-help-given"),
        pytest.param("The Anyang Cement Plant sent its representatives to the meeting in May.", [],
                     id="sent-to-no-unit"),
    ],
)
def test_extract_help_people_sent_to_a_unit(extract, body, expected):
    corpus = extract(body)
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient]) for a in corpus.assistance] == expected
    assert all(a.forms == (HelpForm.PERSONNEL,) for a in corpus.assistance)


def test_extract_help_with_the_help_of(extract):
    corpus = extract("With the help of the Anyang Cement Plant, the Luoyang Cement Plant raised its output in May.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Cement Plant", "Luoyang Cement Plant", (HelpForm.UNSPECIFIED,))]


@pytest.mark.parametrize(
    "body, form",
    [
        pytest.param("The Wuxi Silk Factory was helped by the Suzhou Silk Factory in May.", HelpForm.UNSPECIFIED,
                     id="passive"),
        pytest.param("The Wuxi Silk Factory, helped by the Suzhou Silk Factory, doubled its output.",
                     HelpForm.UNSPECIFIED, id="passive-participle"),
        pytest.param("The Wuxi Silk Factory received technical help from the Suzhou Silk Factory.",
                     HelpForm.TECHNICAL_EXPERIENCE, id="received-help-from"),
        pytest.param("The Wuxi Silk Factory obtained the assistance of the Suzhou Silk Factory in March.",
                     HelpForm.UNSPECIFIED, id="obtained-the-assistance-of"),
        pytest.param("Thanks to the help of the Suzhou Silk Factory, the Wuxi Silk Factory doubled its output.",
                     HelpForm.UNSPECIFIED, id="thanks-to-the-help-of"),
        pytest.param("Under the help of the Suzhou Silk Factory, the Wuxi Silk Factory doubled its output.",
                     HelpForm.UNSPECIFIED, id="under-the-help-of"),
        pytest.param("With the Suzhou Silk Factory's support, the Wuxi Silk Factory doubled its output.",
                     HelpForm.UNSPECIFIED, id="with-its-support"),
        pytest.param("The workers of the Wuxi Silk Factory thanked the Suzhou Silk Factory for its technical help.",
                     HelpForm.TECHNICAL_EXPERIENCE, id="thanked-for-its-help"),
        pytest.param("The Wuxi Silk Factory got two cranes from the Suzhou Silk Factory.", HelpForm.EQUIPMENT,
                     id="got-things-from"),
    ],
)
def test_extract_help_the_recipient_as_subject(extract, body, form):
    # the helper after "by", "from", "of": the help goes the other way from the sentence's order
    corpus = extract(body)
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Suzhou Silk Factory", "Wuxi Silk Factory", (form,))]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("The Wuxi Silk Factory was helped to install new looms.", id="passive-with-no-helper"),
        pytest.param("The Wuxi Silk Factory has not received any help from the Suzhou Silk Factory.",
                     id="received-no-help"),
        pytest.param("The Wuxi Silk Factory obtained the experience of the Suzhou Silk Factory.",
                     id="experience-obtained-may-be-learned"),
    ],
)
def test_extract_help_the_recipient_as_subject_no_help(extract, body):
    assert extract(body).assistance == ()


def test_extract_help_mutual_aid_among_parts_of_the_unit_the_title_names(extract):
    # two plants named alike: the title says which one the article is about
    corpus = extract("The Anyang Cement Plant helped the Luoyang Cement Plant. The Luoyang Cement Plant grew. "
                     "The Anyang Cement Plant grew. The plant's Party committee organized mutual help among the "
                     "various workshops.", title="Anyang Cement Plant Helps Its Neighbours")
    (u,) = corpus.mutual_aid
    assert [labels(corpus)[p] for p in u.participants] == ["Anyang Cement Plant"]


def test_extract_help_mutual_aid_of_two_described_workshops(extract):
    # "the assembly workshop" is told apart from the forging workshop by its noun: not the same unit
    corpus = extract("The forging workshop of the Anyang Cement Plant grew. The forging workshop and the assembly "
                     "workshop exchanged experiences with each other.")
    (u,) = corpus.mutual_aid
    assert [labels(corpus)[p] for p in u.participants] == ["forging workshop", "assembly workshop"]


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param("The Anyang No. 2 Brigade transferred to the lagging No. 5 Brigade in March.",
                     [("Anyang No. 2 Brigade", "No. 5 Brigade")], id="moved-to-a-lagging-unit"),
        pytest.param("The Anyang No. 2 Brigade moved to the new workshop in March.", [], id="moved-elsewhere"),
    ],
)
def test_extract_help_moving_to_a_backward_unit(extract, body, expected):
    # the Gaganova movement's form of help: advanced workers transfer to a team that lags behind
    corpus = extract(body)
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        (h, r, (HelpForm.PERSONNEL,)) for h, r in expected]


def test_extract_help_sent_team_led_by_someone(extract):
    # "to X" hangs on the participle "led by ..." in the parse: still where the team was sent
    corpus = extract("The Anyang Cement Plant dispatched a work team of six people, led by its chief engineer "
                     "Wang Lide, to the Luoyang Cement Plant in April.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Cement Plant", "Luoyang Cement Plant", (HelpForm.PERSONNEL,))]


def test_extract_help_the_works_as_subject_is_the_unit_the_text_is_about(extract):
    # "the works" (tagged as a plural of "work") is one plant; as a subject, the last plant that was one
    corpus = extract("The Anyang Steel Works helped the Luoyang Iron Works. In April, the works dispatched "
                     "five technicians to the Luoyang Iron Works.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Steel Works", "Luoyang Iron Works", (HelpForm.UNSPECIFIED,)),
        ("Anyang Steel Works", "Luoyang Iron Works", (HelpForm.PERSONNEL,))]


def test_extract_help_it_after_help_is_the_unit_just_named(extract):
    # "to help it catch up": "it" is the team the sentence has just named, not the last sentence's subject
    corpus = extract("Under the guidance of the Luoyang Cement Plant, the Anyang Cement Plant raised its output. "
                     "Old worker Wang Lide of the Tangshan Ceramics Factory voluntarily transferred to the backward "
                     "No. 3 Team to help it catch up.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient]) for a in corpus.assistance] == [
        ("Tangshan Ceramics Factory", "No. 3 Team")]


def test_extract_help_people_sent_with_what_they_did(extract):
    # the forms of help read from the clause of sending: people, and the experience they passed on
    corpus = extract("The Anyang Cement Plant sent four technicians to the Luoyang Cement Plant to pass on its "
                     "experience in kiln operation.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Cement Plant", "Luoyang Cement Plant", (HelpForm.PERSONNEL, HelpForm.TECHNICAL_EXPERIENCE))]


@pytest.mark.parametrize(
    "body, forms",
    [
        pytest.param("The Anyang Cement Plant lent three cranes to the Luoyang Cement Plant in May.",
                     (HelpForm.EQUIPMENT,), id="lent-equipment-to"),
        pytest.param("The Anyang Cement Plant supplied the Luoyang Cement Plant with thirty tons of coke.",
                     (HelpForm.MATERIALS,), id="supplied-with-materials"),
        pytest.param("In return, the Anyang Cement Plant supplied the Luoyang Cement Plant with castings.",
                     (HelpForm.MATERIALS,), id="supplied-with-castings"),
        pytest.param("The Anyang Cement Plant lent two lathes to the Luoyang Cement Plant and supplied it with "
                     "ten tons of steel.", (HelpForm.EQUIPMENT, HelpForm.MATERIALS), id="both"),
        pytest.param("Model worker Li Guifang of the Anyang Cement Plant taught her kiln method to the operators of "
                     "the Luoyang Cement Plant.", (HelpForm.TECHNICAL_EXPERIENCE,), id="taught-a-method-to"),
    ],
)
def test_extract_help_things_handed_over(extract, body, forms):
    # help in equipment, materials or know-how with no help word: lent, supplied, taught; the quantity is no
    # measurement
    corpus = extract(body)
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Cement Plant", "Luoyang Cement Plant", forms)]
    assert corpus.measurements == ()


def test_extract_help_things_not_handed_to_a_unit(extract):
    corpus = extract("The Anyang Cement Plant supplied its own kilns with forty tons of coal.")
    assert corpus.assistance == ()


def test_extract_help_a_party_committee_of_a_named_unit_is_part_of_it(extract):
    # the committee belongs to the unit its name says, not to the unit the article is most about
    corpus = extract("The Dongsheng People's Commune helped the Xinhe People's Commune. The Xinhe People's Commune "
                     "grew. The Party committee of the Dongsheng People's Commune assigned three cadres to stay in "
                     "the Xinhe People's Commune.")
    name = labels(corpus)
    committee = next(e for e in corpus.entities if e.label == "Party committee")
    assert name[committee.part_of] == "Dongsheng People's Commune"
    assert [(name[a.helper], name[a.recipient]) for a in corpus.assistance] == [
        ("Dongsheng People's Commune", "Xinhe People's Commune"), ("Party committee", "Xinhe People's Commune")]


def test_extract_help_forms_of_machines_and_field_work_sent(extract):
    corpus = extract("The Dongsheng People's Commune sent 80 commune members and 12 tractors to the Xinhe People's "
                     "Commune to help it with the autumn plowing.")
    assert [a.forms for a in corpus.assistance] == [(HelpForm.PERSONNEL, HelpForm.EQUIPMENT, HelpForm.LABOUR)]


def test_extract_help_mutual_help_carried_out(extract):
    corpus = extract("The Anyang Coal Mine and the Luoyang Coal Mine carried out mutual help in May.")
    name = labels(corpus)
    assert [[name[p] for p in u.participants] for u in corpus.mutual_aid] == [["Anyang Coal Mine", "Luoyang Coal Mine"]]


@pytest.mark.parametrize("opening", ["At the request of the Luoyang Coal Mine,", "At the Luoyang Coal Mine's request,"])
def test_extract_help_people_sent_at_a_units_request(extract, opening):
    corpus = extract(f"{opening} the Anyang Mining Bureau sent a team of mechanics to repair its coal cutters.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient]) for a in corpus.assistance] == [
        ("Anyang Mining Bureau", "Luoyang Coal Mine")]


@pytest.mark.parametrize(
    "body, forms",
    [
        pytest.param("The Dongfeng Production Brigade was assigned to help the Xinhe Production Brigade.",
                     (HelpForm.UNSPECIFIED,), id="a-unit-assigned-sends-no-one"),
        pytest.param("The Dongfeng Production Brigade helped the Xinhe Production Brigade draw up a production plan.",
                     (HelpForm.MANAGEMENT,), id="drawing-up-a-plan-is-management"),
    ],
)
def test_extract_help_forms_of_the_clause(extract, body, forms):
    assert [a.forms for a in extract(body).assistance] == [forms]


def test_extract_help_training_for_units_named_by_their_places(extract):
    # "the Baotou and Wuhan iron and steel companies": a company in each place
    corpus = extract("The Anshan Iron and Steel Company has trained 2,000 technicians for the Baotou and Wuhan iron "
                     "and steel companies.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anshan Iron and Steel Company", "Baotou iron and steel company", (HelpForm.TRAINING,)),
        ("Anshan Iron and Steel Company", "Wuhan iron and steel company", (HelpForm.TRAINING,))]
    located = {e.label: name.get(e.located_in) for e in corpus.entities if e.type.value == "Enterprise"}
    assert located["Wuhan iron and steel company"] == "Wuhan"


def test_extract_help_people_sent_in_the_passive(extract):
    corpus = extract("Experts of the Anyang Machine Tool Plant were sent to the Kaifeng Machine Tool Plant, where they "
                     "helped improve the casting process.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Machine Tool Plant", "Kaifeng Machine Tool Plant",
         (HelpForm.PERSONNEL, HelpForm.TECHNICAL_EXPERIENCE))]


def test_extract_help_by_the_team_a_unit_sent_and_to_its_miners(extract):
    # "a work team headed by X to B"; "the team" is the sender's people; "the B miners" are B's
    corpus = extract("The Anyang Coal Mine sent a work team headed by deputy director Li Dehai to the Hebi Coal Mine "
                     "in June. The team stayed there for a month and helped the Hebi miners adopt a new method; "
                     "the Hebi Coal Mine, for its part, introduced its experience in roadway support to the Anyang "
                     "miners.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Coal Mine", "Hebi Coal Mine", (HelpForm.PERSONNEL,)),
        ("Anyang Coal Mine", "Hebi Coal Mine", (HelpForm.PERSONNEL, HelpForm.TECHNICAL_EXPERIENCE)),
        ("Hebi Coal Mine", "Anyang Coal Mine", (HelpForm.TECHNICAL_EXPERIENCE,))]
    assert sorted(e.label for e in corpus.entities if e.type.value != "Person") == ["Anyang Coal Mine", "Hebi Coal Mine"]


def test_extract_help_to_a_collective_farm_under_patronage_and_in_two_objects(extract):
    corpus = extract("The Lenin Collective Farm has taken the lagging Iskra Collective Farm under its patronage. "
                     "It transferred its best brigade leader to the Iskra Collective Farm. It also gave the Iskra "
                     "farm ten tractors and 200 tons of seed grain.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Lenin Collective Farm", "Iskra Collective Farm", (HelpForm.UNSPECIFIED,)),
        ("Lenin Collective Farm", "Iskra Collective Farm", (HelpForm.PERSONNEL,)),
        ("Lenin Collective Farm", "Iskra Collective Farm", (HelpForm.EQUIPMENT, HelpForm.MATERIALS))]
    assert {e.label: e.type.value for e in corpus.entities}["Iskra Collective Farm"] == "Enterprise"
    assert corpus.measurements == ()  # what was given is no measurement


@pytest.mark.parametrize(
    "body, forms",
    [
        pytest.param("The Xinhe Cement Plant invited technicians from the Anyang Cement Plant to help it install a "
                     "new kiln.", (HelpForm.PERSONNEL,), id="the-invited-help-not-the-one-who-invites"),
        pytest.param("The Anyang Cement Plant supported the Xinhe Cement Plant with 30 tons of steel.",
                     (HelpForm.MATERIALS,), id="supported-with-things"),
        pytest.param("The Anyang Cement Plant handed over its advanced experience to the Xinhe Cement Plant.",
                     (HelpForm.TECHNICAL_EXPERIENCE,), id="handed-over"),
    ],
)
def test_extract_help_from_anyang_to_xinhe(extract, body, forms):
    corpus = extract(body)
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Cement Plant", "Xinhe Cement Plant", forms)]


def test_extract_help_people_sent_at_its_request(extract):
    # "at its request": the unit that asked, not the sender named just before
    corpus = extract("The Kaifeng No. 6 Cotton Mill also received help from the No. 3 Mill: at its request, the No. 3 "
                     "Mill sent five technicians to teach the operation method of high-speed weaving.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("No. 3 Mill", "Kaifeng No. 6 Cotton Mill",
         (HelpForm.PERSONNEL, HelpForm.TECHNICAL_EXPERIENCE, HelpForm.TRAINING))]


def test_extract_help_by_a_units_worker_who_went_to_teach(extract):
    corpus = extract("Model worker Li Fengying of the Anyang Cotton Mill went to the Xinhe Cotton Mill to teach her "
                     "fine-spinning method. Workers of the Xinhe Cotton Mill went to the Anyang Cotton Mill to learn "
                     "its method.")
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient], a.forms) for a in corpus.assistance] == [
        ("Anyang Cotton Mill", "Xinhe Cotton Mill",
         (HelpForm.PERSONNEL, HelpForm.TECHNICAL_EXPERIENCE, HelpForm.TRAINING))]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("The collective of the Hebi Coal Mine has taken up the task of helping the neighbouring Anyang "
                     "Coal Mine.", id="the-task-of-helping"),
        pytest.param("Fifteen of the Hebi Coal Mine's best miners transferred to the Anyang Coal Mine in September.",
                     id="people-of-a-unit-transferred"),
    ],
)
def test_extract_help_from_hebi_to_anyang(extract, body):
    corpus = extract(body)
    name = labels(corpus)
    assert [(name[a.helper], name[a.recipient]) for a in corpus.assistance] == [("Hebi Coal Mine", "Anyang Coal Mine")]


def test_extract_help_a_plan_of_helping_is_no_help(extract):
    assert extract("The Hebi Coal Mine drew up a plan for helping the Anyang Coal Mine.").assistance == ()
