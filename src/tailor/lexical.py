"""TF-IDF exactly as scikit-learn's TfidfVectorizer computes it, in a few lines of numpy.

Why not call scikit-learn: importing it costs about a second per run, more than everything else
tailor does once the model is warm. tests/test_lexical.py checks that the numbers are
scikit-learn's (smooth idf, sublinear tf, l2-normalised rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# scikit-learn's ENGLISH_STOP_WORDS (BSD-3-Clause; from the Glasgow Information Retrieval Group).
ENGLISH_STOP_WORDS = frozenset(
    """
a about above across after afterwards again against all almost alone along already also although
always am among amongst amoungst amount an and another any anyhow anyone anything anyway
anywhere are around as at back be became because become becomes becoming been before beforehand
behind being below beside besides between beyond bill both bottom but by call can cannot cant co
con could couldnt cry de describe detail do done down due during each eg eight either eleven
else elsewhere empty enough etc even ever every everyone everything everywhere except few
fifteen fifty fill find fire first five for former formerly forty found four from front full
further get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers
herself him himself his how however hundred i ie if in inc indeed interest into is it its itself
keep last latter latterly least less ltd made many may me meanwhile might mill mine more
moreover most mostly move much must my myself name namely neither never nevertheless next nine
no nobody none noone nor not nothing now nowhere of off often on once one only onto or other
others otherwise our ours ourselves out over own part per perhaps please put rather re same see
seem seemed seeming seems serious several she should show side since sincere six sixty so some
somehow someone something sometime sometimes somewhere still such system take ten than that the
their them themselves then thence there thereafter thereby therefore therein thereupon these
they thick thin third this those though three through throughout thru thus to together too top
toward towards twelve twenty two un under until up upon us very via was we well were what
whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever
whether which while whither who whoever whole whom whose why will with within without would yet
you your yours yourself yourselves
""".split()
)


@dataclass(frozen=True)
class TfIdf:
    matrix: np.ndarray  # one l2-normalised row per text, one column per term
    vocabulary: list[str]  # column names, sorted
    idf: np.ndarray  # per column

    def terms(self, row: int) -> set[str]:
        return {self.vocabulary[k] for k in self.matrix[row].nonzero()[0]}


def tfidf(
    texts: list[str], token_pattern: re.Pattern[str], stop_words: frozenset[str] | set[str]
) -> TfIdf:
    """Lower-cased tokens minus stop words; tf = 1 + ln(count); idf = ln((1 + n) / (1 + df)) + 1."""
    import numpy as np

    tokenised = [
        [token for token in token_pattern.findall(text.lower()) if token not in stop_words]
        for text in texts
    ]
    vocabulary = sorted(set().union(*tokenised)) if tokenised else []
    column = {term: k for k, term in enumerate(vocabulary)}
    counts = np.zeros((len(texts), len(vocabulary)), dtype=np.float64)
    for row, tokens in enumerate(tokenised):
        for token in tokens:
            counts[row, column[token]] += 1
    present = counts > 0
    idf = np.log((1 + len(texts)) / (1 + present.sum(axis=0))) + 1
    weights = np.where(present, 1 + np.log(np.where(present, counts, 1)), 0.0) * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    matrix = np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
    return TfIdf(matrix, vocabulary, idf)
