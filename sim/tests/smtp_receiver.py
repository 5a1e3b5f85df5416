#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) for the sim's .email tests.

usage: smtp_receiver.py PORT
Prints "smtp listening on PORT", then one JSON line per message received:
{"from": ..., "to": [...], "data": "<RFC 5322 text>", "user": <AUTH login or null>}.
AUTH PLAIN/LOGIN is accepted without TLS (loopback only) for user "mailer" / password "mail-pw".
"""
import json
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    async def handle_DATA(self, server, session, envelope):
        user = session.auth_data.login.decode() if session.auth_data else None
        print(json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                          "data": envelope.content.decode("utf8", "replace"), "user": user}), flush=True)
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"mailer" and auth_data.password == b"mail-pw"
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


port = int(sys.argv[1])
controller = Controller(Handler(), hostname="127.0.0.1", port=port,
                        authenticator=authenticator, auth_require_tls=False)
controller.start()
print(f"smtp listening on {port}", flush=True)
threading.Event().wait()
