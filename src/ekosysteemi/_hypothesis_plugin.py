"""Hypothesis's entry point: makes ``st.from_type(eko.Proposal)`` work in any test suite.

Hypothesis loads its entry points while it is itself being imported. When the
user imported ``ekosysteemi.testing`` first, that module is half imported at
that moment (it imports Hypothesis): this hook then does nothing, and the
module registers its strategies itself when its import completes.
"""

import sys


def setup() -> None:
    """Import ``ekosysteemi.testing``, which registers the strategies."""
    if "ekosysteemi.testing" not in sys.modules:
        import ekosysteemi.testing  # noqa: F401 - imported for its registration
