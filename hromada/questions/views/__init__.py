"""Staff pages of public questions (moderation, answers) and legal help."""
