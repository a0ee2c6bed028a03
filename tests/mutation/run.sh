#!/bin/sh
# Mutation run (docs/testing.md): every mutation of tests/mutation/mutants.txt in turn,
# release build in build-mutation, suite stopped at the first failure. Slow (about a
# minute per mutation on two cores): not part of scripts/test.sh.
cd "$(dirname "$0")/../.." || exit 2
exec nice python3 tests/mutation/run.py "$@"
