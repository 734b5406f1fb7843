"""The rate-limit counters are a shared mechanic: the model moves from the portal to core.

State only: the table (portal_ratelimitcount, made by portal 0001/0002) and its rows stay as they are.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_audit_entry_object_and_actor_indexes"),
        ("portal", "0002_ratelimit_buckets"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateLimitCount",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("scope", models.CharField(max_length=20)),
                        ("key", models.CharField(max_length=64)),
                        ("bucket", models.BigIntegerField()),
                        ("count", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "portal_ratelimitcount",
                        "indexes": [
                            models.Index(fields=["scope", "bucket"], name="portal_ratelimit_purge_idx")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("scope", "key", "bucket"), name="portal_ratelimit_bucket_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
