"""The debugger, end to end, as VS Code drives it: launch configurations from .vscode/launch.json
run under debugpy's adapter over the Debug Adapter Protocol (DAP), stopping where a student sets a
breakpoint, showing the tensors there, stepping, and running to a clean exit.

The client below plays VS Code's part: the same requests in the same order (initialize, launch,
wait for ``initialized``, setBreakpoints, configurationDone, and only then the launch response).
Every wait has a timeout, so a broken configuration fails the test instead of hanging it.
"""

from __future__ import annotations

import ast
import itertools
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TRAINER = REPO_ROOT / "lecture_code" / "l01_intro" / "lenet5_mnist.py"
LOSS_LINE = "loss = F.cross_entropy(logits, labels)"
MODEL_TESTS = REPO_ROOT / "tests" / "lecture_code" / "test_lenet5_model.py"
DEBUGGED_TEST = "test_logits_shape"
WAIT_SECONDS = 60  # generous for a loaded CI machine; a healthy run takes a few seconds in all

Message = dict[str, Any]


class DebugSession:
    """A DAP client talking to ``python -m debugpy.adapter`` over its stdin and stdout."""

    def __init__(self, adapter_log: IO[bytes]) -> None:
        # Without this, Python 3.11 warns about frozen modules in every debugged program's output.
        env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        self._adapter = subprocess.Popen(
            [sys.executable, "-m", "debugpy.adapter"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=adapter_log,
            env=env,
        )
        self._sequence = itertools.count(1)
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        self._unclaimed: list[Message] = []
        self.program_output: list[str] = []
        self.program_errors: list[str] = []
        self._reader = threading.Thread(target=self._read_messages, daemon=True)
        self._reader.start()

    def _read_messages(self) -> None:
        """Split the adapter's stdout into messages (``Content-Length`` framing) for the inbox."""
        stream = self._adapter.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                self._inbox.put(None)  # the adapter closed its output
                return
            self._inbox.put(json.loads(stream.read(length)))

    def send(self, command: str, **arguments: Any) -> int:
        """Send a request without waiting for its response; return its sequence number."""
        sequence = next(self._sequence)
        body = json.dumps(
            {"seq": sequence, "type": "request", "command": command, "arguments": arguments}
        ).encode()
        stdin = self._adapter.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stdin.flush()
        return sequence

    def wait_for(self, description: str, matches: Callable[[Message], bool]) -> Message:
        """The first message, old or new, that ``matches``; fail after :data:`WAIT_SECONDS`."""
        for message in self._unclaimed:
            if matches(message):
                self._unclaimed.remove(message)
                return message
        deadline = time.monotonic() + WAIT_SECONDS
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                message = self._inbox.get(timeout=remaining)
            except queue.Empty:
                break
            if message is None:
                pytest.fail(f"the debug adapter exited while waiting for {description}")
            if message.get("event") == "output" and message["body"].get("category") == "stdout":
                self.program_output.append(message["body"]["output"])
            elif message.get("event") == "output" and message["body"].get("category") == "stderr":
                self.program_errors.append(message["body"]["output"])
            elif matches(message):
                return message
            else:
                self._unclaimed.append(message)
        seen = [message.get("event") or message.get("command") for message in self._unclaimed]
        pytest.fail(f"no {description} within {WAIT_SECONDS} s; unclaimed messages: {seen}")

    def response(self, sequence: int) -> Any:
        """The body of the successful response to request ``sequence``."""
        response = self.wait_for(
            f"response to request {sequence}",
            lambda message: message["type"] == "response" and message["request_seq"] == sequence,
        )
        assert response["success"], f"{response['command']} failed: {response.get('message')}"
        return response.get("body", {})

    def request(self, command: str, **arguments: Any) -> Any:
        """Send a request and return its response's body."""
        return self.response(self.send(command, **arguments))

    def event(self, name: str) -> Any:
        """The body of the next ``name`` event."""
        return self.wait_for(
            f"{name!r} event",
            lambda message: message["type"] == "event" and message["event"] == name,
        ).get("body", {})

    def close(self) -> None:
        """End the debugged program (if still running) and the adapter."""
        stdin = self._adapter.stdin
        assert stdin is not None
        try:
            self.send("disconnect", terminateDebuggee=True)
            stdin.close()  # the adapter exits once its client has gone
            self._adapter.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._adapter.kill()
            self._adapter.wait(timeout=10)
        self._reader.join(timeout=10)
        if self._adapter.stdout is not None:
            self._adapter.stdout.close()

    # The steps VS Code takes, in its order.

    def start(self, launch: dict[str, Any], source: Path, line: int) -> int:
        """Launch with a breakpoint on ``source:line``; return the thread stopped there."""
        self.request(
            "initialize",
            clientID="vscode",
            adapterID="debugpy",
            pathFormat="path",
            linesStartAt1=True,
            columnsStartAt1=True,
            supportsVariableType=True,
        )
        launch_request = self.send("launch", **launch)
        self.event("initialized")
        (breakpoint_,) = self.set_breakpoints(source, [line])
        # The adapter moves a breakpoint on a line without code and still says "verified".
        assert breakpoint_["verified"], breakpoint_
        assert breakpoint_["line"] == line, f"breakpoint moved from line {line}: {breakpoint_}"
        self.request("configurationDone")
        self.response(launch_request)  # only now: waiting before configurationDone deadlocks
        return self.stopped("breakpoint")

    def set_breakpoints(self, source: Path, lines: list[int]) -> list[Message]:
        """Replace the breakpoints in ``source`` by ``lines`` (none clears them)."""
        body = self.request(
            "setBreakpoints",
            source={"path": str(source)},
            breakpoints=[{"line": line} for line in lines],
        )
        return body["breakpoints"]

    def stopped(self, reason: str) -> int:
        """Wait until the program stops for ``reason``; return the stopped thread's id.

        A program that ends instead (a rejected flag, say) fails the test at once, with its stderr.
        """
        message = self.wait_for(
            "'stopped' event",
            lambda message: message.get("event") in ("stopped", "exited", "terminated"),
        )
        if message["event"] != "stopped":
            pytest.fail(f"the program ended without stopping:\n{''.join(self.program_errors)}")
        assert message["body"]["reason"] == reason, message["body"]
        return message["body"]["threadId"]

    def top_frame(self, thread: int) -> Message:
        """The innermost stack frame of ``thread``."""
        return self.request("stackTrace", threadId=thread, levels=1)["stackFrames"][0]

    def local_types(self, frame: Message) -> dict[str, str]:
        """The frame's local variables as the Variables pane lists them: name to type."""
        scopes = self.request("scopes", frameId=frame["id"])["scopes"]
        (local_scope,) = [scope for scope in scopes if scope["name"] == "Locals"]
        variables = self.request("variables", variablesReference=local_scope["variablesReference"])
        return {variable["name"]: variable.get("type", "") for variable in variables["variables"]}

    def watch(self, frame: Message, expression: str) -> str:
        """``expression`` evaluated in ``frame``, as the Watch pane shows it."""
        return self.request(
            "evaluate", expression=expression, frameId=frame["id"], context="watch"
        )["result"]

    def run_to_exit(self, thread: int) -> int:
        """Continue to the end; return the program's exit code."""
        self.request("continue", threadId=thread)
        exit_code = self.event("exited")["exitCode"]
        self.event("terminated")
        return exit_code


@pytest.fixture
def debug_session(tmp_path: Path) -> Iterator[DebugSession]:
    with (tmp_path / "adapter-stderr.log").open("wb") as adapter_log:
        session = DebugSession(adapter_log)
        try:
            yield session
        finally:
            session.close()


def named_configuration(read_jsonc: Callable[[Path], Any], name: str) -> dict[str, Any]:
    """The launch.json configuration called ``name``."""
    configurations = read_jsonc(REPO_ROOT / ".vscode" / "launch.json")["configurations"]
    (configuration,) = [item for item in configurations if item["name"] == name]
    return configuration


def launch_arguments(configuration: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """What VS Code sends as ``launch`` for ``configuration``: its fields, variables expanded,
    plus the interpreter. ``console`` becomes ``internalConsole``: with the integrated terminal
    the adapter asks the client to start the program in a terminal, which only VS Code can do;
    the program, arguments, cwd and justMyCode under test are the configuration's own.
    """
    fields = {
        key: value
        for key, value in configuration.items()
        if key not in ("name", "type", "request", "purpose")
    }
    expanded = json.loads(json.dumps(fields).replace("${workspaceFolder}", REPO_ROOT.as_posix()))
    return {**expanded, "console": "internalConsole", "python": [sys.executable], **overrides}


def line_of(path: Path, text: str, function: str) -> int:
    """The line number of the statement ``text`` inside function ``function`` of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            for statement in ast.walk(node):
                if isinstance(statement, ast.stmt) and lines[statement.lineno - 1].strip() == text:
                    return statement.lineno
    pytest.fail(f"{path.name} has no line `{text}` in {function}()")


def test_step_through_training_stops_at_the_loss_and_runs_to_the_end(
    debug_session: DebugSession,
    read_jsonc: Callable[[Path], Any],
    mnist_dir: Path,
    tmp_path: Path,
) -> None:
    configuration = named_configuration(read_jsonc, "LeNet-5: step through training")
    assert configuration["justMyCode"] is True
    # The real configuration reads MNIST from data/; here small generated MNIST files stand in
    # (argparse takes the last --data-dir and --out), so the test runs offline.
    launch = launch_arguments(
        configuration,
        args=[*configuration["args"], "--data-dir", str(mnist_dir), "--out", str(tmp_path / "run")],
    )
    loss_line = line_of(TRAINER, LOSS_LINE, "train_one_epoch")

    thread = debug_session.start(launch, TRAINER, loss_line)
    frame = debug_session.top_frame(thread)
    assert (frame["name"], frame["line"]) == ("train_one_epoch", loss_line)
    assert Path(frame["source"]["path"]).resolve() == TRAINER
    local_types = debug_session.local_types(frame)
    assert {
        name: local_types.get(name) for name in ("images", "labels", "logits")
    } == dict.fromkeys(("images", "labels", "logits"), "Tensor")
    assert "loss" not in local_types
    assert debug_session.watch(frame, "tuple(images.shape)") == "(128, 1, 28, 28)"
    assert debug_session.watch(frame, "tuple(labels.shape)") == "(128,)"
    assert debug_session.watch(frame, "tuple(logits.shape)") == "(128, 10)"

    debug_session.request("next", threadId=thread)
    assert debug_session.stopped("step") == thread
    frame = debug_session.top_frame(thread)
    assert frame["line"] == loss_line + 1
    assert debug_session.local_types(frame).get("loss") == "Tensor"
    assert debug_session.watch(frame, "loss.dim(), loss.requires_grad") == "(0, True)"

    assert debug_session.set_breakpoints(TRAINER, []) == []
    assert debug_session.run_to_exit(thread) == 0
    output = "".join(debug_session.program_output)
    assert "test accuracy" in output, output
    assert (tmp_path / "run" / "metrics.json").is_file()


def test_debug_tests_configuration_stops_inside_a_test(
    debug_session: DebugSession, read_jsonc: Callable[[Path], Any]
) -> None:
    configuration = named_configuration(read_jsonc, "Debug tests")
    assert configuration["purpose"] == ["debug-test"]
    # The Test Explorer supplies the program and arguments: pytest on the chosen test.
    launch = launch_arguments(
        configuration,
        module="pytest",
        args=[f"{MODEL_TESTS}::{DEBUGGED_TEST}", "-p", "no:cacheprovider"],
        cwd=str(REPO_ROOT),
    )
    logits_line = line_of(
        MODEL_TESTS, "logits = LeNet5()(torch.randn(5, 1, 28, 28))", DEBUGGED_TEST
    )

    thread = debug_session.start(launch, MODEL_TESTS, logits_line)
    frame = debug_session.top_frame(thread)
    assert (frame["name"], frame["line"]) == (DEBUGGED_TEST, logits_line)
    assert "logits" not in debug_session.local_types(frame)

    debug_session.request("next", threadId=thread)
    debug_session.stopped("step")
    frame = debug_session.top_frame(thread)
    assert frame["line"] == logits_line + 1
    assert debug_session.local_types(frame).get("logits") == "Tensor"
    assert debug_session.watch(frame, "tuple(logits.shape)") == "(5, 10)"

    debug_session.set_breakpoints(MODEL_TESTS, [])
    assert debug_session.run_to_exit(thread) == 0
    output = "".join(debug_session.program_output)
    assert "1 passed" in output, output
