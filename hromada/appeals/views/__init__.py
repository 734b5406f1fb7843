"""Staff pages of the register. Each module holds one area and its own `urlpatterns`; thin views that
parse input, call one service or selector, and render."""
