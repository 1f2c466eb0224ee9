"""Language detection for skipping non-English items: lingua against langdetect.

    python benchmarks/language.py            # the tables of benchmarks/language-notes.md
    python benchmarks/language.py --quick    # fewer English items (a smoke run)

What it measures, every figure in this run:

* **size and licence** of each detector as installed (its package folder) and as the
  wheel pip downloads (when ``--wheels DIR`` holds them);
* **cold start**: a fresh process that imports the detector, builds it for askwell's
  candidate languages and detects one item (the models load on first use);
* **accuracy** on short survey items: the non-English items of
  ``benchmarks/language-items.yaml`` (share skipped, and right language) and the
  English items and answer options of the evaluation set plus the Carpentries items
  (share wrongly skipped: the costly error, an English item left unlinted);
* **time per item**: askwell's English gate alone, and each detector on the items the
  gate passes on.

askwell's own decision (``askwell.language.verdict``: gate, script, lingua with its
thresholds) is measured beside each bare detector with the same thresholds.
langdetect needs ``pip install langdetect`` (it is not an askwell dependency).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import carpentries  # noqa: E402  (benchmarks/carpentries.py)

from askwell import language  # noqa: E402

ITEMS = HERE / "language-items.yaml"
EVALSET = HERE / "evalset"


def english_items(limit: int | None) -> list[str]:
    """English texts as forms hold them: evaluation-set items and options, Carpentries items."""
    out: list[str] = []
    for path in sorted(EVALSET.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            out.append(item["text"])
            out.extend(str(c) for c in item.get("choices") or [])
    try:
        out.extend(text for _, _, text, _, _ in carpentries.iter_items())
    except (OSError, KeyError):
        pass  # the Carpentries surveys are read from ../shared; without them, the evaluation set
    unique = list(dict.fromkeys(t.strip() for t in out if t and t.strip()))
    return unique[:limit] if limit else unique


def other_items() -> list[tuple[str, str]]:
    """(language, text) of every non-English item; "es_short" lists count as "es"."""
    data = yaml.safe_load(ITEMS.read_text(encoding="utf-8"))
    return [(key.split("_")[0], text) for key, texts in data.items() for text in texts]


def package_size(dist: str) -> str:
    """Installed size of a distribution's files, in MB."""
    files = importlib.metadata.files(dist) or []
    total = sum((f.locate().stat().st_size for f in files if Path(f.locate()).is_file()), 0)
    return f"{total / 1e6:.1f} MB"


def licence(dist: str) -> str:
    meta = importlib.metadata.metadata(dist)
    return meta.get("License-Expression") or meta.get("License") or next(
        (c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License")), "?")


COLD = {
    "lingua": ("from lingua import IsoCode639_1 as I, Language as L, LanguageDetectorBuilder as B; "
               "d = B.from_languages(*[L.from_iso_code_639_1(getattr(I, c.upper())) for c in {codes!r}]).build(); "
               "d.compute_language_confidence_values('Qu\\'avez-vous pensé de l\\'atelier ?')"),
    "langdetect": ("from langdetect import DetectorFactory, detect_langs; DetectorFactory.seed = 0; "
                   "detect_langs('Qu\\'avez-vous pensé de l\\'atelier ?')"),
    "bare python": "pass",
}


def cold_start(runs: int) -> dict[str, float]:
    """Median wall time of a fresh process that imports, builds and detects once."""
    out = {}
    for name, code in COLD.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code.format(codes=language.CANDIDATES)], check=True)
            times.append(time.perf_counter() - start)
        out[name] = statistics.median(times)
    return out


def lingua_detector() -> Callable[[str], list[tuple[str, float]]]:
    return lambda text: language.detect(text)


def langdetect_detector() -> Callable[[str], list[tuple[str, float]]]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random without it

    def run(text: str) -> list[tuple[str, float]]:
        try:
            return [(x.lang.split("-")[0], x.prob) for x in detect_langs(text)]
        except LangDetectException:
            return [("en", 0.0)]

    return run


def decide(text: str, detect: Callable[[str], list[tuple[str, float]]], gate: bool) -> str:
    """The language an item is skipped as, or "en" when it is linted (askwell's thresholds).

    With ``gate``, askwell's steps before the detector; without, the detector on every item
    of ``MIN_WORDS`` or more (as it would run without askwell's steps).
    """
    tokens = language.words(text)
    if gate:
        if language.obviously_english(tokens):
            return "en"
        other = language.script(text)
        if other is not None:
            return other
        if not language.foreign_evidence(tokens, text):
            return "en"
    if len(tokens) < language.MIN_WORDS:
        return "en"
    values = detect(text)
    best, confidence = values[0]
    english = dict(values).get("en", 0.0)
    ok = best != "en" and confidence >= language.MIN_CONFIDENCE and confidence >= language.MIN_RATIO * english
    return best if ok else "en"


def accuracy(name: str, detect: Callable[[str], list[tuple[str, float]]], gate: bool, english: list[str],
             others: list[tuple[str, str]]) -> dict[str, object]:
    start = time.perf_counter()
    wrong_skips = [t for t in english if decide(t, detect, gate) != "en"]
    english_time = time.perf_counter() - start
    got = [(lang, decide(text, detect, gate), text) for lang, text in others]
    long_items = [(lang, g) for lang, g, text in got if len(language.words(text)) >= language.MIN_WORDS]
    return {
        "name": name,
        "english wrongly skipped": f"{len(wrong_skips)} of {len(english)}",
        "examples": wrong_skips[:6],
        "non-English skipped": f"{sum(g != 'en' for _, g, _ in got)} of {len(got)}",
        f"... of {language.MIN_WORDS}+ words": f"{sum(g != 'en' for _, g in long_items)} of {len(long_items)}",
        "right language": f"{sum(g == lang for lang, g, _ in got)} of {len(got)}",
        "per English text": f"{english_time / len(english) * 1e6:.0f} µs",
        "missed": Counter(lang for lang, g, _ in got if g == "en"),
    }


def gate_stats(english: list[str], others: list[tuple[str, str]]) -> tuple[str, str, str, str]:
    """What askwell's steps before the detector decide: English passed, detector calls left."""
    start = time.perf_counter()
    passed = sum(language.obviously_english(language.words(t)) for t in english)
    per = (time.perf_counter() - start) / len(english) * 1e6
    wrongly = [t for _, t in others if language.obviously_english(language.words(t))]
    need = [t for t in english if not language.obviously_english(language.words(t))
            and len(language.words(t)) >= language.MIN_WORDS and language.script(t) is None
            and language.foreign_evidence(language.words(t), t)]
    return (f"{passed} of {len(english)} English texts ({passed / len(english):.1%})", f"{per:.1f} µs",
            f"{len(wrongly)} of {len(others)} non-English items: {wrongly}",
            f"{len(need)} of {len(english)} English texts still reach the detector, e.g. {need[:5]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 English items, 1 cold-start run")
    parser.add_argument("--runs", type=int, default=3, help="cold-start runs per detector (median)")
    args = parser.parse_args()
    english = english_items(300 if args.quick else None)
    others = other_items()
    print(f"python {sys.version.split()[0]}; {len(english)} English texts, {len(others)} non-English; "
          f"candidates {', '.join(language.CANDIDATES)}; thresholds: confidence {language.MIN_CONFIDENCE}, "
          f"{language.MIN_WORDS}+ words\n")

    print("| detector | version | licence | installed |")
    print("| --- | --- | --- | --- |")
    for dist in ("lingua-language-detector", "langdetect"):
        try:
            print(f"| {dist} | {importlib.metadata.version(dist)} | {licence(dist)} | {package_size(dist)} |")
        except importlib.metadata.PackageNotFoundError:
            print(f"| {dist} | not installed | | |")

    cold = cold_start(1 if args.quick else args.runs)
    print("\ncold start (fresh process: import, build for the candidates, detect one item):")
    for name, seconds in cold.items():
        print(f"  {name:12} {seconds:.2f} s" + (f"  (+{seconds - cold['bare python']:.2f} s over bare python)"
                                               if name != "bare python" else ""))

    passed, per, wrong, need = gate_stats(english, others)
    print(f"\nEnglish gate: passes {passed} without a detector, {per} per item; lets through {wrong}")
    print(f"Foreign evidence: {need}")

    rows = [accuracy("askwell (gate + lingua)", lingua_detector(), True, english, others),
            accuracy("lingua alone", lingua_detector(), False, english, others)]
    try:
        detect_ld = langdetect_detector()
        rows += [accuracy("gate + langdetect", detect_ld, True, english, others),
                 accuracy("langdetect alone", detect_ld, False, english, others)]
    except ImportError:
        print("(langdetect not installed: pip install langdetect)")
    keys = [k for k in rows[0] if k not in ("name", "examples", "missed")]
    print("\n| | " + " | ".join(keys) + " |")
    print("| --- |" + " --- |" * len(keys))
    for row in rows:
        print(f"| {row['name']} | " + " | ".join(str(row[k]) for k in keys) + " |")
    for row in rows:
        print(f"\n{row['name']}: English skipped, e.g. {row['examples']}; non-English linted by language: "
              f"{dict(sorted(row['missed'].items()))}")  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
