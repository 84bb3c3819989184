"""Regenerate src/tailor/data/carlito.json: advance widths and line metrics of Carlito.

Carlito (SIL OFL) is metric-compatible with Calibri, the résumé's font, so its widths predict
where Word and LibreOffice break lines. The table is committed so tailor needs neither the font
file nor fontTools at run time.

    apt-get install fonts-crosextra-carlito && pip install fonttools
    python scripts/font_metrics.py [FONT_DIR]
"""

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}


def main() -> None:
    font_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/crosextra")
    out = Path(__file__).resolve().parents[1] / "src/tailor/data/carlito.json"
    table: dict = {"source": "Carlito (metric-compatible with Calibri), SIL Open Font License",
                   "styles": {}}
    for key, style in STYLES.items():
        font = TTFont(font_dir / f"Carlito-{style}.ttf")
        os2 = font["OS/2"]
        table["units_per_em"] = font["head"].unitsPerEm
        # Word and LibreOffice space single lines by the Windows ascent + descent.
        table["line_height"] = (os2.usWinAscent + os2.usWinDescent) / font["head"].unitsPerEm
        table["ascent"] = os2.usWinAscent / font["head"].unitsPerEm
        widths = font["hmtx"].metrics
        cmap = font.getBestCmap()
        # Widths as runs "first codepoint: [w, w, ...]" keep the file small and readable.
        runs: dict[str, list[int]] = {}
        start = previous = None
        for codepoint in sorted(cp for cp in cmap if cp < 0x10000):
            if previous is None or codepoint != previous + 1:
                start = codepoint
                runs[str(start)] = []
            runs[str(start)].append(widths[cmap[codepoint]][0])
            previous = codepoint
        table["styles"][key] = runs
    out.write_text(json.dumps(table, separators=(",", ":")) + "\n")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
