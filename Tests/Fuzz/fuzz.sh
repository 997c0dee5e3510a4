#!/usr/bin/env bash
# Fuzzes each target of news-api-fuzz (a libFuzzer build) for a bounded time; used by `make test-fuzz`.
#
#   Tests/Fuzz/fuzz.sh BINARY SCRATCH SECONDS RSS_MB TARGET...
#
# The first target gets half of SECONDS, the others share the rest. Each run starts from the saved
# inputs (Tests/Fuzz/corpus/<target>, Tests/Fuzz/regressions/<target>) plus what earlier runs found
# (SCRATCH/corpus/<target>, where new inputs go, so the checked-in corpus is never written to), with
# Tests/Fuzz/<target>.dict when there is one. A finding (crash, failed check, sanitizer report, leak,
# timeout, out-of-memory) stops everything: the log's tail is printed and the input is left in
# SCRATCH/artifacts/<target>/, to be copied into Tests/Fuzz/regressions/<target>/.
set -euo pipefail
binary=$1 scratch=$2 seconds=$3 rss=$4
shift 4
targets=("$@")
others=$(( ${#targets[@]} > 1 ? ${#targets[@]} - 1 : 1 ))
here=$(dirname "$0")

for target in "${targets[@]}"; do
    if [ "$target" = "${targets[0]}" ]; then share=$(( seconds / 2 )); else share=$(( seconds / 2 / others )); fi
    [ "$share" -ge 1 ] || share=1
    mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target" "$scratch/logs"
    log="$scratch/logs/$target.log"
    dictionary=()
    [ -f "$here/$target.dict" ] && dictionary=("-dict=$here/$target.dict")
    # The Swift runtime's own crash reporter would race libFuzzer's and AddressSanitizer's handlers.
    if ! NEWS_API_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no \
        "$binary" "${dictionary[@]}" -max_total_time="$share" -rss_limit_mb="$rss" -timeout=10 \
        -artifact_prefix="$scratch/artifacts/$target/" -print_final_stats=1 \
        "$scratch/corpus/$target" "$here/corpus/$target" "$here/regressions/$target" >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz $target: FINDING - the input is in $scratch/artifacts/$target/ (full log: $log)." >&2
        echo "  Reproduce: NEWS_API_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no $binary <input>" >&2
        echo "  Then copy the input into Tests/Fuzz/regressions/$target/ so every build replays it." >&2
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
    echo "fuzz $target: ${share}s, ${runs:-?} inputs, ${coverage:-cov: ?}, corpus $(ls "$scratch/corpus/$target" | wc -l) new + saved"
done
