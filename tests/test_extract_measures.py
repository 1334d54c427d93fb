"""Measurements: one construction per test, each with a sentence written for it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import labels
from kg.schemas import MeasurementKind as K


def measures(corpus):
    name = labels(corpus)
    return [(name[m.subject], m.value, m.unit, m.kind, m.lower_bound) for m in corpus.measurements]


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param(
            "The output of the Fengfeng Coal Mine increased by 12.5% compared with last year.",
            [("Fengfeng Coal Mine", Decimal("12.5"), "%", K.CHANGE, False)],
            id="change-by-percent",
        ),
        pytest.param(
            "The Kailuan Coal Mine overfulfilled its monthly plan by 3,150 tons.",
            [("Kailuan Coal Mine", Decimal("3150"), "t", K.SURPLUS, False)],
            id="surplus-tons-with-comma",
        ),
        pytest.param(
            "In May, the Datong Coal Mine overproduced more than 500 tons of coal.",
            [("Datong Coal Mine", Decimal("500"), "t", K.SURPLUS, True)],
            id="more-than-is-a-lower-bound",
        ),
        pytest.param(
            "The utilization coefficient of the furnaces in the Taiyuan Steel Plant was 8.512 in 1957.",
            [("Taiyuan Steel Plant", Decimal("8.512"), "coefficient", K.LEVEL, False)],
            id="coefficient-level",
        ),
        pytest.param(
            "The 305 tunneling team raised its advance from 20 meters per month to 45 meters.",
            [
                ("305 tunneling team", Decimal("20"), "m", K.LEVEL, False),
                ("305 tunneling team", Decimal("45"), "m", K.LEVEL, False),
            ],
            id="from-to-are-levels",
        ),
        pytest.param(
            "The Kolomna Plant sent a team to its assembly shop. Within a month the shop fulfilled its plan by "
            "106 percent.",
            [("assembly shop", Decimal("106"), "%", K.LEVEL, False)],
            id="plan-fulfilled-by-percent-is-a-level",
        ),
        pytest.param(
            "In June, the Anyang Cotton Mill produced 900 tons of yarn, 12% more than in May.",
            [("Anyang Cotton Mill", Decimal("900"), "t", K.LEVEL, False),
             ("Anyang Cotton Mill", Decimal("12"), "%", K.CHANGE, False)],
            id="percent-more-than-is-a-change",
        ),
        pytest.param(
            "The Kirov Works pledged to raise labor productivity by 6%.",
            [("Kirov Works", Decimal("6"), "%", K.TARGET, False)],
            id="pledge-is-a-target",
        ),
        pytest.param(
            "The Minsk Tractor Works produced goods worth 15 million rubles.",
            [("Minsk Tractor Works", Decimal("15000000"), "rubles", K.LEVEL, False)],
            id="million-rubles",
        ),
        pytest.param(
            "The Anyang Coal Mine has completed the state plan for fourteen consecutive months.",
            [("Anyang Coal Mine", Decimal("14"), "months", K.LEVEL, False)],
            id="plan-for-consecutive-months-in-words",
        ),
        pytest.param(
            "The Anyang Cement Plant decided to complete the seven-year plan ahead of schedule in five years.",
            [("Anyang Cement Plant", Decimal("5"), "years", K.TARGET, False)],
            id="plan-ahead-of-schedule-in-years",
        ),
        pytest.param("Over the past three years, the Anyang Cement Plant has completed its plan.", [],
                     id="a-span-of-time-is-no-measurement"),
        pytest.param("The Anyang Coal Mine has led the competition for fourteen consecutive months.", [],
                     id="consecutive-months-of-no-plan"),
        pytest.param("The Anyang Coal Mine sent eight workers to help repair 70 meters of railway line.", [],
                     id="a-quantity-of-the-help-is-no-measurement"),
        pytest.param("The Anyang Coal Mine helped the No. 2 Shaft and raised its output by 5% in May.",
                     [("Anyang Coal Mine", Decimal("5"), "%", K.CHANGE, False)], id="but-a-figure-beside-help-is"),
        pytest.param("The Anyang Power Plant cut its coal consumption per kilowatt-hour by 12 grams.",
                     [("Anyang Power Plant", Decimal("12"), "g", K.CHANGE, False)], id="grams"),
        pytest.param("The Anyang Power Plant generated 30,000 kilowatt-hours of electricity in May.",
                     [("Anyang Power Plant", Decimal("30000"), "kWh", K.LEVEL, False)], id="kilowatt-hours"),
        pytest.param("The yield of wheat in the Dongsheng People's Commune reached 420 jin per mu, an increase of "
                     "25% over last year.",
                     [("Dongsheng People's Commune", Decimal("420"), "jin/mu", K.LEVEL, False),
                      ("Dongsheng People's Commune", Decimal("25"), "%", K.CHANGE, False)], id="yield-per-mu"),
    ],
)
def test_extract_measures_constructions(extract, body, expected):
    assert measures(extract(body)) == expected


def test_extract_measures_period_resolves_last_year(extract):
    (m,) = extract("The output of the Fengfeng Coal Mine increased by 12.5% compared with last year.",
                   date="1959-03-01").measurements
    assert m.period == "1958"


@pytest.mark.parametrize(
    "body, periods",
    [
        pytest.param("The Dongsheng Commune raised its rice yield from 300 jin per mu last year to 500 jin per mu "
                     "this year.", ["1958", "1959"], id="each-value-its-own-date"),
        pytest.param("The Dongsheng Commune set a target of 900 jin per mu for next year.", ["1960"],
                     id="next-year"),
        pytest.param("The Dongsheng Commune produced 400 tons of grain in May and 600 tons in June.",
                     ["May (1959)", "June (1959)"], id="dates-after-each-value"),
    ],
)
def test_extract_measures_period_of_each_value(extract, body, periods):
    assert [m.period for m in extract(body, date="1959-08-01").measurements] == periods


def test_extract_measures_counts_are_not_measurements(extract):
    assert extract("The Fengfeng Coal Mine sent eight workers and 12 engineers.").measurements == ()


def test_extract_measures_subject_is_a_counted_group_named_again(extract):
    corpus = extract(
        "Nine of the largest steel plants in the Soviet Union, including the Kirov Works and the Izhora Works, "
        "exchanged experiences. Representatives of the nine plants pledged to raise output by 5%."
    )
    assert measures(corpus) == [
        ("Nine of the largest steel plants in the Soviet Union", Decimal("5"), "%", K.TARGET, False)
    ]


def test_extract_measures_a_change_after_a_quantity_measures_what_it_counts(extract):
    corpus = extract("In June, the Anyang Cotton Mill produced 900 tons of yarn, 12% more than in May.")
    assert [m.indicator for m in corpus.measurements] == ["produce yarn", "produce yarn"]


def test_extract_measures_indicator_of_what_the_workers_raise(extract):
    (m,) = extract("The workers of the Kolomna Plant pledged to raise labor productivity by 7 percent.").measurements
    assert (m.indicator, m.kind) == ("labor productivity", K.TARGET)


def test_extract_measures_a_plan_in_the_next_clause_is_not_this_ones(extract):
    # the parser hangs "was" on "plans" across the semicolon; its pronoun is the brigade the yield is of
    corpus = extract("The Xinhe Production Brigade sent ten members to the Dongfeng Production Brigade. Last year the "
                     "Dongfeng brigade's cotton yield was only 40 jin per mu; this year it plans to reach 80 jin.",
                     date="1960-04-03")
    name = labels(corpus)
    assert [(name[m.subject], m.value, m.kind, m.period) for m in corpus.measurements] == [
        ("Dongfeng Production Brigade", Decimal("40"), K.LEVEL, "1959"),
        ("Dongfeng Production Brigade", Decimal("80"), K.TARGET, "1960")]


def test_extract_measures_what_help_did_is_no_measurement(extract):
    corpus = extract("The Xinhe Production Brigade sent twenty members to the Dongfeng Production Brigade to help it "
                     "sow 300 mu of cotton.")
    assert corpus.measurements == ()


def test_extract_measures_period_of_the_verb_a_participle_hangs_on(extract):
    corpus = extract("In August the Anyang Cotton Mill produced 900 tons of yarn, overfulfilling its plan by 8.3%.",
                     date="1958-09-05")
    assert [(m.value, m.kind, m.period) for m in corpus.measurements] == [
        (Decimal("900"), K.LEVEL, "August (1958)"), (Decimal("8.3"), K.SURPLUS, "August (1958)")]


def test_extract_measures_a_coordinated_verb_keeps_out_the_dates_of_the_other(extract):
    corpus = extract("The daily output of the Hebi Coal Mine rose from 3,000 tons in May to 4,200 tons in November, "
                     "and the qualified rate of its coal reached 98.5 percent.", date="1959-12-20")
    assert [(m.value, m.period) for m in corpus.measurements] == [
        (Decimal("3000"), "May (1959)"), (Decimal("4200"), "November (1959)"), (Decimal("98.5"), None)]


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param("The Hebi Coal Mine's rate of first-grade coal rose to 92.3 percent, an increase of 4.1 "
                     "percentage points.", [("rate", Decimal("92.3"), "%", K.LEVEL), ("rate", Decimal("4.1"), "%", K.CHANGE)],
                     id="percentage-points"),
        pytest.param("The Hebi Coal Mine produced 2,100 tons more coal than planned in May.",
                     [("coal", Decimal("2100"), "t", K.SURPLUS)], id="more-than-planned-is-a-surplus"),
        pytest.param("The Hebi Coal Mine produced 2,100 tons more than in April.",
                     [("produce", Decimal("2100"), "t", K.CHANGE)], id="more-than-before-is-a-change"),
        pytest.param("More than 500 tons of coal were produced by the Hebi Coal Mine in May.",
                     [("produce coal", Decimal("500"), "t", K.LEVEL)], id="passive-with-the-unit-after-by"),
    ],
)
def test_extract_measures_of_the_hebi_coal_mine(extract, body, expected):
    corpus = extract(body)
    name = labels(corpus)
    assert {name[m.subject] for m in corpus.measurements} == {"Hebi Coal Mine"}
    assert [(m.indicator, m.value, m.unit, m.kind) for m in corpus.measurements] == expected


def test_extract_measures_things_received_are_no_measurement(extract):
    assert extract("The Hebi Coal Mine received 30 tons of steel from the Anyang Machine Works.").measurements == ()
