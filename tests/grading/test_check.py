"""``course check`` on this repository, and its verdicts on made-up results."""

from course.check import format_findings, judge_mutant, judge_stubs, run_check
from course.mutants import Mutant
from course.report import Gradebook, Status, TestResult

MUTANT = Mutant(name="off_by_one", breaks="1.2", file="x.py", find="a", replace="b")


def _result(task: str, earned: float, status: Status = Status.FAILED) -> TestResult:
    return TestResult("hw1_x", task, f"test_{task}", "", 2.0, earned, status)


def test_course_check_passes_on_this_repository(repo_root):
    findings = run_check(repo_root)
    assert all(finding.ok for finding in findings), format_findings(findings)
    text = format_findings(findings)
    assert "ok   solutions score " in text
    assert "ok   stubs score 0 / " in text
    assert text.count("ok   mutant hw1_perceptron/") == 4
    assert text.count("ok   mutant hw2_backprop/") == 3


def test_a_mutant_the_graders_miss_fails_the_check():
    gradebook = Gradebook(
        "solutions", [_result("1.1", 2, Status.PASSED), _result("1.2", 2, Status.PASSED)]
    )
    (finding,) = judge_mutant("hw1_x", MUTANT, gradebook, "")
    assert not finding.ok
    assert "the graders did not notice the mistake" in finding.text


def test_a_mutant_that_costs_other_tasks_fails_the_check():
    gradebook = Gradebook("solutions", [_result("1.1", 1), _result("1.2", 0)])
    (finding,) = judge_mutant("hw1_x", MUTANT, gradebook, "")
    assert not finding.ok
    assert "other tasks lost points too: 1.1" in finding.text


def test_a_stub_that_errors_fails_the_check():
    gradebook = Gradebook(
        "assignments", [_result("1.1", 0, Status.NOT_STARTED), _result("1.2", 0, Status.ERROR)]
    )
    findings = judge_stubs(gradebook, "")
    assert [finding.ok for finding in findings] == [False, False]
    assert findings[0].text == "stubs score 0 / 4, 1 of 2 tests not started"
