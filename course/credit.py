"""Partial credit: a graded test made of parts, each worth its share of the test's points."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from course.messages import explain


class PartialCredit:
    """The ``partial_credit`` fixture: run checks as parts and keep going after one fails.

    ::

        def test_predict(partial_credit, perceptron):
            for case in CASES:
                with partial_credit.part(f"case {case.name}"):
                    assert ...

    A test whose parts all pass earns its points; otherwise it fails with every failed part's
    message and earns the share of parts that passed. ``NotImplementedError`` and time-outs are
    not caught: an unfinished task is reported as not started, not as a failed part.
    """

    def __init__(self) -> None:
        self.passed = 0
        self.failures: list[str] = []

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        """Run one part; an exception fails this part only."""
        try:
            yield
        except NotImplementedError:
            raise
        except Exception as error:
            self.failures.append(f"{name}: {explain(error)}")
        else:
            self.passed += 1

    @property
    def used(self) -> bool:
        """Whether the test ran any part."""
        return bool(self.passed or self.failures)

    @property
    def fraction(self) -> float:
        """The share of parts that passed."""
        return self.passed / (self.passed + len(self.failures))

    def failure_message(self) -> str:
        """Which parts failed, and why, one line each."""
        total = self.passed + len(self.failures)
        summary = f"{len(self.failures)} of {total} parts failed"
        return "\n".join([summary, *self.failures])
