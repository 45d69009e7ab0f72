"""Your assignments: fill in every ``# TODO`` and run ``course grade``."""
