"""Django forms of questions and legal help: `staff` for the staff pages, `public` for the portal's.

They parse and show errors; the services decide."""
