"""The Word XML (WordprocessingML) namespaces that the DOCX writer, its read-back check and the
DOCX importer share: written once, so that what is written is what is looked for."""

from __future__ import annotations

MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# ElementTree's spelling, for find and iter: f"{W}p" is a paragraph.
W = f"{{{MAIN}}}"
R = f"{{{RELATIONSHIPS}}}"
REL = f"{{{PACKAGE_RELATIONSHIPS}}}"
MC = f"{{{MARKUP_COMPATIBILITY}}}"
# The declaration the writer's XML fragments carry, for the w: and r: prefixes.
DECLARATIONS = f'xmlns:w="{MAIN}" xmlns:r="{RELATIONSHIPS}"'
