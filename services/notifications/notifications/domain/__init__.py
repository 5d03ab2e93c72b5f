"""Pure notification logic: who is told about an event, and in which words. No I/O."""
