"""A role profile definition (the YAML layout as data) to and from the
edit form. Only the editable parts come from the form; everything else
(instruments, ids of requirements and bands) is carried over from the
version being edited."""

from __future__ import annotations

import copy
from typing import Any

from assess.web.recruiter.fields import ANCHOR_LEVELS
from assess.web.recruiter.forms import RoleProfileForm

LANGS = ("en", "fi")


def form_data(definition: dict[str, Any]) -> dict[str, Any]:
    """The edit form's data for ``definition``, plus a blank competency
    entry for adding one."""
    competencies = [_competency_data(c) for c in definition.get("competencies", [])]
    competencies.append({})
    return {
        **_split("title", definition.get("title")),
        **_split("description", definition.get("description")),
        "requirements": [dict(r) for r in definition.get("requirements", [])],
        "fit_bands": [
            {
                "id": band["id"],
                "min": band["min"],
                "requires_all_bars": band.get("requires_all_bars", False),
                **_split("label", band.get("label")),
                **_split("text", band.get("text")),
            }
            for band in definition.get("fit_bands", [])
        ],
        "competencies": competencies,
    }


def _competency_data(competency: dict[str, Any]) -> dict[str, Any]:
    data = {
        "id": competency["id"],
        "scales": ", ".join(competency.get("scales", [])),
        **_split("name", competency.get("name")),
        **_split("description", competency.get("description")),
    }
    anchors = competency.get("anchors", {})
    for level in ANCHOR_LEVELS:
        text = anchors.get(str(level)) or anchors.get(level) or {}
        for language in LANGS:
            data[f"anchor_{level}_{language}"] = text.get(language, "")
    for language in LANGS:
        data[f"questions_{language}"] = "\n".join(
            q.get(language, "") for q in competency.get("questions", [])
        )
    return data


def _split(name: str, text: dict[str, str] | None) -> dict[str, str]:
    return {f"{name}_{language}": (text or {}).get(language, "") for language in LANGS}


def _join(data: dict[str, Any], name: str) -> dict[str, str]:
    return {language: (data.get(f"{name}_{language}") or "").strip() for language in LANGS}


def definition_from_form(form: RoleProfileForm, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with the form's edits applied (not yet validated)."""
    definition = copy.deepcopy(base)
    data = form.data
    definition["title"] = _join(data, "title")
    definition["description"] = _join(data, "description")
    known_scales = {r["scale"] for r in base.get("requirements", [])}
    definition["requirements"] = [
        {"scale": r["scale"], "weight": r["weight"], "bar": r["bar"]}
        for r in data["requirements"]
        if r["scale"] in known_scales
    ]
    base_bands = {b["id"]: b for b in base.get("fit_bands", [])}
    definition["fit_bands"] = [
        {
            **base_bands.get(b["id"], {}),
            "id": b["id"],
            "min": b["min"],
            "requires_all_bars": bool(b["requires_all_bars"]),
            "label": _join(b, "label"),
            "text": _join(b, "text"),
        }
        for b in data["fit_bands"]
        if b["id"] in base_bands
    ]
    competencies = []
    for entry, sub in zip(data["competencies"], form.competencies, strict=True):
        if entry.get("remove") or sub.form.is_blank:
            continue
        competencies.append(_competency(entry))
    definition["competencies"] = competencies
    return definition


def _competency(entry: dict[str, Any]) -> dict[str, Any]:
    en = [q.strip() for q in (entry.get("questions_en") or "").splitlines() if q.strip()]
    fi = [q.strip() for q in (entry.get("questions_fi") or "").splitlines() if q.strip()]
    competency: dict[str, Any] = {
        "id": (entry.get("id") or "").strip(),
        "scales": [s.strip() for s in (entry.get("scales") or "").split(",") if s.strip()],
        "name": _join(entry, "name"),
        "description": _join(entry, "description"),
        "anchors": {str(level): _join(entry, f"anchor_{level}") for level in ANCHOR_LEVELS},
    }
    if en or fi:
        competency["questions"] = [{"en": e, "fi": f} for e, f in zip(en, fi, strict=False)]
    return competency
