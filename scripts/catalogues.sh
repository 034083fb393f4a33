#!/usr/bin/env bash
# Extract the messages shown to people, merge them into the fi, sv and en
# catalogues, and compile those. Babel's own tooling does every step; the
# compiled .mo files are built here, never edited by hand.
#   scripts/catalogues.sh            extract + update + compile
#   scripts/catalogues.sh compile    compile only
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-pybabel}"
LOCALE=src/ekosysteemi/locale
POT="$LOCALE/ekosysteemi.pot"
if [ "${1:-}" != "compile" ]; then
    # Babel skips folders whose names start with "_", so name each private package.
    mapfile -t private < <(find src/ekosysteemi -mindepth 1 -type d -name '_*' \
        ! -name '__pycache__' | sort)
    "$PYBABEL" extract -F babel.cfg -k N_ -k N_n:1,2 --no-location --sort-output \
        --add-comments=TRANSLATORS: --project=ekosysteemi -o "$POT" src/ekosysteemi "${private[@]}"
    for lang in fi sv en; do
        if [ -f "$LOCALE/$lang/LC_MESSAGES/ekosysteemi.po" ]; then
            "$PYBABEL" update -i "$POT" -d "$LOCALE" -D ekosysteemi -l "$lang" \
                --no-fuzzy-matching --ignore-obsolete
        else
            "$PYBABEL" init -i "$POT" -d "$LOCALE" -D ekosysteemi -l "$lang"
        fi
    done
fi
"$PYBABEL" compile -d "$LOCALE" -D ekosysteemi --statistics
