"""security.Signing signs the session cookie and the CSRF token of kept pages more cheaply than itsdangerous's
URLSafeTimedSerializer, and must stay interchangeable with it: what one signs the other reads."""
import base64
import random

import pytest
from itsdangerous import BadSignature, URLSafeTimedSerializer

from opsspace.security import Signing

SHORT = "a" * 40  # a raw CSRF token: under COMPRESS_FROM once written as JSON
LONG = {"_user_id": "12", "_id": "f" * 128, "csrf_token": "b" * 40}  # a member's session: compressed


@pytest.mark.parametrize("value", [SHORT, LONG])
def test_stock_itsdangerous_reads_what_it_signs_and_the_reverse(value):
    ours, stock = Signing("key", salt="wtf-csrf-token"), URLSafeTimedSerializer("key", salt="wtf-csrf-token")
    assert stock.loads(ours.dumps(value)) == value
    assert ours.loads(stock.dumps(value)) == value
    assert ours.loads(ours.dumps(value), max_age=60) == value


def test_only_long_payloads_are_compressed():
    ours = Signing("key")
    assert not ours.dumps(SHORT).startswith(".")  # a leading dot marks a zlib payload
    assert ours.dumps(LONG).startswith(".")
    assert not ours.dumps(NOISE).startswith(".")


def test_a_rotated_key_still_reads_old_values_and_a_wrong_one_does_not():
    old = Signing("old key", salt="cookie-session").dumps(LONG)
    rotated = Signing(["old key", "new key"], salt="cookie-session")  # the current key last, as Flask lists them
    assert rotated.loads(old) == LONG
    assert rotated.loads(rotated.dumps(SHORT)) == SHORT  # signed with the new key
    assert URLSafeTimedSerializer("new key", salt="cookie-session").loads(rotated.dumps(SHORT)) == SHORT
    with pytest.raises(BadSignature):
        Signing("another key", salt="cookie-session").loads(old)
    with pytest.raises(BadSignature):
        rotated.loads(old[:-2] + ("A" if old[-2] != "A" else "B") + old[-1])
    with pytest.raises(BadSignature):  # the salt is part of the key
        Signing("old key", salt="wtf-csrf-token").loads(old)


NOISE = {"_id": base64.b64encode(random.Random(1).randbytes(100)).decode()}  # 146 bytes zlib cannot shorten


@pytest.mark.parametrize("value", [LONG, NOISE])
def test_long_payloads_are_written_exactly_as_stock_itsdangerous_writes_them(value):
    """Compressed when zlib makes them shorter (LONG), left as they are when it does not (NOISE)."""
    stock = URLSafeTimedSerializer("key")
    assert Signing("key").dump_payload(value) == stock.dump_payload(value)
