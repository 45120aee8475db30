"""Users and the organisation. Disabling an account or resetting its
password ends every session of that user at once (``session_version``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from assess.store import audit, db
from assess.store.models import Organisation, User
from assess.web.admin.forms import OrganisationForm, PasswordForm, UserForm
from assess.web.admin.views import admin_required, bp
from assess.web.auth import (
    current_user,
    end_all_sessions,
    hash_password,
    org_get_or_404,
    org_select,
)


def _users_page(form: UserForm, status: int = 200):
    users = list(db.session.scalars(org_select(User).order_by(User.name)))
    return render_template(
        "admin/users.html", users=users, form=form, password_form=PasswordForm()
    ), status


@bp.get("/users")
@admin_required
def users():
    return _users_page(UserForm())


@bp.post("/users")
@admin_required
def create_user():
    form = UserForm()
    if form.validate_on_submit():
        email = form.email.data.lower()
        if db.session.scalar(select(func.count()).where(func.lower(User.email) == email)):
            form.email.errors.append(_("An account with this e-mail address exists."))
        else:
            user = User(
                organisation_id=current_user.organisation_id,
                email=email,
                name=form.name.data,
                role=form.role.data,
                locale=form.locale.data,
                password_hash=hash_password(form.password.data),
            )
            db.session.add(user)
            db.session.flush()
            audit.record("user.created", "user", user.id, role=user.role)
            db.session.commit()
            flash(_("Account created for %(name)s.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    return _users_page(form, 400)


@bp.post("/users/<int:user_id>/disable")
@admin_required
def disable_user(user_id: int):
    user = org_get_or_404(User, user_id)
    if user.id == current_user.id:
        abort(409)
    user.active = False
    end_all_sessions(user)
    audit.record("user.disabled", "user", user.id)
    db.session.commit()
    flash(_("%(name)s can no longer sign in.", name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/enable")
@admin_required
def enable_user(user_id: int):
    user = org_get_or_404(User, user_id)
    user.active = True
    audit.record("user.enabled", "user", user.id)
    db.session.commit()
    flash(_("%(name)s can sign in again.", name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/password")
@admin_required
def reset_password(user_id: int):
    user = org_get_or_404(User, user_id)
    form = PasswordForm()
    if not form.validate_on_submit():
        for error in form.password.errors:
            flash(_("Password not changed: %(reason)s", reason=error), "error")
        return redirect(url_for("admin.users"))
    user.password_hash = hash_password(form.password.data)
    end_all_sessions(user)
    audit.record("user.password_reset", "user", user.id)
    db.session.commit()
    flash(_("New password set for %(name)s; their sessions have ended.", name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.route("/organisation", methods=["GET", "POST"])
@admin_required
def organisation():
    org = db.session.get(Organisation, current_user.organisation_id)
    form = OrganisationForm(obj=org)
    if form.validate_on_submit():
        org.name, org.privacy_contact = form.name.data, form.privacy_contact.data or ""
        audit.record("organisation.updated", "organisation", org.id)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("admin.organisation"))
    return render_template("admin/organisation.html", form=form), 400 if form.errors else 200
