#!/bin/sh
# Rebuilds the warm-up's sample notes from the texts in source/ with LibreOffice
# (apt-get install libreoffice-writer-nogui): the same text as PDF, DOCX and ODT, in French and in English.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lang in fr en; do
	awk 'BEGIN { print "<html><head><meta charset=\"utf-8\"><style>body{font-family:Liberation Serif;font-size:11pt}</style></head><body>" }
		NR == 1 { print "<h1>" $0 "</h1>"; next }
		/^$/ { next }
		NF <= 4 && !/[.:]$/ { print "<h2>" $0 "</h2>"; next }
		{ print "<p>" $0 "</p>" }
		END { print "</body></html>" }' source/sample-$lang.txt > "$work/sample-$lang.html"
done
soffice --headless --infilter="HTML (StarWriter)" --convert-to odt:writer8 --outdir "$work" "$work"/*.html >/dev/null
for odt in "$work"/*.odt; do
	soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$work" "$odt" >/dev/null
	soffice --headless --convert-to pdf:writer_pdf_Export --outdir "$work" "$odt" >/dev/null
done
cp "$work"/*.odt "$work"/*.docx "$work"/*.pdf .
