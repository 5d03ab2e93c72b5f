"""Pure plan logic: no I/O."""
