"""Language said plainly: which language the résumé and the job are in, and a warning, by name,
when the model cannot read it. Real résumés from ../shared/corpus/jsonresume, read at test time."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.cli import app
from tailor.interchange import import_file
from tailor.job import load_job
from tailor.language import Detected, Languages, detect_language, language_name
from tailor.model_store import MULTILINGUAL_MODEL
from tailor.pipeline import summary_candidates
from tailor.report import language_message
from tailor.yaml_writer import resume_to_yaml

from .conftest import EXAMPLE_JOBS, ROOT, SHARED, write

CORPUS = SHARED / "corpus" / "jsonresume"
ENGLISH_JOB = str(ROOT / "examples" / "jobs" / "data-engineer.txt")

# Written for this test: a posting as a Spanish employer would publish it.
SPANISH_POSTING = """\
Ingeniero/a de Plataforma de Machine Learning

Acerca del puesto
Buscamos una persona que construya y opere la infraestructura de entrenamiento de modelos.

Responsabilidades
- Diseñar y mantener las canalizaciones de datos y de entrenamiento en la nube.
- Desplegar modelos en producción con Kubernetes y supervisar su rendimiento.
- Colaborar con los científicos de datos para acortar el camino del experimento a producción.

Requisitos
- Cinco años de experiencia como ingeniero de software o de datos.
- Dominio de Python y experiencia con PyTorch o TensorFlow.
- Experiencia con AWS o GCP, Docker y Kubernetes.
"""


def corpus_languages() -> dict[str, str]:
    """file → the language sources.tsv records for it."""
    with (CORPUS / "sources.tsv").open(encoding="utf-8") as table:
        return {row["file"]: row["language"] for row in csv.DictReader(table, delimiter="\t")}


LANGUAGES = corpus_languages() if CORPUS.is_dir() else {}
FOREIGN = sorted(name for name, language in LANGUAGES.items() if language != "en")
ENGLISH = sorted(name for name, language in LANGUAGES.items() if language == "en")


def resume_lines(path: Path) -> list[str]:
    """What the model reads of a résumé: its bullets and summaries."""
    resume, _ = import_file(path)
    return [bullet.text for bullet in resume.bullets()] + summary_candidates(resume)


@pytest.mark.shared_data
def test_the_corpus_has_english_and_other_languages():
    assert len(FOREIGN) >= 3 and len(ENGLISH) >= 10, "../shared/corpus/jsonresume is missing"


@pytest.mark.shared_data
@pytest.mark.parametrize("name", FOREIGN)
def test_a_real_resume_not_in_english_is_named_by_its_language(name: str):
    detected = detect_language(resume_lines(CORPUS / name))
    assert detected.code == LANGUAGES[name]
    assert detected.is_foreign
    assert detected.name == {"fr": "French", "zh": "Chinese"}.get(detected.code, detected.name)


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ENGLISH)
def test_a_real_english_resume_is_never_called_foreign(name: str):
    detected = detect_language(resume_lines(CORPUS / name))
    # None: a résumé with almost no sentences (one real file is all names and dates).
    assert detected.code in ("en", None)
    assert not detected.is_foreign


def test_a_few_german_words_leave_an_english_resume_english(resume):
    lines = [bullet.text for bullet in resume.bullets()] + [
        "Werkstudent in der Abteilung für Datenanalyse, Deutsche Bahn AG, Frankfurt am Main",
        "Abschluss: Diplom-Informatiker, Technische Universität München",
    ]
    detected = detect_language(lines)
    assert detected.code == "en"
    assert 0.9 < detected.share < 1.0  # the German lines voted, and lost


def test_two_hebrew_words_per_bullet_leave_an_english_resume_english(resume):
    """Each script of a line votes for itself: a bullet naming its Hebrew client is English."""
    lines = [f"{bullet.text} (לקוח חשוב)" for bullet in resume.bullets()]
    assert detect_language(lines).code == "en"


def test_a_spanish_resume_full_of_english_tool_names_is_spanish():
    lines = [
        "Desarrollé microservicios en Python y Go desplegados con Kubernetes en AWS.",
        "Reduje el tiempo de entrenamiento de los modelos un 40 % con PyTorch y Ray.",
        "Dirigí un equipo de cuatro ingenieros de datos: Airflow, Spark, dbt, Snowflake.",
        "Python, Go, Kubernetes, Terraform, AWS, GCP, Docker",
    ]
    assert detect_language(lines).code == "es"


def test_a_spanish_posting_is_spanish(tmp_path: Path):
    job = load_job(str(write(tmp_path / "puesto.txt", SPANISH_POSTING)))
    detected = detect_language(unit.text for unit in job.units)
    assert (detected.code, detected.name) == ("es", "Spanish")


def test_too_little_text_is_not_called_at_all():
    detected = detect_language(["Python", "Kubernetes, Go", "2019 – 2021", "Acme GmbH"])
    assert detected.code is None and not detected.is_foreign


def test_languages_are_named_in_english():
    assert [language_name(code) for code in ("es", "de", "zh", "pt")] == [
        "Spanish",
        "German",
        "Chinese",
        "Portuguese",
    ]
    assert "xx" in language_name("xx")  # unnamed languages are shown by their code


def languages(resume: str | None, job: str | None) -> Languages:
    return Languages(Detected(resume, 1.0, 500), Detected(job, 1.0, 500))


def test_the_warning_names_the_language_and_says_the_match_is_unreliable():
    message = language_message(languages("es", "en"), "all-MiniLM-L6-v2")
    assert message.startswith("The résumé is in Spanish and the job in English")
    assert "unreliable" in message and "English model" in message
    assert f"--model {MULTILINGUAL_MODEL}" in message  # Spanish is among its languages


def test_a_language_no_offline_model_reads_is_said_plainly():
    message = language_message(languages("hu", "hu"), "all-MiniLM-L6-v2")
    assert message.startswith("The résumé and the job are in Hungarian")
    assert "No model that tailor can run offline reads Hungarian" in message
    assert "--model" not in message
    after = language_message(languages("hu", "en"), MULTILINGUAL_MODEL)
    assert f"{MULTILINGUAL_MODEL} does not read Hungarian" in after


runner = CliRunner()


def scores_json(*args: str):
    result = runner.invoke(app, ["scores", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


@pytest.mark.slow
def test_a_spanish_posting_is_warned_about_in_json_and_on_stderr(tmp_path: Path):
    job = write(tmp_path / "puesto.txt", SPANISH_POSTING)
    report, stderr = scores_json(str(job), "--resume", str(ROOT / "resume.yaml"))
    [warning] = report["warnings"]
    assert warning["code"] == "language"
    assert (warning["resume_language"], warning["job_language"]) == ("en", "es")
    assert "Spanish" in warning["message"] and "unreliable" in warning["message"]
    assert f"tailor: warning: {warning['message']}" in stderr


@pytest.mark.slow
@pytest.mark.shared_data
def test_a_real_french_resume_against_an_english_posting_is_warned_about(tmp_path: Path):
    resume, _ = import_file(CORPUS / "28-software-engineer-fr.json")
    path = write(tmp_path / "resume.yaml", resume_to_yaml(resume))
    report, stderr = scores_json(ENGLISH_JOB, "--resume", str(path))
    [warning] = report["warnings"]
    assert (warning["resume_language"], warning["job_language"]) == ("fr", "en")
    assert warning["message"].startswith("The résumé is in French and the job in English")
    assert "French" in stderr


@pytest.mark.slow
@pytest.mark.parametrize("job", EXAMPLE_JOBS, ids=lambda path: path.stem)
def test_english_resume_and_english_posting_warn_about_nothing(job: Path):
    report, stderr = scores_json(str(job), "--resume", str(ROOT / "resume.yaml"))
    assert report["warnings"] == []
    assert "warning" not in stderr


@pytest.mark.slow
def test_the_multilingual_model_reads_spanish_so_nothing_is_warned(tmp_path: Path):
    job = write(tmp_path / "puesto.txt", SPANISH_POSTING)
    report, _ = scores_json(
        str(job), "--resume", str(ROOT / "resume.yaml"), "--model", MULTILINGUAL_MODEL
    )
    assert report["model"] == MULTILINGUAL_MODEL
    assert report["warnings"] == []
