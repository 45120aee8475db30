"""The results layer: the one result record, how it is stored and read.

:mod:`assess.results.record` defines the record (and upgrades older ones);
:mod:`assess.results.store` writes and reads it.
"""
