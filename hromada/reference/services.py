"""Loading the classifier into the reference tables."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from hromada.reference.models import VOCABULARIES


@transaction.atomic
def load_classifier(path: Path | None = None, *, update_names: bool = False) -> dict[str, int]:
    """Create missing entries from classifier.json. Existing entries keep the administrator's edits
    (name, active flag) unless `update_names`; nothing is deleted. Returns created counts."""
    data = json.loads(Path(path or settings.HROMADA_CLASSIFIER_PATH).read_text(encoding="utf-8"))
    created: dict[str, int] = {}
    for key, model in VOCABULARIES.items():
        existing = set(model.objects.values_list("code", flat=True))
        new = []
        for position, item in enumerate(data.get(key, []), start=1):
            fields = {"name": item["name"], "classifier": item.get("classifier") or "", "position": position}
            if "group" in item:
                fields["group"] = item["group"]
            if "priority" in item:
                fields["priority"] = bool(item["priority"])
            if item["code"] in existing:
                if update_names:
                    model.objects.filter(code=item["code"]).update(**fields)
                continue
            new.append(model(code=item["code"], **fields))
        model.objects.bulk_create(new)
        created[key] = len(new)
    return created
