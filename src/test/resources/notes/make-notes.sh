#!/bin/sh
# Rebuilds the test notes from the texts in source/ with LibreOffice (apt-get install libreoffice-writer-nogui).
# A "2pages" note is the one-page text followed by a page break and its annex.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

html() { # title-less HTML: first line is the heading, blank-line separated paragraphs, one-word lines are subheadings
	awk 'BEGIN { print "<html><head><meta charset=\"utf-8\"><style>body{font-family:Liberation Serif;font-size:11pt}</style></head><body>" }
		NR == 1 { print "<h1>" $0 "</h1>"; next }
		/^$/ { next }
		NF <= 4 && !/[.:]$/ { print "<h2>" $0 "</h2>"; next }
		{ print "<p>" $0 "</p>" }
		END { print "</body></html>" }' "$1"
}

for lang in fr en de; do
	html source/note-$lang.txt > "$work/note-$lang-1page.html"
	if [ -f source/note-$lang-annex.txt ]; then
		html source/note-$lang.txt | sed '$d' > "$work/note-$lang-2pages.html"
		html source/note-$lang-annex.txt | sed '1d' | sed 's/^<h1>/<h1 style="page-break-before: always">/' >> "$work/note-$lang-2pages.html"
	fi
done
soffice --headless --infilter="HTML (StarWriter)" --convert-to odt:writer8 --outdir "$work" "$work"/*.html >/dev/null
for odt in "$work"/*.odt; do
	soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$work" "$odt" >/dev/null
	soffice --headless --convert-to pdf:writer_pdf_Export --outdir "$work" "$odt" >/dev/null
done
cp "$work"/*.odt "$work"/*.docx "$work"/*.pdf .
