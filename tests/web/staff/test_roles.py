"""Role profiles: shipped examples, edits as new versions, problems shown."""

from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

import questionnaires
from assess.store.models import RoleProfileVersion
from tests.web.staff.people import login


def _versions(rows, key):
    with rows() as session:
        return list(
            session.scalars(
                select(RoleProfileVersion)
                .where(RoleProfileVersion.profile_key == key)
                .order_by(RoleProfileVersion.version)
            )
        )


def _form_of(client, version_id):
    """The edit form's current values, as a browser would post them back."""
    html = client.get(f"/recruiter/roles/{version_id}/edit").get_data(as_text=True)
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or ('type="checkbox"' in tag and "checked" not in tag):
            continue
        data[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>', html, re.S
    ):
        data[name] = unescape(value)
    return data


def test_roles_page_lists_every_shipped_example(client, world):
    login(client, world.recruiter.email)
    html = client.get("/recruiter/roles").get_data(as_text=True)
    for role_id in questionnaires.available_roles():
        assert f'value="{role_id}"' in html


def test_start_from_example_creates_version_one(client, world, rows):
    login(client, world.recruiter.email)
    response = client.post("/recruiter/roles/start", data={"example": "clinic-receptionist"})
    assert response.status_code == 302
    (version,) = _versions(rows, "clinic-receptionist")
    assert version.version == 1
    assert version.organisation_id == world.org.id
    assert questionnaires.role_from_mapping(version.definition).id == "clinic-receptionist"


def test_unknown_example_is_404(client, world):
    login(client, world.recruiter.email)
    assert client.post("/recruiter/roles/start", data={"example": "../etc"}).status_code == 404


def test_edit_saves_a_new_version_and_keeps_the_old(client, world, rows):
    login(client, world.recruiter.email)
    old_id = world.campaign.role_profile_version_id
    data = _form_of(client, old_id)
    data["requirements-0-bar"] = "4.4"
    data["fit_bands-0-label_fi"] = "Erinomainen"
    data["competencies-0-anchor_5_en"] = "Calms the whole queue."
    response = client.post(f"/recruiter/roles/{old_id}/edit", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    v1, v2 = _versions(rows, "airport-agent-night")
    assert (v1.version, v2.version) == (1, 2)
    assert v2.definition["requirements"][0]["bar"] == 4.4
    assert v2.definition["fit_bands"][0]["label"]["fi"] == "Erinomainen"
    assert v2.definition["competencies"][0]["anchors"]["5"]["en"] == "Calms the whole queue."
    assert v1.definition["requirements"][0]["bar"] != 4.4
    assert v2.definition["version"] == "2"


def test_a_new_competency_is_added_from_the_blank_entry(client, world, rows):
    login(client, world.recruiter.email)
    old_id = world.campaign.role_profile_version_id
    data = _form_of(client, old_id)
    n = sum(1 for key in data if key.endswith("-name_en"))
    new = f"competencies-{n - 1}-"
    data.update(
        {
            new + "id": "night_handover",
            new + "name_en": "Night handover",
            new + "name_fi": "Yövuoron vaihto",
            new + "description_en": "Passes on what the next shift needs.",
            new + "description_fi": "Kertoo seuraavalle vuorolle, mitä sen pitää tietää.",
            **{
                new + f"anchor_{lvl}_{lang}": f"{lvl} {lang}"
                for lvl in range(1, 6)
                for lang in ("en", "fi")
            },
        }
    )
    assert client.post(f"/recruiter/roles/{old_id}/edit", data=data).status_code == 302
    latest = _versions(rows, "airport-agent-night")[-1]
    assert latest.definition["competencies"][-1]["id"] == "night_handover"


def test_invalid_edit_shows_the_problems_and_saves_nothing(client, world, rows):
    login(client, world.recruiter.email)
    old_id = world.campaign.role_profile_version_id
    data = _form_of(client, old_id)
    data["competencies-0-name_fi"] = ""
    response = client.post(f"/recruiter/roles/{old_id}/edit", data=data)
    assert response.status_code == 422
    assert "competencies[0].name" in response.get_data(as_text=True)
    assert len(_versions(rows, "airport-agent-night")) == 1


def test_a_negative_weight_is_refused_by_the_form(client, world, rows):
    login(client, world.recruiter.email)
    old_id = world.campaign.role_profile_version_id
    data = _form_of(client, old_id)
    data["requirements-0-weight"] = "-1"
    assert client.post(f"/recruiter/roles/{old_id}/edit", data=data).status_code == 422
    assert len(_versions(rows, "airport-agent-night")) == 1
