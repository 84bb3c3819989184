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
    job = parse_job("Engineer\nAcme\n\nRequirements\n- Experience with React and/or Vue, "
                    "and CI/CD; he/she will own TCP/IP tooling\n")
    terms = {term.term for term in key_terms(job, limit=None)}
    assert {"CI/CD", "TCP/IP"} <= terms
    assert not terms & {"and/or", "he/she"}
