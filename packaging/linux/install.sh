#!/usr/bin/env bash
# Install the QMS Review desktop bundle (dist/qms-review, built by `pyinstaller build.spec`)
# with its menu entry, icons, AppStream metadata and file associations (order spreadsheets and
# records open with it).
#
#   packaging/linux/install.sh [BUNDLE]              for you: ~/.local (PREFIX=… elsewhere)
#   sudo PREFIX=/usr/local packaging/linux/install.sh   for everyone on this computer
#   packaging/linux/install.sh --uninstall           remove what it installed
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
id=io.github.qmsreview.QMSReview
prefix="${PREFIX:-$HOME/.local}"
uninstall=0
if [ "${1:-}" = "--uninstall" ]; then
    uninstall=1
    shift
fi
bundle="${1:-$here/../../dist/qms-review}"
sizes=(16 24 32 48 64 128 256 512)

refresh() {
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$prefix/share/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
    fi
}

if [ "$uninstall" = 1 ]; then
    rm -rf "$prefix/lib/qms-review"
    rm -f "$prefix/bin/qms-review" "$prefix/share/applications/$id.desktop" \
        "$prefix/share/metainfo/$id.metainfo.xml" \
        "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
    for size in "${sizes[@]}"; do
        rm -f "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
    done
    refresh
    echo "QMS Review removed from $prefix"
    exit 0
fi

if [ ! -x "$bundle/qms-review" ]; then
    echo "No bundle at $bundle: build it first (uv sync --group build && uv run pyinstaller build.spec)" >&2
    exit 1
fi
icons="$bundle/_internal/qms_review/resources/icons"

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"
rm -rf "$prefix/lib/qms-review"
cp -a "$bundle" "$prefix/lib/qms-review"
ln -sfn "$prefix/lib/qms-review/qms-review" "$prefix/bin/qms-review"
# The menu entry starts this copy wherever PATH points.
sed -e "s|^Exec=qms-review |Exec=$prefix/bin/qms-review |" \
    -e "s|^TryExec=qms-review$|TryExec=$prefix/bin/qms-review|" \
    "$here/$id.desktop" >"$prefix/share/applications/$id.desktop"
cp "$here/$id.metainfo.xml" "$prefix/share/metainfo/"
for size in "${sizes[@]}"; do
    mkdir -p "$prefix/share/icons/hicolor/${size}x${size}/apps"
    cp "$icons/qms-review-$size.png" "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
done
mkdir -p "$prefix/share/icons/hicolor/scalable/apps"
cp "$icons/qms-review.svg" "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
refresh
echo "QMS Review installed in $prefix (menu: Office → QMS Review; command: $prefix/bin/qms-review)"
