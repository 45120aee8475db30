"""The candidate's path through the test client, on SQLite and PostgreSQL:
link, consent, instructions, pages, resume, final submit, thank-you."""

from __future__ import annotations

from sqlalchemy import func, select

from assess.store.models import Answer, Candidate, Invitation, ScoreRecord, Submission
from assess.web.candidate import views
from assess.web.candidate.forms import field_name
from tests.web.candidate.helpers import CandidateClient, answer_names, checked_values, csrf_token


def test_link_moves_the_token_into_the_session_and_out_of_the_url(browser, token, session):
    response = browser.open(token)
    assert response.status_code == 302
    assert response.location == "/c/"
    assert token not in response.location
    landing = browser.client.get("/c/")
    assert landing.status_code == 200
    assert token not in landing.text
    session.rollback()
    assert session.scalar(select(Invitation.first_opened_at)) is not None


def test_landing_shows_organisation_role_notice_and_finnish_law(browser, token):
    browser.open(token)
    html = browser.client.get("/c/", headers={"Accept-Language": "en"}).text
    assert "Nordic Air Services" in html
    assert "minutes" in html
    for point in ("Privacy notice", "Controller", "Retention", "Your rights", "a person makes it"):
        assert point in html
    assert "Act on the Protection of Privacy in Working Life" in html
    assert "written statement of your result free of charge" in html


def test_language_defaults_from_the_browser(browser, token):
    browser.open(token)
    html = browser.client.get("/c/", headers={"Accept-Language": "fi-FI,fi;q=0.9"}).text
    assert '<html lang="fi">' in html
    assert "Tietosuojaseloste" in html


def test_consent_records_time_and_notice_version(browser, token, candidate_id, session):
    browser.start(token)
    session.rollback()
    candidate = session.get(Candidate, candidate_id)
    assert candidate.consent_at is not None
    assert candidate.consent_notice_version == "2026-11"
    assert candidate.status == "started"


def test_consent_without_the_tick_is_asked_again(browser, token, candidate_id, session):
    browser.open(token)
    landing = browser.client.get("/c/")
    response = browser.client.post(
        "/c/consent", data={"csrf_token": csrf_token(landing.text), "accept": "1"}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    session.rollback()
    assert session.get(Candidate, candidate_id).consent_at is None


def test_declining_ends_politely_and_stores_nothing_more(browser, token, candidate_id, session):
    browser.open(token)
    landing = browser.client.get("/c/")
    response = browser.client.post(
        "/c/consent", data={"csrf_token": csrf_token(landing.text), "decline": "1"}
    )
    assert response.status_code == 200
    assert "Thank you" in response.text
    session.rollback()
    candidate = session.get(Candidate, candidate_id)
    assert candidate.status == "declined"
    assert candidate.consent_at is None
    assert session.scalar(select(func.count(Answer.id))) == 0
    assert browser.client.get("/c/page/1").status_code == 404
    assert CandidateClient(browser.client.application.test_client()).open(token).status_code == 404


def test_pages_show_progress_and_hold_eight_to_twelve_likert_items(browser, token):
    browser.start(token)
    page = browser.page(1)
    total = browser.page_count()
    assert f"Page 1 of {total}" in page.text
    assert f'<progress max="{total}" value="0"' in page.text
    assert 8 <= len(answer_names(page.text)) <= 12


def test_whole_questionnaire_submits_scores_and_thanks(browser, token, candidate_id, session):
    browser.start(token)
    total = browser.answer_all("4")
    review = browser.client.get("/c/submit")
    assert "Submit my answers" in review.text
    response = browser.submit()
    assert response.status_code == 302 and response.location == "/c/done"
    done = browser.client.get("/c/done")
    assert "Thank you" in done.text
    assert "written statement" in done.text
    assert 'href="/c/about-you"' in done.text  # the voluntary fairness questions
    session.rollback()
    candidate = session.get(Candidate, candidate_id)
    assert candidate.status == "completed"
    record = session.scalar(select(ScoreRecord))
    assert record.candidate_id == candidate_id
    assert set(record.instrument_versions) == {"service-composure", "service-judgement"}
    assert record.scoring_version
    assert record.result["scales"]
    pages_saved = session.scalar(select(func.count(func.distinct(Answer.page))))
    assert pages_saved == total


def test_feedback_report_is_the_written_statement(browser, token):
    browser.start(token)
    browser.answer_all("4")
    browser.submit()
    response = browser.client.get("/c/feedback")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")


def test_statement_page_stands_in_without_the_pdf_builder(browser, token, monkeypatch):
    from assess.web.candidate import views

    monkeypatch.setattr(views, "feedback_pdf_hook", lambda *args: None)
    browser.start(token)
    browser.answer_all("4")
    browser.submit()
    html = browser.client.get("/c/feedback").text
    assert "Your written statement" in html
    assert '<th scope="row">' in html


def test_no_statement_link_when_the_campaign_has_feedback_off(client, session):
    from tests.web.factories import invite

    _, token = invite(session, feedback=False)
    browser = CandidateClient(client)
    browser.start(token)
    browser.answer_all("4")
    browser.submit()
    assert "written statement" not in browser.client.get("/c/done").text
    assert browser.client.get("/c/feedback").status_code == 404


def test_resume_opens_first_unfinished_page_with_answers_in_place(client, token, session):
    first = CandidateClient(client)
    first.start(token)
    first.answer(1, "2")
    first.answer(2, "5")
    later = CandidateClient(client.application.test_client())
    response = later.open(token)
    response = later.client.get(response.location)
    assert response.status_code == 302
    assert response.location == "/c/page/3"
    page_one = later.page(1).text
    names = answer_names(page_one)
    assert checked_values(page_one) == {name: "2" for name in names}


def test_back_saves_what_was_given_and_goes_to_the_previous_page(browser, token, session):
    browser.start(token)
    browser.answer(1)
    response = browser.answer(2, "5", skip=3, action="back")
    assert response.status_code == 302 and response.location == "/c/page/1"
    session.rollback()
    assert session.scalar(select(func.count(Answer.id)).where(Answer.page == 2)) >= 5


def test_page_time_is_measured_on_the_server(browser, token, session):
    browser.start(token)
    browser.answer(1)
    session.rollback()
    seconds = session.scalars(select(Answer.page_seconds).where(Answer.page == 1)).all()
    assert seconds and all(s is not None and 0 <= s < 60 for s in seconds)


class Clock:
    """Stands in for the ``time`` module of the candidate views."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


def _page_seconds(session, number: int) -> set[float | None]:
    session.rollback()
    return set(session.scalars(select(Answer.page_seconds).where(Answer.page == number)))


def _post_twice(browser, number: int) -> list:
    """A double click: the same page posted twice with the same session cookie."""
    html = browser.page(number).text
    data = {name: "3" for name in answer_names(html)}
    data["csrf_token"] = csrf_token(html)
    return [browser.client.post(f"/c/page/{number}", data=data) for _ in range(2)]


def test_a_page_posted_twice_keeps_its_time(browser, token, session, monkeypatch):
    """The display time stays in the session until another page or the
    review is shown: the second post of a double click is timed from the
    same display (the middle and the last page alike), and a successful
    post leaves the session cookie as it was."""
    clock = Clock(1000.0)
    monkeypatch.setattr(views, "time", clock)
    browser.start(token)
    total = browser.page_count()
    browser.answer_all(until=total - 2)
    for number in (total - 1, total):
        clock.now = 2000.0
        browser.page(number)
        clock.now = 2030.0
        first, second = _post_twice(browser, number)
        assert first.status_code == second.status_code == 302
        assert "Set-Cookie" not in first.headers
        assert _page_seconds(session, number) == {30.0}


def test_a_page_opened_again_from_the_review_is_timed_afresh(browser, token, session, monkeypatch):
    clock = Clock(1000.0)
    monkeypatch.setattr(views, "time", clock)
    browser.start(token)
    total = browser.answer_all()
    assert browser.client.get("/c/submit").status_code == 200
    clock.now = 1500.0
    browser.page(total)
    clock.now = 1512.0
    assert browser.answer(total).status_code == 302
    assert _page_seconds(session, total) == {12.0}


def test_item_order_is_stable_for_a_candidate(browser, token):
    browser.start(token)
    assert answer_names(browser.page(1).text) == answer_names(browser.page(1).text)


def test_scenario_page_rates_every_option(browser, token):
    browser.start(token)
    total = browser.page_count()
    html = browser.page(total).text
    assert "The situation" in html
    assert all(name.startswith("a_sj") or "__" in name for name in answer_names(html))
    assert field_name("sj01.a") == "a_sj01__a"


def test_final_submit_needs_every_page(browser, token, session):
    browser.start(token)
    browser.answer(1)
    response = browser.submit()
    assert response.status_code == 302 and response.location == "/c/page/2"
    session.rollback()
    assert session.scalar(select(func.count(Submission.id))) == 0


def test_resuming_keeps_the_language_chosen(client, token):
    CandidateClient(client).start(token, locale="fi")
    later = CandidateClient(client.application.test_client())
    later.open(token)
    html = later.client.get("/c/instructions", headers={"Accept-Language": "en"}).text
    assert '<html lang="fi">' in html
