"""tailor: an offline, explainable job-tailoring résumé assistant."""

__version__ = "0.1.0"
