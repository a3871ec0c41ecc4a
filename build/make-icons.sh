#!/usr/bin/env bash
# Dev tool. Redraws the app icons from scratch (ImageMagick and Noto CJK fonts, both Debian
# packages): a dark red seal with 执 in white. Output: build/icon.png (512×512), build/icon.ico.
set -euo pipefail
cd "$(dirname "$0")"
font=/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc
convert -size 512x512 xc:none \
  -fill '#8a1c1c' -draw 'roundrectangle 16,16 495,495 56,56' \
  -fill none -stroke '#f3d9a4' -strokewidth 6 -draw 'roundrectangle 40,40 471,471 40,40' \
  -stroke none -fill white -font "$font" -pointsize 330 -gravity center -annotate +0+8 '执' \
  -depth 8 PNG32:icon.png
convert icon.png -define icon:auto-resize=256,128,64,48,32,24,16 icon.ico
