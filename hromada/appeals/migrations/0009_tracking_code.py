from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("appeals", "0008_report_covering_index")]

    operations = [
        migrations.AddField(
            model_name="appeal",
            name="tracking_code_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
