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
    "loaded_words": "askwell.rules.checks.loaded_words",
    "framing": "askwell.rules.checks.framing",
    "agree_disagree": "askwell.rules.checks.agree_disagree",
    # jargon
    "rare_words": "askwell.rules.checks.rare_words",
    "acronyms": "askwell.rules.checks.acronyms",
    "glossary_terms": "askwell.rules.checks.glossary_terms",
    "rejected_terms": "askwell.rules.checks.rejected_terms",
    # vague, negative, absolute, hypothetical, sensitive, structure
    "vague_quantifier": "askwell.rules.checks.vague_quantifier",
    "reference_period": "askwell.rules.checks.reference_period",
    "ambiguous_referent": "askwell.rules.checks.ambiguous_referent",
    "negative_wording": "askwell.rules.checks.negative_wording",
    "double_negative": "askwell.rules.checks.double_negative",
    "absolute_terms": "askwell.rules.checks.absolute_terms",
    "hypothetical": "askwell.rules.checks.hypothetical",
    "sensitive_topic": "askwell.rules.checks.sensitive_topic",
    "socially_desirable": "askwell.rules.checks.socially_desirable",
    "not_a_question": "askwell.rules.checks.not_a_question",
    "several_questions": "askwell.rules.checks.several_questions",
    # response options and survey-level checks
    "unbalanced_scale": "askwell.rules.checks.unbalanced_scale",
    "missing_midpoint": "askwell.rules.checks.missing_midpoint",
    "misplaced_midpoint": "askwell.rules.checks.misplaced_midpoint",
    "scale_direction": "askwell.rules.checks.scale_direction",
    "overlapping_ranges": "askwell.rules.checks.overlapping_ranges",
    "gapped_ranges": "askwell.rules.checks.gapped_ranges",
    "missing_other": "askwell.rules.checks.missing_other",
    "missing_opt_out": "askwell.rules.checks.missing_opt_out",
    "forced_single_identity": "askwell.rules.checks.forced_single_identity",
    "too_many_options": "askwell.rules.checks.too_many_options",
    "overlapping_options": "askwell.rules.checks.overlapping_options",
    "loaded_option": "askwell.rules.checks.loaded_option",
    "stem_option_mismatch": "askwell.rules.checks.stem_option_mismatch",
    "closing_question": "askwell.rules.checks.closing_question",
    "survey_length": "askwell.rules.checks.survey_length",
    "required_share": "askwell.rules.checks.required_share",
}
