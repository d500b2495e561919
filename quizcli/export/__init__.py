"""Export of the bank to other tools (Anki)."""
