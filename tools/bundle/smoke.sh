#!/usr/bin/env bash
# Smoke test of the built one-folder bundle: the terminal game to an ending, a scripted window
# game with screenshots, and validation of the shipped scenarios, all from another folder.
set -euo pipefail
app="$(cd "$(dirname "$0")/../.." && pwd)/dist/balancing-act/balancing-act"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export BALANCING_ACT_HOME="$work/home" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
printf '1\n1\n1\n1\n1\n1\n1\n1\n' | "$app" play tutorial --text --seed 1 > text.log
grep -q "^Ending: " text.log || { echo "bundle: the terminal game did not reach an ending"; exit 1; }
printf '1\n1\n1\n1\n1\n1\n1\n1\n' | "$app" play tutorial --text --seed 1 --lang hi > hindi.log
grep -q "^अंत: " hindi.log || { echo "bundle: the Hindi terminal game did not reach an ending"; exit 1; }
printf '1\n1\n1\n1\n1\n1\n1\n1\n' > steps.txt
"$app" play tutorial --seed 1 --script steps.txt --screenshots shots
ls shots/*_debrief.png > /dev/null || { echo "bundle: the window game did not reach the debrief"; exit 1; }
"$app" validate tutorial s400_dilemma discounted_crude malabar_and_the_quad forums_and_votes balancing_act
echo "bundle: smoke test passed (terminal game, window game, validation)"
