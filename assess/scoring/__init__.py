"""The scoring engine: numpy arrays in, numpy arrays out. No I/O."""
