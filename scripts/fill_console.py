"""Write the output of every ``$ command`` into the ``console`` blocks of docs/*.md.

    python scripts/fill_console.py

The test suite runs the same commands and fails when the output differs
(tests/test_docs.py), so run this after a change that changes what a command
prints, and read the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from docs_blocks import blocks, run_console  # noqa: E402


def main() -> int:
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        changed = text
        for block in blocks(text):
            if block.lang != "console":
                continue
            written = []
            for command, _ in block.commands():
                written.append(f"$ {command}")
                output = run_console(command).rstrip("\n")
                if output:
                    written.append(output)
            new = "```console\n" + "\n".join(written) + "\n```"
            changed = changed.replace(block.raw, new, 1)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
            print(f"updated {page.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
