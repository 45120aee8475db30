"""Every fixed text a report prints, in English and Finnish, and the number
formats of each language (Finnish writes a decimal comma)."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "fi")

LABELS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "page": "Page {page} of {pages}",
        "candidate_report": "Candidate report",
        "panel_pack": "Panel pack",
        "feedback_report": "Your feedback report",
        "item_analysis": "Item analysis and fairness",
        "candidate": "Candidate",
        "reference": "Reference",
        "role": "Role",
        "campaign": "Campaign",
        "organisation": "Organisation",
        "date": "Date",
        "instrument": "Instrument",
        "instrument_version": "Instrument version",
        "scoring_version": "Scoring version",
        "norm_basis": "Norm basis",
        "no_norms": "No norm group: criterion-referenced bands on the raw metric",
        "norms": "{source}, N = {n}",
        "simulated_norms": "SIMULATED norms (demo data, not real candidates): {source}, N = {n}",
        "decision_note": (
            "This report supports a hiring decision; a person makes it. No score, band or "
            "flag here is a reason to reject anyone on its own."
        ),
        "fit": "Role fit",
        "fit_band": "Fit band",
        "composite": "Composite (0–100)",
        "bars_met": "All must-reach bars met",
        "bars_not_met": "Not every must-reach bar is met",
        "reasons": "Why",
        "profile": "Profile",
        "profile_caption": (
            "Each bar is the 90% interval around the score (dot). The vertical mark is the "
            "role's must-reach bar. ⚠ marks an interval that straddles the bar: the score "
            "cannot tell whether the bar is met."
        ),
        "straddles": "interval straddles the bar",
        "scale": "Scale",
        "score": "Score",
        "sem": "SEM",
        "ci90": "90% interval",
        "ci95": "95% interval",
        "t": "T",
        "sten": "Sten",
        "percentile": "Percentile",
        "band": "Band",
        "bar": "Bar",
        "weight": "Weight",
        "not_scored": "not scored",
        "interpretation": "Interpretation",
        "facet": "Facet",
        "strengths": "Strengths",
        "development": "Development areas",
        "situational": "Situational judgement",
        "scenario": "Scenario",
        "agreement_with_key": "Agreement with expert key (0–100)",
        "validity": "Response validity",
        "validity_none": "No validity flags were raised.",
        "validity_note": (
            "Interpret with caution. A flag asks for a closer look and a conversation; it is "
            "never an automatic reject and it does not change any score."
        ),
        "index": "Index",
        "value": "Value",
        "meaning": "What it means",
        "interview_questions": "Suggested behavioural interview questions",
        "interview_intro": "For the facets where this candidate scored lowest:",
        "appendix": "Scoring appendix",
        "appendix_intro": "Everything needed to recompute a score by hand:",
        "keys": "Item keys",
        "keyed": "Scored as given",
        "reversed": "Reverse keyed",
        "formula_reverse": (
            "Reverse key: x′ = min + max − x = {min} + {max} − x on the {min}–{max} scale."
        ),
        "formula_mean": "Scale score: the mean of the keyed items, on the response metric.",
        "formula_missing": (
            "Missing answers: a scale is scored when at least {share} of its items are "
            "answered (the mean of those answered); otherwise it is left unscored with a reason."
        ),
        "formula_sem": "SEM = SD · √(1 − r), with SD and reliability r from the norm basis.",
        "formula_ci": "Interval = score ± z · SEM, z = 1.644854 (90%) or 1.959964 (95%).",
        "formula_t": "z = (score − mean) / SD; T = 50 + 10z; sten = ⌊2z + 6⌋ clipped to 1–10.",
        "formula_pomp": (
            "Composite: each scale as POMP = 100 · (score − min) / (max − min), then the "
            "weighted mean with the role's weights."
        ),
        "formula_mosier": (
            "Composite reliability (Mosier, 1943): 1 − Σ w²σ²(1 − r) / σ²(composite); here {value}."
        ),
        "norm_mean": "Mean",
        "norm_sd": "SD",
        "reliability": "Reliability",
        "comparison": "Comparison by role fit",
        "comparison_intro": (
            "Candidates ranked by composite fit with 95% intervals. Candidates who share a "
            "group letter cannot be told apart at 95% (standard error of the difference)."
        ),
        "rank": "Rank",
        "group": "Group",
        "forest": "Fit with 95% intervals",
        "heat_map": "Heat map of scales by candidates",
        "heat_legend_sten": "Colour by sten (1–10)",
        "heat_legend_band": "Colour by band (low to high)",
        "panel_ratings": "Panel ratings",
        "agreement": "Agreement between panel members",
        "icc": "ICC(2,k)",
        "raters": "Raters",
        "candidates": "Candidates",
        "competency": "Competency",
        "ratings": "Ratings",
        "spread": "Spread",
        "disagreement": "Members differ by 2 points or more: discuss before deciding.",
        "no_ratings": "No panel ratings yet.",
        "summary": "Summary",
        "scoring_sheet": "Structured interview scoring sheet",
        "scoring_sheet_intro": (
            "Rate each competency 1–5 against the anchors, on your own, before the panel "
            "compares. Note what the candidate said and did."
        ),
        "rating": "Rating (1–5)",
        "evidence": "Evidence",
        "interviewer": "Interviewer",
        "questions": "Questions",
        "anchors": "Anchors",
        "greeting": "Hello {name},",
        "feedback_intro": (
            "Thank you for completing the questionnaire for {role} at {organisation}. "
            "This report describes how you answered and suggests ways to grow. It is "
            "for you alone."
        ),
        "your_result": "Your result",
        "advice": "Ideas to try",
        "feedback_closing": (
            "Questionnaires describe tendencies, not fixed traits, and everyone can "
            "develop. If you have questions about this report or your data, contact {organisation}."
        ),
        "reliability_table": "Reliability",
        "alpha": "α",
        "alpha_ci": "α 95% CI",
        "omega": "ω total",
        "items_n": "Items",
        "item_statistics": "Item statistics",
        "item": "Item",
        "wording": "Wording",
        "mean": "Mean",
        "sd": "SD",
        "citc": "CITC",
        "alpha_if_deleted": "α if deleted",
        "low_citc": "CITC below {threshold}: review the item.",
        "adverse_impact": "Adverse impact",
        "adverse_intro": (
            "Selection rate per group; impact ratio against the group with the highest "
            "rate; flagged when below 0.80 (four-fifths rule, 29 CFR 1607.4(D))."
        ),
        "group_variable": "Variable",
        "selected": "Selected",
        "rate": "Rate",
        "impact_ratio": "Impact ratio",
        "fisher_p": "Fisher p",
        "four_fifths": "Below four-fifths",
        "small_sample": "Fewer than {n} people: the ratio is unstable, read with care.",
        "unknown_excluded": "Unknown or undisclosed group: {n} excluded.",
        "sample": "Sample",
        "yes": "yes",
        "no": "no",
        "flag": "Flag",
        "none": "—",
    },
    "fi": {
        "page": "Sivu {page} / {pages}",
        "candidate_report": "Hakijaraportti",
        "panel_pack": "Paneelin aineisto",
        "feedback_report": "Palauteraporttisi",
        "item_analysis": "Osioanalyysi ja tasapuolisuus",
        "candidate": "Hakija",
        "reference": "Tunniste",
        "role": "Tehtävä",
        "campaign": "Haku",
        "organisation": "Organisaatio",
        "date": "Päivämäärä",
        "instrument": "Kysely",
        "instrument_version": "Kyselyn versio",
        "scoring_version": "Pisteytyksen versio",
        "norm_basis": "Normiperusta",
        "no_norms": "Ei normiryhmää: kriteeriperusteiset tasot raakapisteasteikolla",
        "norms": "{source}, N = {n}",
        "simulated_norms": (
            "SIMULOIDUT normit (esittelyaineisto, ei oikeita hakijoita): {source}, N = {n}"
        ),
        "decision_note": (
            "Tämä raportti on rekrytointipäätöksen tukena, mutta päätöksen tekee aina ihminen. "
            "Mikään raportin pistemäärä, taso tai huomautus ei yksinään ole syy hylätä ketään."
        ),
        "fit": "Sopivuus tehtävään",
        "fit_band": "Sopivuustaso",
        "composite": "Yhdistelmäpisteet (0–100)",
        "bars_met": "Kaikki vähimmäisvaatimukset täyttyvät",
        "bars_not_met": "Kaikki vähimmäisvaatimukset eivät täyty",
        "reasons": "Perustelut",
        "profile": "Profiili",
        "profile_caption": (
            "Jana on pistemäärän (piste) 90 %:n luottamusväli. Pystyviiva on tehtävän "
            "vähimmäisraja. ⚠ merkitsee väliä, joka ulottuu rajan molemmin puolin: tuloksesta "
            "ei voi päätellä, ylittyykö raja."
        ),
        "straddles": "väli ulottuu rajan molemmin puolin",
        "scale": "Asteikko",
        "score": "Pisteet",
        "sem": "SEM",
        "ci90": "90 %:n väli",
        "ci95": "95 %:n väli",
        "t": "T",
        "sten": "Sten",
        "percentile": "Persentiili",
        "band": "Taso",
        "bar": "Raja",
        "weight": "Paino",
        "not_scored": "ei pisteytetty",
        "interpretation": "Tulkinta",
        "facet": "Osa-alue",
        "strengths": "Vahvuudet",
        "development": "Kehittämiskohteet",
        "situational": "Tilannearviointi",
        "scenario": "Tilanne",
        "agreement_with_key": "Yhtäpitävyys asiantuntija-avaimen kanssa (0–100)",
        "validity": "Vastausten luotettavuus",
        "validity_none": "Vastauksista ei noussut huomautuksia.",
        "validity_note": (
            "Tulkitse varoen. Huomautus kehottaa katsomaan tarkemmin ja keskustelemaan; se ei "
            "koskaan ole automaattinen hylkäys eikä se muuta pistemääriä."
        ),
        "index": "Mittari",
        "value": "Arvo",
        "meaning": "Merkitys",
        "interview_questions": "Ehdotetut käyttäytymiseen perustuvat haastattelukysymykset",
        "interview_intro": "Osa-alueille, joilla hakijan pisteet olivat matalimmat:",
        "appendix": "Pisteytyksen liite",
        "appendix_intro": "Kaikki, mitä tarvitaan pistemäärän laskemiseen käsin:",
        "keys": "Osioiden avaimet",
        "keyed": "Pisteytetään sellaisenaan",
        "reversed": "Käännetään",
        "formula_reverse": (
            "Käännetty osio: x′ = min + max − x = {min} + {max} − x asteikolla {min}–{max}."
        ),
        "formula_mean": "Asteikon pistemäärä: avainnettujen osioiden keskiarvo vastausasteikolla.",
        "formula_missing": (
            "Puuttuvat vastaukset: asteikko pisteytetään, kun vähintään {share} sen osioista on "
            "vastattu (vastattujen keskiarvo); muuten se jää pisteyttämättä ja syy kerrotaan."
        ),
        "formula_sem": "SEM = SD · √(1 − r); SD ja reliabiliteetti r normiperustasta.",
        "formula_ci": "Väli = pisteet ± z · SEM, z = 1,644854 (90 %) tai 1,959964 (95 %).",
        "formula_t": (
            "z = (pisteet − ka) / SD; T = 50 + 10z; sten = ⌊2z + 6⌋ rajattuna välille 1–10."
        ),
        "formula_pomp": (
            "Yhdistelmä: kukin asteikko POMP-muotoon 100 · (pisteet − min) / (max − min), sitten "
            "painotettu keskiarvo tehtävän painoilla."
        ),
        "formula_mosier": (
            "Yhdistelmän reliabiliteetti (Mosier, 1943): 1 − Σ w²σ²(1 − r) / σ²(yhdistelmä); "
            "tässä {value}."
        ),
        "norm_mean": "Ka",
        "norm_sd": "SD",
        "reliability": "Reliabiliteetti",
        "comparison": "Vertailu sopivuuden mukaan",
        "comparison_intro": (
            "Hakijat sopivuuden mukaan järjestettyinä 95 %:n väleineen. Hakijoita, joilla on "
            "sama ryhmäkirjain, ei voi erottaa toisistaan 95 %:n tasolla (erotuksen keskivirhe)."
        ),
        "rank": "Sija",
        "group": "Ryhmä",
        "forest": "Sopivuus 95 %:n väleineen",
        "heat_map": "Lämpökartta: asteikot ja hakijat",
        "heat_legend_sten": "Väri sten-pisteen mukaan (1–10)",
        "heat_legend_band": "Väri tason mukaan (matalasta korkeaan)",
        "panel_ratings": "Paneelin arviot",
        "agreement": "Paneelin jäsenten yksimielisyys",
        "icc": "ICC(2,k)",
        "raters": "Arvioijat",
        "candidates": "Hakijat",
        "competency": "Osaaminen",
        "ratings": "Arviot",
        "spread": "Arvioiden ero",
        "disagreement": (
            "Jäsenten arviot eroavat vähintään 2 pistettä: keskustelkaa ennen päätöstä."
        ),
        "no_ratings": "Paneelin arvioita ei vielä ole.",
        "summary": "Yhteenveto",
        "scoring_sheet": "Strukturoidun haastattelun arviointilomake",
        "scoring_sheet_intro": (
            "Arvioi kukin osaaminen asteikolla 1–5 kuvausten perusteella itsenäisesti ennen "
            "paneelin vertailua. Kirjaa, mitä hakija sanoi ja teki."
        ),
        "rating": "Arvio (1–5)",
        "evidence": "Havainnot",
        "interviewer": "Haastattelija",
        "questions": "Kysymykset",
        "anchors": "Tasokuvaukset",
        "greeting": "Hei {name},",
        "feedback_intro": (
            "Kiitos, että vastasit kyselyyn tehtävään {role} organisaatiossa {organisation}. "
            "Tämä raportti kuvaa vastauksiasi ja ehdottaa tapoja "
            "kehittyä. Raportti on vain sinulle."
        ),
        "your_result": "Tuloksesi",
        "advice": "Kokeile näitä",
        "feedback_closing": (
            "Kysely kuvaa taipumuksia, ei pysyviä ominaisuuksia, ja jokainen voi kehittyä. "
            "Jos sinulla on kysyttävää raportista tai tiedoistasi, ota yhteyttä: {organisation}."
        ),
        "reliability_table": "Reliabiliteetti",
        "alpha": "α",
        "alpha_ci": "α:n 95 %:n väli",
        "omega": "ω (kokonais)",
        "items_n": "Osioita",
        "item_statistics": "Osioiden tunnusluvut",
        "item": "Osio",
        "wording": "Sanamuoto",
        "mean": "Ka",
        "sd": "Kh",
        "citc": "CITC",
        "alpha_if_deleted": "α ilman osiota",
        "low_citc": "CITC alle {threshold}: tarkista osio.",
        "adverse_impact": "Haitallinen vaikutus ryhmiin",
        "adverse_intro": (
            "Valintaosuus ryhmittäin; vaikutussuhde verrattuna ryhmään, jonka osuus on suurin; "
            "merkitään, kun suhde on alle 0,80 (neljän viidesosan sääntö, 29 CFR 1607.4(D))."
        ),
        "group_variable": "Muuttuja",
        "selected": "Valittu",
        "rate": "Osuus",
        "impact_ratio": "Vaikutussuhde",
        "fisher_p": "Fisherin p",
        "four_fifths": "Alle 4/5",
        "small_sample": "Alle {n} henkilöä: suhde on epävakaa, tulkitse varoen.",
        "unknown_excluded": "Tuntematon tai ilmoittamaton ryhmä: {n} jätetty pois.",
        "sample": "Otos",
        "yes": "kyllä",
        "no": "ei",
        "flag": "Huomio",
        "none": "—",
    },
}


class Labels:
    """The labels and number formats of one report language.

    >>> Labels("fi").number(3.456, 2)
    '3,46'
    """

    def __init__(self, language: str):
        if language not in LABELS:
            raise ValueError(f"report language must be one of {LANGUAGES}, not {language!r}")
        self.language = language
        self._table = LABELS[language]

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def format(self, key: str, **values: object) -> str:
        return self._table[key].format(**values)

    def number(self, value: float | None, decimals: int = 2) -> str:
        """``value`` with ``decimals`` places; a dash for a missing value."""
        if value is None or value != value:  # NaN is not a number to print
            return self._table["none"]
        text = f"{value:.{decimals}f}".replace("-", "−")
        return text.replace(".", ",") if self.language == "fi" else text

    def interval(self, bounds: tuple[float, float] | None, decimals: int = 2) -> str:
        """An interval as ``low–high`` (no comma, which is Finnish's decimal mark)."""
        if bounds is None:
            return self._table["none"]
        return f"{self.number(bounds[0], decimals)}–{self.number(bounds[1], decimals)}"

    def share(self, value: float) -> str:
        """A share 0-1 as a percentage: ``80%`` in English, ``80 %`` in Finnish."""
        percent = self.number(100 * value, 0)
        return f"{percent} %" if self.language == "fi" else f"{percent}%"
