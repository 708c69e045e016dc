// Coverage for libFuzzer from GCC's instrumentation.
//
// The project needs GCC 12 (clang 14 cannot compile libstdc++'s
// std::expected), and GCC cannot emit the inline 8-bit counters libFuzzer
// reads. GCC can emit -fsanitize-coverage=trace-pc (a call at the start of
// every basic block) and trace-cmp (a call for every comparison, which
// libFuzzer's own runtime consumes for its value profile and dictionary).
// This file turns the trace-pc calls into AFL-style edge counters and hands
// them to libFuzzer as one module of inline 8-bit counters, with a made-up
// PC table (index + 1) so `cov:` counts the edges seen.
//
// libFuzzer 14 defines __sanitizer_cov_trace_pc itself, only to exit with
// "deprecated instrumentation"; fuzz/CMakeLists.txt links a copy of the
// libFuzzer archive in which that symbol is weak, so this one wins.
//
// Nothing here may be instrumented (the callback would call itself):
// CMake compiles this file without -fsanitize-coverage.
#include <cstddef>
#include <cstdint>

extern "C" {
void __sanitizer_cov_8bit_counters_init(uint8_t* begin, uint8_t* end);
void __sanitizer_cov_pcs_init(const uintptr_t* begin, const uintptr_t* end);
}

namespace {

constexpr unsigned kMapBits = 18;  // 256 Ki edges: few collisions for ~13k lines of code
constexpr size_t kMapSize = size_t{1} << kMapBits;

alignas(64) uint8_t counters[kMapSize];
uintptr_t pc_table[2 * kMapSize];  // {pc, flags} pairs
thread_local uintptr_t previous_block = 0;

__attribute__((constructor)) void RegisterCounters() {
  for (size_t i = 0; i < kMapSize; ++i) pc_table[2 * i] = i + 1;
  __sanitizer_cov_8bit_counters_init(counters, counters + kMapSize);
  __sanitizer_cov_pcs_init(pc_table, pc_table + 2 * kMapSize);
}

}  // namespace

extern "C" __attribute__((no_sanitize_address, no_sanitize_undefined)) void
__sanitizer_cov_trace_pc() {
  // The return address identifies the instrumented block; a multiplicative
  // hash spreads it over the map, and (block, previous block) is the edge.
  auto pc = reinterpret_cast<uintptr_t>(__builtin_return_address(0));
  uintptr_t block = (pc * 0x9E3779B97F4A7C15ull) >> (64 - kMapBits);
  ++counters[block ^ previous_block];
  previous_block = block >> 1;
}

// GCC's trace-cmp also reports floating-point comparisons, which libFuzzer
// does not take.
extern "C" void __sanitizer_cov_trace_cmpf(float, float) {}
extern "C" void __sanitizer_cov_trace_cmpd(double, double) {}
