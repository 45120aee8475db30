"""Sign in and sign out.

An unknown address, a wrong password and a disabled account get the same
answer, and an unknown address costs the same argon2 work as a real one, so
neither the page nor its timing tells which addresses have accounts.
"""

from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy import func, select

from assess.store import db
from assess.store.db import utcnow
from assess.store.models import User
from assess.web.auth.access import safe_next
from assess.web.auth.forms import LoginForm, LogoutForm
from assess.web.auth.passwords import hash_password, needs_rehash, verify_dummy, verify_password
from assess.web.auth.session import end_all_sessions, sign_in
from assess.web.ratelimit import hit

bp = Blueprint("auth", __name__, url_prefix="/staff", template_folder="templates")

ROLE_HOME = {"admin": "admin.index", "recruiter": "recruiter.dashboard", "panel": "panel.index"}
"""Where each role lands after signing in; a role whose blueprint is not
installed falls back to the recruiter dashboard or this blueprint's page."""


@bp.get("/")
def home():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    for endpoint in (ROLE_HOME.get(current_user.role), "recruiter.dashboard"):
        if endpoint in current_app.view_functions and _role_may_open(endpoint):
            return redirect(url_for(endpoint))
    return render_template("auth/home.html", logout_form=LogoutForm())


def _role_may_open(endpoint: str) -> bool:
    return endpoint != "recruiter.dashboard" or current_user.role in ("recruiter", "admin")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)

    email = form.email.data.strip().lower()
    if not _within_rate_limit(email):
        form.form_errors.append(_("Too many sign-in attempts. Wait a few minutes and try again."))
        return render_template("auth/login.html", form=form), 429

    user = db.session.scalars(select(User).where(func.lower(User.email) == email)).first()
    if user is None:
        verified = verify_dummy(form.password.data)
    else:
        verified = verify_password(user.password_hash, form.password.data)
    if not verified or not user.active:
        form.form_errors.append(_("The e-mail address or the password is not right."))
        return render_template("auth/login.html", form=form), 200

    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(form.password.data)
    user.last_login_at = utcnow()
    target = safe_next(form.next.data)
    session.clear()  # nothing from before sign-in survives (session fixation)
    sign_in(user)
    db.session.commit()
    return redirect(target or url_for("auth.home"))


def _within_rate_limit(email: str) -> bool:
    """Count the attempt per (address, client) and per client; both must be
    in limit. Nothing counts per address alone: an attacker guessing from
    one client must not lock the account's owner out on another. Both
    counters run for unknown addresses too, so a limited response tells
    nothing about whether the address exists. The address is counted by
    its hash, so the table holds no e-mail addresses."""
    limit, window = current_app.config.get("LOGIN_RATE_LIMIT", (10, 300))
    client = request.remote_addr or "unknown"
    account = hashlib.sha256(email.encode("utf-8")).hexdigest()[:32]
    by_account = hit(f"staff-login:account:{account}:{client}", limit, window)
    by_client = hit(f"staff-login:client:{client}", limit * 5, window)
    return by_account and by_client


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    form = LogoutForm()
    if request.method == "GET" or not form.validate_on_submit():
        # Signing out changes state, so it takes a POST with a CSRF token.
        return render_template("auth/logout.html", form=form)
    if current_user.is_authenticated:
        end_all_sessions(current_user.row)
        db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))
