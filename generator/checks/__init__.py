"""Static checks of generated Terraform: the project's own rules and checkov."""
