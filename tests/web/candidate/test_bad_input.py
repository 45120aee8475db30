"""Bad input and faults on a questionnaire page: a clear message, nothing
lost, no duplicate rows, never a 500; on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from assess.store import utcnow
from assess.store.models import Answer, Invitation, ScoreRecord, Submission
from tests.web.candidate.helpers import CandidateClient, answer_names, checked_values, csrf_token


def _answers(session, page=None) -> dict[str, int]:
    session.rollback()
    query = select(Answer.item_id, Answer.value)
    if page is not None:
        query = query.where(Answer.page == page)
    return dict(session.execute(query).all())


def _answer_count(session) -> int:
    session.rollback()
    return session.scalar(select(func.count(Answer.id)))


def _page_one(browser, token):
    browser.start(token)
    html = browser.page(1).text
    return html, answer_names(html)


def test_missing_answers_keep_the_valid_ones_and_name_each_missing(browser, token, session):
    html, names = _page_one(browser, token)
    data = {name: "4" for name in names[:-2]}
    data["csrf_token"] = csrf_token(html)
    response = browser.client.post("/c/page/1", data=data)
    assert response.status_code == 422
    assert response.text.count('class="error-message"') == 2
    assert 'role="alert"' in response.text
    assert len(_answers(session, page=1)) == len(names) - 2
    assert checked_values(response.text) == {name: "4" for name in names[:-2]}


def test_value_outside_the_scale_is_refused(browser, token, session):
    html, names = _page_one(browser, token)
    data = {name: "3" for name in names}
    data[names[0]] = "9"
    data["csrf_token"] = csrf_token(html)
    response = browser.client.post("/c/page/1", data=data)
    assert response.status_code == 422
    assert "Please choose one of the options shown." in response.text
    saved = _answers(session, page=1)
    assert len(saved) == len(names) - 1
    assert 9 not in saved.values()


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("٣", 3),  # Arabic-Indic digit three
        ("３", 3),  # full-width digit three
        ("  3 ", 3),
        ("sNaN", None),
        ("nan", None),
        ("3.0", None),
        ("1e0", None),
        ("-1", None),
        ("+3", None),
        ("1_0", None),
        ("", None),
        ("9" * 5000, None),
    ],
)
def test_odd_numerals_are_normalised_or_refused(browser, token, session, raw, stored):
    html, names = _page_one(browser, token)
    data = {name: "2" for name in names}
    data[names[0]] = raw
    data["csrf_token"] = csrf_token(html)
    response = browser.client.post("/c/page/1", data=data)
    assert response.status_code == (302 if stored else 422)
    item_id = names[0].removeprefix("a_")
    assert _answers(session, page=1).get(item_id) == stored


def test_item_from_another_page_is_refused_and_nothing_saved(browser, token, session):
    html, names = _page_one(browser, token)
    other = answer_names(browser.page(2).text)[0]
    data = {name: "3" for name in names}
    data[other] = "3"
    data["csrf_token"] = csrf_token(html)
    response = browser.client.post("/c/page/1", data=data)
    assert response.status_code == 400
    assert "do not belong to it" in response.text
    assert _answer_count(session) == 0


@pytest.mark.parametrize(
    "extra",
    [{"page_seconds": "0.1"}, {"candidate_id": "1"}, {"a_so01'--": "3"}, {"action": "delete"}],
)
def test_extra_or_tampered_fields_are_refused(browser, token, session, extra):
    html, names = _page_one(browser, token)
    data = {name: "3" for name in names}
    data["csrf_token"] = csrf_token(html)
    data.update(extra)
    response = browser.client.post("/c/page/1", data=data)
    assert 400 <= response.status_code < 500
    if "action" not in extra:
        assert _answer_count(session) == 0


@pytest.mark.parametrize("token_value", [None, "not-a-token", "Ij" + "x" * 80])
def test_missing_or_wrong_csrf_token_rerenders_with_the_choices(
    browser, token, session, token_value
):
    html, names = _page_one(browser, token)
    data = {name: "5" for name in names}
    if token_value is not None:
        data["csrf_token"] = token_value
    response = browser.client.post("/c/page/1", data=data)
    assert response.status_code == 400
    assert "needs to be sent again" in response.text
    assert checked_values(response.text) == {name: "5" for name in names}
    assert _answer_count(session) == 0
    fresh = dict(data, csrf_token=csrf_token(response.text))
    assert browser.client.post("/c/page/1", data=fresh).status_code == 302
    assert len(_answers(session, page=1)) == len(names)


def test_expired_csrf_token_rerenders_the_page_never_an_error_page(app, browser, token, session):
    app.config["WTF_CSRF_TIME_LIMIT"] = 1
    html, names = _page_one(browser, token)
    data = {name: "4" for name in names}
    data["csrf_token"] = csrf_token(html)
    time.sleep(2.1)
    response = browser.client.post("/c/page/1", data=data)
    assert response.status_code == 400
    assert "needs to be sent again" in response.text
    assert checked_values(response.text) == {name: "4" for name in names}
    assert csrf_token(response.text) != data["csrf_token"]
    data["csrf_token"] = csrf_token(response.text)
    assert browser.client.post("/c/page/1", data=data).status_code == 302


def test_expired_csrf_token_on_consent_keeps_the_landing_page(app, browser, invited, session):
    app.config["WTF_CSRF_TIME_LIMIT"] = 1
    candidate, token = invited
    browser.open(token)
    landing = browser.client.get("/c/")
    time.sleep(2.1)
    response = browser.client.post(
        "/c/consent", data={"csrf_token": csrf_token(landing.text), "agree": "y", "accept": "1"}
    )
    assert response.status_code == 400
    assert "Privacy notice" in response.text
    session.refresh(candidate)
    assert candidate.consent_at is None


@pytest.mark.parametrize("button", ["accept", "decline"])
def test_forged_consent_post_changes_nothing(browser, invited, session, button):
    candidate, token = invited
    browser.open(token)
    browser.client.get("/c/")
    response = browser.client.post(
        "/c/consent", data={"csrf_token": "forged", "agree": "y", button: "1"}
    )
    assert response.status_code == 400
    session.refresh(candidate)
    assert (candidate.consent_at, candidate.status) == (None, "invited")


def test_double_click_leaves_one_row_per_item(browser, token, session):
    html, names = _page_one(browser, token)
    data = {name: "3" for name in names}
    data["csrf_token"] = csrf_token(html)
    first = browser.client.post("/c/page/1", data=data)
    second = browser.client.post("/c/page/1", data=data)
    assert first.status_code == second.status_code == 302
    assert _answer_count(session) == len(names)


def test_two_tabs_submitting_the_same_page_at_once(client, token, session):
    """Two browser tabs (one session cookie) post page 1 concurrently: one
    row per item, holding one of the two answers."""
    browser = CandidateClient(client)
    html, names = _page_one(browser, token)
    cookie = client.get_cookie("session").value
    errors: list[BaseException] = []

    def tab(value: str) -> None:
        try:
            tab_client = client.application.test_client()
            tab_client.set_cookie("session", cookie)
            for _ in range(5):
                data = {name: value for name in names}
                data["csrf_token"] = csrf_token(html)
                response = tab_client.post("/c/page/1", data=data)
                assert response.status_code == 302, response.status_code
        except BaseException as error:  # reported in the main thread
            errors.append(error)

    threads = [threading.Thread(target=tab, args=(value,)) for value in ("2", "4")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    saved = _answers(session, page=1)
    assert len(saved) == len(names) == _answer_count(session)
    assert set(saved.values()) <= {2, 4}


def test_back_button_resubmit_after_final_submit_changes_nothing(browser, token, session):
    browser.start(token)
    html = browser.page(1).text
    names = answer_names(html)
    browser.answer_all("3")
    browser.submit()
    before = _answers(session)
    data = {name: "1" for name in names}
    data["csrf_token"] = csrf_token(html)
    response = browser.client.post("/c/page/1", data=data)
    assert response.status_code == 409
    assert "already submitted" in response.text
    assert _answers(session) == before
    assert browser.client.get("/c/page/1").location == "/c/done"


def test_final_submit_is_idempotent(browser, token, session):
    browser.start(token)
    browser.answer_all("3")
    html = browser.client.get("/c/submit").text
    first = browser.client.post("/c/submit", data={"csrf_token": csrf_token(html)})
    second = browser.client.post("/c/submit", data={"csrf_token": csrf_token(html)})
    assert first.location == "/c/done"
    assert second.status_code in (302, 409)
    session.rollback()
    assert session.scalar(select(func.count(Submission.id))) == 1
    assert session.scalar(select(func.count(ScoreRecord.id))) == 1


def test_page_posted_after_the_invitation_expired(browser, token, session):
    html, names = _page_one(browser, token)
    browser.answer(1)
    saved = _answers(session)
    session.execute(Invitation.__table__.update().values(expires_at=utcnow() - timedelta(1)))
    session.commit()
    data = {name: "5" for name in answer_names(browser.page(2).text) or names}
    response = browser.client.post("/c/page/2", data=dict(data, csrf_token=csrf_token(html)))
    assert response.status_code == 404
    assert "every answer you saved is kept" in response.text
    assert _answers(session) == saved


def test_very_large_body_gets_a_friendly_413(browser, token):
    html, names = _page_one(browser, token)
    data = {name: "3" for name in names}
    data["csrf_token"] = csrf_token(html)
    data["padding"] = "x" * (300 * 1024)
    response = browser.client.post("/c/page/1", data=data)
    assert response.status_code == 413
    assert "larger than this service accepts" in response.text
    as_json = browser.client.post("/c/page/1", data=data, headers={"Accept": "application/json"})
    assert as_json.status_code == 413
    assert as_json.json["error"]["status"] == 413


def test_too_many_form_parts_are_refused(browser, token):
    html, _ = _page_one(browser, token)
    data = {f"f{i}": "1" for i in range(1000)}
    data["csrf_token"] = csrf_token(html)
    response = browser.client.post("/c/page/1", data=data, content_type="multipart/form-data")
    assert response.status_code == 413


def test_page_number_outside_the_questionnaire_is_404(browser, token):
    browser.start(token)
    assert browser.client.get("/c/page/0").status_code == 404
    assert browser.client.get("/c/page/999").status_code == 404


def test_pages_need_consent_first(browser, token):
    browser.open(token)
    assert browser.client.get("/c/page/1").location == "/c/"
