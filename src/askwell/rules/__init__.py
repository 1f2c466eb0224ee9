"""The code that runs rules: rule data loading (packs), declarative kinds, coded checks, registry.

The rule *data* lives in the top-level ``rules/`` folder (shipped in the wheel as
``askwell/_rules``); this package only knows how to load and run it.
"""
