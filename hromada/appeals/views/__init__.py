"""Pages of the register. Each module holds one area and its own `urlpatterns` (the staff's, mounted
at /staff/appeals/); `public` is the portal's e-appeal and tracking (appeals/public_urls.py). Thin
views that parse input, call one service or selector, and render."""
