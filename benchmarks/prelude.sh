# Sourced by the run-*.sh scripts: from the repository root with a JDK 21+, sets here (benchmarks/),
# ts (a UTC timestamp for result files) and results (benchmarks/results, created), builds everything,
# and sets cp, the benchmarks' classpath.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
source .ci/select-jdk.sh
ts="$(date -u +%Y%m%dT%H%M%SZ)"
results="$here/results"
mkdir -p "$results"
mvn -q -B -DskipTests install
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
