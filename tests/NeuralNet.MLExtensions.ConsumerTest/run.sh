#!/usr/bin/env bash
# The consumer test: uses the packages as a user would (see README.md in this folder).
#   1. dotnet pack the solution (Release) into a temporary feed folder, with a unique prerelease version so that no
#      copy of our packages already in the NuGet cache can stand in for the ones just packed;
#   2. check every package's contents (assemblies, XML docs, README, licence, symbols, exact dependencies);
#   3. build a console project in a temporary folder outside the repository that references the packages by id and
#      version only (nuget.config: the temporary feed for NeuralNet.*, the normal feed for everything else);
#   4. check the packed trainer and transforms assemblies are the woven ones;
#   5. train with mlContext.MulticlassClassification.Trainers.Mlp (plus the hidden-layer transform and a report) and
#      save with mlContext.Model.Save; 6. load in a second, fresh process and compare the scores bit for bit;
#   7. install the tool NeuralNet.Cli into a temporary folder and run `neuralnet train` and `neuralnet predict`.
# Prints one line per step and ends with "consumer test passed (N s)" or "consumer test FAILED at step ...: why".
# Exit code 0 on success. KEEP=1 keeps the temporary folder (its path is printed).
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/tests/NeuralNet.MLExtensions.ConsumerTest"
start=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/nnmlx-consumer.XXXXXX")
version_prefix=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/Directory.Build.props")
version="$version_prefix-consumertest.$(date -u +%Y%m%d%H%M%S).$$"
feed="$work/feed"
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
log="$work/step.log"
ids=(NeuralNet.MLExtensions NeuralNet.MLExtensions.Engine NeuralNet.MLExtensions.Transforms NeuralNet.MLExtensions.Reports NeuralNet.Cli)

cleanup() {
  # The unique version's folders in the NuGet cache are of no use to anyone afterwards.
  for id in "${ids[@]}"; do rm -rf "$cache/${id,,}/$version"; rmdir "$cache/${id,,}" 2>/dev/null; done
  if [ "${KEEP:-0}" = 1 ]; then echo "consumer test: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

fail() {  # fail STEP WHY: print the step's log tail and the reason
  if [ -s "$log" ]; then tail -n 40 "$log" | sed 's/^/    /' >&2; fi
  echo "consumer test FAILED at step $1: $2" >&2
  exit 1
}
step() { echo "consumer test: step $1 ($(( $(date +%s) - start )) s)"; : >"$log"; }

step "1 pack $version into $feed"
dotnet pack "$repo/NeuralNet.MLExtensions.sln" -c Release -o "$feed" -p:VersionSuffix="${version#"$version_prefix"-}" >"$log" 2>&1 \
  || fail "1 pack" "dotnet pack NeuralNet.MLExtensions.sln -c Release failed (log above)"

step "2 package contents"
for id in "${ids[@]}"; do
  [ -f "$feed/$id.$version.nupkg" ] || fail "2 package contents" "no package $id.$version.nupkg in $feed (is $id IsPackable?)"
done
extra=$(cd "$feed" && ls ./*.nupkg | grep -v -E "^\./($(IFS='|'; echo "${ids[*]}" | sed 's/\./\\./g'))\.$version\.nupkg$")
[ -z "$extra" ] || fail "2 package contents" "unexpected packages (samples, tests and tools must set IsPackable false): $extra"
python3 - "$feed" "$version" >"$log" 2>&1 <<'PY' || fail "2 package contents" "$(tail -n 1 "$log")"
import re, sys, zipfile
feed, version = sys.argv[1], sys.argv[2]
libraries = {  # package: its assembly's dependencies that must be exact
    "NeuralNet.MLExtensions.Engine": {},
    "NeuralNet.MLExtensions": {"NeuralNet.MLExtensions.Engine": f"[{version}]", "Microsoft.ML": "[5.0.1]", "Microsoft.ML.DataView": "[5.0.1]"},
    "NeuralNet.MLExtensions.Transforms": {"NeuralNet.MLExtensions": f"[{version}]", "Microsoft.ML": "[5.0.1]"},
    "NeuralNet.MLExtensions.Reports": {"NeuralNet.MLExtensions": f"[{version}]", "Microsoft.ML": "[5.0.1]"},
}
def check(condition, message):
    if not condition: sys.exit(message)
for package, dependencies in libraries.items():
    path = f"{feed}/{package}.{version}.nupkg"
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        nuspec = z.read(f"{package}.nuspec").decode()
    for file in (f"lib/net10.0/{package}.dll", f"lib/net10.0/{package}.xml", "README.md"):
        check(file in names, f"{path} lacks {file}")
    check('<license type="expression">MIT</license>' in nuspec, f"{path}: no MIT licence expression in the nuspec")
    check("<readme>README.md</readme>" in nuspec, f"{path}: the nuspec names no README")
    check(re.search(r"<description>.{20,}</description>", nuspec, re.S), f"{path}: no description")
    for dependency, version_range in dependencies.items():
        check(f'<dependency id="{dependency}" version="{version_range}"' in nuspec,
              f"{path}: dependency {dependency} must be exactly {version_range}; the nuspec says: "
              + ", ".join(re.findall(r'<dependency id="[^"]+" version="[^"]+"', nuspec)))
    with zipfile.ZipFile(f"{feed}/{package}.{version}.snupkg") as z:
        check(f"lib/net10.0/{package}.pdb" in z.namelist(), f"{package}.{version}.snupkg lacks lib/net10.0/{package}.pdb")
tool = f"{feed}/NeuralNet.Cli.{version}.nupkg"
with zipfile.ZipFile(tool) as z:
    names = set(z.namelist())
    nuspec = z.read("NeuralNet.Cli.nuspec").decode()
check('<packageType name="DotnetTool"' in nuspec, f"{tool} is not a .NET tool package")
for file in ("tools/net10.0/any/neuralnet.dll", "tools/net10.0/any/DotnetToolSettings.xml",
             "tools/net10.0/any/NeuralNet.MLExtensions.dll", "tools/net10.0/any/NeuralNet.MLExtensions.Engine.dll",
             "tools/net10.0/any/NeuralNet.MLExtensions.Reports.dll", "tools/net10.0/any/Microsoft.ML.Core.dll"):
    check(file in names, f"{tool} lacks {file}")
print("package contents as expected")
PY

step "3 build a consumer project outside the repository"
root="$work/project"            # nuget.config and the Directory.* stoppers; the tool step runs outside it
app="$root/consumer"
mkdir -p "$app"
cp "$here/template/Consumer.csproj.template" "$app/Consumer.csproj"
cp "$here/template/Program.cs" "$app/Program.cs"
# Stop MSBuild's upward search for Directory.Build.* / Directory.Packages.props at the temporary folder.
printf '<Project />\n' >"$root/Directory.Build.props"
printf '<Project />\n' >"$root/Directory.Build.targets"
printf '<Project />\n' >"$root/Directory.Packages.props"
cat >"$root/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="packed" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <!-- Our packages come from the folder just packed, and only from there. -->
  <packageSourceMapping>
    <packageSource key="packed"><package pattern="NeuralNet.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
(cd "$app" && dotnet build -c Release -p:NeuralNetVersion="$version" -o "$app/out") >"$log" 2>&1 \
  || fail "3 build" "the consumer project does not restore or build against the packages (a missing dependency, an ML.NET version conflict or a missing public type; log above)"
ls "$app/out/NeuralNet.MLExtensions.dll" "$app/out/NeuralNet.MLExtensions.Engine.dll" >/dev/null 2>&1 \
  || fail "3 build" "the consumer's output lacks NeuralNet.MLExtensions.dll or NeuralNet.MLExtensions.Engine.dll"
grep -q "\"NeuralNet.MLExtensions/$version\"" "$app/out/Consumer.deps.json" \
  || fail "3 build" "the consumer did not resolve NeuralNet.MLExtensions $version as a package (Consumer.deps.json)"

step "4 the packed assemblies are woven"
dotnet "$app/out/Consumer.dll" woven >"$log" 2>&1 || fail "4 woven" "$(tail -n 1 "$log")"

step "5 train and save (mlContext.MulticlassClassification.Trainers.Mlp, mlContext.Model.Save)"
dotnet "$app/out/Consumer.dll" train "$work/model.zip" "$work/trained.txt" >"$log" 2>&1 \
  || fail "5 train" "training, the report or mlContext.Model.Save failed in the consumer (log above)"
[ -s "$work/model.zip" ] || fail "5 train" "no model file $work/model.zip"

step "6 load in a fresh process and compare the scores bit for bit"
dotnet "$app/out/Consumer.dll" load "$work/model.zip" "$work/loaded.txt" >"$log" 2>&1 \
  || fail "6 load" "mlContext.Model.Load failed in a fresh process (log above)"
rows=$(wc -l <"$work/trained.txt")
[ "$rows" -eq 48 ] || fail "6 load" "expected 48 scored lines (24 rows by Transform and by PredictionEngine), got $rows"
if ! cmp -s "$work/trained.txt" "$work/loaded.txt"; then
  diff "$work/trained.txt" "$work/loaded.txt" | head -n 6 >"$log"
  fail "6 load" "the loaded pipeline's scores differ from the trained one's (first differences above)"
fi

step "7 install the tool NeuralNet.Cli and run neuralnet train / predict"
# As the README says: the user's own NuGet configuration plus --add-source (which NuGet refuses beside source mapping,
# so this runs outside the consumer project's folder).
(cd "$work" && dotnet tool install --tool-path "$work/tool" --add-source "$feed" NeuralNet.Cli --version "$version") >"$log" 2>&1 \
  || fail "7 tool" "dotnet tool install NeuralNet.Cli --version $version failed (log above)"
[ -x "$work/tool/neuralnet" ] || fail "7 tool" "the tool installed no command 'neuralnet' in $work/tool"
cp "$repo/data/tabular/iris.csv" "$work/iris.csv"
"$work/tool/neuralnet" train --train "$work/iris.csv" --label label --hidden 8 --epochs 30 --model "$work/cli-model.zip" \
  >"$log" 2>&1 || fail "7 tool" "neuralnet train exited with $? (log above)"
[ -s "$work/cli-model.zip" ] || fail "7 tool" "neuralnet train wrote no model"
"$work/tool/neuralnet" predict --model "$work/cli-model.zip" --data "$work/iris.csv" --output "$work/predictions.csv" \
  >"$log" 2>&1 || fail "7 tool" "neuralnet predict exited with $? (log above)"
lines=$(wc -l <"$work/predictions.csv")
[ "$lines" -eq 151 ] || fail "7 tool" "neuralnet predict wrote $lines lines for 150 rows and a header ($work/predictions.csv)"

echo "consumer test passed ($(( $(date +%s) - start )) s)"
