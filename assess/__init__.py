"""assess: measure service orientation and composure under pressure when hiring."""

__version__ = "0.1.0"
