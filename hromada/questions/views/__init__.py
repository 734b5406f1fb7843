"""Pages of public questions and legal help: `staff` (moderation, answers) and `legal_help` (the
staff's consultations) at /staff/questions/; `public` is the portal's face (namespace "portal")."""
