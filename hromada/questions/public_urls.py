"""Public pages of «Запитання до міської влади» and «Правова допомога» (namespace "portal")."""

from django.urls import path

from hromada.questions.views import public as views

urlpatterns = [
    path("zapytannia/", views.questions, name="questions"),
    path("zapytannia/nove/", views.ask, name="ask"),
    path("zapytannia/otrymano/", views.asked, name="asked"),
    path("zapytannia/<int:question_id>/", views.question, name="question"),
    path("pravova-dopomoha/", views.legal_help, name="legal-help"),
    path("pravova-dopomoha/<int:consultation_id>/", views.consultation, name="consultation"),
]
