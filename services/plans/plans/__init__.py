"""Plans service: a school's plan (kế hoạch) implementing Resolution 71, and its review."""
