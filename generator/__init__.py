"""Terraform generator for the ECS Fargate retail store stack (cdktf behind our own constructs)."""
