"""The prompt library: built-in packs as data files, the pack format, its validation.

Arrives with its own issue; the package exists now so the layering rules cover it.
"""
