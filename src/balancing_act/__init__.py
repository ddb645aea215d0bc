"""Balancing Act: a strategic-choice game about India's foreign policy between great powers."""

__version__ = "0.1.0"
