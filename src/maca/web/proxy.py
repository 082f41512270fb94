"""Forwarded headers, believed only from the reverse proxies named in ``MACA_TRUSTED_PROXIES``.

Behind a TLS proxy, the scheme (``X-Forwarded-Proto``), the client's address
(``X-Forwarded-For``) and the request id (``X-Request-ID``) arrive as headers that anyone can
also send. From a trusted proxy they are used: the scheme through Django's
``SECURE_PROXY_SSL_HEADER``, the client's address as ``REMOTE_ADDR`` (for the lockout and the
trail). From any other peer they are removed before anything reads them, so a client talking
to the server directly cannot pass a request off as https or as coming from someone else.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_X_REQUEST_ID",
)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def is_trusted(address: str | None) -> bool:
    """Whether ``address`` is one of the configured proxies."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.MACA_TRUSTED_PROXIES)))


def client_address(peer: str, forwarded_for: str) -> str:
    """The nearest address in X-Forwarded-For that is not itself a trusted proxy (addresses
    further left were written by the client and prove nothing); the peer if there is none."""
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        try:
            address = str(ipaddress.ip_address(hop))
        except ValueError:
            return peer
        if not is_trusted(address):
            return address
    return peer


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        if is_trusted(peer):
            meta["REMOTE_ADDR"] = client_address(peer, meta.get("HTTP_X_FORWARDED_FOR", ""))
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)
