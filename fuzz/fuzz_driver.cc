// The libFuzzer entry point. fuzz/CMakeLists.txt links it into one binary
// per target, each with a one-line file defining kLintFuzzTargetName.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/fuzz_targets.h"

extern const char kLintFuzzTargetName[];  // an entry of kFuzzTargets

namespace {

const lint::fuzz::FuzzTarget& Target() {
  static const lint::fuzz::FuzzTarget* target = [] {
    const lint::fuzz::FuzzTarget* t = lint::fuzz::FindFuzzTarget(kLintFuzzTargetName);
    if (t == nullptr) {
      std::fprintf(stderr, "no fuzz target named '%s'\n", kLintFuzzTargetName);
      std::abort();
    }
    return t;
  }();
  return *target;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lint::fuzz::FuzzOutcome outcome =
      Target().run(std::string_view(reinterpret_cast<const char*>(data), size));
  // Replaying one file with HYBRIDLINT_FUZZ_VERBOSE=1 shows what a
  // regression fixture's .expected will hold.
  static const bool verbose = std::getenv("HYBRIDLINT_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%s\n", outcome.summary.c_str());
  if (!outcome.violations.empty()) {
    for (const std::string& v : outcome.violations) std::fprintf(stderr, "invariant violated: %s\n", v.c_str());
    std::abort();
  }
  return 0;
}
