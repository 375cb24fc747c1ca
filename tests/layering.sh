#!/usr/bin/env bash
# The layering of docs/DESIGN.md §5, checked on the sources: each rule lists an include that
# must not appear in a folder. Prints every violation and fails if there is one.
# Usage: layering.sh SOURCE_DIR
set -u
cd "$1" || exit 2
status=0
rule() {  # rule FOLDERS… -- FORBIDDEN_PREFIXES…
  local folders=() forbidden=() seen=0
  for a in "$@"; do
    if [ "$a" = "--" ]; then seen=1; continue; fi
    if [ $seen -eq 0 ]; then folders+=("$a"); else forbidden+=("$a"); fi
  done
  for p in "${forbidden[@]}"; do
    hits=$(grep -rn --include='*.hpp' --include='*.cpp' -E "#include \"$p" "${folders[@]}" 2>/dev/null)
    if [ -n "$hits" ]; then
      echo "layering: ${folders[*]} must not include $p:"; echo "$hits"; status=1
    fi
  done
}
rule src -- validation/ apps/ validation.hpp report.hpp solve.hpp
rule src/particles src/network src/algorithms -- grid/ flows/ app/
rule src/model -- grid/ flows/ particles/ network/ algorithms/ app/
rule src/objective src/mesh src/time src/io src/base src/compare -- grid/ flows/ particles/ network/ algorithms/ app/ model/
rule src/grid src/flows -- particles/ network/ algorithms/ app/
rule src/potential -- grid/ flows/ particles/ network/ algorithms/ app/ model/ mesh/
rule src/figures -- grid/ flows/ particles/ network/ algorithms/ app/ sweep/
rule src/sweep -- grid/ flows/ particles/ network/ algorithms/ app/ model/
rule src/kernels -- grid/ flows/ particles/ algorithms/ app/ model/ sweep/ figures/ distributed/
rule src/distributed -- grid/ flows/ particles/ algorithms/ app/ model/ sweep/ figures/
[ $status -eq 0 ] && echo "layering: all rules hold"
exit $status
