"""Fuzz the loaders and tailor's file rules at scale with hypothesis; report what was tried.

    python scripts/fuzz.py [--examples N] [--only NAME ...]

Families (issue 13 added all but the first four):
  job bytes, job text, résumé YAML documents, résumé raw text: the loaders, as before;
  flat postings: job text with its line breaks removed → parse_job reads it sentence by sentence;
  HTML postings: a posting wrapped in tags and entities → decode and parse;
  UTF-16 variants: BOMs with odd lengths and lone surrogates → decoded, never a traceback;
  binary and compressed: gzip, bzip2, xz, zip and random bytes → refused as binary;
  hostile URLs: any link in resume.yaml → only http, https and mailto reach the DOCX, which
      is valid XML;
  output collisions: any set of job paths → distinct outputs, one per job;
  devices and FIFOs: endless or random-length streams → read with the bound, or refused.
Issue 21 added:
  YAML key bombs: unknown, repeated and merged (`<<`) keys in an entry listed thousands of
      times by alias → refused or read within seconds, with a bounded message.
  Word runs in any wrapper: text in fields, dir/bdo, custom XML, moves, hidden or white, in
      any nesting → every run is a bullet or named in the notes (item 6);
  report evidence: a long one-line posting → every quoted evidence within EVIDENCE_CHARS, the
      report bounded by the posting, not bullets × posting (item 13);
  bullet-less roles: any number of roles without bullets → those left out are off the page, at
      most MAX_BARE_ROLES older ones on it (item 17);
  unusual glyphs: any text → its width never under the widest font's (unknown glyphs wide),
      zero for combining marks, a no-break space as a space (item 18).
Anything but a result or tailor's own clean errors (UserError / InvalidInput) is a finding,
printed with the input that caused it.
"""

from __future__ import annotations

import argparse
import bz2
import contextlib
import gzip
import io
import lzma
import os
import re
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.strategies import job_like_text, resume_shaped

from tailor.errors import UserError
from tailor.files import distinct_outputs, read_bounded
from tailor.job import MAX_UNITS, decode_job_bytes, parse_job
from tailor.links import SAFE_SCHEMES
from tailor.resume_yaml import parse_resume

counts: dict[str, int] = {}
POSTINGS = [
    path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples" / "jobs").glob("*.txt"))
]
BASE_RESUME = (ROOT / "resume.yaml").read_text(encoding="utf-8")


def count(target: str) -> None:
    counts[target] = counts.get(target, 0) + 1


def job_bytes(raw: bytes) -> None:
    count("job bytes")
    with contextlib.suppress(UserError):
        parse_job(decode_job_bytes(raw, "job.txt"))


def job_text(text: str) -> None:
    count("job text")
    parse_job(text)


def resume_document(document: dict) -> None:
    count("résumé YAML documents")
    try:
        text = yaml.safe_dump(document, allow_unicode=True)
    except yaml.YAMLError:
        return
    with contextlib.suppress(UserError):
        parse_resume(text)


def resume_text(text: str) -> None:
    count("résumé raw text")
    with contextlib.suppress(UserError):
        parse_resume(text)


# -- issue 13's families ------------------------------------------------------------------------

postings = st.sampled_from(POSTINGS)


def flat_posting(posting: str, cut: int, joiner: str) -> None:
    count("flat postings")
    flat = joiner.join(posting[:cut].split())
    if not flat.strip():
        return
    job = parse_job(flat)
    assert len(job.units) <= MAX_UNITS
    assert len(job.title) <= 121, job.title  # capped for display, "…" included
    # Nothing is cut: short fragments aside, the text reaches the units (a cut kept 120
    # characters of the whole posting).
    read = " ".join(unit.text for unit in job.units)
    assert len(flat) < 400 or len(read) >= 0.8 * len(flat), (len(read), len(flat))


HTML_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<li>",
        "</li>",
        "<br>",
        "<ul>",
        "</ul>",
        "<b>",
        "</b>",
        "&nbsp;",
        "&amp;",
        '<div class="x">',
        "</div>",
        "<script>alert(1)</script>",
        "<!-- c -->",
    ]
)


@st.composite
def html_postings(draw: st.DrawFn) -> bytes:
    lines = draw(postings).splitlines()
    out = []
    for line in lines:
        out.append(draw(HTML_TAGS) + line + draw(HTML_TAGS))
    joiner = draw(st.sampled_from(["", "\n", " "]))
    return joiner.join(out).encode(
        draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])), "replace"
    )


def html_posting(raw: bytes) -> None:
    count("HTML postings")
    with contextlib.suppress(UserError):
        parse_job(decode_job_bytes(raw, "job.html"))


@st.composite
def utf16_variants(draw: st.DrawFn) -> bytes:
    bom = draw(st.sampled_from([b"\xff\xfe", b"\xfe\xff"]))
    text = draw(st.one_of(postings.map(lambda p: p[:400]), st.text(max_size=200)))
    body = text.encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be", "surrogatepass")
    damage = draw(st.sampled_from(["none", "odd", "lone surrogate", "random"]))
    if damage == "odd":
        body += draw(st.binary(min_size=1, max_size=1))
    elif damage == "lone surrogate":
        at = draw(st.integers(0, len(body) // 2)) * 2
        unit = draw(st.sampled_from([b"\x00\xd8", b"\xff\xdb", b"\x00\xdc", b"\xff\xdf"]))
        body = body[:at] + (unit if bom == b"\xff\xfe" else unit[::-1]) + body[at:]
    elif damage == "random":
        body += draw(st.binary(max_size=64))
    return bom + body


def utf16_variant(raw: bytes) -> None:
    count("UTF-16 variants")
    try:
        text = decode_job_bytes(raw, "u16.txt")
    except UserError:
        return
    assert not any("\ud800" <= ch <= "\udfff" for ch in text)
    parse_job(text)


@st.composite
def binary_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["gzip", "bzip2", "xz", "zip", "random"]))
    text = draw(postings).encode("utf-8")[: draw(st.integers(50, 4000))]
    if kind == "gzip":
        return gzip.compress(text)
    if kind == "bzip2":
        return bz2.compress(text)
    if kind == "xz":
        return lzma.compress(text)
    if kind == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("job.txt", text)
        return buffer.getvalue()
    return draw(
        st.binary(min_size=200, max_size=4000).filter(
            lambda raw: not raw.startswith((b"\xff\xfe", b"\xfe\xff"))
        )
    )


def binary_file(raw: bytes) -> None:
    count("binary and compressed")
    try:
        decode_job_bytes(raw, "job.txt")
    except UserError as error:
        assert "not text" in error.message, error.message
        return
    # Random bytes that pass for text must at least be mostly printable.
    raise AssertionError(f"accepted as a posting: {raw[:40]!r}")


hostile_urls = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda scheme, rest: f"{scheme}:{rest}",
        st.sampled_from(
            [
                "javascript",
                "JaVaScRiPt",
                "file",
                "ms-word",
                "vbscript",
                "data",
                "http",
                "https",
                "mailto",
                "smb",
                "ftp",
                "x-y.z",
            ]
        ),
        st.text(max_size=40),
    ),
    st.builds(lambda rest: "\\\\" + rest, st.text(max_size=30)),
)


def hostile_url(url: str) -> None:
    count("hostile URLs")
    from tailor.layout import full_page
    from tailor.readback import verify_docx
    from tailor.render import render_docx

    quoted = url.replace("\\", "\\\\").replace('"', '\\"')
    quoted = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in quoted)
    text = BASE_RESUME.replace(
        "  links:\n", f'  links:\n    - {{label: Site, url: "{quoted}"}}\n', 1
    )
    try:
        resume = parse_resume(text)
    except UserError:
        return
    page = full_page(resume, "letter")
    docx = render_docx(page, author="A", title="T")
    verify_docx(docx, page)
    rels = zipfile.ZipFile(io.BytesIO(docx)).read("word/_rels/document.xml.rels").decode()
    for target in re.findall(r'Target="([^"]*)" TargetMode="External"', rels):
        assert target.split(":")[0].lower() in SAFE_SCHEMES, target


job_paths = st.lists(
    st.builds(
        lambda parts, name: "/".join([*parts, name]),
        st.lists(st.sampled_from(["a", "b", "jobs", "A", "a-b", ".."]), max_size=3),
        st.sampled_from(["job.txt", "a-job.txt", "job", "b-job.txt"]),
    ),
    min_size=1,
    max_size=12,
    unique=True,
)


def output_collisions(sources: list[str], into_one_folder: bool) -> None:
    count("output collisions")
    from tailor.pipeline import default_output

    wanted = {
        source: (Path("out") / default_output(source).name)
        if into_one_folder
        else default_output(source)
        for source in sources
    }
    planned = distinct_outputs(wanted)
    assert set(planned.paths) == set(sources)
    assert len(set(planned.paths.values())) == len(sources), planned
    assert all(path.suffix == ".docx" for path in planned.paths.values())
    assert bool(planned.notes) == (len(set(wanted.values())) < len(sources))


def device_or_fifo(kind: str, size: int, limit: int) -> None:
    count("devices and FIFOs")
    if kind in ("/dev/zero", "/dev/urandom"):
        try:
            read_bounded(Path(kind), limit, "a job description")
        except UserError as error:
            assert "too large" in error.message
            return
        raise AssertionError(f"{kind} was read to its end")
    with tempfile.TemporaryDirectory() as folder:
        fifo = Path(folder) / "job.txt"
        os.mkfifo(fifo)

        def write() -> None:
            with contextlib.suppress(BrokenPipeError), fifo.open("wb") as stream:
                stream.write(b"x" * size)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        try:
            data = read_bounded(fifo, limit, "a job description")
            assert len(data) == size <= limit
        except UserError as error:
            assert "too large" in error.message and size > limit
        writer.join(timeout=10)


# -- issue 21's families ------------------------------------------------------------------------


@st.composite
def yaml_key_bombs(draw: st.DrawFn) -> str:
    """An entry with many unknown, repeated or merged keys, listed many times by alias."""
    keys = draw(st.integers(0, 3000))
    kind = draw(st.sampled_from(["unknown", "repeated", "merged", "mixed"]))
    fields = {
        "unknown": [f"x{i}: 1" for i in range(keys)],
        "repeated": ["title: Z"] * keys,
        "merged": [f"<<: *d{i % 3}" for i in range(min(keys, 3))] + ["title: Z"],
        "mixed": [f"x{i}: 1" if i % 2 else "title: Z" for i in range(keys)],
    }[kind]
    defaults = "".join(
        f"  - &d{i} {{company: D, title: T, start: 2019, "
        + ", ".join(f"y{j}: 1" for j in range(draw(st.integers(0, 300))))
        + "}\n"
        for i in range(3)
    )
    entry = "{company: X, title: Y, start: 2020" + "".join(f", {f}" for f in fields) + "}"
    aliases = draw(st.integers(0, 20_000))
    return (
        "basics: {name: Ada}\nexperience:\n" + defaults + f"  - &e {entry}\n" + "  - *e\n" * aliases
    )


def yaml_key_bomb(text: str) -> None:
    count("YAML key bombs")
    from tailor.errors import InvalidInput
    from tailor.resume_yaml import MAX_ISSUES

    started = time.monotonic()
    try:
        parse_resume(text)
    except InvalidInput as error:
        assert len(error.issues) <= MAX_ISSUES + 1, len(error.issues)
        assert len(str(error).splitlines()) <= 53, len(str(error).splitlines())
    assert time.monotonic() - started < 5, f"{time.monotonic() - started:.1f} s"


WRAPPERS = [
    "w:fldSimple",
    "w:dir",
    "w:bdo",
    "w:customXml",
    "w:moveTo",
    "w:smartTag",
    "w:sdt",
    "w:ins",
    "w:hyperlink",
]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@st.composite
def wrapped_runs(draw: st.DrawFn) -> list[tuple[list[str], str, str]]:
    """Bullets as (wrappers outermost first, how the run is shown, its text)."""
    words = st.text(
        st.characters(min_codepoint=0x61, max_codepoint=0x7A), min_size=3, max_size=8
    )  # lower case: a line in capitals reads as a heading
    return draw(
        st.lists(
            st.tuples(
                st.lists(st.sampled_from(WRAPPERS), max_size=3),
                st.sampled_from(["plain", "hidden", "white"]),
                st.lists(words, min_size=2, max_size=6).map(lambda ws: "Built " + " ".join(ws)),
            ),
            min_size=1,
            max_size=8,
            unique_by=lambda item: item[2],
        )
    )


def word_runs(bullets: list[tuple[list[str], str, str]]) -> None:
    count("Word runs in any wrapper")
    from docx import Document
    from lxml import etree

    from tailor.docx_import import import_docx

    document = Document()
    for line in ("Ada Lovelace", "ada@example.com", "EXPERIENCE", "Analyst, Acme	2019 – 2024"):
        document.add_paragraph(line)
    for wrappers, shown, text in bullets:
        properties = {"plain": "", "hidden": "<w:vanish/>", "white": '<w:color w:val="FFFFFF"/>'}[
            shown
        ]
        xml = f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}.</w:t></w:r>'
        for wrapper in reversed(wrappers):
            inner = f"<w:sdtContent>{xml}</w:sdtContent>" if wrapper == "w:sdt" else xml
            extra = (
                ' w:instr="X"'
                if wrapper == "w:fldSimple"
                else (
                    ' w:val="ltr"'
                    if wrapper in ("w:dir", "w:bdo")
                    else (
                        ' w:element="x"'
                        if wrapper in ("w:customXml", "w:smartTag")
                        else (' w:id="1" w:author="A"' if wrapper in ("w:moveTo", "w:ins") else "")
                    )
                )
            )
            xml = f"<{wrapper}{extra}>{inner}</{wrapper}>"
        paragraph = document.add_paragraph(style="List Bullet")
        for child in etree.fromstring(f'<w:p xmlns:w="{W_NS}">{xml}</w:p>'):
            paragraph._p.append(child)
    buffer = io.BytesIO()
    document.save(buffer)
    resume, notes = import_docx(buffer.getvalue())
    imported = [b.text for entry in resume.experience for b in entry.bullets]
    for _, shown, text in bullets:
        if shown == "plain":
            assert f"{text}." in imported, (text, imported)
        else:
            assert f"{text}." not in imported and any(text in note for note in notes), text


def report_evidence(words: list[str], repeat: int) -> None:
    count("report evidence")
    import json

    from tests.conftest import FakeEmbedder

    from tailor.html_report import render_report
    from tailor.job import parse_job
    from tailor.pipeline import tailor_job
    from tailor.report import EVIDENCE_CHARS, as_json, report_data

    line = " ".join(words * repeat)
    if not line.strip():
        return
    resume = parse_resume(BASE_RESUME)
    try:
        # read=True: the heading rules' reading, so the line counts whatever the reader says
        tailored = tailor_job(
            resume, replace(parse_job(line), read=True), FakeEmbedder(), render=False
        )
    except UserError:
        return
    data = report_data(tailored, None, "tailor job.txt")
    assert all(len(b["evidence"] or "") <= EVIDENCE_CHARS for b in data["bullets"])
    # Linear in the posting, its units and the bullets; never bullets × posting.
    units = len(tailored.job.units) + len(tailored.job.ignored_units)
    bound = 3 * len(line) + 1_000 * units + 2_000 * len(data["bullets"]) + 200_000
    assert len(json.dumps(as_json(tailored, None))) < bound, (len(line), bound)
    assert len(render_report(data)) < bound, (len(line), bound)


def bare_roles(bare: int, bullets: int, order_seed: int) -> None:
    count("bullet-less roles")
    import random

    from tailor.layout import MAX_BARE_ROLES, fit_page

    data = yaml.safe_load(BASE_RESUME)
    data["experience"] = data["experience"][:3] + [
        {
            "company": f"Old Company {i}",
            "title": "Analyst",
            "start": f"{1990 - i}-01",
            "end": f"{1990 - i}-12",
            **({"bullets": [f"Did thing {i}.{j}." for j in range(bullets)]} if i % 3 == 0 else {}),
        }
        for i in range(bare)
    ]
    resume = parse_resume(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    priority = [b.id for b in resume.bullets()]
    random.Random(order_seed).shuffle(priority)
    try:
        page = fit_page(resume, priority)
    except UserError:
        return
    shown = {block.text for block in page.blocks if block.kind == "entry"}
    assert not any(label in shown for label in page.omitted_roles)
    recent = sorted(resume.experience, key=lambda e: e.recency, reverse=True)[:3]
    bare_on_page = [
        e
        for e in resume.experience
        if e.label in shown and e not in recent and not any(b.id in page.kept for b in e.evidence)
    ]
    assert len(bare_on_page) <= MAX_BARE_ROLES, len(bare_on_page)


def unusual_glyphs(text: str) -> None:
    count("unusual glyphs")
    import unicodedata

    from tailor.layout import UNKNOWN_EM, ZERO_WIDTH, font_metrics

    metrics = font_metrics()
    size = 10.0
    em = size
    for ch in text:
        width = metrics.width(ch, size)
        if unicodedata.category(ch) in ZERO_WIDTH:
            assert width == 0, ch
        elif ch == "\u00a0":
            assert width == metrics.width(" ", size)
        else:
            assert 0 <= width <= max(UNKNOWN_EM, 2.1) * em, (ch, width)
            table = metrics.widths["regular"]
            if ord(ch) not in table:  # in no measured font: counted wide, or square
                assert width >= em, (ch, width)
    total = metrics.width(text, size)
    assert abs(total - sum(metrics.width(ch, size) for ch in text)) < 1e-6 * max(1, total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="inputs per target")
    parser.add_argument("--only", nargs="*", help="run only the targets with these names")
    args = parser.parse_args()
    config = settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    targets = [
        given(st.binary(max_size=4000))(job_bytes),
        given(job_like_text)(job_text),
        given(resume_shaped)(resume_document),
        given(st.text(max_size=600))(resume_text),
        given(postings, st.integers(0, 8000), st.sampled_from([" ", "  ", "\t"]))(flat_posting),
        given(html_postings())(html_posting),
        given(utf16_variants())(utf16_variant),
        given(binary_files())(binary_file),
        given(hostile_urls)(hostile_url),
        given(job_paths, st.booleans())(output_collisions),
        given(
            st.sampled_from(["/dev/zero", "/dev/urandom", "fifo"]),
            st.integers(0, 300_000),
            st.integers(1, 200_000),
        )(device_or_fifo),
        given(yaml_key_bombs())(yaml_key_bomb),
        given(wrapped_runs())(word_runs),
        given(
            st.lists(
                st.sampled_from(
                    ["Python", "Kubernetes", "pipelines", "lead", "data", "We", "need", "and", "."]
                ),
                min_size=1,
                max_size=12,
            ),
            st.integers(1, 20_000),
        )(report_evidence),
        given(st.integers(0, 40), st.integers(1, 3), st.integers(0, 1000))(bare_roles),
        given(st.text(min_size=1, max_size=40))(unusual_glyphs),
    ]
    if args.only:
        targets = [target for target in targets if target.__name__ in args.only]
    started = time.monotonic()
    failures = 0
    for target in targets:
        try:
            config(target)()
        except Exception as error:  # a finding: report it and go on with the next target
            failures += 1
            print(f"FINDING in {target.__name__}: {type(error).__name__}: {error}")
        print(f"{target.__name__}: done after {time.monotonic() - started:.0f} s", flush=True)
    total = sum(counts.values())
    for name, tried in counts.items():
        print(f"{name:24} {tried:>8,} inputs")
    print(
        f"{'total':24} {total:>8,} inputs in {time.monotonic() - started:.0f} s, "
        f"{failures} findings"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
