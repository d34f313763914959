"""Small reusable widgets: table models over plain rows, charts drawn with QPainter."""
