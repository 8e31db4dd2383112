"""One reading of a candidate turn, shared by the planner, the scorer and the model path.

Modules land independently (one owner each), so this package imports nothing.
"""
