"""quiz: a command-line coach for deep-learning and machine-learning interviews."""

__version__ = "0.1.0"
