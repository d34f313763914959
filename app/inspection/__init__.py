"""季督查: the scorecard, computed and entered scores, problems found, the ranking and its 处置."""
