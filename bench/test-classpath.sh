# Sourced by the bench scripts: test_classpath MODULE compiles MODULE's tests and prints the classpath that
# runs them (its test and main classes, then every dependency including test scope).
test_classpath() {
  local module="$1" cp_file
  mvn -B -q -o -pl "$module" test-compile -Dspotless.check.skip=true >&2
  cp_file=$(mktemp)
  mvn -B -q -o -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
  echo "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")"
  rm -f "$cp_file"
}
