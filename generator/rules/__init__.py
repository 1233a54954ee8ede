"""Rules AWS enforces at apply time that no single resource shows: checked on the synthesized document."""
