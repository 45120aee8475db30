"""The complete examples in docs/instrument-format.md load as they are written."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

import questionnaires
from assess.cli import cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "instrument-format.md"
EXAMPLE = re.compile(r"<!-- example: (\w+) -->\n```yaml\n(.*?)```", re.DOTALL)


def _examples() -> dict[str, str]:
    found = dict(EXAMPLE.findall(DOC.read_text(encoding="utf-8")))
    assert set(found) == {"instrument", "role"}, "the document lost a marked example"
    return found


def test_example_instrument_and_role_load() -> None:
    examples = _examples()
    instrument = questionnaires.instrument_from_text(examples["instrument"], "example")
    assert [scale.id for scale in instrument.scales] == [
        "example_warmth",
        "example_calm",
        "example_judgement",
    ]
    assert instrument.response_scale.points == (1, 2, 3, 4, 5, 6)
    assert len(instrument.items) == 6
    assert len(instrument.scenarios) == 3
    role = questionnaires.role_from_text(
        examples["role"], "example-role", instruments={instrument.id: instrument}
    )
    assert role.instruments == (instrument.id,)
    assert [r.scale for r in role.requirements] == [scale.id for scale in instrument.scales]


def test_example_files_pass_the_documented_check(tmp_path) -> None:
    examples = _examples()
    paths = []
    for kind, name in (("role", "example-role.yaml"), ("instrument", "example-inventory.yaml")):
        path = tmp_path / name
        path.write_text(examples[kind], encoding="utf-8")
        paths.append(str(path))
    result = CliRunner().invoke(cli, ["instruments", "check", *paths])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.output.splitlines()] == [
        f"ok {path}" for path in paths
    ]
