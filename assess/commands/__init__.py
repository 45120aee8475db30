"""Subcommands of ``assess``, one module per family; ``assess.cli`` adds them."""
