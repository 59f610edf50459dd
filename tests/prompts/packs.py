"""Prompt packs for tests: one good pack as an enabler would write it, and ways to spoil it."""

from __future__ import annotations

GOOD = """\
# The first month, for the Riverside programme.
format = 1
id = "first-month"
title = "The first month of the programme"
author = "Sam Okafor"
version = 1
description = \"\"\"
Questions for the first weeks, one each Monday.
\"\"\"
sources = ["Sue Goss, Systems Leadership (OPM, 2015)"]

[schedule]
every = "monday"

[[prompts]]
id = "arrival"
text = "Who did you meet this week that you had not worked with before?"
ways = ["relating", "perceiving"]
lenses = ["biographer"]
stage = "experience"
moments = ["weekly"]

[[prompts]]
id = "the-knot"
text = "What is the knot at the centre of this work that nobody owns yet?"
ways = ["Ways of thinking"]
lenses = ["The sage"]
stage = "conceptualisation"
moments = ["weekly", "after meeting"]

[[prompts]]
id = "one-step"
text = "What is one small thing you could try before the next board?"
ways = ["doing"]
stage = "planning"
"""


def replaced(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)
