"""Zoom's error messages, in English and in the other languages an account may be set to.

Zoom may answer in the account's language, so a client must decide by `code` and headers, never
by text; answering in another language is how the stand-in lets that be tried. In a translated
language the per-second and the daily 429 share one message, so nothing in the body tells them
apart: only their headers do.
"""

MESSAGES = {
    "en": {
        "invalid_token": "Invalid access token.",
        "missing_scopes": "Invalid access token, does not contain scopes: [{scopes}]",
        "validation_failed": "Validation Failed.",
        "invalid_json": "Request Body should be a valid JSON object.",
        "user_not_found": "User does not exist: {user}",
        "cannot_schedule_for": "You cannot schedule a meeting for {user}",
        "meeting_not_found": "Meeting does not exist: {meeting_id}.",
        "no_recording": "There is no recording for this meeting.",
        "per_second": (
            "You have reached the maximum per-second rate limit for this API. Try again later."
        ),
        "daily": (
            "You have exceeded the daily rate limit ({cap}) of Meeting Create/Update API requests "
            "permitted for this particular user. You may resume these requests at GMT 00:00:00."
        ),
        "server_error": "Injected server error.",
    },
    "tr": {
        "invalid_token": "Geçersiz erişim belirteci.",
        "missing_scopes": "Geçersiz erişim belirteci, şu kapsamları içermiyor: [{scopes}]",
        "validation_failed": "Doğrulama başarısız oldu.",
        "invalid_json": "İstek gövdesi geçerli bir JSON nesnesi olmalıdır.",
        "user_not_found": "Kullanıcı mevcut değil: {user}",
        "cannot_schedule_for": "{user} adına toplantı planlayamazsınız",
        "meeting_not_found": "Toplantı mevcut değil veya süresi dolmuş: {meeting_id}.",
        "no_recording": "Bu toplantının kaydı yok.",
        "per_second": "İstek sınırını aştınız. Lütfen daha sonra yeniden deneyin.",
        "daily": "İstek sınırını aştınız. Lütfen daha sonra yeniden deneyin.",
        "server_error": "Sunucu hatası (enjekte edildi).",
    },
    "fr": {
        "invalid_token": "Jeton d'accès non valide.",
        "missing_scopes": "Jeton d'accès non valide, il ne contient pas les portées : [{scopes}]",
        "validation_failed": "La validation a échoué.",
        "invalid_json": "Le corps de la requête doit être un objet JSON valide.",
        "user_not_found": "L'utilisateur n'existe pas : {user}",
        "cannot_schedule_for": "Vous ne pouvez pas programmer de réunion pour {user}",
        "meeting_not_found": "La réunion n'existe pas ou a expiré : {meeting_id}.",
        "no_recording": "Il n'y a aucun enregistrement pour cette réunion.",
        "per_second": "Vous avez dépassé la limite de requêtes. Réessayez plus tard.",
        "daily": "Vous avez dépassé la limite de requêtes. Réessayez plus tard.",
        "server_error": "Erreur de serveur (injectée).",
    },
}
LANGUAGES = tuple(MESSAGES)


def message(language, key, params):
    return MESSAGES[language][key].format(**params)


def check_language(language):
    """`language` if the stand-in speaks it; ValueError otherwise."""
    if language not in MESSAGES:
        raise ValueError(f"language must be one of {list(LANGUAGES)}")
    return language
