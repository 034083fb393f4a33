"""MkDocs hooks for the documentation site.

- The JSON Schemas page is written from the library at build time, so that it
  can never drift from what ``eko.json_schema`` returns.
- Doctest examples in docstrings (``>>>`` lines and their output, up to a blank
  line) are shown as code blocks in the generated reference.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markdown import Extension
from markdown.preprocessors import Preprocessor

MARKER = "<!-- schemas -->"
MODELS = (
    "Proposal", "Call", "Agreement", "Theme", "PartnerCity", "Criterion", "Assessment",
    "Report", "Selection",
)  # fmt: skip
_FENCE = re.compile(r"^\s*(```|~~~)")


class _Doctests(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = False
        index = 0
        while index < len(lines):
            line = lines[index]
            if _FENCE.match(line):
                fenced = not fenced
            if fenced or not line.startswith(">>> "):
                out.append(line)
                index += 1
                continue
            block = []
            while index < len(lines) and lines[index].strip():
                block.append(lines[index])
                index += 1
            out += ["", "```pycon", *block, "```", ""]
        return out


class _DoctestExtension(Extension):
    def extendMarkdown(self, md: Any) -> None:
        md.preprocessors.register(_Doctests(md), "ekosysteemi_doctests", 40)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(_DoctestExtension())
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in markdown:
        return markdown
    import ekosysteemi as eko

    sections = []
    for name in MODELS:
        schema = json.dumps(eko.json_schema(getattr(eko, name)), ensure_ascii=False, indent=2)
        sections.append(f"## {name}\n\n`eko.json_schema(eko.{name})`:\n\n```json\n{schema}\n```\n")
    return markdown.replace(MARKER, "\n".join(sections))
