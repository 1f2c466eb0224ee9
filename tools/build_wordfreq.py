"""Build askwell's English word-frequency tables from wordfreq's public API.

Usage: python tools/build_wordfreq.py            # writes src/askwell/data/wordfreq-{small,large}-en.txt.gz
       python tools/build_wordfreq.py --check    # exit 1 when the committed tables differ from a rebuild

wordfreq keeps each word list as frequency buckets one centibel apart: bucket ``i``
holds the words of frequency ``10 ** (-i / 100)``, as ``get_frequency_list`` hands them
out, and ``askwell.lexicon`` replays ``zipf_frequency``'s rounding from a word's bucket.  askwell reads the
tables itself because importing wordfreq (ftfy, langcodes) and filling its 321,000-word
dict costs about a second of start-up for a lookup of a few hundred words.

One line per bucket, its words in alphabetical order separated by spaces; lines
starting with ``#`` are the header.  The small list is kept whole (every word of Zipf
3 or more).  The large list keeps only what ``lexicon.FrequencyIndex`` searches after
a miss in the small list: plain lowercase ASCII words in the buckets past the small
list's last (earlier buckets are empty lines, so indices stay absolute).

The data is wordfreq's (Robyn Speer and contributors), CC BY-SA 4.0: the tables carry
that licence, and the header says so.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from importlib import metadata
from pathlib import Path

from wordfreq import get_frequency_list

OUT = Path(__file__).resolve().parents[1] / "src" / "askwell" / "data"
ASCII_WORD = re.compile(r"[a-z]+")


def buckets(wordlist: str) -> list[list[str]]:
    """The words of an English wordfreq list by bucket index, each bucket sorted (for bisecting)."""
    return [sorted(bucket) for bucket in get_frequency_list("en", wordlist=wordlist)]


def header(wordlist: str) -> list[str]:
    version = metadata.version("wordfreq")
    return [f"# wordfreq {version} English '{wordlist}' list by centibel bucket (line i: frequency 10^(-i/100)).",
            "# Built by tools/build_wordfreq.py; do not edit by hand.",
            "# Data: wordfreq (Robyn Speer and contributors), CC BY-SA 4.0, https://github.com/rspeer/wordfreq"]


def render(wordlist: str, rows: list[list[str]]) -> bytes:
    text = "\n".join(header(wordlist) + [" ".join(row) for row in rows]) + "\n"
    # mtime=0: the same tables give the same bytes, so --check and git see no change.
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def tables() -> dict[str, bytes]:
    """File name -> gzipped table, for both lists."""
    small = buckets("small")
    large = buckets("large")
    rare = [[] if i < len(small) else [w for w in row if ASCII_WORD.fullmatch(w)] for i, row in enumerate(large)]
    return {"wordfreq-small-en.txt.gz": render("small", small), "wordfreq-large-en.txt.gz": render("large", rare)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the committed tables instead of writing")
    args = ap.parse_args(argv)
    stale = []
    for name, data in tables().items():
        path = OUT / name
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
            continue
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path} ({len(data):,} bytes)")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python tools/build_wordfreq.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
