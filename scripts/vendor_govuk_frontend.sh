#!/usr/bin/env bash
# Refresh the vendored GOV.UK Frontend build (MIT) in src/maca/web/static/govuk/.
# Needs npm; run by a developer when upgrading, never at run or test time.
# maca is not a GOV.UK service, so the GDS Transport font (licensed for GOV.UK only) and the
# crown images are left out and the CSS falls back to Arial.
set -euo pipefail
version=${1:-6.6.0}
out=src/maca/web/static/govuk
work=$(mktemp -d)
(cd "$work" && npm pack --silent "govuk-frontend@$version" >/dev/null && tar xzf govuk-frontend-*.tgz)
dist="$work/package/dist/govuk"
mkdir -p "$out"
python3 - "$dist/govuk-frontend.min.css" "$out/govuk-frontend.min.css" <<'PY'
import re, sys
css = open(sys.argv[1], encoding="utf-8").read()
css = re.sub(r"@font-face\{[^}]*\}", "", css)
css = css.replace("font-family:GDS Transport,arial,sans-serif", "font-family:arial,sans-serif")
css = css.replace("font-family:GDS Transport", "font-family:arial")
css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
open(sys.argv[2], "w", encoding="utf-8").write(css)
PY
sed 's#//\# sourceMappingURL=.*##' "$dist/govuk-frontend.min.js" > "$out/govuk-frontend.min.js"
printf "GOV.UK Frontend %s, (c) Crown copyright, released under the MIT licence.\nhttps://github.com/alphagov/govuk-frontend\n" "$version" > "$out/LICENSE.txt"
echo "govuk-frontend $version" > "$out/VERSION"
rm -rf "$work"
