"""The watch over logs and URLs (tests/personal_data_watch.py) finds an address in clear and
inside a signed value, and does not take random bytes for one."""

import base64

from tests.personal_data_watch import personal


def test_an_address_in_clear_or_encoded_is_found():
    assert personal("GET /nabor/?email=jan@example.org")
    signed = base64.urlsafe_b64encode(b'{"e":"jan.kowalski@test.example.org"}').decode()
    assert personal(f"/potwierdz/{signed.rstrip('=')}:1vQx/")


def test_a_task_id_whose_bytes_happen_to_hold_an_at_sign_is_not_an_address():
    # Seen in a CI run: these bytes decode to "h@" followed by Thaana letters, ".", "-", "c".
    assert not personal("Task id=OLuojmlhMAEjFv5oQN6Pkd0uLYRj2EQU state=RUNNING")
