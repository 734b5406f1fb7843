"""The question journal becomes append-only in the database, as the appeals one is (issue 12).

The question is PROTECTed: a cascade into the journal would be refused by the trigger anyway."""

import django.db.models.deletion
from django.db import migrations, models

from hromada.core.journal import append_only_operations


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_questions_events_and_legal_consultations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="questionevent",
            name="question",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="events", to="questions.question"
            ),
        ),
        *append_only_operations("questions_questionevent"),
    ]
