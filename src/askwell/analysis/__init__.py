"""What several rules need to know about language, worked out one way for all of them.

Grouped by what it knows: ``views`` (the question sentences and tokens of a parse),
``stems`` (which sentences are the stem, their form, hedges, neighbours),
``negation`` (negations in the stem), ``options`` (answer options and scales),
``topics`` (sensitive and identity topics) and ``subject`` (what a survey is
about).  Checks import from here and never from one another.
"""
