"""Werkstijltest: a three-minute work-style quiz with a personal PDF of routine tips."""

__version__ = "0.1.0"
