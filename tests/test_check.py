"""`tailor check` on any résumé: the same advice as comparing every pair, a screenful by default.

The near-duplicate advice used to compare every pair of bullets with difflib: 1,000 bullets
took 139 s and printed thousands of lines. It now compares only bullets that share most of
their word stems; these tests hold it to finding exactly what the pairwise comparison found.
"""

from __future__ import annotations

import difflib
import json
import random
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tailor.cli import app
from tailor.lint import NEAR_DUPLICATE, near_duplicates
from tailor.resume import WORK_SECTIONS

from .conftest import RESUME, SHARED, dump_yaml, load_yaml, long_career_yaml, write

CORPUS = SHARED / "corpus" / "jsonresume"
runner = CliRunner()


def every_pair(texts: list[str]) -> list[tuple[int, int, float]]:
    """The old advice, kept here as the reference: difflib over every pair.

    The same ratio as before, reached faster: difflib's real_quick_ratio and quick_ratio are
    upper bounds of ratio, so a pair they put below the threshold cannot be a near-copy; and
    the matcher keeps its index of the second text across the pairs that share it."""
    normalised = [" ".join(re.findall(r"\w+", text.lower())) for text in texts]
    found = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for j in range(len(texts)):
        matcher.set_seq2(normalised[j])
        for i in range(j + 1, len(texts)):
            matcher.set_seq1(normalised[i])
            if (
                matcher.real_quick_ratio() >= NEAR_DUPLICATE
                and matcher.quick_ratio() >= NEAR_DUPLICATE
                and (ratio := matcher.ratio()) >= NEAR_DUPLICATE
            ):
                found.append((i, j, ratio))
    return sorted(found)


def real_bullets() -> list[str]:
    texts = [
        b if isinstance(b, str) else b["text"]
        for section in WORK_SECTIONS
        for entry in yaml.safe_load(RESUME.read_text(encoding="utf-8")).get(section, [])
        for b in entry.get("bullets", [])
    ]
    for path in sorted(CORPUS.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for entry in document.get("work", []) + document.get("projects", []):
            texts += [h for h in entry.get("highlights", []) if isinstance(h, str) and h]
    return texts


def edited(text: str, rnd: random.Random) -> str:
    """The kind of copy a long résumé accumulates: a word added, dropped, swapped, pluralised
    or renumbered."""
    words = text.split()
    for _ in range(rnd.randint(1, 3)):
        i = rnd.randrange(len(words))
        kind = rnd.randrange(5)
        if kind == 0:
            words[i] += "s"
        elif kind == 1:
            words[i] = str(rnd.randint(2, 99))
        elif kind == 2 and len(words) > 3:
            del words[i]
        elif kind == 3:
            words.insert(i, rnd.choice(["the", "new", "team", "quickly", "data"]))
        else:
            j = rnd.randrange(len(words))
            words[i], words[j] = words[j], words[i]
    return " ".join(words)


@pytest.mark.shared_data
def test_the_corpus_has_bullets_to_compare():
    assert len(real_bullets()) > 250


@pytest.mark.shared_data
@pytest.mark.parametrize("seed", range(6))
def test_finds_exactly_the_near_duplicates_every_pair_comparison_finds(seed: int):
    rnd = random.Random(seed)
    texts = real_bullets()
    rnd.shuffle(texts)
    texts = texts[:120]
    texts += [edited(text, rnd) for text in rnd.sample(texts, 50)]
    texts += ["", "—", "Led it.", "Led it", "Python", "Python."]  # no words, one or two
    rnd.shuffle(texts)
    expected = every_pair(texts)
    assert len(expected) > 30  # the edits made near-copies to find
    assert near_duplicates(texts) == expected


def test_the_near_duplicates_of_a_long_career_are_found():
    texts = [
        b["text"] if isinstance(b, dict) else b
        for role in load_yaml(long_career_yaml(2000))["experience"]
        for b in role["bullets"]
    ]
    texts[1500] = texts[7].replace("Built", "Build").replace("(#7)", "")
    found = {(i, j) for i, j, _ in near_duplicates(texts)}
    assert (1500, 7) in found


def test_bullets_that_all_share_most_words_cost_a_bounded_few_comparisons_each(
    monkeypatch: pytest.MonkeyPatch,
):
    """2.5k / 5k / 10k bullets that share most of their words took 6 / 23 / 93 s: every one
    was compared with every other. Now each meets a bounded few, and still hears that it
    nearly repeats another."""
    import difflib

    import tailor.lint

    compared = 0

    class Counting(difflib.SequenceMatcher):
        def __init__(self, *args, **kwargs) -> None:
            nonlocal compared
            compared += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(tailor.lint.difflib, "SequenceMatcher", Counting)
    words = "Built the billing pipeline in Go for the payments team cutting cloud costs".split()
    texts = [
        " ".join([*words[: i % len(words)], f"w{i}", *words[i % len(words) + 1 :], f"{i}%"])
        for i in range(400)
    ]
    found = near_duplicates(texts)
    assert compared <= 20 * len(texts)  # a bounded few each; every pair would be 80,000
    assert {i for pair in found for i in pair[:2]} == set(range(len(texts)))  # each is told


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = load_yaml(long_career_yaml(10_000, projects=150))
    bullets = data["experience"][0]["bullets"]
    bullets[1] = bullets[0].replace("(#0)", "(#0, again)")  # one near-copy, to be told of
    for role in data["experience"][1:400:20]:  # and advice of every other kind, many times
        role["bullets"][0] = "Helped with the launch and " + "many other things " * 16
        role["bullets"][1] = "Worked on reporting."
    return write(tmp_path_factory.mktemp("long") / "resume.yaml", dump_yaml(data))


def test_check_on_ten_thousand_bullets_prints_a_screenful(ten_thousand: Path):
    result = runner.invoke(app, ["check", "--resume", str(ten_thousand)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) <= 32, "\n".join(lines)
    assert "10000 bullets" in lines[0]
    assert "(--all shows every one)" in lines[1]
    assert "(similarity 1.00)" in lines[3]  # the worst first: the copies made below
    for kind in ("Near-duplicates", "Too long", "Weak opening verbs"):
        assert any(line.startswith(f"  {kind}") for line in lines), kind
    assert sum(1 for line in lines if re.fullmatch(r"    … and [\d,]+ more", line)) >= 2
    assert re.search(r"no measurable result .* and [\d,]+ more$", lines[-1])


def test_check_all_prints_every_piece_of_advice(ten_thousand: Path):
    result = runner.invoke(app, ["check", "--resume", str(ten_thousand), "--all"])
    assert result.exit_code == 0
    total = int(
        re.search(r"Advice \(not errors\): ([\d,]+) in all", result.stdout)[1].replace(",", "")
    )
    listed = sum(1 for line in result.stdout.splitlines() if line.startswith("    "))
    unmeasured = re.search(r"([\d,]+) bullets have no measurable result", result.stdout)
    assert listed + (int(unmeasured[1].replace(",", "")) if unmeasured else 0) == total
    assert "more" not in result.stdout
    assert "experience-1-2: nearly repeats experience-1-1" in result.stdout


def test_advice_is_grouped_by_kind_worst_first(tmp_path: Path):
    bullets = [
        "Cut p99 latency by 40% across 12 services.",
        "Cut p99 latency by 40% across 12 services!",
        "Built " + "a very long sentence about many things " * 8,
        "Built " + "a very long sentence about many things " * 14,
        "Helped the team ship 3 releases.",
    ]
    path = write(
        tmp_path / "resume.yaml",
        yaml.safe_dump(
            {
                "basics": {"name": "Ada"},
                "experience": [{"company": "X", "title": "Y", "start": 2020, "bullets": bullets}],
            }
        ),
    )
    lines = runner.invoke(app, ["check", "--resume", str(path)]).stdout.splitlines()
    headings = [
        line.strip() for line in lines if line.startswith("  ") and not line.startswith("    ")
    ]
    assert [h.split(" (")[0] for h in headings[:3]] == [
        "Near-duplicates, worst first",
        "Too long, longest first",
        "Weak opening verbs",
    ]
    long_ones = [line for line in lines if "wraps to" in line]
    assert "experience-1-4" in long_ones[0] and "experience-1-3" in long_ones[1]


def test_a_roles_summary_line_gets_no_advice_meant_for_bullets(tmp_path: Path):
    # A summary says what the role was ("Responsible for…", no number needed); an action verb
    # and a measured result are what a bullet owes. Its length and repeats still matter: it
    # takes page lines like any bullet.
    path = write(
        tmp_path / "resume.yaml",
        """\
basics: {name: Ada}
experience:
  - company: Acme
    title: Engineer
    start: 2020
    summary: Responsible for the billing platform of the payments group.
    bullets:
      - Helped the payments group ship the billing platform.
      - Helped the payments group ship the billing platform again.
projects:
  - name: Ledger
    summary: Worked on an open ledger for small shops and their accountants.
    bullets: [Cut month-end closing from 5 days to 1.]
""",
    )
    result = runner.invoke(app, ["check", "--resume", str(path), "--all"])
    assert result.exit_code == 0, result.output
    weak = [line for line in result.stdout.splitlines() if "opens with the weak verb" in line]
    assert [line.split(": ")[1] for line in weak] == ["experience-1-1", "experience-1-2"]
    unmeasured = re.search(
        r"(\d+) bullets have no measurable result.*: (.*)$", result.stdout, re.MULTILINE
    )
    assert unmeasured and unmeasured[2] == "experience-1-1, experience-1-2"
    assert "experience-1-2: nearly repeats experience-1-1" in result.stdout


def test_a_roles_summary_line_is_still_judged_for_length_and_repeats(tmp_path: Path):
    long = "Owned " + "the payments platform and its many moving parts, " * 8 + "end to end."
    path = write(
        tmp_path / "resume.yaml",
        dump_yaml(
            {
                "basics": {"name": "Ada"},
                "experience": [
                    {
                        "company": "Acme",
                        "title": "Engineer",
                        "start": 2020,
                        "summary": long,
                        "bullets": ["Cut p99 latency by 40% across 12 services."],
                    },
                    {
                        "company": "Initech",
                        "title": "Engineer",
                        "start": 2018,
                        "summary": "Ran the billing platform for 30 teams.",
                        "bullets": ["Ran the billing platform for 30 teams!"],
                    },
                ],
            }
        ),
    )
    result = runner.invoke(app, ["check", "--resume", str(path)])
    assert re.search(r"experience-1-summary: wraps to \d lines", result.stdout), result.stdout
    assert "experience-2-1: nearly repeats experience-2-summary" in result.stdout
