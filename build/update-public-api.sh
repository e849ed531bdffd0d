#!/usr/bin/env bash
# Refreshes PublicAPI.Unshipped.txt in every project that tracks its public API (Microsoft.CodeAnalysis.PublicApiAnalyzers).
#
#   bash build/update-public-api.sh            # all tracked projects
#   bash build/update-public-api.sh src/Trainers/NeuralNet.MLExtensions   # one project folder (or several)
#
# It rebuilds each project with warnings not treated as errors and reads the analyzer's diagnostics:
#   RS0016 "Symbol 'X' is not part of the declared public API"  -> X is added to PublicAPI.Unshipped.txt
#   RS0017 "Symbol 'X' is part of the declared API, but is either not public or could not be found"
#          -> X is removed from PublicAPI.Unshipped.txt; if X was in PublicAPI.Shipped.txt (a released API), the line
#             "*REMOVED*X" is added to PublicAPI.Unshipped.txt instead, which records the breaking change.
# The result is sorted, keeps "#nullable enable" first, and is rebuilt once more to check that nothing is left.
# Review `git diff -- '*PublicAPI*.txt'` afterwards: every line there is a public change a user of the packages sees.
# At a release, move the Unshipped lines into PublicAPI.Shipped.txt (and drop the *REMOVED* lines with their targets).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
  projects=("$@")
else
  mapfile -t projects < <(find src samples -name PublicAPI.Unshipped.txt -not -path '*/bin/*' -not -path '*/obj/*' -printf '%h\n' | sort)
fi

update() {
  local dir=$1 log
  local csproj
  csproj=$(ls "$dir"/*.csproj)
  log=$(mktemp)
  # --no-incremental: the compiler must run for the analyzer to report anything.
  dotnet build "$csproj" --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= >"$log" 2>&1 || true
  python3 - "$dir" "$csproj" "$log" <<'PY'
import os, re, sys
folder, csproj, log = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
added, removed = set(), set()
pattern = re.compile(r"warning (RS0016|RS0017): Symbol '(.*)' is (?:not part|part) of the declared .*\[(.*\.csproj)\]$")
for line in open(log, encoding="utf-8", errors="replace"):
    m = pattern.search(line.rstrip())
    if not m or os.path.abspath(m.group(3)) != csproj:
        continue
    (added if m.group(1) == "RS0016" else removed).add(m.group(2))
errors = [l for l in open(log, encoding="utf-8", errors="replace") if ": error " in l]
if errors:
    sys.stderr.write("".join(sorted(set(errors))[:20]))
    sys.exit(f"{csproj}: the build has errors (above); fix them first, the public API cannot be read from a failed build.")
def read(name):
    path = os.path.join(folder, name)
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8")] if os.path.exists(path) else []
    return path, [l for l in lines if l.strip() and l.strip() != "#nullable enable"]
shipped_path, shipped = read("PublicAPI.Shipped.txt")
unshipped_path, unshipped = read("PublicAPI.Unshipped.txt")
result = [l for l in unshipped if l not in removed] + sorted(added)
result += ["*REMOVED*" + r for r in sorted(removed) if r in shipped and "*REMOVED*" + r not in result]
result = sorted(set(result), key=lambda l: (l.removeprefix("*REMOVED*"), l))
with open(unshipped_path, "w", encoding="utf-8", newline="\n") as f:
    f.write("#nullable enable\n" + "".join(l + "\n" for l in result))
print(f"{folder}: {len(added)} added, {len(removed)} removed -> {unshipped_path}")
PY
  rm -f "$log"
}

for dir in "${projects[@]}"; do update "${dir%/}"; done

# Check: a normal build (warnings are errors) of each project must now pass the analyzer.
for dir in "${projects[@]}"; do
  dotnet build "$(ls "${dir%/}"/*.csproj)" 2>&1 | grep -E 'RS00[0-9]{2}' | sort -u | head -20 || true
done
echo "Done. Review: git diff -- '*PublicAPI*.txt'"
