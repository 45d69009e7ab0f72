"""The GitHub Classroom workflow grades in one run and hands that run's payload to the reporter."""

from __future__ import annotations

import yaml


def test_one_grading_step_feeds_the_reporter(repo_root):
    workflow = yaml.safe_load((repo_root / ".github/workflows/classroom.yml").read_text("utf-8"))
    (job,) = workflow["jobs"].values()
    assert job["name"] == "Autograding Tests"  # the check run the reporter updates
    grading = [step for step in job["steps"] if "course grade" in step.get("run", "")]
    assert len(grading) == 1
    (grade,) = grading
    assert "--classroom classroom.json" in grade["run"]
    assert 'echo "result=$(base64 -w0 classroom.json)" >> "$GITHUB_OUTPUT"' in grade["run"]
    (reporter,) = [s for s in job["steps"] if "autograding-grading-reporter" in s.get("uses", "")]
    runner = reporter["with"]["runners"]
    assert runner == grade["id"]
    assert reporter["env"] == {
        f"{runner.upper()}_RESULTS": f"${{{{ steps.{runner}.outputs.result }}}}"
    }
