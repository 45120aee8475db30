"""Errors are rendered centrally, as HTML or JSON by ``Accept``."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assess.store import db
from assess.store.models import Organisation


def test_404_is_an_html_page_for_browsers(client):
    response = client.get("/no/such/page", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Page not found" in response.text


def test_404_is_json_for_clients_that_ask(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json == {
        "error": {
            "status": 404,
            "title": "Page not found",
            "detail": "The page you asked for does not exist.",
        }
    }


def test_error_page_speaks_finnish(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "fi"})
    assert "Sivua ei löytynyt" in response.text


def test_405_names_the_allowed_methods(client):
    response = client.post("/c/done")
    assert response.status_code in (400, 405)


def test_500_rolls_the_session_back_and_shows_a_page(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom-for-test")
    def boom():
        db.session.add(Organisation(name="Half done", slug="half-done"))
        db.session.flush()
        raise RuntimeError("boom")

    response = app.test_client().get("/boom-for-test")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    with app.app_context():
        assert (
            db.session.scalar(select(Organisation).where(Organisation.slug == "half-done")) is None
        )


@pytest.mark.parametrize("status", [403, 413, 429])
def test_every_status_has_a_message(app, status):
    from assess.web.errors import render_error

    with app.test_request_context("/", headers={"Accept": "application/json"}):
        response = render_error(status)
    assert response.status_code == status
    assert response.json["error"]["title"]
