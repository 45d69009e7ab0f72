"""The ``course`` command's grading entry point and its one-line errors."""

from __future__ import annotations


def test_grade_prints_the_table_and_writes_gradescope_json(
    repo_root, tmp_path, run_python, read_json
):
    results = tmp_path / "results.json"
    completed = run_python(
        ["-m", "course", "grade", "hw1", "--solutions", f"--json={results}"], cwd=repo_root
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.strip().splitlines()[-3].split() == ["Total", "17", "/", "17"]
    assert read_json(results)["score"] == 17


def test_unknown_assignment_is_one_line_and_status_2(repo_root, run_python):
    completed = run_python(["-m", "course", "grade", "hw99"], cwd=repo_root)
    assert completed.returncode == 2
    (line,) = completed.stderr.strip().splitlines()
    assert line.startswith(
        "error: no assignment 'hw99' in assignments/; choose from: hw1_perceptron"
    )


def test_outside_the_repository_is_one_line_and_status_2(tmp_path, run_python):
    completed = run_python(["-m", "course", "grade"], cwd=tmp_path)
    assert completed.returncode == 2
    assert completed.stderr.startswith("error: not inside the course repository")
