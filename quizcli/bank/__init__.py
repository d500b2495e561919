"""Question banks: safe YAML loading, schema validation, the parsed-bank cache."""
