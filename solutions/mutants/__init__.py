"""Deliberately wrong solutions that ``course check`` grades (see course/mutants.py)."""
