#!/bin/bash
# Guichet reads a real IMAP server over XOAUTH2 (issue #20, the optional part): Debian's Dovecot 2.3 with its oauth2
# passdb, which asks a token endpoint on loopback (scripts/oauth2-token-endpoint.py) about every token, the way
# Microsoft 365 and Google check theirs. The tests do the same against GreenMail (guichet.oauth2); this is the check
# against a server that is not ours.
#
# Usage: scripts/dovecot-oauth2.sh [APPLICATIONS] [TOKEN_LIFETIME_SECONDS]   (defaults: 5 and 20)
# Needs: Debian's dovecot-imapd (apt-get install dovecot-imapd; its service need not run), python3, curl, and the
# packaged jar (./mvnw -B -DskipTests package). Runs as root (Dovecot drops to the mail user). Everything listens on
# 127.0.0.1 and lives in a temporary folder, removed at the end.
#
# It puts APPLICATIONS messages in the shared mailbox's Maildir, starts Guichet (embedded PostgreSQL) with that
# mailbox as `auth: oauth2` and a client-credentials registration, and waits until every message is an application;
# then it keeps Guichet polling past the tokens' lifetime, so that each poll needs a fresh token, and checks that
# Dovecot accepted only XOAUTH2 logins with live tokens and that the reconciliation finds nothing missed.
set -euo pipefail
cd "$(dirname "$0")/.."
APPLICATIONS="${1:-5}"
LIFETIME="${2:-20}"
JAR="${GUICHET_JAR:-target/guichet.jar}"
USER_ADDRESS=applications@committee.example

command -v dovecot >/dev/null || { echo "No dovecot: apt-get install dovecot-imapd" >&2; exit 2; }
[ -f "$JAR" ] || { echo "No $JAR: ./mvnw -B -DskipTests package" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "Run as root: Dovecot switches to the mail user" >&2; exit 2; }

WORK=$(mktemp -d /tmp/guichet-dovecot.XXXXXX)
chmod 755 "$WORK"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
TOKEN_PORT=$(free_port)
IMAP_PORT=$(free_port)
HTTP_PORT=$(free_port)
SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')

python3 scripts/oauth2-token-endpoint.py "$TOKEN_PORT" guichet "$SECRET" "$USER_ADDRESS" "$LIFETIME" \
	> "$WORK/token-endpoint.log" 2>&1 &
pids+=($!)

mkdir -p "$WORK/mail/applications/"{new,cur,tmp}
for i in $(seq 1 "$APPLICATIONS"); do
	cat > "$WORK/mail/applications/new/$(date +%s).$i.guichet" <<MAIL
Received: from mx.example.org by imap.committee.example; $(date -R)
From: Applicant $i <applicant$i@example.org>
To: $USER_ADDRESS
Subject: Candidature $i
Message-ID: <dovecot-$i-$$@example.org>
Date: $(date -R)
Content-Type: text/plain; charset=utf-8

Our cooperative of delivery riders in Lyon asks to take part in the seminar. Number $i.
MAIL
done
chown -R mail:mail "$WORK/mail"

cat > "$WORK/dovecot-oauth2.conf.ext" <<CONF
introspection_mode = post
introspection_url = http://127.0.0.1:$TOKEN_PORT/introspect
username_attribute = username
active_attribute = active
active_value = true
CONF
cat > "$WORK/dovecot.conf" <<CONF
base_dir = $WORK/run
state_dir = $WORK/state
log_path = $WORK/dovecot.log
auth_verbose = yes
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = xoauth2
mail_location = maildir:$WORK/mail/%n
first_valid_uid = 8
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = $WORK/dovecot-oauth2.conf.ext
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$WORK/mail/%n
}
CONF
dovecot -F -c "$WORK/dovecot.conf" &
pids+=($!)
for _ in $(seq 1 50); do
	(exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT") 2>/dev/null && break
	sleep 0.2
done
capabilities=$(python3 -c "import imaplib; print(imaplib.IMAP4('127.0.0.1', $IMAP_PORT).capabilities)")
echo "Dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$IMAP_PORT offers $capabilities"

java -Xmx512m -jar "$JAR" --server.port="$HTTP_PORT" \
	--guichet.embedded.data-dir="$WORK/data" --guichet.embedded.durable=false \
	--guichet.embedded.backup.cron=- --guichet.acknowledgements.enabled=false \
	--guichet.security.users[0].username=admin --guichet.security.users[0].password='{noop}admin' \
	--guichet.security.users[0].role=ADMIN \
	--guichet.mailboxes[0].name=shared --guichet.mailboxes[0].protocol=imap \
	--guichet.mailboxes[0].host=127.0.0.1 --guichet.mailboxes[0].port="$IMAP_PORT" \
	--guichet.mailboxes[0].username="$USER_ADDRESS" --guichet.mailboxes[0].poll-interval=3s \
	--guichet.mailboxes[0].auth=oauth2 --guichet.mailboxes[0].registration=dovecot \
	--spring.security.oauth2.client.registration.dovecot.provider=dovecot \
	--spring.security.oauth2.client.registration.dovecot.client-id=guichet \
	--spring.security.oauth2.client.registration.dovecot.client-secret="$SECRET" \
	--spring.security.oauth2.client.registration.dovecot.authorization-grant-type=client_credentials \
	--spring.security.oauth2.client.registration.dovecot.scope=imap \
	--spring.security.oauth2.client.provider.dovecot.token-uri="http://127.0.0.1:$TOKEN_PORT/token" \
	> "$WORK/guichet.log" 2>&1 &
pids+=($!)

api() { curl -sf -u admin:admin "http://127.0.0.1:$HTTP_PORT$1"; }
count() { api /api/applications | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0; }
started=$(date +%s)
until [ "$(count)" -ge "$APPLICATIONS" ]; do
	if [ $(($(date +%s) - started)) -gt 240 ]; then
		echo "FAILED: $(count) of $APPLICATIONS applications after 240 s" >&2
		tail -40 "$WORK/guichet.log" "$WORK/dovecot.log" "$WORK/token-endpoint.log" >&2
		exit 1
	fi
	sleep 2
done
echo "All $APPLICATIONS applications filed $(($(date +%s) - started)) s after start"
echo "Polling on past the tokens' lifetime ($LIFETIME s)…"
sleep $((LIFETIME * 2 + 5))

minted=$(grep -c minted "$WORK/token-endpoint.log" || true)
logins=$(grep -c "imap-login: Info: Login: user=<$USER_ADDRESS>, method=XOAUTH2" "$WORK/dovecot.log" || true)
refused=$(grep -c "auth failed" "$WORK/dovecot.log" || true)
other=$(grep "imap-login: Info: Login:" "$WORK/dovecot.log" | grep -vc "method=XOAUTH2" || true)
health=$(api /actuator/health | python3 -c 'import json, sys; print(json.load(sys.stdin)["status"])')
unrecorded=$(api /api/mailboxes/shared/reconciliation | python3 -c 'import json, sys; print(json.load(sys.stdin)["unrecordedCount"])')
echo "tokens minted: $minted; Dovecot XOAUTH2 logins: $logins; other logins: $other; failed logins: $refused"
echo "health: $health; reconciliation: $unrecorded unrecorded"
if [ "$minted" -ge 2 ] && [ "$logins" -ge 2 ] && [ "$other" = 0 ] && [ "$refused" = 0 ] && [ "$health" = UP ] \
	&& [ "$unrecorded" = 0 ]; then
	echo "OK: Guichet read Dovecot over XOAUTH2 with fresh tokens through their expiry"
else
	echo "FAILED" >&2
	tail -30 "$WORK/guichet.log" "$WORK/dovecot.log" >&2
	exit 1
fi
