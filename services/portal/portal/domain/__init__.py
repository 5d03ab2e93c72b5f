"""Pure logic of the portal: formatting, form parsing, view models, charts (no I/O)."""
