# Sourced by the CLI tests (tests/cli/*.sh): a scratch directory $T, removed
# on exit, and err, which prints its message and marks the test failed
# (a test ends with `exit $fail`).
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
err() { echo "$*"; fail=1; }
