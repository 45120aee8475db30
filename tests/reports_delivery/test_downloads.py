"""PDF downloads: content type, a well-formed Content-Disposition whatever
the candidate is called, an audit entry per download, 404 for another
organisation, one rendering per input (cached), erasure of the files."""

from __future__ import annotations

import re
from urllib.parse import unquote

from sqlalchemy import func, select

from assess.store import db
from assess.store.models import AuditEvent, Candidate, Job, ReportFile
from assess.store.privacy import erase_candidate
from tests.reports.pdf import flat, full_text
from tests.reports_delivery.conftest import HOSTILE
from tests.web.staff.people import login

DISPOSITION = re.compile(
    r"^attachment; filename=\"(?P<ascii>[A-Za-z0-9._-]+)\"; "
    r"filename\*=UTF-8''(?P<encoded>[A-Za-z0-9%!#$&+\-.^_`|~]+)$"
)


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_candidate_report_downloads_with_a_safe_name_and_an_audit_entry(app, client, scored):
    login(client, scored.recruiter)
    hostile_id = scored.candidate_ids[0]
    response = client.get(f"/recruiter/candidates/{hostile_id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    header = response.headers["Content-Disposition"]
    match = DISPOSITION.match(header)
    assert match, header
    assert "\r" not in header and "\n" not in header
    assert match["ascii"].startswith("candidate-report-Asa-Oberg-filename-evil-sh-img-src")
    assert unquote(match["encoded"]).startswith("candidate-report_Asa-Oberg-filename-evil-sh")
    text = flat(full_text(response.data))
    assert "Åsa" in text and '<img src="/etc/passwd">' in text  # printed, not embedded
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "report.downloaded")
        )
        assert (event.object_type, event.object_id) == ("candidate", hostile_id)
        assert event.detail["kind"] == "candidate_report"
        assert HOSTILE not in str(event.detail)  # ids only in the log


def test_finnish_report_on_request(client, scored):
    login(client, scored.recruiter)
    response = client.get(f"/recruiter/candidates/{scored.candidate_ids[1]}/report.pdf?lang=fi")
    text = flat(full_text(response.data))
    assert "Väinö Äijälä" in text
    assert "Hakijaraportti" in text and "Candidate report" not in text


def test_second_download_reuses_the_stored_file(app, client, scored):
    login(client, scored.recruiter)
    url = f"/recruiter/candidates/{scored.candidate_ids[1]}/report.pdf"
    first = client.get(url)
    second = client.get(url)
    assert first.data == second.data
    assert _count(app, ReportFile) == 1
    assert _count(app, Job) == 1  # the second request rendered nothing
    assert _count(app, AuditEvent, AuditEvent.action == "report.downloaded") == 2


def test_another_organisation_gets_404(client, scored):
    login(client, scored.other_recruiter)
    assert (
        client.get(f"/recruiter/candidates/{scored.candidate_ids[0]}/report.pdf").status_code == 404
    )
    assert (
        client.get(f"/recruiter/campaigns/{scored.campaign_id}/panel-pack.pdf").status_code == 404
    )


def test_panel_pack_ranks_every_candidate(client, scored):
    login(client, scored.recruiter)
    response = client.get(f"/recruiter/campaigns/{scored.campaign_id}/panel-pack.pdf")
    assert response.mimetype == "application/pdf"
    assert DISPOSITION.match(response.headers["Content-Disposition"])
    text = flat(full_text(response.data))
    for name in ("Väinö Äijälä", "Юлия Иванова", "Åsa"):
        assert name in text
    assert "SIMULATED" in text


def test_item_analysis_is_for_admins(client, scored):
    login(client, scored.recruiter)
    url = f"/recruiter/campaigns/{scored.campaign_id}/item-analysis.pdf"
    assert client.get(url).status_code == 403
    client.post("/staff/logout")
    login(client, scored.admin)
    response = client.get(url)
    assert response.mimetype == "application/pdf"


def test_candidate_without_scores_gets_a_page_saying_so(app, client, scored):
    with app.app_context():
        candidate = db.session.get(Candidate, scored.candidate_ids[2])
        from assess.store.models import ScoreRecord

        db.session.query(ScoreRecord).filter_by(candidate_id=candidate.id).delete()
        db.session.commit()
    login(client, scored.recruiter)
    response = client.get(f"/recruiter/candidates/{scored.candidate_ids[2]}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "no report yet" in response.get_data(as_text=True).lower()


def test_erasure_removes_the_files_and_the_next_pack_forgets_the_name(app, client, scored):
    login(client, scored.recruiter)
    erased = scored.candidate_ids[2]
    client.get(f"/recruiter/candidates/{erased}/report.pdf")
    client.get(f"/recruiter/campaigns/{scored.campaign_id}/panel-pack.pdf")
    with app.app_context():
        erase_candidate(db.session, db.session.get(Candidate, erased), actor=None, reason="test")
        db.session.commit()
    assert _count(app, ReportFile, ReportFile.candidate_id == erased) == 0
    response = client.get(f"/recruiter/campaigns/{scored.campaign_id}/panel-pack.pdf")
    assert "Юлия Иванова" not in flat(full_text(response.data))
    assert _count(app, ReportFile, ReportFile.kind == "panel_pack.en") == 1  # the old one is gone


def test_candidate_feedback_pdf_in_their_language(app, scored):
    from assess.results.feedback_pdf import feedback_pdf
    from assess.results.store import latest_record

    with app.app_context():
        candidate = db.session.get(Candidate, scored.candidate_ids[1])
        pdf = feedback_pdf(
            db.session, candidate, latest_record(db.session, candidate.id), locale="fi"
        )
        text = flat(full_text(pdf))
        assert "Väinö Äijälä" in text
        assert "Palauteraporttisi" in text
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_id == candidate.id))
        assert event.user_id is None and event.detail["by"] == "candidate"
