"""The HTML report: one self-contained page that shows the match, from data to a string.

Pure: it takes the document `report.report_data` shapes (the --json document plus the posting
and the page's lines) and returns HTML. It computes no score of its own, so every number on the
page is the one --json prints, written the same way.

Why so strict about being self-contained: the report holds a person's résumé and is opened
from disk, mailed, archived. It carries its CSS inline, no script at all (the bullet filter is
CSS: radio buttons and :checked), no font, and images only as data: URIs, and its
Content-Security-Policy forbids anything else, so even a mistake here cannot make it fetch.
Everything from the posting and the résumé is untrusted text and is escaped.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any
from urllib.parse import quote

from tailor.files import APPLICATION
from tailor.report import NOT_ASKED, clip, evidence_text

# What a browser may load for this page: its own inline CSS and data: images, nothing else.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; base-uri 'none'"
)

MARKS = {  # coverage → icon and words, so colour is never the only signal
    "covered": ("✓", "covered"),
    "partly": ("◐", "partly covered"),
    "not": ("✗", "not covered"),
}
SECTION_NAMES = {
    "requirements": "requirement",
    "responsibilities": "responsibility",
    "preferred": "nice to have",
    "other": "unlabelled",
    "title": "job title",
    "about": "about the company",
    "header": "header: company, place",
    "benefits": "benefits",
    "salary": "salary",
    "legal": "legal / equal opportunity",
    "overview": "the role in general",
    "heading": "heading",
    "apply": "how to apply",
    "fragment": "fragment",
}
# Names tailor as the report's maker, so a later run may replace the file (files.made_by_tailor).
GENERATOR_META = f'<meta name="generator" content="{APPLICATION}">'
SIGNALS = {
    "skills": "shared skills",
    "semantic": "meaning (embeddings)",
    "lexical": "shared words (TF-IDF)",
}

CSS = """
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff;
  --panel: #f6f8fa; --line: #d0d7de; --accent: #0b5cad; --bar: #3572b0;
  --ok: #1a7f37; --part: #9a6700; --no: #cf222e; --ok-bg: #dafbe1; --part-bg: #fff8c5;
  --no-bg: #ffebe9; --target: #fff3b0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --panel: #161b22; --line: #30363d;
    --accent: #6cb6ff; --bar: #539bf5; --ok: #57ab5a; --part: #daaa3f; --no: #f47067;
    --ok-bg: #1b2f23; --part-bg: #2e2a1a; --no-bg: #3a1d1d; --target: #3d3417; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; color: var(--fg);
  background: var(--bg); font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.6rem; margin: .5rem 0 .25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
a { color: var(--accent); }
p, li, td { overflow-wrap: anywhere; }
th { white-space: nowrap; }
.muted, .note { color: var(--muted); }
.note { font-size: .9rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; }
.score { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem;
  background: var(--panel); border: 1px solid var(--line); border-radius: .5rem;
  padding: .75rem 1rem; }
.score .number { font-size: 2.2rem; font-weight: 700; }
.bar { display: inline-block; vertical-align: middle; width: 8rem; max-width: 40%;
  height: .7rem; background: var(--line); border-radius: .35rem; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--bar); }
.score .bar { width: 14rem; height: 1rem; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.mark { display: inline-block; min-width: 1.4em; text-align: center; font-weight: 700;
  border-radius: .3rem; padding: 0 .2em; }
.covered .mark, .mark.covered { color: var(--ok); background: var(--ok-bg); }
.partly .mark, .mark.partly { color: var(--part); background: var(--part-bg); }
.not .mark, .mark.not { color: var(--no); background: var(--no-bg); }
ol.posting { list-style: none; padding: 0; margin: 0; border: 1px solid var(--line);
  border-radius: .5rem; }
ol.posting > li { display: grid; grid-template-columns: 3.2em 1fr; column-gap: .5rem;
  padding: .15rem .5rem; border-left: .3rem solid transparent; min-height: 1.5em; }
ol.posting > li.has-covered { border-left-color: var(--ok); }
ol.posting > li.has-partly { border-left-color: var(--part); }
ol.posting > li.has-not { border-left-color: var(--no); }
ol.posting > li.ignored .text, ol.posting > li.light .text { color: var(--muted); }
ol.posting > li.ignored .text { font-style: italic; }
.ln { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums;
  user-select: none; }
.text { white-space: pre-wrap; }
ul.units { grid-column: 2; list-style: none; margin: 0 0 .25rem; padding: 0;
  font-size: .9rem; }
ul.units > li { margin: .1rem 0; }
.why { color: var(--muted); font-size: .9rem; }
[id] { scroll-margin-top: 1rem; }
:target { background: var(--target); outline: 2px solid var(--accent); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
.filter-input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.filter { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0 1rem; }
.filter label { border: 1px solid var(--line); border-radius: 1rem; padding: .2rem .8rem;
  cursor: pointer; }
#show-all:checked ~ .filter label[for=show-all], #show-kept:checked ~ .filter label[for=show-kept],
#show-cut:checked ~ .filter label[for=show-cut] { background: var(--accent); color: var(--bg);
  border-color: var(--accent); }
#show-all:focus-visible ~ .filter label[for=show-all],
#show-kept:focus-visible ~ .filter label[for=show-kept],
#show-cut:focus-visible ~ .filter label[for=show-cut] { outline: 3px solid var(--accent);
  outline-offset: 2px; }
#show-kept:checked ~ ol.bullets > li.cut, #show-cut:checked ~ ol.bullets > li.kept {
  display: none; }
ol.bullets > li:target { display: block !important; }
ol.bullets { list-style: none; padding: 0; margin: 0; }
ol.bullets > li { border: 1px solid var(--line); border-left-width: .3rem; border-radius: .4rem;
  padding: .5rem .75rem; margin: 0 0 .5rem; }
ol.bullets > li.kept { border-left-color: var(--ok); }
ol.bullets > li.cut { border-left-color: var(--line); }
.bullet-head { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .75rem; }
.rank { font-weight: 700; font-variant-numeric: tabular-nums; }
.status { font-weight: 700; }
.kept .status { color: var(--ok); }
.cut .status { color: var(--muted); }
.bullet-text { margin: .25rem 0; font-weight: 500; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem;
  margin: .25rem 0 0; font-size: .9rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
code, kbd, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: .4rem;
  padding: .75rem; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
table.terms-table { width: auto; min-width: min(30rem, 100%); }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.terms { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; padding: 0; }
ul.terms li { border: 1px solid var(--line); border-radius: 1rem; padding: 0 .6rem; }
figure { margin: 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line);
  box-shadow: 0 1px 4px rgba(0,0,0,.15); background: #fff; }
figcaption { color: var(--muted); font-size: .9rem; margin: .4rem 0; }
.sheet { background: #fff; color: #000; border: 1px solid var(--line); max-width: 42rem;
  padding: 2rem 2.2rem; font-family: Carlito, Calibri, sans-serif; font-size: .85rem;
  line-height: 1.25; }
.sheet p { margin: 0; }
.sheet .name { text-align: center; font-size: 1.5rem; font-weight: 700; }
.sheet .contact { text-align: center; margin-bottom: .3rem; }
.sheet .heading { font-weight: 700; font-size: 1rem; border-bottom: 1px solid #000;
  margin-top: .5rem; }
.sheet .entry { display: flex; justify-content: space-between; gap: 1rem; margin-top: .2rem; }
.sheet .bullet { padding-left: 1.1rem; text-indent: -.7rem; }
.sheet .bullet::before { content: "•  "; }
.sheet a { color: #0b5cad; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .filter, .filter-input { display: none; }
  ol.bullets > li { display: block !important; break-inside: avoid; }
  ol.posting > li, tr, figure { break-inside: avoid; }
  :target { background: none; outline: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  .page-section { break-before: page; }
}
"""


def render_report(data: dict[str, Any], page_png: bytes | None = None) -> str:
    """The report for one job, as one HTML document.

    data: what `report.report_data` returns. page_png: the DOCX's page as LibreOffice drew it;
    without it the page is shown from the layout model's lines, and labelled so.
    """
    job = data["job"]
    title = job["title"] or "Untitled job"
    ranks = {bullet["id"]: rank for rank, bullet in enumerate(data["bullets"], start=1)}
    body = [
        _header(data, title),
        _nav(),
        _posting(data, ranks),
        _bullets(data, ranks),
        _gaps(data, ranks),
        _page(data, page_png),
        _command(data),
    ]
    return _document(f"tailor report: {title}", "\n".join(body))


def render_jobs_index(
    jobs: list[tuple[dict[str, Any], str]], failed: list[dict[str, str]] | None = None
) -> str:
    """The batch page: the jobs ranked by match, each with a bar and a link to its report.

    jobs: each job's --json document and the relative path of its report, in any order.
    failed: {"source", "error"} of the jobs that could not be tailored.
    """
    ordered = sorted(jobs, key=lambda pair: -pair[0]["match"])
    rows = []
    for rank, (data, href) in enumerate(ordered, start=1):
        job = data["job"]
        rows.append(
            f'<tr><td class="num">{rank}</td>'
            f'<td class="num">{_bar(data["match"], 100)} {_number(data["match"])}</td>'
            f'<td><a href="{_href(href)}">{escape(job["title"] or "Untitled job")}</a>'
            f"{_company(job)}</td>"
            f'<td class="num">{data["selected"]}</td><td class="num">{data["cut"]}</td>'
            f"<td><code>{escape(job['source'])}</code></td></tr>"
        )
    table = (
        '<table><caption class="muted">Best match first.</caption>'
        '<thead><tr><th scope="col" class="num">#</th><th scope="col" class="num">match</th>'
        '<th scope="col">job (its report)</th><th scope="col" class="num">kept</th>'
        '<th scope="col" class="num">cut</th><th scope="col">posting</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    failures = ""
    if failed:
        items = "".join(
            f"<li><code>{escape(f['source'])}</code>: {escape(f['error'])}</li>" for f in failed
        )
        failures = f"<h2>Not tailored ({len(failed)})</h2><ul>{items}</ul>"
    body = (
        f"<header><h1>{len(jobs)} jobs, ranked by match</h1>"
        f'<p class="muted">{_MATCH_MEANING}</p></header><main>{table}{failures}</main>'
    )
    return _document("tailor: jobs ranked by match", body)


_MATCH_MEANING = (
    "The match (0–100) is the chance that a recruiter who reads your résumé and this "
    "posting judges you a strong fit for it: 60–75 a likely strong fit (it rarely goes "
    "higher), 30–50 a fair chance (often a partial fit), about 10 a posting your résumé "
    "does not speak to."
)


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"{GENERATOR_META}\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _header(data: dict[str, Any], title: str) -> str:
    job = data["job"]
    asked = [r for r in data["requirements"] if r["section"] not in NOT_ASKED]
    counts = {kind: sum(1 for r in asked if r["coverage"] == kind) for kind in MARKS}
    tally = ", ".join(
        f'<span class="{kind}"><span class="mark" aria-hidden="true">'
        f"{MARKS[kind][0]}</span> {counts[kind]} {MARKS[kind][1]}</span>"
        for kind in MARKS
    )
    output = data.get("output")
    wrote = ""
    if output:
        name = output.replace("\\", "/").rsplit("/", 1)[-1]
        pages = f"{data['pages']} page" + ("" if data["pages"] == 1 else "s")
        wrote = (
            f'<p>Wrote <a href="{_href(name)}">{escape(name)}</a>: {pages} '
            f"({escape(data['paper'])}, checked by {escape(data['pages_checked_by'])}); "
            f"the text fills {_number(data['fill'])} of the space between the margins.</p>"
        )
    extra = []
    if data["omitted_roles"]:
        extra.append(
            "<p>Left out to fit (older roles with no bullet on the page): "
            + "; ".join(escape(role) for role in data["omitted_roles"])
            + "</p>"
        )
    overrides = data.get("overrides") or {}
    for option, ids in (("--keep", overrides.get("keep")), ("--drop", overrides.get("drop"))):
        if ids:
            extra.append(
                f"<p>Overruled for this run with <code>{option}</code>: "
                + ", ".join(
                    f'<a href="#b-{_rank_of(data, i)}"><code>{escape(i)}</code></a>' for i in ids
                )
                + "</p>"
            )
    return (
        f'<header>\n<p class="muted">tailor report · posting <code>{escape(job["source"])}'
        f"</code> · model {escape(data['model'])}</p>\n"
        f"<h1>{escape(title)}{_company(job)}</h1>\n"
        f'<div class="score" role="group" aria-label="match score">'
        f'<span class="number" id="match">{_number(data["match"])}<span class="muted">/100'
        f"</span></span>{_bar(data['match'], 100)}"
        f"<span>match · {data['selected']} bullets kept, {data['cut']} cut</span></div>\n"
        f"<p>{_MATCH_MEANING} Of the {len(asked)} lines that ask for something: {tally}.</p>\n"
        f"{wrote}{''.join(extra)}\n</header>"
    )


def _company(job: dict[str, Any]) -> str:
    company = job.get("company")
    return f' <span class="muted">at {escape(company)}</span>' if company else ""


def _nav() -> str:
    links = [
        ("posting", "The posting"),
        ("bullets", "Ranked bullets"),
        ("gaps", "Gaps"),
        ("page", "The page"),
        ("command", "Reproduce"),
    ]
    items = "".join(f'<li><a href="#{anchor}">{name}</a></li>' for anchor, name in links)
    return f'<nav aria-label="Sections"><ul>{items}</ul></nav>'


def _posting(data: dict[str, Any], ranks: dict[str, int]) -> str:
    units: dict[int, list[dict[str, Any]]] = {}
    for requirement in data["requirements"]:
        units.setdefault(requirement["line"], []).append(requirement)
    for ignored in data["ignored"]:
        units.setdefault(ignored["line"], []).append({**ignored, "ignored": True})
    items = []
    for number, text in enumerate(data["posting"], start=1):
        found = units.get(number, [])
        classes = sorted(
            {
                f"has-{u['coverage']}"
                for u in found
                if not u.get("ignored") and u["section"] not in NOT_ASKED
            }
        )
        if found and all(u.get("ignored") for u in found):
            classes.append("ignored")
        elif found and all(u.get("ignored") or u["section"] in NOT_ASKED for u in found):
            classes.append("light")
        marks = ""
        if found:
            marks = (
                '<ul class="units">'
                + "".join(_unit(unit, ranks, len(found) > 1) for unit in found)
                + "</ul>"
            )
        items.append(
            f'<li id="line-{number}" class="{" ".join(classes)}">'
            f'<span class="ln" aria-hidden="true">{number}</span>'
            f'<span class="text"><span class="visually-hidden">line {number}: </span>'
            f"{escape(text)}</span>{marks}</li>"
        )
    legend = "".join(
        f'<li><span class="mark {kind}" aria-hidden="true">{icon}</span> {words}</li>'
        for kind, (icon, words) in MARKS.items()
    )
    return (
        '<section id="posting" aria-labelledby="posting-title">\n'
        '<h2 id="posting-title">The posting, line by line</h2>\n'
        '<p class="note">Every line as you pasted it. Under each line that asks for something: '
        "how well your résumé covers it, and the bullet that covers it best (follow the link; "
        "each bullet links back). Grey italic lines were ignored, with the reason; other grey "
        "lines count only a little.</p>\n"
        f'<ul class="legend" aria-label="Legend">{legend}</ul>\n'
        f'<ol class="posting">{"".join(items)}</ol>\n</section>'
    )


def _unit(unit: dict[str, Any], ranks: dict[str, int], quote_it: bool) -> str:
    section = SECTION_NAMES.get(unit["section"], unit["section"])
    said = f"“{escape(clip(unit['text'], 90))}”: " if quote_it else ""
    if unit.get("ignored"):
        return f'<li class="why">{said}ignored ({escape(section)}): counts nothing</li>'
    icon, words = MARKS[unit["coverage"]]
    best = unit.get("best_bullet")
    link = ""
    if best is not None:
        verb = {"covered": "covered by", "partly": "closest", "not": "closest"}[unit["coverage"]]
        link = (
            f' — {verb} <a href="#b-{ranks[best]}" class="to-bullet">bullet '
            f"{ranks[best]} <code>{escape(best)}</code></a> (similarity "
            f"{_number(unit['similarity'])})"
        )
    weight = f"weight {_number(unit['weight'])}"
    return (
        f'<li class="{unit["coverage"]}">{said}<span class="mark" aria-hidden="true">'
        f'{icon}</span> <strong>{words}</strong> <span class="why">· {escape(section)}, '
        f"{weight}</span>{link}</li>"
    )


def _bullets(data: dict[str, Any], ranks: dict[str, int]) -> str:
    covers: dict[str, list[int]] = {}
    for requirement in data["requirements"]:
        if requirement["best_bullet"] and requirement["coverage"] == "covered":
            covers.setdefault(requirement["best_bullet"], []).append(requirement["line"])
    total = len(data["bullets"])
    items = []
    for bullet in data["bullets"]:
        rank = ranks[bullet["id"]]
        state = "kept" if bullet["selected"] else "cut"
        facts = [("why", escape(bullet["reason"]))]
        if bullet["evidence_line"] is not None:
            facts.append(
                (
                    "evidence",
                    f'<a href="#line-{bullet["evidence_line"]}" '
                    f'class="to-line">line {bullet["evidence_line"]}</a>: '
                    f"“{escape(bullet['evidence'])}”",
                )
            )
        if bullet["carried_by"]:
            detail = (
                ", ".join(escape(s) for s in bullet["skills"])
                if bullet["carried_by"] == "skills"
                else ""
            )
            facts.append(
                (
                    "carried by",
                    SIGNALS[bullet["carried_by"]]
                    + (f": {detail}" if detail else "")
                    + f' <span class="muted">(semantic {_number(bullet["semantic"])}, '
                    f"lexical {_number(bullet['lexical'])})</span>",
                )
            )
        if bullet["matched_terms"]:
            facts.append(("shared terms", ", ".join(escape(t) for t in bullet["matched_terms"])))
        lines = sorted(set(covers.get(bullet["id"], ())))
        if lines:
            facts.append(
                (
                    "covers",
                    ", ".join(f'<a href="#line-{n}" class="to-line">line {n}</a>' for n in lines),
                )
            )
        rows = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
        items.append(
            f'<li id="b-{rank}" class="{state}" data-id="{escape(bullet["id"])}">'
            f'<div class="bullet-head"><span class="rank">#{rank}</span>'
            f'{_bar(bullet["score"], 1)}<span class="score-value">score '
            f'{_number(bullet["score"])}</span><span class="status">'
            f"{'✓ kept' if state == 'kept' else '✗ cut'}</span>"
            f'<code>{escape(bullet["id"])}</code><span class="muted">'
            f"{escape(bullet['role'])}</span></div>"
            f'<p class="bullet-text">{escape(bullet["text"])}</p>'
            f'<dl class="facts">{rows}</dl></li>'
        )
    kept = data["selected"]
    return (
        '<section id="bullets" aria-labelledby="bullets-title">\n'
        '<h2 id="bullets-title">Your bullets, ranked</h2>\n'
        '<p class="note">Every bullet of resume.yaml, best match first. The bar is its score '
        "(0–1); the page takes the best set that fits, without near-copies.</p>\n"
        '<input type="radio" name="show" id="show-all" class="filter-input" checked>'
        '<input type="radio" name="show" id="show-kept" class="filter-input">'
        '<input type="radio" name="show" id="show-cut" class="filter-input">'
        '<div class="filter" role="group" aria-label="Show">'
        f'<label for="show-all">All ({total})</label>'
        f'<label for="show-kept">Kept ({kept})</label>'
        f'<label for="show-cut">Cut ({total - kept})</label></div>\n'
        f'<ol class="bullets">{"".join(items)}</ol>\n</section>'
    )


def _gaps(data: dict[str, Any], ranks: dict[str, int]) -> str:
    asked = [r for r in data["requirements"] if r["section"] not in NOT_ASKED]
    open_items = []
    for kind in ("not", "partly"):
        for requirement in (r for r in asked if r["coverage"] == kind):
            icon, words = MARKS[kind]
            open_items.append(
                f'<li class="{kind}"><span class="mark" aria-hidden="true">{icon}</span> '
                f'<strong>{words}</strong>: <a href="#line-{requirement["line"]}">line '
                f"{requirement['line']}</a> “{escape(evidence_text(requirement['text']))}” "
                f'<span class="why">({escape(SECTION_NAMES.get(requirement["section"], ""))}, '
                f"similarity {_number(requirement['similarity'])})</span></li>"
            )
    uncovered = (
        f"<ul>{''.join(open_items)}</ul>"
        if open_items
        else "<p>Every requirement has a bullet that covers it.</p>"
    )
    missing = data["missing_terms"]
    keywords = (
        f'<ul class="terms">{"".join(f"<li>{escape(t)}</li>" for t in missing)}</ul>'
        if missing
        else "<p>Your résumé names every key term of the job.</p>"
    )
    rows = "".join(
        f'<tr><td>{escape(t["term"])}</td><td class="num">{_number(t["weight"])}</td>'
        f"<td>{'✓ yes' if t['in_resume'] else '✗ no'}</td></tr>"
        for t in data["key_terms"]
    )
    terms = (
        '<table class="terms-table"><thead><tr><th scope="col">term</th>'
        '<th scope="col" class="num">weight</th>'
        f'<th scope="col">in your résumé</th></tr></thead><tbody>{rows}</tbody></table>'
        if rows
        else ""
    )
    return (
        '<section id="gaps" aria-labelledby="gaps-title">\n'
        '<h2 id="gaps-title">Gaps</h2>\n'
        f"<h3>Requirements no bullet covers ({len(open_items)})</h3>\n{uncovered}\n"
        f"<h3>Keywords your résumé never mentions ({len(missing)})</h3>\n{keywords}\n"
        f'<h3>The job\'s key terms</h3>\n<p class="note">Weight: how much the posting stresses '
        f"the term (the summed weights of the lines that name it).</p>\n{terms}\n</section>"
    )


def _page(data: dict[str, Any], page_png: bytes | None) -> str:
    if page_png:
        source = "data:image/png;base64," + base64.b64encode(page_png).decode("ascii")
        figure = (
            f'<figure><img src="{source}" alt="The one-page résumé as LibreOffice '
            f'renders the DOCX: {data["selected"]} bullets."><figcaption>The DOCX as '
            "LibreOffice draws it (Word may break a line differently).</figcaption>"
            "</figure>"
        )
    else:
        figure = (
            "<figure><figcaption><strong>Not a picture of the DOCX:</strong> an HTML "
            "rendering of the same lines from tailor's layout model (LibreOffice is not "
            "installed, so no image was made; line breaks may differ).</figcaption>"
            f'<div class="sheet">{_sheet(data["page_blocks"])}</div></figure>'
        )
    return (
        '<section id="page" class="page-section" aria-labelledby="page-title">\n'
        '<h2 id="page-title">The page</h2>\n' + figure + "\n</section>"
    )


def _sheet(blocks: list[dict[str, Any]]) -> str:
    rendered = []
    for block in blocks:
        runs = "".join(_run(run) for run in block["runs"])
        if block["right"]:
            runs = f"<span>{runs}</span><span>{escape(block['right'])}</span>"
        rendered.append(f'<p class="{escape(block["kind"])}">{runs}</p>')
    return "".join(rendered)


def _run(run: dict[str, Any]) -> str:
    text = escape(run["text"])
    if run["bold"]:
        text = f"<b>{text}</b>"
    if run["italic"]:
        text = f"<i>{text}</i>"
    # Links stay text: a report opened from disk should not invite a click out to the web.
    return f'<span class="link">{text}</span>' if run["url"] else text


def _command(data: dict[str, Any]) -> str:
    return (
        '<section id="command" aria-labelledby="command-title">\n'
        '<h2 id="command-title">Reproduce this run</h2>\n'
        f"<pre><code>{escape(data['command'])}</code></pre>\n"
        '<p class="note">Run it in the folder of this report: the same résumé, posting and '
        "options give the same page and this same report.</p>\n</section>"
    )


def _bar(value: float, scale: float) -> str:
    share = max(0.0, min(1.0, value / scale)) * 100
    return f'<span class="bar" aria-hidden="true"><span style="width:{share:.1f}%"></span></span>'


def _number(value: float | int) -> str:
    """A number exactly as --json writes it."""
    return str(value)


def _href(path: str) -> str:
    return escape(quote(path.replace("\\", "/"), safe="/"))


def _rank_of(data: dict[str, Any], bullet_id: str) -> int:
    return next(
        rank for rank, bullet in enumerate(data["bullets"], start=1) if bullet["id"] == bullet_id
    )
