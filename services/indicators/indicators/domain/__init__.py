"""Pure indicator logic: no I/O."""
