"""The ``course`` command's grading entry point and its one-line errors."""

from __future__ import annotations

from course.cli import main


def test_one_run_prints_the_table_and_writes_both_json_files(
    repo_root, tmp_path, run_python, read_json
):
    results, payload = tmp_path / "results.json", tmp_path / "classroom.json"
    command = ["-m", "course", "grade", "hw1", "--solutions"]
    completed = run_python([*command, f"--json={results}", f"--classroom={payload}"], cwd=repo_root)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.strip().splitlines()[-3].split() == ["Total", "17", "/", "17"]
    assert read_json(results)["score"] == 17
    classroom = read_json(payload)
    assert (classroom["version"], classroom["status"]) == (1, "pass")
    assert sum(test["score"] for test in classroom["tests"]) == classroom["max_score"] == 17


def test_unknown_assignment_is_one_line_and_status_2(repo_root, monkeypatch, capsys):
    monkeypatch.chdir(repo_root)
    assert main(["grade", "hw99"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(
        "error: no assignment 'hw99' in assignments/; choose from: hw1_perceptron"
    )


def test_outside_the_repository_is_one_line_and_status_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["grade"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: not inside the course repository")
