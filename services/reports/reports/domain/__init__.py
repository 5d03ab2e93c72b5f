"""Pure reporting logic: no I/O."""
