"""Подання е-звернення: the public side of registration, through the same service as every channel.

The portal registers as the system account `portal` (accounts.system: role registrar, unusable
password, so no one can sign in as it); it shows in the journal as who registered. The appeal and its
files are one `atomic_with_files()` block: a refused file leaves neither the appeal nor the files
already stored for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from hromada.accounts.system import system_user
from hromada.appeals import notify
from hromada.appeals.models import Appeal
from hromada.appeals.public_schemas import EAppealIn
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.selectors.files import PORTAL_ACCOUNT
from hromada.appeals.services.registration import register_appeal
from hromada.appeals.services.tracking import issue_tracking_code
from hromada.appeals.services.workflow import add_attachment
from hromada.core import clock
from hromada.core.errors import FieldError, ValidationFailed
from hromada.core.files import atomic_with_files
from hromada.core.person_input import full_name_error, normal_phone, phone_error, substance_error


def _portal_errors(data: EAppealIn) -> list[FieldError]:
    """What the law requires of an e-appeal beyond what registration checks for every channel."""
    errors = []
    if not data.name:
        errors.append(FieldError("name", _("Give your full name (ПІБ)."), "required"))
    elif (name_error := full_name_error("name", data.name)) is not None:
        errors.append(name_error)
    if not data.address:
        errors.append(FieldError("address", _("Give your postal address."), "required"))
    if not data.email:
        errors.append(FieldError("email", _("Give the e-mail address for the answer."), "required"))
    else:
        try:
            validate_email(data.email)
        except ValidationError:
            errors.append(FieldError("email", _("Enter a valid e-mail address."), "invalid"))
    if (bad_phone := phone_error("phone", data.phone)) is not None:
        errors.append(bad_phone)
    if not data.text:
        errors.append(FieldError("text", _("Describe the substance of your appeal."), "required"))
    elif (text_error := substance_error("text", data.text)) is not None:
        errors.append(text_error)
    if not data.consent:
        errors.append(
            FieldError("consent", _("Consent to the processing of personal data is required."), "required")
        )
    return errors


_ALIASES = {
    "applicants.0.name": "name",
    "applicants.0.address": "address",
    "applicants.0.email": "email",
    "applicants.0.phone": "phone",
    "applicants.0.categories": "categories",
    "issues.0.topic": "topic",
    "issues.0.text": "text",
}


def file_e_appeal(data: EAppealIn, uploads: Sequence[UploadedFile] = ()) -> tuple[Appeal, str]:
    """Register the e-appeal (channel web, received now), attach the files, issue the tracking code,
    and queue the author's letter with number and code — all or nothing, stored files included.
    Returns (appeal, code)."""
    errors = _portal_errors(data)
    if errors:
        raise ValidationFailed(errors)
    if data.phone:
        data = data.model_copy(update={"phone": normal_phone(data.phone)})
    with atomic_with_files():
        return _register(data, uploads)


def _register(data: EAppealIn, uploads: Sequence[UploadedFile]) -> tuple[Appeal, str]:
    # Validated from one dict, as the API's body is: the applicant and the issue are checked in place.
    item = AppealRegisterIn.model_validate(
        {
            "channel": "web",
            "received_at": clock.now(),
            "kind": data.kind,
            "applicants": [
                {
                    "name": data.name,
                    "address": data.address,
                    "email": data.email,
                    "phone": data.phone,
                    "categories": data.categories,
                }
            ],
            "issues": [{"topic": data.topic, "text": data.text}],
            "summary": data.text[:200],
        }
    )
    actor = system_user(PORTAL_ACCOUNT, "Вебпортал")
    try:
        # register_appeal's own letter has no tracking code: ours below replaces it.
        appeal = register_appeal(item, actor=actor, notify_authors=False)
    except ValidationFailed as exc:
        raise ValidationFailed(
            [FieldError(_ALIASES.get(e.field, e.field), e.message, e.code) for e in exc.errors]
        ) from None
    for upload in uploads:
        try:
            add_attachment(actor=actor, appeal_id=appeal.pk, upload=upload)
        except ValidationFailed as exc:
            raise ValidationFailed(
                [FieldError("attachments", f"{upload.name}: {e.message}", e.code) for e in exc.errors]
            ) from None
    code = issue_tracking_code(appeal)
    notify.registered(appeal, tracking_code=code)
    return appeal, code
