"""Assertions for graded tests whose failures read as plain sentences with shapes and
tolerances, e.g. "the weight gradient differs from torch.autograd by 0.31 at index (2,)
(allowed: 1e-10 + 1e-08 x |expected|)"."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

    ArrayLike = np.ndarray | torch.Tensor


def _as_numpy(value: ArrayLike) -> np.ndarray:
    """A NumPy copy of an array or a tensor (torch is not imported for NumPy-only graders)."""
    if hasattr(value, "detach"):
        return value.detach().cpu().numpy()
    return np.asarray(value)


def assert_type(value: object, expected: type | tuple[type, ...], what: str) -> None:
    """Fail unless ``value`` is an instance of ``expected``."""
    if not isinstance(value, expected):
        types = expected if isinstance(expected, tuple) else (expected,)
        names = " or ".join(t.__name__ for t in types)
        raise AssertionError(f"{what} should be a {names}, got {type(value).__name__}")


def assert_shape(value: ArrayLike, shape: tuple[int, ...], what: str) -> None:
    """Fail unless ``value`` has exactly ``shape``."""
    actual = tuple(value.shape)
    if actual != tuple(shape):
        raise AssertionError(f"{what} should have shape {tuple(shape)}, got {actual}")


def assert_dtype(value: ArrayLike, dtype: object, what: str) -> None:
    """Fail unless ``value`` has ``dtype`` (a NumPy or a torch dtype)."""
    if value.dtype != dtype:
        raise AssertionError(f"{what} should have dtype {dtype}, got {value.dtype}")


def assert_close(
    actual: ArrayLike,
    expected: ArrayLike,
    what: str,
    *,
    rtol: float,
    atol: float,
    reference: str = "the expected value",
) -> None:
    """Fail unless ``actual`` matches ``expected`` in shape and within ``atol + rtol*|expected|``.

    The message names the largest difference, where it is and the tolerance allowed.
    """
    assert_shape(actual, tuple(expected.shape), what)
    got, want = _as_numpy(actual).astype(np.float64), _as_numpy(expected).astype(np.float64)
    if not np.all(np.isfinite(got)):
        raise AssertionError(f"{what} contains nan or inf: {got}")
    excess = np.abs(got - want) - (atol + rtol * np.abs(want))
    if np.all(excess <= 0):
        return
    worst = np.unravel_index(int(np.argmax(excess)), excess.shape) if excess.ndim else ()
    difference = float(np.abs(got - want)[worst])
    location = f" at index {tuple(int(i) for i in worst)}" if worst else ""
    raise AssertionError(
        f"{what} differs from {reference} by {difference:.3g}{location}: expected "
        f"{float(want[worst]):.6g}, got {float(got[worst]):.6g} "
        f"(allowed: {atol:g} + {rtol:g} x |expected|)"
    )
