"""Realistic example inputs for tests, the benchmark and previews.

The numbers are plausible, not scored: these builders exist to exercise the
renderers with every kind of content (long texts, missing scores, flags,
names in many scripts) in English and Finnish.
"""

from __future__ import annotations

import random

from reports.model import (
    CandidateReport,
    CompetencyAgreement,
    CompetencySheet,
    FacetScore,
    FeedbackReport,
    FeedbackScale,
    Fit,
    ImpactRow,
    InterviewQuestion,
    ItemAnalysisReport,
    ItemStatistic,
    NormBasis,
    PanelCandidate,
    PanelPack,
    PanelRating,
    ReliabilityRow,
    ScaleKey,
    ScaleScore,
    ScenarioResult,
    ScoringAppendix,
    ValidityFlag,
)

NAMES = (
    "Äijälä Väinö",
    "Åsa Öberg",
    "Zażółć Gęślą",
    "Řehoř Čermák",
    "Nguyễn Thị Minh Khai",
    "Αλέξανδρος Παπαδόπουλος",
    "Юлия Иванова",
    "Siobhán O'Connor-Núñez",
    "Jean-Luc Lefèvre",
    "Fatma Yılmaz",
)

T = {
    "en": {
        "org": "Nordic Ground Services Oy",
        "role": "Airport customer service agent",
        "campaign": "Helsinki-Vantaa winter 2026",
        "instrument": "Service and composure inventory",
        "date": "23 November 2026",
        "so": "Service orientation",
        "cp": "Composure under pressure",
        "sj": "Service situations",
        "f": (
            "Genuine interest",
            "Warmth",
            "Proactive help",
            "Calm with upset customers",
            "Recovery",
            "Taking emotion seriously",
        ),
        "bands": ("Developing", "Solid", "Strong"),
        "band_text": (
            "Shows this behaviour some of the time; it benefits from coaching and a "
            "clear example to follow.",
            "Shows this behaviour reliably in ordinary situations.",
            "Shows this behaviour consistently, also when the situation is hard.",
        ),
        "fit": ("Below the bar", "Meets the bar", "Exceeds the bar"),
        "reason": (
            "Composure under pressure lifts the fit most (weight 0.4).",
            "Service situations sits close to its bar: the interval straddles it.",
        ),
        "flag": (
            "Long-string",
            "19 identical answers in a row",
            "Many identical answers in a row can mean hurried answering. Interpret with "
            "caution and ask about the answers in the interview.",
        ),
        "sj_summary": "Chose effective responses in most scenarios; weakest when a delay "
        "affected many customers at once.",
        "scenario": (
            "A flight is cancelled and a queue forms.",
            "A nervous first-time flyer asks the same question three times.",
            "A customer shouts at you about lost luggage.",
        ),
        "question": "Tell me about a time a customer was upset with you. What did you do first?",
        "comp": ("Calm under pressure", "Proactive service"),
        "anchor": (
            "Loses composure; escalates",
            "Stays calm with support",
            "Stays calm; acknowledges emotion",
            "Calms others; solves the issue",
            "Turns a hard moment into trust",
        ),
        "advice": (
            "Before a busy shift, pick one phrase you will use to acknowledge a "
            "customer's feelings.",
            "After a hard encounter, take one slow breath before greeting the next person.",
        ),
        "strength": "Greets people warmly and tells them what happens next.",
        "development": "Recovering quickly after an abusive customer.",
        "item": "I enjoy helping a customer who is lost.",
        "sample": "Demo campaign, N = 412",
        "var": ("Gender", "Age group"),
        "groups": (("Women", "Men", "Non-binary"), ("Under 40", "40 or over")),
    },
    "fi": {
        "org": "Nordic Ground Services Oy",
        "role": "Lentoaseman asiakaspalveluvirkailija",
        "campaign": "Helsinki-Vantaa talvi 2026",
        "instrument": "Palvelu- ja tyyneyskysely",
        "date": "23.11.2026",
        "so": "Palveluhenkisyys",
        "cp": "Tyyneys paineen alla",
        "sj": "Palvelutilanteet",
        "f": (
            "Aito kiinnostus",
            "Lämpö",
            "Oma-aloitteinen apu",
            "Tyyneys kiihtyneen asiakkaan kanssa",
            "Palautuminen",
            "Tunteen ottaminen vakavasti",
        ),
        "bands": ("Kehittyvä", "Vakaa", "Vahva"),
        "band_text": (
            "Toimii näin osan ajasta; hyötyy valmennuksesta ja selkeästä esimerkistä.",
            "Toimii näin luotettavasti tavallisissa tilanteissa.",
            "Toimii näin johdonmukaisesti myös vaikeissa tilanteissa.",
        ),
        "fit": ("Rajan alla", "Täyttää rajan", "Ylittää rajan"),
        "reason": (
            "Tyyneys paineen alla nostaa sopivuutta eniten (paino 0,4).",
            "Palvelutilanteet on lähellä rajaansa: väli ulottuu rajan molemmin puolin.",
        ),
        "flag": (
            "Samanlaisten vastausten jono",
            "19 samaa vastausta peräkkäin",
            "Monta samaa vastausta peräkkäin voi kertoa kiireestä. Tulkitse varoen ja "
            "kysy vastauksista haastattelussa.",
        ),
        "sj_summary": "Valitsi useimmissa tilanteissa toimivan ratkaisun; heikoin, kun viive "
        "koski monta asiakasta kerralla.",
        "scenario": (
            "Lento perutaan ja jono kasvaa.",
            "Jännittynyt ensikertalainen kysyy saman asian kolmesti.",
            "Asiakas huutaa sinulle kadonneesta matkatavarasta.",
        ),
        "question": "Kerro tilanteesta, jossa asiakas oli sinulle vihainen. Mitä teit ensin?",
        "comp": ("Tyyneys paineen alla", "Oma-aloitteinen palvelu"),
        "anchor": (
            "Menettää malttinsa; kärjistää",
            "Pysyy rauhallisena tuettuna",
            "Pysyy rauhallisena; tunnistaa tunteen",
            "Rauhoittaa muita; ratkaisee asian",
            "Kääntää vaikean hetken luottamukseksi",
        ),
        "advice": (
            "Valitse ennen kiireistä vuoroa yksi lause, jolla tunnistat asiakkaan tunteen.",
            "Vaikean kohtaamisen jälkeen hengitä kerran rauhallisesti ennen seuraavaa asiakasta.",
        ),
        "strength": "Tervehtii lämpimästi ja kertoo, mitä seuraavaksi tapahtuu.",
        "development": "Nopea palautuminen hankalan asiakkaan jälkeen.",
        "item": "Autan mielelläni eksynyttä asiakasta.",
        "sample": "Esittelyhaku, N = 412",
        "var": ("Sukupuoli", "Ikäryhmä"),
        "groups": (("Naiset", "Miehet", "Muunsukupuoliset"), ("Alle 40", "40 tai yli")),
    },
}

NORMS = NormBasis(source="Simulated airport applicants 2026", n=1000, simulated=True)


def _scale(
    rng: random.Random,
    sid: str,
    name: str,
    lo: float,
    hi: float,
    bar: float,
    weight: float,
    t: dict,
    facets: tuple[str, ...] = (),
) -> ScaleScore:
    span = hi - lo
    raw = round(lo + span * rng.uniform(0.35, 0.95), 2)
    sem = round(span * 0.06, 3)
    z = (raw - (lo + span * 0.62)) / (span * 0.15)
    rank = 1 if raw < lo + span * 0.5 else 2 if raw < lo + span * 0.75 else 3
    return ScaleScore(
        id=sid,
        name=name,
        raw=raw,
        metric_min=lo,
        metric_max=hi,
        sem=sem,
        ci90=(round(max(raw - 1.644854 * sem, lo), 2), round(min(raw + 1.644854 * sem, hi), 2)),
        ci95=(round(max(raw - 1.959964 * sem, lo), 2), round(min(raw + 1.959964 * sem, hi), 2)),
        t=round(50 + 10 * z, 1),
        sten=min(max(int(2 * z + 6), 1), 10),
        percentile=round(min(max(50 + 34 * z, 1), 99), 0),
        band=t["bands"][rank - 1],
        band_rank=rank,
        band_count=3,
        interpretation=t["band_text"][rank - 1],
        bar=bar,
        weight=weight,
        n_answered=12,
        n_items=12,
        facets=tuple(
            FacetScore(
                id=f"{sid}{k}",
                name=f,
                raw=round(min(max(raw + rng.uniform(-0.6, 0.6), lo), hi), 2),
                band=t["bands"][rank - 1],
                band_rank=rank,
                interpretation=t["band_text"][rank - 1],
            )
            for k, f in enumerate(facets)
        ),
    )


def sample_scales(rng: random.Random, language: str = "en") -> tuple[ScaleScore, ...]:
    t = T[language]
    return (
        _scale(rng, "so", t["so"], 1, 5, 3.4, 0.35, t, t["f"][:3]),
        _scale(rng, "cp", t["cp"], 1, 5, 3.2, 0.40, t, t["f"][3:]),
        _scale(rng, "sj", t["sj"], 0, 100, 60, 0.25, t),
    )


def sample_fit(rng: random.Random, language: str = "en") -> Fit:
    t = T[language]
    composite = round(rng.uniform(35, 92), 1)
    band = 0 if composite < 55 else 1 if composite < 75 else 2
    return Fit(
        composite=composite,
        band=t["fit"][band],
        band_id=("below", "meets", "exceeds")[band],
        band_text=t["band_text"][band],
        sem=4.1,
        ci90=(round(composite - 6.7, 1), round(composite + 6.7, 1)),
        ci95=(round(composite - 8.0, 1), round(composite + 8.0, 1)),
        reliability=0.86,
        bars_met=band > 0,
        reasons=t["reason"],
    )


def sample_candidate_report(
    name: str = NAMES[0], language: str = "en", seed: int = 7
) -> CandidateReport:
    """A complete candidate report with one validity flag and SIMULATED norms."""
    # Sample data, not secrets (bandit B311).
    rng = random.Random(seed)  # nosec B311
    t = T[language]
    scales = sample_scales(rng, language)
    return CandidateReport(
        language=language,
        candidate=name,
        reference="C-000117",
        organisation=t["org"],
        role=t["role"],
        campaign=t["campaign"],
        date=t["date"],
        instrument=t["instrument"],
        instrument_version="1.2.0",
        scoring_version="2026.11",
        norms=NORMS,
        fit=sample_fit(rng, language),
        scales=scales,
        strengths=(t["strength"], f"{t['so']}: {t['bands'][2]}"),
        development=(t["development"],),
        situational_summary=t["sj_summary"],
        situational=tuple(ScenarioResult(s, round(rng.uniform(40, 95))) for s in t["scenario"]),
        validity=(ValidityFlag(*t["flag"]),),
        interview_questions=(
            InterviewQuestion(t["f"][4], t["question"]),
            InterviewQuestion(t["f"][2], t["question"]),
        ),
        appendix=ScoringAppendix(
            response_min=1,
            response_max=5,
            min_answered=0.8,
            composite_reliability=0.86,
            keys=(
                ScaleKey(
                    t["so"],
                    tuple(f"SO{i:02d}" for i in (1, 2, 4, 5, 7, 8, 10, 11)),
                    tuple(f"SO{i:02d}" for i in (3, 6, 9, 12)),
                    3.62,
                    0.58,
                    0.84,
                ),
                ScaleKey(
                    t["cp"],
                    tuple(f"CP{i:02d}" for i in (1, 3, 4, 6, 7, 9, 10, 12)),
                    tuple(f"CP{i:02d}" for i in (2, 5, 8, 11)),
                    3.41,
                    0.66,
                    0.87,
                ),
                ScaleKey(t["sj"], tuple(f"SJ{i:02d}" for i in range(1, 9)), (), 62.0, 14.5, 0.71),
            ),
        ),
        author=t["org"],
    )


def sample_panel_pack(
    count: int = 12, language: str = "en", seed: int = 11, raters: int = 3
) -> PanelPack:
    """A campaign of ``count`` candidates ranked by fit, with panel ratings
    for the first five."""
    # Sample data, not secrets (bandit B311).
    rng = random.Random(seed)  # nosec B311
    t = T[language]
    people = []
    for i in range(count):
        name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i // len(NAMES) + 1}")
        people.append((name, sample_fit(rng, language), sample_scales(rng, language)))
    people.sort(key=lambda p: -(p[1].composite or 0))
    candidates = tuple(
        PanelCandidate(
            reference=f"C-{i + 1:05d}",
            name=name,
            rank=i + 1,
            fit=fit,
            scales=scales,
            group="ABCDEFGH"[min(i // 4, 7)]
            + ("ABCDEFGH"[min(i // 4 + 1, 7)] if i % 4 == 3 else ""),
            strengths=(t["strength"],),
            development=(t["development"],),
            validity=(ValidityFlag(*t["flag"]),) if i % 7 == 3 else (),
        )
        for i, (name, fit, scales) in enumerate(people)
    )
    rater_names = tuple(("Minna Mäkinen", "Jorge Peña", "Søren Ødegård", "Li Wei")[:raters])
    ratings = tuple(
        PanelRating(
            c.reference,
            comp,
            tuple(float(rng.randint(2, 5)) for _ in rater_names),
            ("Calmed the role-play customer quickly.",),
        )
        for c in candidates[:5]
        for comp in t["comp"]
    )
    return PanelPack(
        language=language,
        organisation=t["org"],
        role=t["role"],
        campaign=t["campaign"],
        date=t["date"],
        instrument=t["instrument"],
        instrument_version="1.2.0",
        scoring_version="2026.11",
        norms=NORMS,
        candidates=candidates,
        competencies=tuple(
            CompetencySheet(comp, t["f"][3 * k], t["anchor"], (t["question"],))
            for k, comp in enumerate(t["comp"])
        ),
        raters=rater_names,
        agreement=(
            CompetencyAgreement(t["comp"][0], 0.78, (0.41, 0.94), len(rater_names), 5),
            CompetencyAgreement(t["comp"][1], 0.52, (-0.12, 0.86), len(rater_names), 5),
        ),
        ratings=ratings,
        fit_thresholds=((t["fit"][1], 55.0), (t["fit"][2], 75.0)),
        author=t["org"],
    )


def sample_feedback_report(
    name: str = NAMES[1], language: str = "fi", seed: int = 5
) -> FeedbackReport:
    # Sample data, not secrets (bandit B311).
    rng = random.Random(seed)  # nosec B311
    t = T[language]
    scales = tuple(
        FeedbackScale(
            s.name, t["band_text"][1], s.band, s.band_rank or 1, 3, s.interpretation, t["advice"]
        )
        for s in sample_scales(rng, language)
    )
    return FeedbackReport(
        language=language,
        candidate=name,
        organisation=t["org"],
        role=t["role"],
        date=t["date"],
        instrument=t["instrument"],
        scales=scales,
        strengths=(t["strength"],),
        author=t["org"],
    )


def sample_item_analysis(language: str = "en", seed: int = 3) -> ItemAnalysisReport:
    # Sample data, not secrets (bandit B311).
    rng = random.Random(seed)  # nosec B311
    t = T[language]
    reliability = (
        ReliabilityRow(t["so"], 0.84, (0.81, 0.86), 0.85, 412, 12),
        ReliabilityRow(t["cp"], 0.87, (0.85, 0.89), 0.88, 412, 12),
        ReliabilityRow(t["sj"], 0.71, (0.66, 0.75), None, 405, 8),
    )
    items = tuple(
        ItemStatistic(
            f"{p}{i:02d}",
            name,
            t["item"],
            round(rng.uniform(2.8, 4.3), 2),
            round(rng.uniform(0.6, 1.1), 2),
            round(rng.uniform(0.12, 0.68), 2) if i != 6 else 0.08,
            round(rng.uniform(0.80, 0.86), 2),
            412,
        )
        for p, name in (("SO", t["so"]), ("CP", t["cp"]))
        for i in range(1, 13)
    )
    impact = []
    for variable, groups in zip(t["var"], t["groups"], strict=True):
        for k, group in enumerate(groups):
            n = (180, 214, 12)[k] if len(groups) == 3 else (250, 156)[k]
            rate = (0.42, 0.31, 0.25)[k] if len(groups) == 3 else (0.38, 0.36)[k]
            impact.append(
                ImpactRow(
                    variable,
                    group,
                    n,
                    round(n * rate),
                    rate,
                    round(rate / max((0.42, 0.31, 0.25)[: len(groups)]), 2)
                    if len(groups) == 3
                    else round(rate / 0.38, 2),
                    None if k == 0 else round(rng.uniform(0.01, 0.6), 3),
                    len(groups) == 3 and k > 0,
                )
            )
    return ItemAnalysisReport(
        language=language,
        organisation=t["org"],
        instrument=t["instrument"],
        instrument_version="1.2.0",
        date=t["date"],
        sample=t["sample"],
        reliability=reliability,
        items=items,
        impact=tuple(impact),
        unknown_excluded=6,
        author=t["org"],
    )
