"""Reference solutions of the code-question catalogue (NumPy only).

One module per catalogue section; see ``shared/spec/code-questions.md``.
"""
