"""Render synthesized Terraform JSON as plain HCL modules and read them back."""
