"""Coded checks: one plain module each, with ``check(question, doc, options, context)``.

The registry below maps the name a rule file gives in ``check:`` to its module.
It is explicit on purpose: nothing registers itself on import, and modules are
imported only when a run enables their rule.
"""

CHECK_MODULES: dict[str, str] = {
    "closed_question": "askwell.rules.checks.closed_question",
    "double_barreled": "askwell.rules.checks.double_barreled",
    "rare_words": "askwell.rules.checks.rare_words",
    "acronyms": "askwell.rules.checks.acronyms",
    "glossary_terms": "askwell.rules.checks.glossary_terms",
    "rejected_terms": "askwell.rules.checks.rejected_terms",
    "presupposition": "askwell.rules.checks.presupposition",
}
