"""The petition journal becomes append-only in the database, as the appeals one is (issue 12).

The actions get their choices (labels only: the stored values stay), and the petition is PROTECTed:
a cascade into the journal would be refused by the trigger anyway."""

import django.db.models.deletion
from django.db import migrations, models

from hromada.core.journal import append_only_operations


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0001_petitions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="petitionevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("created", "Draft created"),
                    ("edited", "Draft edited"),
                    ("submitted", "Submitted for moderation"),
                    ("published", "Published for signing"),
                    ("returned", "Returned for edits"),
                    ("refused", "Refused"),
                    ("withdrawn", "A signature withdrawn by its signer"),
                    ("paper_added", "Paper signatures added"),
                    ("threshold_reached", "Threshold reached: under consideration"),
                    ("invalidated", "Signatures invalidated"),
                    ("invalidation_reverted", "Invalidation reverted"),
                    ("answered", "Answered"),
                    ("closed", "Closed: threshold not reached"),
                    ("converted", "Registered as an appeal"),
                ],
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="petitionevent",
            name="petition",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="events", to="petitions.petition"
            ),
        ),
        *append_only_operations("petitions_petitionevent"),
    ]
