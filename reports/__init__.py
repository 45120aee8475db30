"""ReportLab builders: a frozen dataclass in, PDF bytes out."""
