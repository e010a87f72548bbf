"""What `manage.py benchmark` times: one module per app label with `pages(count=..., log=...)`, and the measurement
at volume (`at_volume`, `report_timing`)."""
