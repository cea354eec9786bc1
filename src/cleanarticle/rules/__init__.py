"""Chrome rules as data: profiles loaded from TOML, validated, compiled once.

The format is described in :mod:`cleanarticle.rules.schema` (and docs/rules.md); the built-in
profiles are ``rules/profiles/*.toml``. :mod:`~cleanarticle.rules.load` reads and validates
them, :mod:`~cleanarticle.rules.ruleset` holds them compiled, :mod:`~cleanarticle.rules.match`
matches block texts against them.
"""

from cleanarticle.rules.load import builtin_profiles, load_profiles, load_rules
from cleanarticle.rules.match import SEEN_TEXTS, TextMatcher
from cleanarticle.rules.ruleset import RuleSet
from cleanarticle.rules.schema import Detect, Profile, Rule

__all__ = [
    "SEEN_TEXTS",
    "Detect",
    "Profile",
    "Rule",
    "RuleSet",
    "TextMatcher",
    "builtin_profiles",
    "load_profiles",
    "load_rules",
]
