"""Reflect's command line: scripting, power use, and how tests drive the journal."""
