"""Django forms of the staff pages: they parse and show errors; the services decide."""
