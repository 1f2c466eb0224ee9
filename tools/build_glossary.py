"""Build rules/wordlists/glosario-jargon.tsv from The Carpentries Glosario term list.

Usage: python tools/build_glossary.py ../shared/data/glosario-terms.txt

Many Glosario terms are ordinary words with a technical sense only in context
("branch", "mean", "string"); flagging them would flood every survey.  Kept:
single words rarer than Zipf 3.0 in general English, and multi-word terms that are
not everyday phrases.  Level ``basic`` is jargon for novice learners only;
``advanced`` (rarer still) is jargon for instructors too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import zipf_frequency

# Multi-word terms that read as everyday English, whatever their frequency says.
EVERYDAY = {"open source", "open data", "open access", "code of conduct", "user interface", "search engine",
            "web page", "home page", "real number", "operating system", "error message",
            "cloud computing", "social media", "data science", "machine learning", "artificial intelligence",
            "big data", "text editor", "web browser", "password manager",
            "raw data", "data set", "open science"}
# Rare words that the Glosario defines but that are not technical for respondents.
NOT_TECHNICAL = {"hitchhiker", "breadcrumbs", "triage", "preamble", "vignette", "lifecycle", "pager", "affordance",
                 "boilerplate", "outlier", "timestamp", "increment", "decrement"}
SINGLE_MAX, ADVANCED_MAX, PHRASE_ADVANCED = 3.0, 2.0, 3.5


def level(term: str) -> str | None:
    """'basic', 'advanced' or None (not jargon enough to flag)."""
    term = term.split("(")[0].strip()
    words = term.lower().split()
    if term.lower() in NOT_TECHNICAL:
        return None
    if len(term) < 3 or any(not w.replace("-", "").replace("'", "").isalpha() for w in words):
        return None
    if len(words) == 1:
        z = zipf_frequency(words[0], "en")
        if z >= SINGLE_MAX:
            return None
        return "advanced" if z < ADVANCED_MAX else "basic"
    if term.lower() in EVERYDAY:
        return None
    # Phrase frequency says little here (technical phrases are frequent on the web), so every
    # multi-word term counts; the rarest phrases are jargon for instructors too.
    return "advanced" if zipf_frequency(term.lower(), "en") < PHRASE_ADVANCED else "basic"


# Terms the Glosario lacks in this form but that novices meet in Carpentries surveys.
SUPPLEMENT = {"version control": "basic", "command line": "basic", "command-line": "basic", "repository": "basic",
              "merge conflict": "basic", "pull request": "basic", "working directory": "basic"}


def main(source: Path, target: Path) -> None:
    rows = [f"{term}\t{lvl}" for term, lvl in SUPPLEMENT.items()]
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        term = parts[1].strip()
        found = level(term)
        if found:
            rows.append(f"{term.split('(')[0].strip()}\t{found}")
    header = ("# Technical terms from The Carpentries Glosario (github.com/carpentries/glosario),\n"
              "# CC BY 4.0, The Carpentries Glosario contributors. Filtered by tools/build_glossary.py:\n"
              "# term<TAB>level (basic: jargon for learners; advanced: for instructors too).\n")
    target.write_text(header + "\n".join(sorted(set(rows), key=str.lower)) + "\n", encoding="utf-8")
    print(f"{len(rows)} terms written to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parents[1] / "rules" / "wordlists" / "glosario-jargon.tsv")
