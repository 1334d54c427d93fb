"""kg eval: the scorer, and the development-set targets of the extraction issue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import Score, evaluate

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds"
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason=f"no development set at {GOLD}")


def test_evaluate_score_counts_sets():
    s = Score()
    s.add({"a", "b", "c"}, {"b", "c", "d", "e"})
    assert (s.tp, s.predicted, s.gold) == (2, 3, 4)
    assert (round(s.precision, 4), s.recall, round(s.f1, 4)) == (0.6667, 0.5, 0.5714)


def test_evaluate_score_of_nothing_against_nothing_is_perfect():
    assert (Score().precision, Score().recall) == (1.0, 1.0)


@pytest.fixture(scope="module")
def report(nlp):
    if not GOLD.is_dir():
        pytest.skip(f"no development set at {GOLD}")
    return evaluate(GOLD, nlp=nlp)


@needs_gold
def test_evaluate_development_set_meets_the_extraction_targets(report):
    assert report.help.precision >= 0.95
    assert report.help.recall >= 0.90
    assert report.measurements.f1 >= 0.90
    assert report.entities.f1 >= 0.85
    assert report.type_accuracy >= 0.9
    assert report.participation.f1 >= 0.80
    assert report.evidence_share == 1.0
    assert report.zh_wrong == 0


@needs_gold
def test_evaluate_cli_json_has_every_record_type():
    result = CliRunner().invoke(main, ["eval", "--gold", str(GOLD), "--json"], prog_name="kg")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert sorted(scores) == ["chinese_names", "entities", "evidence", "help", "measurements", "participation"]
    assert scores["evidence"]["share"] == 1.0
