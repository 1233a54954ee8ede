"""The deploying role's own least-privilege policy (`python -m generator deployer-policy --env NAME`)."""
