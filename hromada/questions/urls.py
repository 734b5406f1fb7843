"""Staff pages of public questions and legal help, mounted at /staff/questions/ (namespace "questions")."""

from hromada.questions.views import legal_help, questions

app_name = "questions"

urlpatterns = [
    *legal_help.urlpatterns,
    *questions.urlpatterns,
]
