"""Docstring examples of scoring modules whose own tests do not run them."""

import doctest


def test_docstring_examples():
    """Modules whose examples no other test runs; values by hand or scipy,
    as each docstring says."""
    from assess.scoring import distributions, validity, validity_items

    for module in (validity, validity_items, distributions):
        assert doctest.testmod(module).failed == 0, module.__name__
