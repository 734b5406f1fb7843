"""The journal's actions get their choices: labels on the model, the stored values unchanged."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0010_import_job"),
    ]

    operations = [
        migrations.AlterField(
            model_name="appealevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("registered", "Registered"),
                    ("resolved", "Resolution given"),
                    ("extended", "Term extended"),
                    ("extension_requested", "Extension requested"),
                    ("extension_declined", "Requested extension declined"),
                    ("forwarded", "Forwarded to the competent body"),
                    ("note", "Progress note added"),
                    ("draft_answer", "Draft answer added"),
                    ("reassigned", "Executor changed"),
                    ("answered", "Answer given"),
                    ("closed", "Taken off control"),
                    ("reopened", "Returned for rework"),
                    ("author_information", "The author added information"),
                    ("attachment", "File attached"),
                ],
                max_length=30,
            ),
        ),
    ]
