"""Turn Dutch municipal policy documents (PDF or text) into trustworthy structured data."""

__version__ = "0.1.0"
