"""The Qt desktop app: thin views over the core and the vault. No business rules, no SQL."""
