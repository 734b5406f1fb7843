"""Staff pages of public questions and legal help, mounted at /staff/questions/ (namespace "questions")."""

from hromada.questions.views import legal_help, staff

app_name = "questions"

urlpatterns = [
    *legal_help.urlpatterns,
    *staff.urlpatterns,
]
