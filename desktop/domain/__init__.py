"""Pure school rules: no Qt, no database.  Each rule lives here once."""
