"""Grading code answers: test cases, the sandboxed child, comparison, known mistakes."""
