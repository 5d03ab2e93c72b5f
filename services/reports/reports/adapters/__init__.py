"""Storage of the reports service (projections in its own database) and the event handlers filling it."""
