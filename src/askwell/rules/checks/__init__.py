"""Coded checks: one plain module each, with ``check(question, doc, options, context)``.

The registry below maps the name a rule file gives in ``check:`` to its module.
It is explicit on purpose: nothing registers itself on import, and modules are
imported only when a run enables their rule.  Survey-scope checks (rule
``scope: survey``) take ``(questions, None, options, context)`` and yield
``(question index, Hit)`` pairs.
"""

CHECK_MODULES: dict[str, str] = {
    # wording: leading, closed, double-barreled
    "closed_question": "askwell.rules.checks.closed_question",
    "double_barreled": "askwell.rules.checks.double_barreled",
    "presupposition": "askwell.rules.checks.presupposition",
    # jargon
    "rare_words": "askwell.rules.checks.rare_words",
    "acronyms": "askwell.rules.checks.acronyms",
    "glossary_terms": "askwell.rules.checks.glossary_terms",
    "rejected_terms": "askwell.rules.checks.rejected_terms",
    # vague, negative, absolute, hypothetical, sensitive, structure
    # response options and survey-level checks
}
