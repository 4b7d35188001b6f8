#!/bin/sh
# Debian packages the browser, PDF and HTML tests need. Installs only what is missing.
set -eu
PACKAGES="chromium poppler-utils default-jre-headless fonts-dejavu-core zbar-tools libpango-1.0-0 libpangoft2-1.0-0"
missing=""
for package in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "Ontbrekende systeempakketten:$missing"
    echo "Installeer ze met: sudo apt-get update && sudo apt-get install -y$missing"
    exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
