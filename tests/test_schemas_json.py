"""JSON Schema files (kg.schemas_json, ``kg schemas``): committed copies match the models."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.schemas_json import JSON_SCHEMA_DIALECT, MODELS, json_schemas, write_json_schemas

COMMITTED = Path(__file__).parents[1] / "schemas" / "json"
NAMES = [
    "Article.json", "Entity.json", "Assistance.json", "PlannedAssistance.json", "MutualAid.json",
    "Measurement.json", "Participation.json", "Corpus.json",
]


def test_schemas_json_committed_files_match_the_models(tmp_path):
    write_json_schemas(tmp_path)
    generated = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in COMMITTED.glob("*.json")}
    stale = sorted(name for name in generated.keys() | committed.keys() if generated.get(name) != committed.get(name))
    assert stale == [], (
        f"schemas/json/ differs from the models of kg/schemas.py ({', '.join(stale)}); "
        "regenerate it with `kg schemas` run in the repository root, and commit schemas/json/"
    )


def test_schemas_json_writes_one_file_per_model_in_order(tmp_path):
    written = write_json_schemas(tmp_path / "new")
    assert [p.name for p in written] == NAMES
    assert [f"{name}.json" for name in MODELS] == NAMES
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == sorted(NAMES)


def test_schemas_json_text_is_sorted_indented_and_ends_with_one_newline():
    for name, text in json_schemas().items():
        schema = json.loads(text)
        assert text == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n", name
        assert not text.endswith("\n\n"), name
        assert schema["$schema"] == JSON_SCHEMA_DIALECT, name
        assert schema["title"] == name.removesuffix(".json"), name


def test_schemas_json_is_the_same_on_every_run():
    assert json_schemas() == json_schemas()


def test_schemas_json_entity_is_the_discriminated_union_of_five_types():
    schema = json.loads(json_schemas()["Entity.json"])
    mapping = {t: f"#/$defs/{t}" for t in ("Campaign", "Enterprise", "Organization", "Person", "Place")}
    assert schema["discriminator"] == {"mapping": mapping, "propertyName": "type"}
    assert sorted(ref["$ref"] for ref in schema["oneOf"]) == sorted(mapping.values())
    assert schema["$defs"]["Person"]["properties"]["type"]["const"] == "Person"


def test_schemas_json_records_forbid_extra_fields():
    schema = json.loads(json_schemas()["Assistance.json"])
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["id", "helper", "recipient", "evidence"]
    assert schema["$defs"]["HelpForm"]["enum"] == [
        "Personnel", "Equipment", "Materials", "TechnicalExperience", "Training", "Management", "Labour",
        "Unspecified",
    ]


def test_cli_schemas_writes_the_files_and_lists_them(tmp_path):
    out = tmp_path / "json"
    result = CliRunner().invoke(main, ["schemas", "--out", str(out)], prog_name="kg", catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"wrote {out / name}" for name in NAMES]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        p.name: p.read_bytes() for p in COMMITTED.glob("*.json")
    }


def test_cli_schemas_defaults_to_schemas_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schemas"], prog_name="kg", catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"wrote {Path('schemas/json') / name}" for name in NAMES]
