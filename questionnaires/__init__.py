"""Instruments and role profiles as validated, bilingual data."""
