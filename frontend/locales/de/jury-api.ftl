## Jury: the REST API (texts of its own)
