"""Drills: short sessions on one weakness (estimation, one criterion, one question redone), and progress."""
