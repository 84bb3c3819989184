"""Hypothesis strategies shared by the property tests and scripts/fuzz.py."""

from __future__ import annotations

from hypothesis import strategies as st

FIELD_NAMES = [
    "basics",
    "name",
    "email",
    "phone",
    "links",
    "url",
    "label",
    "summary",
    "experience",
    "company",
    "title",
    "start",
    "end",
    "bullets",
    "text",
    "id",
    "pin",
    "tags",
    "open_source",
    "projects",
    "role",
    "education",
    "institution",
    "degree",
    "awards",
    "publications",
    "skills",
    "items",
    "languages",
    "level",
    "interests",
    "location",
    "score",
    "courses",
]

# Text people paste: any Unicode (emoji, RTL, combining marks, control characters, surrogates
# excluded by the codec), long unbroken words, and real-looking words.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
words = st.lists(
    st.sampled_from(
        [
            "Python",
            "Kubernetes",
            "led",
            "the",
            "team",
            "ML",
            "—",
            "🚀",
            "שלום",
            "مرحبا",
            "naïve",
            "x" * 60,
            "a\u0301",
            "\t",
            "\x07",
            "2024-09",
            "present",
            ":",
            "-",
            "#",
        ]
    ),
    max_size=40,
)
job_like_text = st.one_of(any_text, words.map(" ".join), words.map("\n".join))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    any_text,
    st.sampled_from(["2024-09", "Sep 2024", "present", "Summer 2015", "x@y.z"]),
)
yaml_shaped = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)), children, max_size=6
        ),
    ),
    max_leaves=40,
)
resume_shaped = st.dictionaries(st.sampled_from(FIELD_NAMES), yaml_shaped, max_size=8)
