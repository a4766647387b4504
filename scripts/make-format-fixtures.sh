#!/usr/bin/env bash
# Regenerates the PDF and Word test files in doc-readers/tests/files/ from
# the invented bulletins in doc-readers/tests/files/source/ (see
# scripts/lib/make_format_fixtures.py for what each file exercises).
# Needs LibreOffice Writer, qpdf and the WenQuanYi font (Debian packages,
# installed when missing) and reportlab + fpdf2 (pip, in a venv under /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v qpdf >/dev/null || need+=(qpdf)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update && apt-get install -y --no-install-recommends "${need[@]}"
fi
venv=/tmp/bulletin-fixture-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import reportlab, fpdf' 2>/dev/null || "$venv/bin/pip" install -q reportlab fpdf2
"$venv/bin/python" scripts/lib/make_format_fixtures.py
ls -l doc-readers/tests/files
