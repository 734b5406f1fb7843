from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "hromada.questions"
    verbose_name = "Запитання до міської влади"
