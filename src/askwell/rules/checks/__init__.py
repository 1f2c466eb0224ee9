"""Coded checks: one plain module each, with ``check(question, doc, options, context)``.

A coded rule's id, its YAML file and its module share one name: rule
``missing-prefer-not-to-say`` in ``rules/response-options/`` says
``check: missing_prefer_not_to_say`` and lives in
``checks/response_options/missing_prefer_not_to_say.py``.  The registry below is
explicit on purpose: nothing registers itself on import, and modules are imported
only when a run enables their rule.  Survey-scope checks (rule ``scope: survey``)
take ``(questions, None, options, context)`` and yield ``(question index, Hit)``
pairs.  What several rules need to know about language (the parse views, stems,
negation, answer options, topics, the survey's subject) is in ``askwell.analysis``;
a check never imports another check.
"""

# Grouped as the rule data is grouped: rules/<category>/<rule-id>.yaml.
CHECKS_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "absolute": ("absolute_terms",),
    "closed": ("closed_question",),
    "double-barreled": ("double_barreled",),
    "hypothetical": ("hypothetical_behaviour",),
    "jargon": ("glossary_term", "rare_words", "rejected_term", "unexplained_acronym"),
    "leading": ("agree_disagree", "framing", "loaded_words", "presupposition"),
    "length": ("survey_length",),
    "negative": ("double_negative", "negative_wording"),
    "response-options": (
        "forced_single_identity", "gapped_ranges", "loaded_option", "many_required", "misplaced_midpoint",
        "missing_midpoint", "missing_other", "missing_prefer_not_to_say", "no_closing_question",
        "overlapping_options", "overlapping_ranges", "scale_direction_flip", "stem_option_mismatch",
        "too_many_options", "unbalanced_scale",
    ),
    "sensitive": ("sensitive_topic", "socially_desirable"),
    "structure": ("not_a_question", "several_questions"),
    "vague": ("ambiguous_referent", "missing_reference_period", "vague_quantifier"),
}

CHECK_MODULES: dict[str, str] = {
    name: f"askwell.rules.checks.{category.replace('-', '_')}.{name}"
    for category, names in CHECKS_BY_CATEGORY.items() for name in names
}
