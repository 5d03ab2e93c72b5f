"""Reports service: roll-ups of the schools' indicator values (school → commune → province)."""
