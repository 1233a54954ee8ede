"""Our constructs: one AWS concern per module, built on the cdktf bindings in `generator.aws`."""
