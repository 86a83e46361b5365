"""Each export and erasure is recorded: the operator's and the subject's ids, the action, when."""

from zoom_worker.models import PersonalDataRequest


def personal_data_request_record(
    *, action: str, via: str, subject_id: int, operator_id: int | None
) -> PersonalDataRequest:
    return PersonalDataRequest.objects.create(
        action=action, via=via, subject_id=subject_id, operator_id=operator_id
    )
