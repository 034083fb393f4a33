"""The fenced code blocks of the documentation, and how a ``console`` block runs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parents[1]
FENCE = re.compile(r"^```([a-z]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
#: No locale from the machine running the docs: the commands answer in Finnish.
ENV = {**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "", "COLUMNS": "200"}


@dataclass
class Block:
    lang: str
    body: str
    raw: str
    line: int

    def commands(self) -> Iterator[tuple[str, str]]:
        """Each ``$ command`` of a console block with the output written under it."""
        command: str | None = None
        output: list[str] = []
        for text in self.body.splitlines():
            if text.startswith("$ "):
                if command is not None:
                    yield command, "\n".join(output)
                command, output = text[2:], []
            else:
                output.append(text)
        if command is not None:
            yield command, "\n".join(output)


def blocks(text: str) -> list[Block]:
    return [
        Block(m[1], m[2], m[0], text[: m.start()].count("\n") + 1) for m in FENCE.finditer(text)
    ]


def run_console(command: str) -> str:
    """The output of a documented command, run from the repository's root: ``ekosysteemi``
    and ``python`` are this interpreter's."""
    args = shlex.split(command)
    if args[0] == "ekosysteemi":
        args = [sys.executable, "-m", "ekosysteemi", *args[1:]]
    elif args[0] == "python":
        args = [sys.executable, *args[1:]]
    else:
        raise ValueError(f"a documented command runs ekosysteemi or python, not {args[0]!r}")
    done = subprocess.run(args, capture_output=True, cwd=ROOT, env=ENV, check=False, timeout=120)
    return done.stdout.decode("utf-8-sig").replace("\r\n", "\n")
