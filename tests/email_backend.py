"""The test suite's e-mail backend: Django's in-memory outbox, which first scans every message sent anywhere in the
suite and fails the send (so the test) if it carries a person's name, identity number, address or the like."""

from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from kompotten.structured_logging import IDENTITY_NUMBER
from tests.leaks import find_leaks, sensitive_values


class LeakCheckingEmailBackend(EmailBackend):
    def send_messages(self, messages):
        with connection.cursor() as cursor:
            sensitive = sensitive_values(cursor)
        for message in messages:
            text = f"{message.subject}\n{message.body}"
            leaks = find_leaks(text, sensitive) + IDENTITY_NUMBER.findall(text)
            assert not leaks, f"An e-mail would carry personal data {leaks}: {message.subject!r}"
        return super().send_messages(messages)
