"""Role profiles: start from a shipped example, edit, save as a new version."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

import questionnaires
from assess.store import db
from assess.store.models import RoleProfileVersion
from assess.web.auth import current_user, org_get_or_404
from assess.web.recruiter import operations
from assess.web.recruiter.forms import RoleProfileForm, StartRoleForm
from assess.web.recruiter.results import instrument_scale_names
from assess.web.recruiter.role_editing import definition_from_form, form_data
from assess.web.recruiter.views import bp, locale, recruiter_required


def shipped_examples() -> list[tuple[str, str]]:
    """(id, title in the reader's language) of every shipped role profile."""
    examples = []
    for role_id in questionnaires.available_roles():
        role = questionnaires.load_role(role_id)
        examples.append((role_id, role.title.get(locale()) or role.title["en"]))
    return examples


@bp.get("/roles")
@recruiter_required
def roles():
    profiles = operations.latest_versions(db.session, current_user.organisation_id)
    return render_template(
        "recruiter/roles.html",
        profiles=profiles,
        examples=shipped_examples(),
        start_form=StartRoleForm(),
    )


@bp.post("/roles/start")
@recruiter_required
def start_role():
    form = StartRoleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        profile = operations.start_from_example(db.session, current_user.row, form.example.data)
    except LookupError:
        abort(404)
    db.session.commit()
    return redirect(url_for("recruiter.role", version_id=profile.id))


@bp.get("/roles/<int:version_id>")
@recruiter_required
def role(version_id: int):
    profile = org_get_or_404(RoleProfileVersion, version_id)
    versions = operations.versions_of(db.session, profile.organisation_id, profile.profile_key)
    return render_template(
        "recruiter/role.html",
        profile=profile,
        versions=versions,
        lang=locale(),
        scale_names=_scale_names(profile),
    )


def _scale_names(profile: RoleProfileVersion) -> dict[str, str]:
    return instrument_scale_names(profile.definition.get("instruments", []), locale())


@bp.route("/roles/<int:version_id>/edit", methods=["GET", "POST"])
@recruiter_required
def edit_role(version_id: int):
    profile = org_get_or_404(RoleProfileVersion, version_id)
    if request.method == "GET":
        form = RoleProfileForm(data=form_data(profile.definition))
    else:
        form = RoleProfileForm()
    problems: list[str] = []
    if form.validate_on_submit():
        definition = definition_from_form(form, profile.definition)
        try:
            saved = operations.save_new_version(db.session, current_user.row, profile, definition)
        except operations.RoleProblems as error:
            db.session.rollback()
            problems = error.messages
        else:
            db.session.commit()
            return redirect(url_for("recruiter.role", version_id=saved.id))
    elif request.method == "POST":
        problems = [_("Some fields need attention; see the messages next to them.")]
    status = 422 if request.method == "POST" else 200
    return (
        render_template(
            "recruiter/role_edit.html",
            form=form,
            profile=profile,
            problems=problems,
            scale_names=_scale_names(profile),
        ),
        status,
    )
