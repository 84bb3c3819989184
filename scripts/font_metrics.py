"""Regenerate src/tailor/data/carlito.json: advance widths and line metrics of Carlito, and the
widths of the glyphs Carlito lacks in the fonts a word processor falls back to.

Carlito (SIL OFL) is metric-compatible with Calibri, the résumé's font, so its widths predict
where Word and LibreOffice break lines. A character Carlito lacks ("⟶", "☐", Cyrillic
supplements) is drawn from another font, often wider than an em ("⟶" is 1.43 em in DejaVu
Sans): `fallback` holds, for each such character, the widest advance any of the fallback fonts
gives it, so the prediction errs towards more lines. tailor treats characters in none of
them conservatively (layout.font_metrics). The table is committed so tailor needs neither the
font files nor fontTools at run time.

    apt-get install fonts-crosextra-carlito fonts-dejavu-core fonts-liberation2
    pip install fonttools
    python scripts/font_metrics.py [FONT_DIR]
"""

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}
# LibreOffice's fallbacks on Linux (fontconfig's default sans, its own symbols) and the other
# families tailor's page checks install; every style of each.
# (Not the monospaced ones, which no word processor picks for a proportional font.)
FALLBACK_FONTS = [
    "dejavu/DejaVuSans.ttf",
    "dejavu/DejaVuSans-*.ttf",
    "dejavu/DejaVuSerif.ttf",
    "dejavu/DejaVuSerif-*.ttf",
    "liberation2/LiberationSans-*.ttf",
    "libreoffice/opens___.ttf",
]


def runs_of(widths: dict[int, int]) -> dict[str, list[int]]:
    """Widths as runs "first codepoint: [w, w, ...]": the file stays small and readable."""
    runs: dict[str, list[int]] = {}
    start = previous = None
    for codepoint in sorted(widths):
        if previous is None or codepoint != previous + 1:
            start = codepoint
            runs[str(start)] = []
        runs[str(start)].append(widths[codepoint])
        previous = codepoint
    return runs


def main() -> None:
    fonts = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype")
    out = Path(__file__).resolve().parents[1] / "src/tailor/data/carlito.json"
    table: dict = {
        "source": "Carlito (metric-compatible with Calibri), SIL Open Font License; "
        "fallback: the widest of " + ", ".join(FALLBACK_FONTS),
        "styles": {},
    }
    covered: set[int] = set()
    for key, style in STYLES.items():
        font = TTFont(fonts / "crosextra" / f"Carlito-{style}.ttf")
        os2 = font["OS/2"]
        table["units_per_em"] = font["head"].unitsPerEm
        # Word and LibreOffice space single lines by the Windows ascent + descent.
        table["line_height"] = (os2.usWinAscent + os2.usWinDescent) / font["head"].unitsPerEm
        table["ascent"] = os2.usWinAscent / font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        covered |= set(cmap)
        table["styles"][key] = runs_of({cp: metrics[name][0] for cp, name in cmap.items()})
    fallback: dict[int, int] = {}
    paths = sorted(path for pattern in FALLBACK_FONTS for path in fonts.glob(pattern))
    if not paths:
        sys.exit(f"no fallback fonts under {fonts}: install fonts-dejavu-core")
    for path in paths:
        font = TTFont(path, lazy=True)
        scale = table["units_per_em"] / font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        for codepoint, name in font.getBestCmap().items():
            if codepoint not in covered:
                width = round(metrics[name][0] * scale)
                fallback[codepoint] = max(width, fallback.get(codepoint, 0))
    table["fallback"] = runs_of(fallback)
    out.write_text(json.dumps(table, separators=(",", ":")) + "\n")
    print(
        f"wrote {out} ({out.stat().st_size:,} bytes; {len(covered):,} glyphs of Carlito, "
        f"{len(fallback):,} from {len(paths)} fallback fonts)"
    )


if __name__ == "__main__":
    main()
