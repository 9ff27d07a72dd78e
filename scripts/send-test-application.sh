#!/usr/bin/env bash
# Sends a test application, as an applicant would: one email with a one-page French note in its body, to every
# committee address at once, through the embedded mail server (which relays nothing: it only fills its own mailboxes).
#   scripts/send-test-application.sh [--port 3025] [--from ana@example.org] [ADDRESS…]
# With no ADDRESS, the call's four committee members (guichet.committee's default).
set -euo pipefail
port=3025
from=ana.costa@example.org
while [[ $# -gt 0 && $1 == --* ]]; do
	case $1 in
		--port) port=$2; shift 2 ;;
		--from) from=$2; shift 2 ;;
		*) echo "unknown option $1 (use --port N, --from ADDRESS)" >&2; exit 2 ;;
	esac
done
if [[ $# -eq 0 ]]; then
	set -- odile.chagny@ires.fr idoreste@etuc.org wkowalsk@etuc.org c.teissier@astrees.org
fi
command -v curl > /dev/null || { echo "curl is needed (apt-get install curl)" >&2; exit 1; }
mail=$(mktemp)
trap 'rm -f "$mail"' EXIT
recipients=()
to=""
for address in "$@"; do
	recipients+=(--mail-rcpt "$address")
	to="${to:+$to, }$address"
done
{
	printf 'From: Ana Costa <%s>\r\nTo: %s\r\nSubject: Candidature AMI - collectif des livreurs de Lyon\r\n' "$from" "$to"
	printf 'Message-ID: <test-%s-%s@example.org>\r\nDate: %s\r\n' "$(date +%s)" "$$" "$(LC_ALL=C date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
	printf 'Bonjour,\r\n\r\nVoici la note descriptive de notre initiative.\r\n\r\n'
	printf 'Objectifs : le collectif des livreurs de Lyon veut obtenir des plateformes de livraison une tarification '
	printf 'minimale par course et une assurance contre les accidents pour tous les coursiers.\r\n'
	printf 'Personnes impliquées : une quarantaine de livreurs à vélo, avec le soutien de l union locale et d une '
	printf 'association de juristes.\r\n'
	printf 'Avancement : nous tenons une permanence chaque semaine et avons déposé une première plateforme de '
	printf 'revendications en novembre.\r\n'
	printf 'Attentes : être accompagnés pour structurer notre représentation et négocier avec les plateformes.\r\n\r\n'
	printf 'Bien cordialement,\r\nAna Costa\r\n'
} > "$mail"
curl -sS --url "smtp://localhost:$port" --mail-from "$from" "${recipients[@]}" --upload-file "$mail"
echo "Sent to $to through localhost:$port. It is filed within one poll (5 s on the embedded mail server)."
