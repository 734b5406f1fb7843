"""The rate-limit counters now belong to core (core 0006 takes the model over; the table stays)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_ratelimit_buckets"),
        ("core", "0006_ratelimitcount_moved_from_portal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateLimitCount")],
            database_operations=[],
        ),
    ]
