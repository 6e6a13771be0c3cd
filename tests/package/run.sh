#!/usr/bin/env bash
# Package test: packs the packages of src/ and uses them the way a user does, from fresh projects outside the repository.
#   1. Packs AttrHpo, AttrHpo.Sqlite, AttrHpo.PostgreSql, AttrHpo.Gpu, AttrHpo.Console, AttrHpo.Plots, AttrHpo.Dashboard and AttrHpo.Orleans into a temporary
#      feed and checks them: runtime in lib/net10.0, generator and analyzers in the core package's analyzers/dotnet/cs, and exactly the
#      expected package dependencies of each (the core's: MathNet and the Microsoft.Extensions abstractions only).
#   2. A fresh console project: `dotnet add package AttrHpo`, an [Objective] method, build (warnings are errors), run;
#      checks that the packaged generator ran (the program uses the generated types, so the build fails if it did not,
#      e.g. a generator built against a newer Roslyn than the SDK's compiler: CS9057), that the study's output is sane,
#      and that the core alone brings no native SQLite, ILGPU or Spectre.Console into the output.
#   2b. A fresh project with AttrHpo.Sqlite and AttrHpo.Console: a study on a SQLite file with the console display,
#      run twice; the second run continues the first's trials.
#   2c. A fresh project with AttrHpo.Plots: a study's history written as PNG and SVG (SkiaSharp's native library comes
#      from ScottPlot's own dependencies, nothing else added).
#   2d. The attrhpo tool: AttrHpo.Tool packed into the same feed, installed with `dotnet tool install --tool-path`, run on
#      2b's study file (`attrhpo studies`), and on a missing file (exit code 2, nothing created); `attrhpo hunt` of a bash program.
#   2e. A fresh project with AttrHpo.Orleans: the README's siloBuilder.AddAttrHpo and grains.RunStudyAsync on one local
#      silo, a study of 8 trials to its end.
#   3. Only when analyzers/AttrHpo.Analyzers/AttrHpo.Analyzers.csproj exists: a fresh project compiling Mistakes.cs must
#      report exactly the diagnostic ids listed in expected-diagnostics.txt.
# Usage: tests/package/run.sh        (ATTRHPO_PACKAGE_TEST_KEEP=1 keeps the temporary folder for inspection)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

# ---- What is expected --------------------------------------------------------------------------------------------
# Diagnostic ids that Mistakes.cs must raise: one per line in expected-diagnostics.txt, blank lines and # comments ignored.
expected_diagnostics_file="$here/expected-diagnostics.txt"
mistakes_source="$here/Mistakes.cs"
expected_diagnostics=()
if [ -f "$expected_diagnostics_file" ]; then
  mapfile -t expected_diagnostics < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$expected_diagnostics_file" | grep -v '^$' | sort -u)
fi
# Each package's dependencies, exactly (ids); anything else, Roslyn above all, is a packaging mistake.
declare -A expected_dependencies=(
  [AttrHpo]="MathNet.Numerics Microsoft.Extensions.DependencyInjection.Abstractions Microsoft.Extensions.Logging.Abstractions"
  [AttrHpo.Sqlite]="AttrHpo Microsoft.Data.Sqlite"
  [AttrHpo.PostgreSql]="AttrHpo Npgsql"
  [AttrHpo.Gpu]="AttrHpo ILGPU"
  [AttrHpo.Console]="AttrHpo Spectre.Console"
  [AttrHpo.Plots]="AttrHpo ScottPlot"
  [AttrHpo.Dashboard]="AttrHpo AttrHpo.Plots"
  [AttrHpo.Orleans]="AttrHpo Microsoft.Orleans.Sdk Microsoft.Orleans.Server"
)
# Roslyn components: project (relative to the repository) -> assembly that must sit in analyzers/dotnet/cs.
# The generator is required; the analyzer projects are checked once they exist.
roslyn_components=(
  "generators/AttrHpo.Generators/AttrHpo.Generators.csproj:AttrHpo.Generators.dll"
  "analyzers/AttrHpo.Analyzers/AttrHpo.Analyzers.csproj:AttrHpo.Analyzers.dll"
  "analyzers/AttrHpo.Analyzers.CodeFixes/AttrHpo.Analyzers.CodeFixes.csproj:AttrHpo.Analyzers.CodeFixes.dll"
)
# Compiler messages that mean a packaged Roslyn component did not load or crashed.
loader_failures='CS9057|CS8032|CS8784|CS8785|AD0001'

# ---- Plumbing ------------------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
started=$SECONDS

work=$(mktemp -d "${TMPDIR:-/tmp}/attrhpo-package-test.XXXXXX")
cleanup() {
  if [ "${ATTRHPO_PACKAGE_TEST_KEEP:-0}" = 1 ]; then
    echo "package test: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "package test: FAIL: $*" >&2
  exit 1
}
ok() { echo "  ok: $*"; }
step() { echo "package test: $* ($((SECONDS - started)) s)"; }

# Runs a command with its output in $work/logs/NAME.log; on failure prints the log's end and fails with MESSAGE.
run_logged() {
  local name=$1 message=$2
  shift 2
  mkdir -p "$work/logs"
  if ! "$@" >"$work/logs/$name.log" 2>&1; then
    echo "---- last lines of $name.log ----" >&2
    tail -n 60 "$work/logs/$name.log" >&2
    echo "----" >&2
    fail "$message"
  fi
}

zip_entries() {
  if command -v unzip >/dev/null 2>&1; then
    unzip -Z1 "$1"
  else
    python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"
  fi
}
zip_read() {
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$1" "$2"
  else
    python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode("utf-8-sig"))' "$1" "$2"
  fi
}

case "$work/" in
  "$repo/"*) fail "the temporary folder $work is inside the repository; set TMPDIR to a folder outside it" ;;
esac

# ---- 1. Pack -------------------------------------------------------------------------------------------------------
feed="$work/feed"
for id in AttrHpo AttrHpo.Sqlite AttrHpo.PostgreSql AttrHpo.Gpu AttrHpo.Console AttrHpo.Plots AttrHpo.Dashboard AttrHpo.Orleans; do
  step "packing src/$id (Release)"
  run_logged "pack-$id" "dotnet pack src/$id failed" \
    dotnet pack "$repo/src/$id/$id.csproj" -c Release -o "$feed" -nodeReuse:false
done
shopt -s nullglob
packages=("$feed"/*.nupkg)
shopt -u nullglob
[ "${#packages[@]}" -eq 8 ] || fail "expected eight packages in the pack output, found ${#packages[@]}: ${packages[*]:-none}"
package="$feed/$(cd "$feed" && ls AttrHpo.[0-9]*.nupkg | head -n 1)"
package_name=$(basename "$package")
[[ "$package_name" =~ ^AttrHpo\.([0-9][^/]*)\.nupkg$ ]] || fail "the core package is named $package_name, not AttrHpo.<version>.nupkg"
version=${BASH_REMATCH[1]}
ok "eight packages, version $version"

entries=$(zip_entries "$package")
has_entry() { grep -qxF "$1" <<<"$entries"; }
has_entry "lib/net10.0/AttrHpo.dll" || fail "$package_name has no lib/net10.0/AttrHpo.dll"
ok "runtime in lib/net10.0/AttrHpo.dll"
for component in "${roslyn_components[@]}"; do
  project=${component%%:*} assembly=${component#*:}
  if [ -f "$repo/$project" ]; then
    has_entry "analyzers/dotnet/cs/$assembly" || fail "$package_name has no analyzers/dotnet/cs/$assembly (from $project)"
    ok "Roslyn component in analyzers/dotnet/cs/$assembly"
  else
    [[ "$project" == generators/* ]] && fail "$project is missing"
    echo "  skip: $project does not exist yet, so $assembly is not expected"
  fi
done

for id in "${!expected_dependencies[@]}"; do
  pkg="$feed/$id.$version.nupkg"
  [ -f "$pkg" ] || fail "no package $id.$version.nupkg in the feed"
  pkg_entries=$(zip_entries "$pkg")
  unexpected_lib=$(grep -E '^lib/' <<<"$pkg_entries" | grep -vxE "lib/net10\.0/${id//./\\.}\.(dll|xml)" || true)
  [ -z "$unexpected_lib" ] || fail "unexpected files under lib/ of $id (Roslyn components must not be referenced by users): $unexpected_lib"
  roslyn_in_package=$(grep -iE '(^|/)Microsoft\.CodeAnalysis[^/]*\.dll$' <<<"$pkg_entries" || true)
  [ -z "$roslyn_in_package" ] || fail "Roslyn itself is inside $id: $roslyn_in_package"
  if [ "$id" != AttrHpo ]; then
    analyzers_inside=$(grep -E '^analyzers/' <<<"$pkg_entries" || true)
    [ -z "$analyzers_inside" ] || fail "$id carries Roslyn components; only the core package does: $analyzers_inside"
  fi
  nuspec=$(zip_read "$pkg" "$id.nuspec")
  actual_dependencies=$(grep -oE '<dependency id="[^"]+"' <<<"$nuspec" | sed -E 's/.*id="([^"]+)"/\1/' | sort -u || true)
  wanted_dependencies=$(tr ' ' '\n' <<<"${expected_dependencies[$id]}" | sort -u)
  if [ "$actual_dependencies" != "$wanted_dependencies" ]; then
    fail "$id's dependencies differ. Expected: $(echo $wanted_dependencies). Found: $(echo ${actual_dependencies:-none})"
  fi
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "the $id nuspec has no MIT license expression"
  ok "$id: lib/net10.0/$id.dll only, MIT, dependencies exactly: $(echo $actual_dependencies)"
done

# ---- A consumer's world: outside the repository, own NuGet config, own package cache --------------------------------
# The registry sources this machine normally uses (names kept, so configured credentials still apply).
mapfile -t registry_sources < <(cd "$work" && dotnet nuget list source --format detailed 2>/dev/null | awk '
  /^[[:space:]]*[0-9]+\.[[:space:]].*\[Enabled\][[:space:]]*$/ { sub(/^[[:space:]]*[0-9]+\.[[:space:]]+/, ""); sub(/[[:space:]]*\[Enabled\][[:space:]]*$/, ""); name = $0; next }
  name != "" { gsub(/^[[:space:]]+|[[:space:]]+$/, ""); print name "\t" $0; name = "" }')
if [ "${#registry_sources[@]}" -eq 0 ]; then
  registry_sources=("nuget.org	https://api.nuget.org/v3/index.json")
fi
xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration>'
  echo '  <packageSources>'
  echo '    <clear />'
  echo "    <add key=\"attrhpo-under-test\" value=\"$(xml_escape "$feed")\" />"
  for source in "${registry_sources[@]}"; do
    echo "    <add key=\"$(xml_escape "${source%%$'\t'*}")\" value=\"$(xml_escape "${source#*$'\t'}")\" />"
  done
  echo '  </packageSources>'
  echo '  <!-- AttrHpo only from the package under test; everything else from the registry. -->'
  echo '  <packageSourceMapping>'
  echo '    <packageSource key="attrhpo-under-test"><package pattern="AttrHpo" /><package pattern="AttrHpo.*" /></packageSource>'
  for source in "${registry_sources[@]}"; do
    echo "    <packageSource key=\"$(xml_escape "${source%%$'\t'*}")\"><package pattern=\"*\" /></packageSource>"
  done
  echo '  </packageSourceMapping>'
  echo '</configuration>'
} >"$work/nuget.config"
# Shield the projects from any Directory.Build.* or central package management above the temporary folder, and
# use the SDK the repository uses.
printf '<Project>\n  <PropertyGroup>\n    <NuGetAudit>false</NuGetAudit>\n  </PropertyGroup>\n</Project>\n' >"$work/Directory.Build.props"
printf '<Project />\n' >"$work/Directory.Build.targets"
printf '<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n' >"$work/Directory.Packages.props"
[ -f "$repo/global.json" ] && cp "$repo/global.json" "$work/global.json"
# A private package cache: an AttrHpo package restored earlier can never stand in for the one just packed.
export NUGET_PACKAGES="$work/packages"

# Adds the package under test to a fresh project and checks that it was restored from the temporary feed.
add_package_under_test() {
  local project=$1 name=$2 id=${3:-AttrHpo}
  run_logged "$name-add-$id" "dotnet add package $id --version $version failed for $name" \
    dotnet add "$project" package "$id" --version "$version"
  local metadata="$NUGET_PACKAGES/${id,,}/$version/.nupkg.metadata"
  [ -f "$metadata" ] || fail "$id $version is not in the private package cache after restore"
  grep -qF "$feed" "$metadata" || fail "$id $version was restored from somewhere else than the package just packed: $(cat "$metadata")"
}

# Fails if the build log shows a packaged Roslyn component that did not load or crashed.
check_components_loaded() {
  local log=$1 found
  found=$(grep -E "(warning|error) ($loader_failures)\b" "$log" | sort -u || true)
  [ -z "$found" ] || fail "a packaged generator or analyzer did not load or crashed:
$found"
}

# Creates the fresh console project DIR/PROJECT.csproj (dotnet new console, logged as NAME-new with NAME the folder's
# name) and adds the packages under test named after it, each checked by add_package_under_test.
new_console_project() {
  local dir=$1 project=$2 name id
  name=$(basename "$dir")
  shift 2
  run_logged "$name-new" "dotnet new console failed" \
    dotnet new console -o "$dir" -n "$project" -f net10.0 --no-restore --no-update-check
  for id in "$@"; do
    add_package_under_test "$dir/$project.csproj" "$name" "$id"
  done
}

# Builds a fresh project in Release with warnings as errors, logged as NAME; on failure fails with MESSAGE.
build_strict() {
  local name=$1 message=$2
  shift 2
  run_logged "$name" "$message" dotnet build "$@" -c Release -nodeReuse:false -p:TreatWarningsAsErrors=true
}

# ---- 2. A fresh console project uses the generated study ----------------------------------------------------------
step "fresh console project: add package, build, run"
app="$work/app"
new_console_project "$app" PackageSmoke AttrHpo
ok "AttrHpo $version restored from the package under test, into a private cache"
cat >"$app/Program.cs" <<'CS'
// Written by tests/package/run.sh: uses the types that the packaged generator writes for Demo.Score.
using System.Globalization;
using AttrHpo;

var result = await Demo.ScoreStudy.Create(new StudyOptions { Seed = 1 }).OptimizeAsync(trials: 10, parallelism: 2);
Demo.ScoreParameters best = result.Best.Parameters;
var values = result.Trials.Where(t => t.State == TrialState.Complete).Select(t => t.Value!.Value).ToList();
var registered = ObjectiveRegistry.FromAssembly(typeof(Demo).Assembly).TryGet("Demo.Score", out _);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trials={result.Trials.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complete={values.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lr={best.Lr:R}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"depth={best.Depth}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kind={best.Kind}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best={result.Best.Value:R}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"min={values.Min():R}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"registered={registered}"));

public static partial class Demo
{
    [Objective]
    public static double Score(
        [Hyperparameter(1e-3, 1.0, Log = true)] double lr,
        [Hyperparameter(1, 10)] int depth,
        [Hyperparameter("a", "b")] string kind)
        => Math.Pow(Math.Log10(lr) + 1.5, 2) + (0.1 * Math.Abs(depth - 4)) + (kind == "a" ? 0.0 : 0.25);
}
CS
# Warnings are errors: generated code must compile cleanly in a user's project, and a component that fails to load
# (CS8032, CS9057) must not slip through as a warning.
build_strict app-build "the console project did not build. If Demo.ScoreStudy or Demo.ScoreParameters is missing, the packaged generator did not run (look for CS9057: generator built against a newer Roslyn than the SDK's compiler)" \
  "$app/PackageSmoke.csproj" -p:EmitCompilerGeneratedFiles=true
check_components_loaded "$work/logs/app-build.log"
generated=$(find "$app/obj" -path '*/generated/AttrHpo.Generators/*' -name '*.cs' | head -n 1)
[ -n "$generated" ] || fail "the build succeeded but no file generated by AttrHpo.Generators was found under obj/"
grep -q 'record ScoreParameters' "$generated" || fail "the generated file $generated does not declare ScoreParameters"
ok "packaged generator ran: $(basename "$generated") declares Demo.ScoreParameters; build clean with warnings as errors"

run_logged app-run "the console project failed at run time" \
  dotnet run --project "$app/PackageSmoke.csproj" -c Release --no-build
output=$(cat "$work/logs/app-run.log")
value_of() { sed -n "s/^$1=//p" <<<"$output" | tail -n 1; }
check_value() { # name, awk condition on v, description
  local v
  v=$(value_of "$1")
  [ -n "$v" ] || fail "the program printed no '$1=' line. Output:
$output"
  awk -v v="$v" "BEGIN { exit !($2) }" || fail "$1=$v, expected $3. Output:
$output"
  ok "$1=$v ($3)"
}
check_value trials 'v == 10' "10 trials"
check_value complete 'v == 10' "all 10 complete"
check_value lr 'v + 0 >= 0.001 && v + 0 <= 1.0' "in [1e-3, 1]"
check_value depth 'v == int(v) && v >= 1 && v <= 10' "an integer in [1, 10]"
check_value kind 'v == "a" || v == "b"' "a or b"
check_value best "v + 0 == $(value_of min) + 0" "the smallest value among the trials"
check_value registered 'v == "True"' "Demo.Score registered for ObjectiveRegistry.FromAssembly"
heavy=$(find "$app/bin" \( -name 'libe_sqlite3*' -o -name 'ILGPU*.dll' -o -name 'Spectre.Console*.dll' \) | head -n 5)
[ -z "$heavy" ] || fail "the core package alone brought native SQLite, ILGPU or Spectre.Console into the output: $heavy"
ok "the core alone brings no native SQLite, ILGPU or Spectre.Console ($(du -sh "$app/bin" | cut -f1) of output)"

# ---- 2b. SQLite storage and the console display, from their packages ----------------------------------------------
step "fresh console project with AttrHpo.Sqlite and AttrHpo.Console: a study that continues"
stored="$work/stored"
new_console_project "$stored" PackageStored AttrHpo AttrHpo.Sqlite AttrHpo.Console
cat >"$stored/Program.cs" <<'CS'
// Written by tests/package/run.sh: a study on a SQLite file with the console display, run twice.
using AttrHpo;

await using var storage = StudyStorage.Sqlite(args[0]);
var study = Demo.ScoreStudy.Create(new StudyOptions { Seed = 3, Storage = storage, Sampler = new GpSampler() });
var result = await study.OptimizeWithConsoleAsync(trials: 6, parallelism: 2);
Console.WriteLine($"stored={result.Trials.Count}");

public static partial class Demo
{
    [Objective]
    public static double Score([Hyperparameter(-2.0, 2.0)] double x, [Hyperparameter(1, 10)] int depth) => (x * x) + (0.1 * depth);
}
CS
build_strict stored-build "the SQLite and console project did not build" \
  "$stored/PackageStored.csproj"
check_components_loaded "$work/logs/stored-build.log"
run_logged stored-run1 "the SQLite and console project failed at run time" \
  dotnet run --project "$stored/PackageStored.csproj" -c Release --no-build -- "$work/stored.db"
run_logged stored-run2 "the SQLite and console project failed at run time, run again on its file" \
  dotnet run --project "$stored/PackageStored.csproj" -c Release --no-build -- "$work/stored.db"
first=$(sed -n 's/^stored=//p' "$work/logs/stored-run1.log" | tail -n 1)
second=$(sed -n 's/^stored=//p' "$work/logs/stored-run2.log" | tail -n 1)
[ "$first" = 6 ] && [ "$second" = 12 ] || fail "expected 6 trials after the first run and 12 after the second, got '$first' and '$second'. Output:
$(cat "$work/logs/stored-run2.log")"
ok "SQLite file continued across runs: $first then $second trials, shown by the console display"

# ---- 2c. Plots, from their package -------------------------------------------------------------------------------
step "fresh console project with AttrHpo.Plots: a history as PNG and SVG"
plotted="$work/plotted"
new_console_project "$plotted" PackagePlotted AttrHpo AttrHpo.Plots
cat >"$plotted/Program.cs" <<'CS'
// Written by tests/package/run.sh: a study's history plotted as PNG and SVG.
using AttrHpo;

var study = Demo.ScoreStudy.Create(new StudyOptions { Seed = 3 });
await study.OptimizeAsync(trials: 8);
await study.Plots().HistoryAsync(Path.Combine(args[0], "history.png"));
await study.Plots().HistoryAsync(Path.Combine(args[0], "history.svg"));
Console.WriteLine("plotted");

public static partial class Demo
{
    [Objective]
    public static double Score([Hyperparameter(-2.0, 2.0)] double x) => x * x;
}
CS
build_strict plotted-build "the plots project did not build" \
  "$plotted/PackagePlotted.csproj"
run_logged plotted-run "the plots project failed at run time (SkiaSharp's native library missing?)" \
  dotnet run --project "$plotted/PackagePlotted.csproj" -c Release --no-build -- "$work"
[ "$(head -c 8 "$work/history.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "history.png is not a PNG"
grep -q '<svg' "$work/history.svg" && grep -q 'Optimisation history' "$work/history.svg" || fail "history.svg is not the history as SVG"
ok "history written as PNG ($(wc -c <"$work/history.png") bytes) and SVG from the packages"

# ---- 2d. The attrhpo tool, installed from its package -------------------------------------------------------------
step "the attrhpo tool: packed, installed with dotnet tool install, run on the stored study"
run_logged pack-AttrHpo.Tool "dotnet pack src/AttrHpo.Tool failed" \
  dotnet pack "$repo/src/AttrHpo.Tool/AttrHpo.Tool.csproj" -c Release -o "$feed" -nodeReuse:false
[ -f "$feed/AttrHpo.Tool.$version.nupkg" ] || fail "no package AttrHpo.Tool.$version.nupkg in the feed"
# The listing goes to a file first: `grep -q` stops reading at its match, and under pipefail the lister's SIGPIPE would
# fail the check whenever the listing outgrows the pipe's buffer (a tool package lists hundreds of files).
zip_entries "$feed/AttrHpo.Tool.$version.nupkg" >"$work/logs/tool-entries.txt"
grep -qx 'tools/net10.0/any/DotnetToolSettings.xml' "$work/logs/tool-entries.txt" \
  || fail "AttrHpo.Tool.$version.nupkg is not a dotnet tool package (no tools/net10.0/any/DotnetToolSettings.xml)"
# Run from $work so that its nuget.config (AttrHpo.* only from the feed under test) applies.
run_logged tool-install "dotnet tool install of AttrHpo.Tool failed" \
  bash -c 'cd "$1" && dotnet tool install AttrHpo.Tool --version "$2" --tool-path "$1/tools"' _ "$work" "$version"
[ -x "$work/tools/attrhpo" ] || fail "dotnet tool install put no attrhpo command in $work/tools"
run_logged tool-studies "attrhpo studies failed on the stored study's file" \
  "$work/tools/attrhpo" studies --storage "$work/stored.db"
grep -qE '^Demo\.Score[[:space:]]+1[[:space:]]+Minimize[[:space:]]+12[[:space:]]+12[[:space:]]' "$work/logs/tool-studies.log" \
  || fail "attrhpo studies did not list the study Demo.Score with its 12 complete trials. Output:
$(cat "$work/logs/tool-studies.log")"
set +e
"$work/tools/attrhpo" studies --storage "$work/missing.db" >"$work/logs/tool-missing.log" 2>&1
missing_code=$?
set -e
[ "$missing_code" = 2 ] && [ ! -e "$work/missing.db" ] || fail "attrhpo studies on a missing file exited $missing_code (expected 2) or created the file"
run_logged tool-report "attrhpo report failed on the stored study's file" \
  "$work/tools/attrhpo" report --storage "$work/stored.db" --study Demo.Score --out "$work/report.html"
[ "$(grep -o '<tr data-state="complete">' "$work/report.html" | wc -l)" = 12 ] \
  || fail "attrhpo report did not write a page with the study's 12 complete trials ($work/report.html)"
cat >"$work/hunted.sh" <<'SH'
#!/usr/bin/env bash
# Written by tests/package/run.sh: a program for attrhpo hunt, its minimum 0 at --x 0.3.
[ "${1:-}" = --x ] || { echo "expected --x VALUE, got: $*" >&2; exit 2; }
awk -v x="$2" 'BEGIN { printf "attrhpo: objective=%.12g\n", (x - 0.3)^2 }'
SH
chmod +x "$work/hunted.sh"
run_logged tool-hunt "attrhpo hunt failed on a bash program" \
  "$work/tools/attrhpo" hunt --storage "$work/hunted.db" --study hunted --trials 5 -- "$work/hunted.sh" --x~'uniform(0, 1)'
grep -q "Study 'hunted': 5 trial(s) in all, 5 complete" "$work/logs/tool-hunt.log" \
  || fail "attrhpo hunt did not run 5 complete trials of $work/hunted.sh. Output:
$(cat "$work/logs/tool-hunt.log")"
ok "attrhpo installed from AttrHpo.Tool.$version.nupkg lists the stored study and writes its report; a missing file exits 2; it hunts a bash program"

# ---- 2e. An Orleans silo, from the package -----------------------------------------------------------------------
step "fresh console project with AttrHpo.Orleans: a study on a local silo"
clustered="$work/clustered"
new_console_project "$clustered" PackageClustered AttrHpo AttrHpo.Orleans
cat >"$clustered/Program.cs" <<'CS'
// Written by tests/package/run.sh: the README's Orleans calls on one local silo with an in-memory storage.
using AttrHpo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton<IStudyStorage>(StudyStorage.InMemory());
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    silo.AddMemoryGrainStorage(AttrHpoSiloOptions.GrainStorageName);
    silo.AddAttrHpo(o =>
    {
        o.Objectives = ObjectiveRegistry.FromAssembly(typeof(Demo).Assembly);
        o.WorkerSlots = 2;
    });
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var status = await grains.RunStudyAsync(Demo.ScoreStudy.Objective, new ClusterStudyOptions { Name = "packaged", Trials = 8, Seed = 5 })
    .WaitAsync(TimeSpan.FromMinutes(2));
Console.WriteLine($"cluster study: {status.Complete} complete, best {status.BestValue:R}");
await host.StopAsync();

public static partial class Demo
{
    [Objective]
    public static double Score([Hyperparameter(-2.0, 2.0)] double x) => x * x;
}
CS
build_strict clustered-build "the Orleans project did not build" \
  "$clustered/PackageClustered.csproj"
run_logged clustered-run "the Orleans project failed at run time" \
  dotnet run --project "$clustered/PackageClustered.csproj" -c Release --no-build
grep -qE '^cluster study: 8 complete, best [0-9]' "$work/logs/clustered-run.log" \
  || fail "the study on a local silo did not complete its 8 trials. Output:
$(cat "$work/logs/clustered-run.log")"
ok "a study of 8 trials on a local silo, from the packages"

# ---- 3. Analyzer diagnostics on deliberate mistakes ---------------------------------------------------------------
if [ ! -f "$repo/analyzers/AttrHpo.Analyzers/AttrHpo.Analyzers.csproj" ]; then
  step "skip: analyzers/AttrHpo.Analyzers/AttrHpo.Analyzers.csproj does not exist, diagnostics not checked"
else
  step "fresh project with deliberate mistakes: expected diagnostics"
  [ "${#expected_diagnostics[@]}" -gt 0 ] || fail "no expected diagnostic ids in $expected_diagnostics_file"
  [ -f "$mistakes_source" ] || fail "$mistakes_source is missing"
  mistakes="$work/mistakes"
  run_logged mistakes-new "dotnet new classlib failed" \
    dotnet new classlib -o "$mistakes" -n PackageMistakes -f net10.0 --no-restore --no-update-check
  rm -f "$mistakes/Class1.cs"
  cp "$mistakes_source" "$mistakes/Mistakes.cs"
  add_package_under_test "$mistakes/PackageMistakes.csproj" mistakes
  # The build is expected to fail when a diagnostic is an error: only the reported ids matter.
  dotnet build "$mistakes/PackageMistakes.csproj" -c Release -nodeReuse:false >"$work/logs/mistakes-build.log" 2>&1 || true
  check_components_loaded "$work/logs/mistakes-build.log"
  # Ids with the prefixes of the expected ones (AHPO001 -> AHPO), as reported: "file(line,col): error AHPO001: ...".
  prefixes=$(printf '%s\n' "${expected_diagnostics[@]}" | sed -E 's/[0-9]+$//' | sort -u | paste -sd '|' -)
  reported=$(grep -oE ": (error|warning) ($prefixes)[0-9]+\b" "$work/logs/mistakes-build.log" | awk '{ print $3 }' | sort -u || true)
  wanted=$(printf '%s\n' "${expected_diagnostics[@]}")
  missing=$(comm -23 <(echo "$wanted") <(echo "$reported") | grep -v '^$' || true)
  extra=$(comm -13 <(echo "$wanted") <(echo "$reported") | grep -v '^$' || true)
  if [ -n "$missing" ] || [ -n "$extra" ]; then
    echo "---- diagnostics reported by the build ----" >&2
    grep -E ": (error|warning) [A-Z]+[0-9]+" "$work/logs/mistakes-build.log" | sort -u >&2 || true
    echo "----" >&2
    fail "diagnostics differ from $(basename "$expected_diagnostics_file"). Missing: $(echo ${missing:-none}). Not expected: $(echo ${extra:-none})"
  fi
  ok "Mistakes.cs reports exactly: $(echo $reported)"
fi

step "passed"
