"""The results record and the formats made from it."""

from course.report import Gradebook, Status, TestResult, format_table, gradescope_results


def _gradebook() -> Gradebook:
    return Gradebook(
        tree="assignments",
        results=[
            TestResult("hw10_big", "10.1", "test_late", "", 1, 1, Status.PASSED),
            TestResult("hw2_b", "2.10", "test_ten", "", 2, 0, Status.NOT_STARTED, "Task 2.10"),
            TestResult("hw2_b", "2.9", "test_nine", "Nine.", 2, 1.5, Status.FAILED, "off", True),
        ],
    )


def test_record_round_trips():
    gradebook = _gradebook()
    assert Gradebook.from_json(gradebook.to_json()) == gradebook


def test_tasks_in_course_order_not_text_order():
    assert list(_gradebook().by_task()) == [
        ("hw2_b", "2.9"),
        ("hw2_b", "2.10"),
        ("hw10_big", "10.1"),
    ]


def test_table_shows_status_points_and_reason():
    table = format_table(_gradebook())
    assert "failed      test_nine (hidden)" in table
    assert "                off" in table
    assert table.splitlines()[-2].split() == ["Total", "2.5", "/", "5"]


def test_hidden_tests_are_shown_to_students_after_publishing():
    tests = gradescope_results(_gradebook(), 1.0)["tests"]
    assert [(t["number"], t["visibility"]) for t in tests] == [
        ("2.9.1", "after_published"),
        ("2.10.1", "visible"),
        ("10.1.1", "visible"),
    ]
    assert tests[0]["output"] == "failed: off"
