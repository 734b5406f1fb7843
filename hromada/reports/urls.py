"""Staff pages of the reports, mounted at /staff/reports/ (namespace "reports")."""

from hromada.reports import views

app_name = "reports"

urlpatterns = views.urlpatterns
