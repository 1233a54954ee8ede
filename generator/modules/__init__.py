"""Plain HCL modules rendered from the constructs the stacks use (one source of truth).

`python -m generator modules` writes them to modules/; generator.modules.render does the work.
"""
