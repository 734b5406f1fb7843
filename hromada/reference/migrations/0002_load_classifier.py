"""Load the classifier's vocabularies, so that every database starts with them."""

import json
from pathlib import Path

from django.db import migrations

FILE = Path(__file__).resolve().parent.parent / "fixtures" / "classifier.json"
MODELS = {
    "channels": "Channel",
    "features": "Feature",
    "kinds": "Kind",
    "sexes": "Sex",
    "subjects": "Subject",
    "types": "AppealType",
    "author_categories": "AuthorCategory",
    "social_statuses": "SocialStatus",
    "results": "Result",
    "topics": "Topic",
}


def load(apps, schema_editor):
    data = json.loads(FILE.read_text(encoding="utf-8"))
    for key, name in MODELS.items():
        model = apps.get_model("reference", name)
        for position, item in enumerate(data[key], start=1):
            extra = {k: item[k] for k in ("group", "priority") if k in item}
            model.objects.get_or_create(
                code=item["code"],
                defaults={
                    "name": item["name"],
                    "classifier": item.get("classifier") or "",
                    "position": position,
                    **extra,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
