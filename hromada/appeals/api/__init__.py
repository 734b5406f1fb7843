"""The appeals JSON API: the staff router (staff.py, /api/v1/appeals) and the public one (public.py,
/api/v1/public: the e-appeal and its tracking), with their response schemas (schemas.py)."""
