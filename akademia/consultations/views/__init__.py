"""Views of consultations, one module per feature: rounds (with their meetings and comments),
review, taxonomy, entry (the meeting link, fast entry, the file import) and reports."""
