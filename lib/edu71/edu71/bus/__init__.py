"""The event bus: outbox on the producing side, inbox and dead letters on the consuming side."""
