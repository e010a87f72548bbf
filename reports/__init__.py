"""Committee reports: background report runs, the annual PDF, monthly statistics and the managers' dashboard."""
