"""interview: practise system-design interviews alone, in your terminal."""

__version__ = "0.1.0"
