"""LaTeX-ish math in question text made readable in a terminal (Unicode)."""

from __future__ import annotations

import re

_SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Sigma": "Σ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
    "Pi": "Π",
    "sum": "Σ",
    "prod": "Π",
    "int": "∫",
    "partial": "∂",
    "nabla": "∇",
    "infty": "∞",
    "cdot": "·",
    "times": "×",
    "div": "÷",
    "pm": "±",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "~",
    "propto": "∝",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "subseteq": "⊆",
    "cup": "∪",
    "cap": "∩",
    "forall": "∀",
    "exists": "∃",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "iff": "⇔",
    "mapsto": "↦",
    "odot": "⊙",
    "otimes": "⊗",
    "oplus": "⊕",
    "circ": "∘",
    "ldots": "…",
    "cdots": "⋯",
    "dots": "…",
    "top": "ᵀ",
    "mid": "|",
    "lVert": "‖",
    "rVert": "‖",
    "Vert": "‖",
    "|": "‖",
    "langle": "⟨",
    "rangle": "⟩",
    "ell": "ℓ",
    "star": "*",
    "log": "log",
    "ln": "ln",
    "exp": "exp",
    "max": "max",
    "min": "min",
    "arg": "arg",
    "argmax": "argmax",
    "argmin": "argmin",
    "sin": "sin",
    "cos": "cos",
    "tanh": "tanh",
    "quad": "  ",
    "qquad": "    ",
    ",": " ",
    ";": " ",
    "!": "",
    " ": " ",
    "left": "",
    "right": "",
    "big": "",
    "Big": "",
    "bigl": "",
    "bigr": "",
}
_SUP = str.maketrans("0123456789+-=()nTikj", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿᵀⁱᵏʲ")
_SUB = str.maketrans("0123456789+-=()aeijklmnoprstx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜₓ")
_GROUP = r"\{((?:[^{}]|\{[^{}]*\})*)\}"


def _script(body: str, table: dict[int, int], mark: str) -> str:
    if body and all(ord(ch) in table for ch in body):
        return body.translate(table)
    return f"{mark}({body})" if len(body) > 1 else f"{mark}{body}"


def _atom(body: str) -> str:
    """Parenthesise a fraction's part unless it is a single symbol or number."""
    return body if re.fullmatch(r"\\?[A-Za-z0-9.]+|[A-Za-z0-9.]+[_^]\{?[A-Za-z0-9]+\}?", body.strip()) else f"({body})"


def _fraction(m: re.Match[str]) -> str:
    top, bottom = _atom(m.group(1)), _atom(m.group(2))
    if top == m.group(1) and bottom == m.group(2):  # both simple: (a/b)
        return f"({top}/{bottom})"
    return f"{top}/{bottom}"


def latex_to_text(expr: str) -> str:
    s = expr
    for _ in range(4):  # nested constructs
        s = re.sub(r"\\frac" + _GROUP + _GROUP, _fraction, s)
        s = re.sub(r"\\sqrt" + _GROUP, lambda m: f"√({m.group(1)})", s)
        s = re.sub(r"\\(?:hat|widehat)" + _GROUP, lambda m: m.group(1) + "\u0302", s)
        s = re.sub(r"\\(?:bar|overline)" + _GROUP, lambda m: m.group(1) + "\u0304", s)
        s = re.sub(r"\\tilde" + _GROUP, lambda m: m.group(1) + "\u0303", s)
        s = re.sub(
            r"\\(?:mathbf|mathrm|mathcal|mathbb|boldsymbol|text|textbf|operatorname)" + _GROUP, lambda m: m.group(1), s
        )
    s = re.sub(r"\\([A-Za-z]+|[,;! |])", lambda m: _SYMBOLS.get(m.group(1), m.group(1)), s)
    s = re.sub(r"\^" + _GROUP, lambda m: _script(m.group(1), _SUP, "^"), s)
    s = re.sub(r"_" + _GROUP, lambda m: _script(m.group(1), _SUB, "_"), s)
    s = re.sub(r"\^([A-Za-z0-9])", lambda m: _script(m.group(1), _SUP, "^"), s)
    s = re.sub(r"_([A-Za-z0-9])", lambda m: _script(m.group(1), _SUB, "_"), s)
    return s.replace("{", "").replace("}", "")


def math_to_text(text: str) -> str:
    """Replace $...$ and $$...$$ spans by readable Unicode, leaving code spans alone."""
    parts = re.split(r"(```.*?```|`[^`]*`)", text, flags=re.S)
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"\$\$(.+?)\$\$", lambda m: latex_to_text(m.group(1)), parts[i], flags=re.S)
        parts[i] = re.sub(r"(?<![\\$])\$([^$\n]+?)\$", lambda m: latex_to_text(m.group(1)), parts[i])
    return "".join(parts)
