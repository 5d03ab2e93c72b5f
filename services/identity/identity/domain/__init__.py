"""Pure rules of the identity service: passwords, lockout, who may manage whom, token claims."""
