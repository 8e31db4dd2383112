"""One reading of a candidate's turn, shared by the planner, the scorer and the model path."""
