"""Exception messages in the words a student reads: the author's message, not pytest's dump."""

from __future__ import annotations


def explain(error: BaseException) -> str:
    """The message of ``error``; an assertion's own text without pytest's introspection lines.

    ``assert ok, "the weights should start at zero"`` gives just that sentence; a bare
    ``assert a == b`` keeps pytest's ``assert 1 == 2`` since there is nothing better to show.
    Other exceptions are prefixed with their type (``TypeError: ...``).
    """
    text = str(error).strip()
    if isinstance(error, AssertionError):
        lines = text.splitlines()
        for index, line in enumerate(lines):
            if index > 0 and line.startswith("assert "):
                return "\n".join(lines[:index]).strip()
        return text or "assertion failed"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
