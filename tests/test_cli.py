"""The ``kg`` command: help, exit statuses and summaries.

Two real builds (each loads the spaCy model through ``kg.nlp.load_nlp``), run once
per module and shared by the tests that read their output.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import main
from kg.corpus import sample_paths

README = Path(__file__).parents[1] / "README.md"
OUTPUT_NAMES = ["graph.graphml", "graph.html", "graph.json", "graph.jsonld", "graph.ttl"]
CACHE = ".kg-cache"  # the extraction cache, in the output folder (tests/test_scale.py)
WRITE_ORDER = ("graph.ttl", "graph.json", "graph.html", "graph.jsonld", "graph.graphml")


@dataclass
class Run:
    result: Result
    cwd: Path
    out: Path
    inputs: Path | None = None


def _invoke(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, prog_name="kg", catch_exceptions=False)


def _run_in(cwd: Path, args: list[str]) -> Result:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        return _invoke(args)


@pytest.fixture(scope="module")
def samples_run(tmp_path_factory) -> Run:
    """``kg build --out OUT`` with no paths, run from an empty working folder."""
    cwd, out = tmp_path_factory.mktemp("cwd"), tmp_path_factory.mktemp("root") / "out"
    return Run(_run_in(cwd, ["build", "--out", str(out)]), cwd, out)


@pytest.fixture(scope="module")
def skipping_run(tmp_path_factory) -> Run:
    """``kg build DIR --out OUT`` where DIR holds one good sample and one empty file."""
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copy(sample_paths()[0], inputs / sample_paths()[0].name)
    (inputs / "empty.txt").write_bytes(b"")
    cwd, out = tmp_path_factory.mktemp("cwd"), tmp_path_factory.mktemp("root") / "out"
    return Run(_run_in(cwd, ["build", str(inputs), "--out", str(out)]), cwd, out, inputs)


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], ["Usage: kg [OPTIONS] COMMAND [ARGS]...", "build", "eval", "--verbose", "--version",
                      "--help"]),
        (["-h"], ["Usage: kg [OPTIONS] COMMAND [ARGS]...", "build", "eval"]),
        (["build", "--help"], ["Usage: kg build [OPTIONS] [PATHS]...", "--out", "--base", "graph.ttl",
                               "graph.json", "graph.html", "With no PATHS, builds the five bundled sample"]),
        (["eval", "--help"], ["Usage: kg eval [OPTIONS] [PATHS]...", "--gold", "--json",
                              "Folder of gold *.json files."]),
    ],
    ids=["kg", "kg-short-h", "build", "eval"],
)
def test_cli_help_names_commands_and_options(args, expected):
    result = _invoke(args)
    assert result.exit_code == 0
    for text in expected:
        assert text in result.output, text


@pytest.mark.parametrize("name", sorted(main.commands), ids=sorted(main.commands))
def test_cli_every_command_has_help(name):
    result = _invoke([name, "--help"])
    assert result.exit_code == 0
    summary = main.commands[name].help.strip().splitlines()[0]
    assert summary in result.output
    assert f"  {name}  " in _invoke(["--help"]).output


def test_cli_every_command_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [name for name in main.commands if f"kg {name}" not in text]
    assert missing == []


# --------------------------------------------------------------------------- kg build


def test_cli_build_samples_exits_zero_with_summary(samples_run):
    result = samples_run.result
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "articles:      5"
    assert [re.sub(r"\d.*", "", line) for line in lines[1:5]] == [
        "entities:      ",
        "help:          ",
        "measurements:  ",
        "participation: ",
    ]
    assert re.fullmatch(
        r"entities:      \d+ \(Enterprise \d+, Organization \d+, Person \d+, Place \d+, Campaign \d+\)", lines[1]
    )
    assert re.fullmatch(r"help:          \d+ \(\+ \d+ mutual aid\)", lines[2])
    assert lines[5:] == ["from cache:    0 of 5 articles", "skipped files: 0"] + [
        f"wrote {samples_run.out / name}" for name in WRITE_ORDER]


def test_cli_build_samples_writes_three_non_empty_files(samples_run):
    assert sorted(p.name for p in samples_run.out.iterdir()) == [CACHE, *OUTPUT_NAMES]
    for name in OUTPUT_NAMES:
        assert (samples_run.out / name).stat().st_size > 0, name


def test_cli_build_creates_no_lib_folder(samples_run, skipping_run):
    for run in (samples_run, skipping_run):
        assert list(run.cwd.iterdir()) == []
        assert not (run.out / "lib").exists()
        assert not (run.out.parent / "lib").exists()


def test_cli_build_with_a_skipped_file_exits_one_and_lists_it(skipping_run):
    result = skipping_run.result
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "articles:      1"
    skipped_at = lines.index("skipped files: 1")
    assert lines[skipped_at + 1] == f"  {skipping_run.inputs / 'empty.txt'}:1: the file is empty"
    assert lines[skipped_at + 2 :] == [f"wrote {skipping_run.out / name}" for name in
                                       WRITE_ORDER]


def test_cli_build_with_a_skipped_file_still_writes_outputs(skipping_run):
    assert sorted(p.name for p in skipping_run.out.iterdir()) == [CACHE, *OUTPUT_NAMES]
    for name in OUTPUT_NAMES:
        assert (skipping_run.out / name).stat().st_size > 0, name


def test_cli_build_missing_path_fails_naming_it(tmp_path):
    missing, out = tmp_path / "no-such-article.txt", tmp_path / "out"
    result = _invoke(["build", str(missing), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file or folder\n"
    assert result.stdout == ""
    assert not out.exists()


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--no-such-option"], "Usage: kg build [OPTIONS] [PATHS]..."),
        (["eval"], "Error: Missing option '--gold'."),
        (["no-such-command"], "Error: No such command 'no-such-command'."),
    ],
    ids=["build-unknown-option", "eval-without-gold", "unknown-command"],
)
def test_cli_usage_error_exits_two(args, message):
    result = _invoke(args)
    assert result.exit_code == 2
    assert message in result.stderr
    # click words the unknown-option message differently across versions; the option is always named
    assert args[-1] in result.stderr
    assert result.stdout == ""
