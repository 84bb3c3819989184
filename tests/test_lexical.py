"""The numpy TF-IDF is scikit-learn's TfidfVectorizer, number for number."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN_STOP_WORDS
from sklearn.feature_extraction.text import TfidfVectorizer

from tailor.lexical import ENGLISH_STOP_WORDS, tfidf
from tailor.rank import _TOKEN

TEXTS = [
    "Led adoption of Kubeflow Pipelines for model retraining.",
    "Built REST API (Django, Python) with 25,000 daily accesses; CI/CD and C++ too.",
    "Kubeflow Kubeflow pipelines: retraining retraining retraining!",
    "the and of",  # only stop words
    "Experience with Kubernetes, Spark and Kafka",
]


def test_stop_words_are_scikit_learns():
    assert frozenset(SKLEARN_STOP_WORDS) == ENGLISH_STOP_WORDS


@pytest.mark.parametrize("extra_stop_words", [set(), {"kubeflow"}])
def test_matches_scikit_learn(extra_stop_words: set[str]):
    stop = ENGLISH_STOP_WORDS | extra_stop_words
    ours = tfidf(TEXTS, _TOKEN, stop)
    reference = TfidfVectorizer(
        lowercase=True, token_pattern=_TOKEN.pattern, stop_words=sorted(stop), sublinear_tf=True
    )
    expected = reference.fit_transform(TEXTS).toarray()
    assert ours.vocabulary == list(reference.get_feature_names_out())
    assert np.allclose(ours.matrix, expected, atol=1e-12)
    assert np.allclose(ours.idf, reference.idf_)
    assert ours.terms(3) == set()


def test_no_words_at_all():
    model = tfidf(["the", "and"], re.compile(r"\w+"), ENGLISH_STOP_WORDS)
    assert model.vocabulary == [] and model.matrix.shape == (2, 0)
