"""One reading of a candidate turn, shared by the planner, the scorer and the model path."""
