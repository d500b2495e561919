"""What a code question's grading is made of.

Every catalogue function has one :class:`FunctionSpec`, registered in
``quizcli.grader.cases`` (one module per catalogue section). A spec says

* which reference solution is the truth (``reference``),
* which inputs to try (``cases(rng)`` returns fixed, random and edge cases, in a
  fixed order; ``rng`` is a seeded ``numpy.random.Generator``),
* how strict the comparison is (``rtol``/``atol``, ``int_dtype``, ``stable``,
  ``sign_free``), and
* which classic wrong answers to recognise (``mistakes``), so the report can
  name the bug.

Arguments of a case are plain values: NumPy arrays, Python scalars, strings,
``None``, tuples/lists of those, or a :class:`Callback`, which the sandboxed
child turns into a real function (the learner's process never receives code
from us, only data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Callback:
    """A callable argument (``grad_fn``, ``hess_fn``) built inside the child.

    ``name`` is a key of ``CALLBACKS`` in ``quizcli/grader/_child.py``;
    ``params`` are the arrays/scalars it closes over. For example
    ``Callback("quadratic_grad", {"Q": Q, "c": c})`` is ``lambda x: Q @ x + c``.
    The parent evaluates the same callback with :func:`make_callback` when it
    runs the reference and the known mistakes.
    """

    name: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """One call of the learner's function.

    ``name`` is shown to the learner ("fixed 2x3", "large |x| = 1e4", ...) and
    must be unique within a function. ``raises`` names the exception the
    catalogue requires for this input (e.g. ``"ValueError"``); then returning
    a value is a failure and raising that exception or a subclass is a pass.
    ``rtol``/``atol`` override the spec's tolerance for this case only.
    """

    name: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    raises: str | None = None
    rtol: float | None = None
    atol: float | None = None


@dataclass(frozen=True)
class Mistake:
    """A classic wrong answer, recognised by its outputs.

    ``wrong`` has the catalogue signature and reproduces the bug; when the
    learner's outputs match ``wrong``'s on every case where they differ from
    the reference, the report shows ``en``/``zh``: what the mistake is and the
    idea behind the fix (one or two sentences).
    """

    key: str
    wrong: Callable[..., Any]
    en: str
    zh: str


@dataclass(frozen=True)
class FunctionSpec:
    function: str
    reference: Callable[..., Any]
    cases: Callable[[Any], Sequence[Case]]
    rtol: float = 1e-6
    atol: float = 1e-8
    stable: bool = False
    """The catalogue calls it stable: a NumPy RuntimeWarning fails the case."""
    int_dtype: str | None = None
    """Exact integer dtype required for integer array outputs (``"int64"`` for nms)."""
    sign_free: bool = False
    """PCA: each component (row of the 2nd output) and its Z column may flip sign."""
    mistakes: tuple[Mistake, ...] = ()
