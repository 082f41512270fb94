"""A small OpenID Connect provider for the tests, on 127.0.0.1 with a freshly generated RSA key.

It serves discovery, JWKS, an authorisation page (a form: "Continue") and the token endpoint, and
checks what a real provider checks: the client, the redirect URI, the PKCE S256 verifier, and that
a code is used once. What it says about the person (``claims``) and how it signs (``signing_key``)
are set by each test, so tests can make it lie.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey


class Provider:
    def __init__(self, client_id: str = "maca-test-client", client_secret: str = "s3cret") -> None:  # noqa: S107
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key-1", "use": "sig"})
        self.signing_key = self.key
        self.claims: dict = {
            "sub": "idp-user-1",
            "email": "hv.lead@northmoor.example",
            "email_verified": True,
            "amr": ["pwd", "mfa"],
        }
        self.nonce_override: str | None = None
        self.codes: dict[str, dict] = {}
        self.token_requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce_override or nonce,
            **self.claims,
        }
        kid = self.signing_key.kid
        return jwt.encode({"alg": "RS256", "kid": kid}, claims, self.signing_key)

    def approve(self, query: dict) -> str:
        """What Continue does: a code for this request, and the URL to send the browser to."""
        code = secrets.token_urlsafe(24)
        self.codes[code] = query
        return (
            f"{query['redirect_uri']}?"
            f"{urllib.parse.urlencode({'code': code, 'state': query['state']})}"
        )

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _form(self) -> dict:
                length = int(self.headers.get("Content-Length", "0"))
                return dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))

            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                if url.path == "/.well-known/openid-configuration":
                    return self._json(200, provider.discovery())
                if url.path == "/jwks":
                    return self._json(200, KeySet([provider.key]).as_dict(private=False))
                if url.path == "/authorize":
                    query = dict(urllib.parse.parse_qsl(url.query))
                    problem = (
                        query.get("client_id") != provider.client_id
                        or query.get("response_type") != "code"
                        or query.get("code_challenge_method") != "S256"
                        or not query.get("code_challenge")
                        or not query.get("state")
                        or not query.get("nonce")
                    )
                    if problem:
                        return self._json(400, {"error": "invalid_request"})
                    hidden = "".join(
                        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                        for k, v in query.items()
                    )
                    page = (
                        '<!DOCTYPE html><html lang="en"><head><title>Test provider</title></head>'
                        f"<body><main><h1>Test identity provider</h1><p>Signing in as "
                        f"{html.escape(provider.claims.get('email', ''))}</p>"
                        f'<form method="post" action="/authorize">{hidden}'
                        "<button>Continue</button></form></main></body></html>"
                    ).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.end_headers()
                    self.wfile.write(page)
                    return None
                return self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:
                if self.path == "/authorize":
                    self.send_response(302)
                    self.send_header("Location", provider.approve(self._form()))
                    self.end_headers()
                    return None
                if self.path == "/token":
                    provider.token_requests += 1
                    form = self._form()
                    asked = provider.codes.pop(form.get("code", ""), None)
                    verifier = form.get("code_verifier", "")
                    challenge = (
                        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                        .decode()
                        .rstrip("=")
                    )
                    if (
                        asked is None
                        or form.get("grant_type") != "authorization_code"
                        or form.get("client_id") != provider.client_id
                        or form.get("client_secret") != provider.client_secret
                        or form.get("redirect_uri") != asked["redirect_uri"]
                        or challenge != asked["code_challenge"]
                    ):
                        return self._json(400, {"error": "invalid_grant"})
                    return self._json(
                        200,
                        {
                            "access_token": secrets.token_urlsafe(16),
                            "token_type": "Bearer",
                            "id_token": provider.id_token(asked["nonce"]),
                        },
                    )
                return self._json(404, {"error": "not_found"})

        return Handler
