# Sourced by the scripts that measure commits side by side (compare-commits.sh, run-map-load.sh): from
# the repository root with a JDK 21+, sets repo, work (a temporary directory, removed with its
# worktrees on exit) and build_commit, which builds a commit in a worktree of its own with
# `mvn package` (nothing is installed into ~/.m2) and prints the benchmarks' classpath of that commit.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/portico-compare-XXXXXX)"
trap 'for d in "$work"/*/; do git -C "$repo" worktree remove --force "$d" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

build_commit() { # rev -> prints the benchmarks classpath of that commit
  local dir="$work/$1"
  git -C "$repo" worktree add --detach "$dir" "$1" >/dev/null
  (cd "$dir" && mvn -q -B -DskipTests package >/dev/null)
  echo "$dir/benchmarks/target/classes:$(cat "$dir/benchmarks/target/classpath.txt")"
}
