"""The client's address: REMOTE_ADDR unless a proxy header is configured."""

from django.test import RequestFactory

from akademia.core.net import client_ip


def request(remote="203.0.113.5", **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HEADER = ""
    assert client_ip(request(**{"X-Forwarded-For": "192.0.2.1"})) == "203.0.113.5"


def test_a_trusted_proxy_header_gives_the_entry_of_our_nearest_proxies(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    forwarded = {"X-Forwarded-For": "192.0.2.1, 198.51.100.7"}
    assert client_ip(request("10.0.0.2", **forwarded)) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request("10.0.0.2", **forwarded)) == "192.0.2.1"


def test_a_missing_or_garbled_header_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    assert client_ip(request("10.0.0.2")) == "10.0.0.2"
    assert client_ip(request("10.0.0.2", **{"X-Real-IP": "<script>"})) == "10.0.0.2"
    assert client_ip(request("10.0.0.2", **{"X-Real-IP": "2001:db8::1"})) == "2001:db8::1"


def test_a_rate_limit_counts_per_key_within_its_window(db):
    from datetime import timedelta

    from akademia.core import ratelimit
    from akademia.core.models import RateHit

    window = timedelta(minutes=10)
    for _ in range(2):
        assert not ratelimit.exceeded("test", "a", limit=2, window=window)
        ratelimit.hit("test", "a", window=window)
    assert ratelimit.exceeded("test", "a", limit=2, window=window)
    assert not ratelimit.exceeded("test", "b", limit=2, window=window)
    assert not RateHit.objects.filter(key__contains="a").exclude(key__regex="^[0-9a-f]{64}$")
    RateHit.objects.update(created_at=RateHit.objects.first().created_at - window)
    assert not ratelimit.exceeded("test", "a", limit=2, window=window)
    ratelimit.hit("test", "b", window=window)
    assert RateHit.objects.count() == 1  # the old ones are gone
