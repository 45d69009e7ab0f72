"""``course check``: the instructor's proof that the graders are right.

* the solutions score full marks, with every test passed;
* ``assignments/`` is exactly what ``course stubs`` generates, with no solution text in it;
* the stubs score zero, every test "not started", none failed or in error;
* each mutant loses points on the task it breaks and keeps every other task's points.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from course.grading import GradingJob, run_graders
from course.layout import ASSIGNMENTS, GRADED_TESTS, SOLUTIONS, assignment_names
from course.mutants import Mutant, all_mutants, write_mutant_tree
from course.report import Gradebook, Status, points
from course.stubs import stub_problems

MIN_MUTANTS = 2
PARALLEL_RUNS = max(2, os.cpu_count() or 1)  # child processes, each grading a share


@dataclass(frozen=True)
class Finding:
    """One line of the check's report: what was checked and whether it held."""

    ok: bool
    text: str


def _task_totals(gradebook: Gradebook) -> dict[str, tuple[float, float]]:
    totals: dict[str, tuple[float, float]] = {}
    for (_, task), results in gradebook.by_task().items():
        totals[task] = (sum(r.earned for r in results), sum(r.points for r in results))
    return totals


def _output_tail(output: str) -> str:
    return "\n    ".join(output.strip().splitlines()[-15:])


def judge_solutions(gradebook: Gradebook, output: str) -> list[Finding]:
    """Full marks, every test passed."""
    earned, possible = gradebook.total()
    bad = [r for r in gradebook.results if r.status is not Status.PASSED]
    if not gradebook.results:
        return [
            Finding(
                False, f"solutions: no graded results; the run said:\n    {_output_tail(output)}"
            )
        ]
    findings = [Finding(not bad, f"solutions score {points(earned, possible)}")]
    findings.extend(
        Finding(False, f"  {r.assignment} Task {r.task} {r.name}: {r.status.value}: {r.message}")
        for r in bad
    )
    return findings


def judge_stubs(gradebook: Gradebook, output: str) -> list[Finding]:
    """Zero points, every test not started."""
    if not gradebook.results:
        return [
            Finding(False, f"stubs: no graded results; the run said:\n    {_output_tail(output)}")
        ]
    earned, possible = gradebook.total()
    bad = [r for r in gradebook.results if r.status is not Status.NOT_STARTED]
    findings = [
        Finding(
            not bad and earned == 0,
            f"stubs score {points(earned, possible)}, "
            f"{len(gradebook.results) - len(bad)} of {len(gradebook.results)} tests not started",
        )
    ]
    findings.extend(
        Finding(False, f"  {r.assignment} Task {r.task} {r.name}: {r.status.value}: {r.message}")
        for r in bad
    )
    return findings


def judge_mutant(
    assignment: str, mutant: Mutant, gradebook: Gradebook, output: str
) -> list[Finding]:
    """The broken task loses points; every other task keeps all of its points."""
    totals = _task_totals(gradebook)
    label = f"mutant {assignment}/{mutant.name} (breaks Task {mutant.breaks})"
    if mutant.breaks not in totals:
        return [
            Finding(
                False,
                f"{label}: no graded test of Task {mutant.breaks} ran:\n    {_output_tail(output)}",
            )
        ]
    earned, possible = totals[mutant.breaks]
    collateral = [task for task, (e, p) in totals.items() if task != mutant.breaks and e < p]
    caught = earned < possible
    text = f"{label}: Task {mutant.breaks} scores {points(earned, possible)}"
    if not caught:
        text += "; the graders did not notice the mistake"
    if collateral:
        text += f"; other tasks lost points too: {', '.join(collateral)}"
    return [Finding(caught and not collateral, text)]


def run_check(root: Path) -> list[Finding]:
    """Every finding of ``course check`` for the repository at ``root``."""
    assignments = assignment_names(root / SOLUTIONS)
    findings = [
        Finding(bool(assignments), f"assignments found: {', '.join(assignments) or 'none'}")
    ]
    untested = [name for name in assignments if not (root / GRADED_TESTS / name).is_dir()]
    findings.extend(
        Finding(False, f"{name}: no graded tests in {GRADED_TESTS.as_posix()}/{name}/")
        for name in untested
    )
    assignments = [name for name in assignments if name not in untested]
    problems = stub_problems(root)
    findings.append(
        Finding(not problems, "assignments/ is generated from solutions/ with nothing leaked")
    )
    findings.extend(Finding(False, f"  {problem} (run: course stubs)") for problem in problems)
    mutants = all_mutants(root)
    findings.extend(
        Finding(
            False,
            f"{name}: {len(found)} mutants in solutions/mutants/{name}.py, need {MIN_MUTANTS}",
        )
        for name, found in mutants.items()
        if len(found) < MIN_MUTANTS
    )
    judges: list[Callable[[Gradebook, str], list[Finding]]] = [judge_solutions, judge_stubs]
    jobs = [
        GradingJob(root / SOLUTIONS, tuple(assignments)),
        GradingJob(root / ASSIGNMENTS, tuple(assignments)),
    ]
    with tempfile.TemporaryDirectory(prefix="course-check-") as scratch:
        for name, found in mutants.items():
            if name in untested:
                continue
            for mutant in found:
                package = f"mutant_{len(jobs)}"
                tree = write_mutant_tree(root, name, mutant, Path(scratch), package)
                jobs.append(GradingJob(tree, (name,)))
                judges.append(_mutant_judge(name, mutant))
        runs = run_graders(root, jobs, PARALLEL_RUNS)
    for judge, (gradebook, output) in zip(judges, runs, strict=True):
        findings.extend(judge(gradebook, output))
    return findings


def _mutant_judge(assignment: str, mutant: Mutant) -> Callable[[Gradebook, str], list[Finding]]:
    return lambda gradebook, output: judge_mutant(assignment, mutant, gradebook, output)


def format_findings(findings: list[Finding]) -> str:
    """One line per finding, ``ok`` or ``FAIL`` first."""
    return "\n".join(f"{'ok  ' if f.ok else 'FAIL'} {f.text}" for f in findings)
