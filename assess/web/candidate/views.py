"""The candidate blueprint: invitation link -> landing and consent ->
instructions -> questionnaire pages -> final submit -> thank-you.

Views are thin: load the candidate from the session (or show the same
"link not open" page), act through ``operations``, commit once.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import joinedload

from assess.store import db
from assess.store.models import Campaign, Candidate, Invitation
from assess.web import invitations, ratelimit
from assess.web.candidate import operations
from assess.web.candidate.forms import (
    ConsentForm,
    LanguageForm,
    SubmitForm,
    page_form_class,
    page_form_data,
)
from assess.web.candidate.paging import Page, build_pages, first_unfinished
from assess.web.errors import render_error
from assess.web.i18n import SESSION_LOCALE_KEY, current_language
from questionnaires.length import session_minutes
from questionnaires.model import Instrument

bp = Blueprint("candidate", __name__, url_prefix="/c", template_folder="templates")

SESSION_KEY = "candidate_invitation"
CSRF_FAILED = "assess.csrf_failed"
"""Set in the request's environ when CSRFProtect refused the post (the page
is then re-rendered by its own view, which saves nothing)."""
SHOWN_KEY = "page_shown"
TOKEN_LIMIT = 20
TOKEN_WINDOW_SECONDS = 600


@dataclass
class Visit:
    """The candidate behind this browser session and their questionnaire.

    ``state`` holds the columns every candidate request decides on (link and
    candidate status, consent, the campaign's instruments and languages), as
    they were when the request began, read in one Core query: a page post
    needs nothing more, and builds no ORM session. ``candidate`` is loaded
    as an ORM row (with its campaign and organisation) the first time a
    view changes it or a template shows it.
    """

    state: Row
    instruments: tuple[Instrument, ...]
    pages: tuple[Page, ...]

    @functools.cached_property
    def candidate(self) -> Candidate:
        return db.session.scalar(_CANDIDATE_QUERY, {"candidate_id": self.state.candidate_id})

    @property
    def consented(self) -> bool:
        return self.state.consent_at is not None

    @functools.cached_property
    def minutes(self) -> int:
        """The one time estimate this candidate is told (see questionnaires.length)."""
        return session_minutes(self.instruments)

    def instrument(self, instrument_id: str) -> Instrument:
        return next(i for i in self.instruments if i.id == instrument_id)

    @property
    def languages(self) -> list[str]:
        allowed = current_app.config["LANGUAGES"]
        return [code for code in self.state.languages or allowed if code in allowed]


def csrf_refused() -> bool:
    """Whether CSRFProtect refused this post (the view then saves nothing)."""
    return bool(request.environ.get(CSRF_FAILED))


def link_not_open() -> tuple[str, int]:
    """The one page for an unknown, expired, revoked or used link: it says
    nothing about which case it is."""
    return render_template("candidate/link_not_open.html"), 404


_VISIT_QUERY = (
    select(
        Invitation.expires_at,
        Invitation.revoked_at,
        Candidate.id.label("candidate_id"),
        Candidate.status,
        Candidate.consent_at,
        Candidate.shuffle_seed,
        Candidate.campaign_id,
        Campaign.instruments,
        Campaign.languages,
    )
    .join(Candidate, Candidate.id == Invitation.candidate_id)
    .join(Campaign, Campaign.id == Candidate.campaign_id)
    .where(Invitation.id == bindparam("invitation_id"))
)
"""A visit's ``state``, built once. Run on the connection as Core: loading
the three ORM objects took about 215 us a request, this row about 95 us
(SQLite, in process)."""

_CANDIDATE_QUERY = (
    select(Candidate)
    .options(joinedload(Candidate.campaign).joinedload(Campaign.organisation))
    .where(Candidate.id == bindparam("candidate_id"))
)
"""The candidate with the campaign and organisation the pages show."""


def _load_visit() -> Visit | None:
    invitation_id = session.get(SESSION_KEY)
    if not isinstance(invitation_id, int):
        return None
    state = db.connection().execute(_VISIT_QUERY, {"invitation_id": invitation_id})
    state = state.one_or_none()
    if state is None:
        return None
    instruments = operations.campaign_instruments(state.campaign_id, state.instruments)
    return Visit(state, instruments, pages_for(instruments, state.shuffle_seed))


_page_cache: dict[tuple, tuple[Page, ...]] = {}


def pages_for(instruments: tuple[Instrument, ...], seed: int) -> tuple[Page, ...]:
    """The candidate's pages, built once per loaded instrument set and seed
    (the loader keeps instruments alive, so ``id`` names one load)."""
    key = (tuple((i.id, i.version, id(i)) for i in instruments), seed)
    pages = _page_cache.get(key)
    if pages is None:
        if len(_page_cache) >= 4096:
            _page_cache.clear()
        pages = _page_cache[key] = build_pages(instruments, seed)
    return pages


def with_visit(*, completed: bool = False) -> Callable:
    """Load the candidate for the view. Closed links get ``link_not_open``;
    after the final submit only views marked ``completed=True`` open, the
    rest lead to the thank-you page (a 409 for a late form post)."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(**kwargs: Any) -> Any:
            visit = _load_visit()
            if visit is None:
                return link_not_open()
            state = visit.state
            if state.status == "completed":
                if completed:
                    return view(visit, **kwargs)
                if request.method == "POST":
                    flash(_("Your answers were already submitted; nothing was changed."), "info")
                    return render_template("candidate/done.html", visit=visit), 409
                return redirect(url_for(".done"))
            if completed or not invitations.link_open(
                state.revoked_at, state.expires_at, state.status
            ):
                return link_not_open()
            return view(visit, **kwargs)

        return wrapper

    return decorator


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> Any:
    """A missing or expired CSRF token re-renders the page with what the
    candidate chose (their form validates the token itself and refuses to
    save), never an error page that drops their answers."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or request.endpoint == "candidate.language":
        return render_error(400)
    request.environ[CSRF_FAILED] = True
    # A token generated earlier in this context is the refused one: render a new one.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    return view(**(request.view_args or {}))


@bp.route("/<token>")
def open_invitation(token: str) -> Any:
    """Open the link from the e-mail, then move the token into the session
    and redirect, so it stays out of logs, history and Referer headers."""
    client = request.remote_addr or "unknown"
    limit = current_app.config.get("CANDIDATE_TOKEN_LIMIT", TOKEN_LIMIT)
    window = current_app.config.get("CANDIDATE_TOKEN_WINDOW_SECONDS", TOKEN_WINDOW_SECONDS)
    if not ratelimit.hit(f"candidate-token:{client}", limit, window):
        return render_error(429)
    invitation = invitations.find_invitation(db.session, token)
    if invitation is None:
        return link_not_open()
    invitation.first_opened_at = invitation.first_opened_at or operations.utcnow()
    db.session.commit()
    session[SESSION_KEY] = invitation.id
    session.pop(SHOWN_KEY, None)
    candidate = invitation.candidate
    languages = candidate.campaign.languages or []
    if len(languages) == 1:
        session[SESSION_LOCALE_KEY] = languages[0]
    elif candidate.consent_at is not None and candidate.locale in languages:
        session[SESSION_LOCALE_KEY] = candidate.locale  # resuming: the language they chose
    return redirect(url_for(".landing"))


@bp.route("/")
@with_visit()
def landing(visit: Visit) -> Any:
    if visit.consented:
        return redirect(_resume_url(visit))
    return _render_landing(visit, ConsentForm())


def _render_landing(visit: Visit, form: ConsentForm, status: int = 200) -> tuple[str, int]:
    role = visit.candidate.campaign.role_profile
    role_title = (role.definition.get("title") or {}).get(current_language()) or role.title
    return render_template(
        "candidate/landing.html",
        visit=visit,
        form=form,
        language_form=LanguageForm(),
        minutes=visit.minutes,
        role_title=role_title,
        notice_version=current_app.config["PRIVACY_NOTICE_VERSION"],
    ), status


@bp.route("/consent", methods=["POST"])
@with_visit()
def consent(visit: Visit) -> Any:
    form = ConsentForm()
    if visit.consented:
        return redirect(_resume_url(visit))
    if form.decline.data and not csrf_refused():
        operations.record_decline(db.session, visit.candidate)
        db.session.commit()
        session.pop(SESSION_KEY, None)
        return render_template("candidate/declined.html")
    if csrf_refused() or not form.validate():
        return _render_landing(visit, form, 400)
    locale = current_language()
    operations.record_consent(visit.candidate, current_app.config["PRIVACY_NOTICE_VERSION"], locale)
    db.session.commit()
    # The language of the notice they consented to is their choice from here on.
    session[SESSION_LOCALE_KEY] = locale
    return redirect(url_for(".instructions"))


@bp.route("/language", methods=["POST"])
@with_visit()
def language(visit: Visit) -> Any:
    form = LanguageForm()
    if form.validate() and form.locale.data in visit.languages:
        session[SESSION_LOCALE_KEY] = form.locale.data
        if visit.consented:
            visit.candidate.locale = form.locale.data
            db.session.commit()
    page = form.page.data or ""
    if page.isdigit() and 1 <= int(page) <= len(visit.pages):
        return redirect(url_for(".page", number=int(page)))
    return redirect(url_for(".landing"))


@bp.route("/instructions")
@with_visit()
def instructions(visit: Visit) -> Any:
    if not visit.consented:
        return redirect(url_for(".landing"))
    return render_template("candidate/instructions.html", visit=visit, language_form=LanguageForm())


def _resume_url(visit: Visit) -> str:
    answers = operations.saved_answers(db.session, visit.state.candidate_id)
    if not answers:
        return url_for(".instructions")
    unfinished = first_unfinished(visit.pages, operations.answered_pairs(answers))
    if unfinished is None:
        return url_for(".review")
    return url_for(".page", number=unfinished.number)


@bp.route("/page/<int:number>", methods=["GET", "POST"])
@with_visit()
def page(visit: Visit, number: int) -> Any:
    if not visit.consented:
        return redirect(url_for(".landing"))
    if not 1 <= number <= len(visit.pages):
        abort(404)
    page = visit.pages[number - 1]
    form_class = page_form_class(page, visit.instrument(page.instrument_id), current_language())
    if request.method == "GET":
        saved = operations.saved_answers(db.session, visit.state.candidate_id)
        form = form_class(data=page_form_data(page, saved.get(page.instrument_id, {})))
        return _render_page(visit, page, form)

    form = form_class()
    form.check_fields(set(request.form.keys()))
    complete = form.validate()
    if csrf_refused() or form.unexpected:
        return _render_page(visit, page, form, 400)
    shown = session.get(SHOWN_KEY)
    started = shown[1] if isinstance(shown, list) and shown[:1] == [number] else None
    operations.save_page(
        db.connection(),
        visit.state.candidate_id,
        page,
        form.valid_answers(),
        operations.seconds_since(started, time.time()),
    )
    db.commit()
    if form.action.data == "back":
        session.pop(SHOWN_KEY, None)
        if number == 1:
            return redirect(url_for(".instructions"))
        return redirect(url_for(".page", number=number - 1))
    if not complete:
        return _render_page(visit, page, form, 422)
    # The display time stays until another page or the review is shown: a
    # repeated post (a double click) is timed from the same display, and the
    # session cookie is not rewritten.
    if number == len(visit.pages):
        return redirect(url_for(".review"))
    return redirect(url_for(".page", number=number + 1))


def _render_page(visit: Visit, page: Page, form: Any, status: int = 200) -> tuple[str, int]:
    shown = session.get(SHOWN_KEY)
    if not (isinstance(shown, list) and shown[:1] == [page.number]):
        session[SHOWN_KEY] = [page.number, time.time()]
    instrument = visit.instrument(page.instrument_id)
    scenario = next((s for s in instrument.scenarios if s.id == page.scenario_id), None)
    return render_template(
        "candidate/page.html",
        visit=visit,
        page=page,
        form=form,
        instrument=instrument,
        scenario=scenario,
        total=len(visit.pages),
        language_form=LanguageForm(),
    ), status


@bp.route("/submit", methods=["GET", "POST"])
@with_visit()
def review(visit: Visit) -> Any:
    if not visit.consented:
        return redirect(url_for(".landing"))
    answers = operations.saved_answers(db.session, visit.state.candidate_id)
    unfinished = first_unfinished(visit.pages, operations.answered_pairs(answers))
    form = SubmitForm()
    if request.method == "POST" and form.validate() and not csrf_refused():
        if unfinished is not None:
            flash(_("Some questions are still unanswered. Please answer them first."), "info")
            return redirect(url_for(".page", number=unfinished.number))
        operations.submit(db.session, visit.candidate, visit.instruments, visit.pages)
        db.session.commit()
        return redirect(url_for(".done"))
    status = 400 if request.method == "POST" else 200
    session.pop(SHOWN_KEY, None)  # a page opened from here is timed afresh
    return render_template(
        "candidate/review.html", visit=visit, form=form, unfinished=unfinished
    ), status


@bp.route("/done")
@with_visit(completed=True)
def done(visit: Visit) -> Any:
    return render_template("candidate/done.html", visit=visit)


@bp.route("/feedback")
@with_visit(completed=True)
def feedback(visit: Visit) -> Any:
    """The candidate's written statement of their result (free of charge,
    as Finnish law gives them the right to): the feedback PDF when the
    report builder is installed, otherwise the same facts as a page."""
    if not visit.candidate.campaign.feedback_enabled:
        abort(404)
    record = operations.latest_score(db.session, visit.candidate.id)
    if record is None:
        return render_template("candidate/feedback.html", visit=visit, rows=None)
    pdf = feedback_pdf_hook(visit.candidate, record, current_language())
    if pdf is not None:
        response = Response(pdf, mimetype="application/pdf")
        response.headers["Content-Disposition"] = 'attachment; filename="feedback.pdf"'
        return response
    rows = operations.statement_rows(visit.instruments, record.result, current_language())
    return render_template("candidate/feedback.html", visit=visit, rows=rows)


def feedback_pdf_hook(candidate: Candidate, record: Any, locale: str) -> bytes | None:
    """The feedback PDF from ``assess.results.feedback_pdf.feedback_pdf`` when it is
    installed; None while it is not, and the statement is shown as a page."""
    try:
        from assess.results.feedback_pdf import feedback_pdf
    except ImportError:
        return None
    return feedback_pdf(db.session, candidate, record, locale=locale)
