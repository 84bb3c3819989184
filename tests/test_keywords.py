"""Keywords: the tools a job names, and whether the résumé names them as a scanner would."""

from __future__ import annotations

from tailor.job import parse_job
from tailor.keywords import key_terms, mentions

POSTING = parse_job("""\
Data Platform Engineer
Skyline Labs

Requirements
- Production experience with Kubernetes and Spark
- Languages such as Scala, Go, or Rust
- Knowledge of OWASP and C# is a plus

Benefits
- Dental insurance and a Peloton membership
""")


def test_key_terms_are_the_tools_the_job_names_not_its_company_or_benefits():
    terms = {term.term: term.weight for term in key_terms(POSTING)}
    for expected in ("Kubernetes", "Spark", "Scala", "Go", "Rust", "OWASP", "C#"):
        assert expected in terms, (expected, terms)
    assert "Skyline" not in terms and "Peloton" not in terms
    assert terms["Kubernetes"] == 1.0


def test_missing_terms_are_the_ones_the_resume_never_names(resume):
    assert mentions(resume, "Kubernetes") and mentions(resume, "SDKs")  # "Python SDK"
    assert mentions(resume, "mentor")  # "Mentored new team members"
    assert not mentions(resume, "Rust") and not mentions(resume, "OWASP")
    assert not mentions(resume, "Go-lang")


def test_everyday_words_joined_by_a_slash_are_not_key_terms():
    job = parse_job(
        "Engineer\nAcme\n\nRequirements\n- Experience with React and/or Vue, "
        "and CI/CD; he/she will own TCP/IP tooling\n"
    )
    terms = {term.term for term in key_terms(job, limit=None)}
    assert {"CI/CD", "TCP/IP"} <= terms
    assert not terms & {"and/or", "he/she"}


# Issue 19, item 3: key terms a recruiter would act on.
ANALYST = parse_job("""\
Operations Analyst II
Northwind Logistics
Remote, India

Requirements
- Must be based in Delhi, Karnataka or Tamil Nadu
- 2+ years with SQL and Excel
- Advanced SQL: window functions and CTEs
- Experience with Tableau or Power BI

Nice to have
- Exposure to SAP

Northwind Logistics is an equal opportunity employer. Diversity, Equity and Inclusion matter.
CLICK TO APPLY
""")


def test_key_terms_leave_out_places_levels_buttons_eeo_words_the_company_and_numbers():
    terms = {term.term.lower() for term in key_terms(ANALYST, limit=None)}
    for never in (
        "delhi",
        "karnataka",
        "tamil nadu",
        "ii",
        "click",
        "apply",
        "diversity",
        "inclusion",
        "equity",
        "northwind",
        "logistics",
        "2",
        "000",
    ):
        assert never not in terms, (never, terms)
    assert {"sql", "excel", "tableau", "power bi", "sap"} <= terms


def test_key_terms_put_requirements_before_nice_to_haves():
    ranked = [term.term for term in key_terms(ANALYST, limit=None)]
    assert ranked[0] == "SQL"  # named by two requirement lines
    assert ranked.index("SAP") > ranked.index("Tableau")


def test_a_single_odd_token_never_tops_the_list():
    job = parse_job(
        "Analyst\nAcme\n\nRequirements\n- Strong PowerPivto skills\n"
        "- SQL for reporting\n- SQL and Excel for planning\n"
    )
    assert key_terms(job)[0].term == "SQL"


def test_shared_terms_are_words_not_numbers_or_stop_words():
    from tailor.keywords import is_shown_term

    assert is_shown_term("forecasting") and is_shown_term("SQL")
    for word in ("2", "000", "15", "new", "years", "the", "x"):
        assert not is_shown_term(word), word
