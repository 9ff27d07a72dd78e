#!/usr/bin/env python3
"""A token endpoint on loopback for scripts/dovecot-oauth2.sh (issue #20): the client-credentials grant with
short-lived tokens, as Microsoft 365's app-only sign-in gives them, and RFC 7662 introspection, which Dovecot's
oauth2 passdb asks about each token. It logs each token it mints and each it is asked about (never the secret).

    oauth2-token-endpoint.py PORT CLIENT_ID CLIENT_SECRET USER LIFETIME_SECONDS
"""
import base64
import json
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, CLIENT_ID, CLIENT_SECRET, USER, LIFETIME = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
tokens = {}
lock = threading.Lock()


def log(line):
    print(time.strftime("%H:%M:%S"), line, flush=True)


class Endpoint(BaseHTTPRequestHandler):

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
        value = lambda name: form.get(name, [""])[0]
        if self.path == "/token":
            client, secret = value("client_id"), value("client_secret")
            basic = self.headers.get("Authorization", "")
            if basic.startswith("Basic "):
                pair = base64.b64decode(basic[6:]).decode()
                client, secret = (urllib.parse.unquote_plus(part) for part in pair.split(":", 1))
            if (client, secret) != (CLIENT_ID, CLIENT_SECRET):
                return self.answer(401, {"error": "invalid_client"})
            if value("grant_type") != "client_credentials":
                return self.answer(400, {"error": "unsupported_grant_type"})
            token = secrets.token_urlsafe(24)
            with lock:
                tokens[token] = time.time() + LIFETIME
                count = len(tokens)
            log(f"minted token #{count} ({token[:6]}…), expires in {LIFETIME} s")
            return self.answer(200, {"access_token": token, "token_type": "Bearer", "expires_in": LIFETIME})
        if self.path == "/introspect":
            token = value("token")
            with lock:
                active = tokens.get(token, 0) > time.time()
            log(f"introspected {token[:6]}…: {'active' if active else 'expired or unknown'}")
            return self.answer(200, {"active": True, "username": USER} if active else {"active": False})
        self.answer(404, {"error": "not_found"})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(PORT)), Endpoint).serve_forever()
