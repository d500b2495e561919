"""Checks specific to the grader cases of the "Optimizers" section (the generic ones: tests/test_specs.py)."""

from __future__ import annotations

import numpy as np
import pytest
from spec_helpers import SEEDS, SPECS, call, cases_for

from quizcli.grader import run


@pytest.mark.parametrize("seed", [*SEEDS, 2, 3])
def test_newton_cases_converge_when_given_enough_iterations(seed):
    """The default-n_iter cases end at a stationary point, so the expected value is not chaotic."""
    spec = SPECS["newton_minimize"]
    for case in cases_for(spec, seed):
        n_iter = case.args[3] if len(case.args) > 3 else 20
        if n_iter >= 20:
            grad = run.materialize(case.args[0])
            x = call(spec.reference, case)
            assert np.linalg.norm(grad(x)) < 1e-9, case.name


def test_fixed_cases_by_hand():
    """The first fixed case of a few functions, worked out by hand."""
    spec = SPECS["momentum_step"]
    w, v = call(spec.reference, cases_for(spec, "grader")[0])
    np.testing.assert_allclose(v, [0.05, -0.1, 0.2])
    np.testing.assert_allclose(w, [0.95, 2.1, 2.8])
    spec = SPECS["newton_minimize"]
    np.testing.assert_allclose(call(spec.reference, cases_for(spec, "grader")[0]), [1.0, -1.0])
    spec = SPECS["adam_step"]
    w, m, v = call(spec.reference, cases_for(spec, "grader")[0])
    np.testing.assert_allclose(w, [1 - 0.001, 2 + 0.001], rtol=1e-9)
    np.testing.assert_allclose(m, [0.05, -0.1])
    np.testing.assert_allclose(v, [0.00025, 0.001])
