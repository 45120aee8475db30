"""``assess instruments list`` and ``assess instruments check``."""

from __future__ import annotations

from click.testing import CliRunner

import questionnaires
from assess.cli import cli
from tests.questionnaires.documents import FIXTURES, TINY_INSTRUMENT, TINY_ROLE, edit, line_of


def test_list_shows_every_shipped_instrument_and_role() -> None:
    result = CliRunner().invoke(cli, ["instruments", "list"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Instruments:\n")
    assert "Roles:" in result.output
    for ident in questionnaires.available():
        instrument = questionnaires.load(ident)
        assert (
            f"  {ident} {instrument.version}  {instrument.title['en']}  "
            f"({len(instrument.scales)} scales, {len(instrument.items)} items"
        ) in result.output
    for ident in questionnaires.available_roles():
        assert f"  {ident} " in result.output


def test_check_accepts_a_good_instrument() -> None:
    path = FIXTURES / "tiny.yaml"
    result = CliRunner().invoke(cli, ["instruments", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"ok {path}: instrument tiny 1  Tiny  (3 scales, 6 items, 3 scenarios)\n"
    )


def test_check_reports_every_problem_with_file_and_line(tmp_path) -> None:
    text = edit(TINY_INSTRUMENT, "{id: w2, scale: warmth,", "{id: w2, scale: warmth, facet: x,")
    text = edit(text, "n: 100,", "n: many,")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    good = FIXTURES / "tiny.yaml"
    result = CliRunner().invoke(cli, ["instruments", "check", str(bad), str(good)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bad}:{line_of(text, 'I smile.')}: items[1].facet: 'x' is not a facet of scale 'warmth'",
        f"{bad}:{line_of(text, 'n: many')}: norms[0].n: expected a whole number, got text 'many'",
        f"ok {good}: instrument tiny 1  Tiny  (3 scales, 6 items, 3 scenarios)",
    ]


def test_check_tells_a_role_from_an_instrument_and_finds_its_new_instrument() -> None:
    """The role is named first but checked after the instrument it needs."""
    role, instrument = FIXTURES / "tiny-role.yaml", FIXTURES / "tiny.yaml"
    result = CliRunner().invoke(cli, ["instruments", "check", str(role), str(instrument)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"ok {role}: role tiny-role 1  Desk agent  "
        "(instruments: tiny; 2 requirements, 1 competencies)"
    )


def test_check_fails_a_role_whose_instrument_is_unknown(tmp_path) -> None:
    path = tmp_path / "role.yaml"
    path.write_text(TINY_ROLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["instruments", "check", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:5: instruments[0]: unknown instrument 'tiny'")


def test_check_reports_yaml_syntax_and_missing_files(tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: {en: a\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["instruments", "check", str(broken), str(tmp_path / "absent.yaml")]
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{broken}:3: (yaml): not valid YAML")
    assert lines[1] == f"{tmp_path / 'absent.yaml'}: (file): cannot read: No such file or directory"


def test_check_refuses_a_scale_id_another_instrument_uses(tmp_path) -> None:
    """Roles name scales by id alone, so a new instrument may not reuse one."""
    first, second = tmp_path / "tiny.yaml", tmp_path / "tiny-copy.yaml"
    first.write_text(TINY_INSTRUMENT, encoding="utf-8")
    copy = edit(TINY_INSTRUMENT, "id: tiny\n", "id: tiny-copy\n")
    second.write_text(copy, encoding="utf-8")
    result = CliRunner().invoke(cli, ["instruments", "check", str(first), str(second)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"ok {first}")
    assert lines[1] == (
        f"{second}:{line_of(copy, '- id: warmth')}: scales[0].id: scale id 'warmth' is taken by "
        "instrument 'tiny'; scale ids must be unique across instruments"
    )
    assert len(lines) == 4  # warmth, calm and judgement


def test_check_refuses_a_shipped_scale_id(tmp_path) -> None:
    shipped = questionnaires.load(questionnaires.available()[0])
    scale = shipped.scales[0].id
    text = TINY_INSTRUMENT.replace("scale: calm", f"scale: {scale}")
    text = edit(text, "- id: calm", f"- id: {scale}")
    path = tmp_path / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["instruments", "check", str(path)])
    assert result.exit_code == 1
    assert f"scale id '{scale}' is taken by instrument '{shipped.id}'" in result.output


def test_length_measures_each_instrument_and_the_session() -> None:
    result = CliRunner().invoke(cli, ["instruments", "length", "service-composure@1.0"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["instrument", "language", "words", "answers", "minutes"]
    old = questionnaires.load("service-composure", "1.0")
    en = [line for line in lines if line.startswith("service-composure 1.0") and " en " in line]
    assert en and en[0].split()[3:5] == ["1478", str(len(old.all_likert_items))]
    assert lines[-1].startswith("Stated to candidates: about 15 minutes")


def test_length_of_an_unknown_instrument_is_an_error() -> None:
    result = CliRunner().invoke(cli, ["instruments", "length", "nope"])
    assert result.exit_code == 1
    assert "no shipped instrument 'nope'" in result.output
