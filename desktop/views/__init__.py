"""PySide6 only: windows, pages, dialogs, item models.  Views call services and get
plain data back; they never hold a database session."""
