#pragma once

// The one rich report every renderer is tested on (fixtures/render/README.md):
// the real loader and rules over fixtures/render/snapshot/, then waiver,
// baseline and tool-diagnostic marks set by hand, as the waiver feature
// would set them.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "lint/diag/renderer.h"
#include "lint/model/snapshot.h"
#include "lint/rules/engine.h"
#include "lint/rules/rule.h"

namespace lint::testing {

/// The rules the fixture runs: ORG, IOC and VDR whole, RCP003 (Zoë) and
/// RCP005 (its export is missing: not evaluated as a whole rule).
inline constexpr const char* kRenderFixtureRules[] = {"ORG", "IOC", "VDR", "RCP003", "RCP005"};
/// The date the fixture is evaluated on.
inline constexpr const char* kRenderFixtureNow = "2026-11-22";

/// A loaded, evaluated and marked fixture. Owns everything ReportInput
/// points to.
struct RenderFixture {
  std::vector<Rule> rules;
  std::vector<const Rule*> selected;
  Snapshot snapshot;
  LintResult result;

  /// The report input with `version` as the tool version.
  ReportInput Input(const std::string& version = HYBRIDLINT_VERSION) const {
    return ReportInput{result, snapshot, selected, kRenderFixtureNow, version};
  }
};

/// Builds the fixture with the working directory set to the repository
/// root, so display paths read "fixtures/render/snapshot/...". Fails the
/// current test (REQUIRE) when the fixture does not load cleanly or a mark
/// finds no finding to apply to.
std::unique_ptr<RenderFixture> LoadRenderFixture();

/// Replaces the tool version by "[VERSION]" (goldens do not change with it).
std::string RedactVersion(const std::string& report);

/// A fresh empty directory under the system temporary directory.
std::filesystem::path FreshTempDir(const std::string& stem);

}  // namespace lint::testing
