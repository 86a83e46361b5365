import base64

import pytest

from zoom_worker.zoom.sanitize import MAX_LENGTH, sanitize


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        (
            "start_url https://zoom.us/s/85746065432?zak=eyJ0eXAiOiJKV1Qi.eyJzdWIiOiJ4In0.c2lnbmF0",
            "eyJ0eXAiOiJKV1Qi",
            "https://zoom.us/s/85746065432?zak=***",
        ),
        (
            "join https://zoom.us/j/85746065432?pwd=Q2FsbFNlY3JldA.1&uname=x",
            "Q2FsbFNlY3JldA",
            "https://zoom.us/j/85746065432?pwd=***&uname=x",
        ),
        (
            '{"access_token": "tok-S3cr3t-value", "token_type": "bearer", "expires_in": 3600}',
            "tok-S3cr3t-value",
            '"expires_in": 3600',
        ),
        (
            "Authorization: Bearer tok-S3cr3t-value",
            "tok-S3cr3t-value",
            "Authorization: Bearer ***",
        ),
        (
            "Authorization: Basic " + base64.b64encode(b"client-id:client-S3cr3t").decode(),
            base64.b64encode(b"client-id:client-S3cr3t").decode(),
            "Authorization: Basic ***",
        ),
        ('{"password": "Ab12*x", "topic": "Görüşme"}', "Ab12*x", '"topic": "Görüşme"'),
        ('{"encrypted_password": "enc-S3cr3t", "id": 1}', "enc-S3cr3t", '"id": 1'),
        ("{'h323_password': '998877', 'id': 1}", "998877", "'id': 1"),
        ("<error><password>xml-S3cr3t</password></error>", "xml-S3cr3t", "<error><password>"),
        ("grant_type=x&client_secret=form-S3cr3t&a=b", "form-S3cr3t", "&a=b"),
        ("password: loose-S3cr3t today", "loose-S3cr3t", "today"),
        ("https://user:url-S3cr3t@zoom.us/path", "url-S3cr3t", "https://***@zoom.us/path"),
        ("token eyJhbGciOiJIUzUxMiJ9.eyJ2ZXIiOjd9.sig-part here", "eyJ2ZXIiOjd9", "here"),
    ],
)
def test_secrets_are_redacted_and_the_rest_kept(text: str, secret: str, kept: str) -> None:
    # When
    result = sanitize(text)

    # Then
    assert secret not in result
    assert kept in result


def test_plain_words_after_basic_or_bearer_labels_survive_when_they_are_not_credentials() -> None:
    assert sanitize("Basic user cannot host; token_type: bearer") == (
        "Basic user cannot host; token_type: bearer"
    )


def test_known_literal_secrets_are_removed_wherever_they_appear() -> None:
    # Given a secret with no telling label around it
    text = "echo: client-S3cr3t-value was rejected"

    # When
    result = sanitize(text, secrets=("client-S3cr3t-value", ""))

    # Then
    assert result == "echo: *** was rejected"


def test_long_text_is_cut_to_the_limit_and_folded_to_one_line() -> None:
    # Given
    text = "line one\nline two\r\n\t" + "x" * 1000

    # When
    result = sanitize(text)

    # Then
    assert len(result) == MAX_LENGTH
    assert result.startswith("line one line two x")
    assert result.endswith("…")


def test_a_secret_at_the_cut_is_redacted_before_cutting() -> None:
    text = "x" * (MAX_LENGTH - 10) + " zak=abcdefghijklmnopqrstuvwxyz"

    assert "abcdefgh" not in sanitize(text)


def test_none_becomes_empty_text() -> None:
    assert sanitize(None) == ""
