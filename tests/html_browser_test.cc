// The HTML report in a real browser: Debian's headless Chromium loads the
// render fixture's report from a file with the network unused, logs no
// console error or policy violation, keeps the fixture's markup as text,
// and takes a screenshot (kept under the temporary directory for a look).
#include <array>
#include <cstdio>
#include <filesystem>

#include <doctest/doctest.h>

#include "lint/diag/renderer.h"
#include "lint/source/file_system.h"
#include "tests/golden.h"
#include "tests/render_fixture.h"

namespace lint {

namespace fs = std::filesystem;

namespace {

struct Command {
  std::string output;
  int status = -1;
};

// Runs `command` with stderr folded into the captured output.
Command RunCommand(const std::string& command) {
  Command run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
  int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Quote(const std::string& s) { return "'" + testing::ReplaceAll(s, "'", "'\\''") + "'"; }

// Chromium with everything that could reach the network or a desktop off;
// a fresh profile per call.
std::string Chromium(const fs::path& profile, const std::string& action, const fs::path& page) {
  return "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync --disable-extensions "
         "--user-data-dir=" + Quote(profile.string()) + " --window-size=1280,2000 --enable-logging=stderr --v=0 " +
         action + " " + Quote("file://" + page.string());
}

// Console messages, script errors and Content-Security-Policy violations
// in Chromium's log (dbus and GPU noise of a headless machine is not).
std::vector<std::string> PageProblems(const std::string& log) {
  std::vector<std::string> problems;
  size_t start = 0;
  while (start < log.size()) {
    size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    std::string line = log.substr(start, end - start);
    start = end + 1;
    for (const char* marker : {"CONSOLE", "Uncaught", "Refused to", "Content Security Policy", "net::ERR_"}) {
      if (line.find(marker) != std::string::npos) {
        problems.push_back(line);
        break;
      }
    }
  }
  return problems;
}

}  // namespace

TEST_CASE("HtmlBrowser: headless Chromium renders the HTML report without errors and takes a screenshot") {
  Command version = RunCommand("chromium --version");
  REQUIRE_MESSAGE(version.status == 0, "Debian's chromium is needed (scripts/install-deps.sh installs it): " << version.output);

  auto fx = testing::LoadRenderFixture();
  std::string html = FindRenderer("html")->render(fx->Input());
  fs::path dir = testing::FreshTempDir("hybridlint-html-browser");
  fs::path page = dir / "report.html", screenshot = dir / "report.png";
  RealFileSystem real;
  REQUIRE(real.WriteFileAtomic(page.string(), html).has_value());

  Command shot = RunCommand(Chromium(dir / "profile-shot", "--screenshot=" + Quote(screenshot.string()), page));
  CHECK_MESSAGE(shot.status == 0, "chromium log:\n" << shot.output);
  REQUIRE_MESSAGE(fs::exists(screenshot), "chromium log:\n" << shot.output);
  CHECK(fs::file_size(screenshot) > 10000);  // a blank page compresses to a few kB
  CHECK(testing::ReadFile(screenshot).starts_with("\x89PNG\r\n\x1a\n"));
  std::vector<std::string> problems = PageProblems(shot.output);
  CHECK_MESSAGE(problems.empty(), "page problems: " << (problems.empty() ? "" : problems.front()));
  MESSAGE("screenshot of the HTML report: " << screenshot.string());

  Command dom = RunCommand(Chromium(dir / "profile-dom", "--dump-dom", page));
  CHECK(dom.status == 0);
  problems = PageProblems(dom.output);
  CHECK_MESSAGE(problems.empty(), "page problems: " << (problems.empty() ? "" : problems.front()));
  // The page was parsed as written: title, drawing, sections...
  CHECK(dom.output.find("<h1>hybridlint report: Zoë's Contoso &lt;Lab&gt; &amp; \"Partners\"</h1>") != std::string::npos);
  CHECK(dom.output.find("<svg class=\"paths\"") != std::string::npos);
  for (const char* id : {"summary", "paths", "findings", "waivers", "not-evaluated", "inputs", "rules"}) {
    CHECK_MESSAGE(dom.output.find("<section id=\"" + std::string(id) + "\">") != std::string::npos, id);
  }
  CHECK(dom.output.find("<g class=\"hop error\">") != std::string::npos);
  // ...and the identity full of markup stayed text: no element came of it.
  CHECK(dom.output.find("<script") == std::string::npos);
  CHECK(dom.output.find("<img") == std::string::npos);
  CHECK(dom.output.find("&lt;script&gt;alert('x')&lt;/script&gt;\"&gt;&lt;img src=x onerror=alert(1)&gt;") !=
        std::string::npos);
  fs::remove_all(dir / "profile-shot");
  fs::remove_all(dir / "profile-dom");
}

TEST_CASE("HtmlBrowser: the combined HTML report of lint --each renders without errors") {
  Command version = RunCommand("chromium --version");
  REQUIRE_MESSAGE(version.status == 0, "Debian's chromium is needed (scripts/install-deps.sh installs it): " << version.output);
  fs::path page = testing::SourceDir() / "fixtures/cli/each-html/stdout";
  fs::path dir = testing::FreshTempDir("hybridlint-html-browser-each");
  fs::copy_file(page, dir / "each.html");
  Command dom = RunCommand(Chromium(dir / "profile-dom", "--dump-dom", dir / "each.html"));
  CHECK(dom.status == 0);
  std::vector<std::string> problems = PageProblems(dom.output);
  CHECK_MESSAGE(problems.empty(), "page problems: " << (problems.empty() ? "" : problems.front()));
  CHECK(dom.output.find("<section id=\"organizations\">") != std::string::npos);
  for (const char* id : {"org-1", "org-2", "org-3"}) {
    CHECK_MESSAGE(dom.output.find("<section class=\"organization\" id=\"" + std::string(id) + "\">") != std::string::npos, id);
    CHECK_MESSAGE(dom.output.find("<a href=\"#" + std::string(id) + "\">") != std::string::npos, id);
  }
  // Each organization's sections keep their own ids.
  CHECK(dom.output.find("<section id=\"org-1-summary\">") != std::string::npos);
  CHECK(dom.output.find("<section id=\"org-2-findings\">") != std::string::npos);
  CHECK(dom.output.find("<section id=\"org-3-summary\">") == std::string::npos);  // northwind-unreadable
  fs::remove_all(dir / "profile-dom");
}

TEST_CASE("HtmlBrowser: the log filter sees what a broken page would log") {
  CHECK(PageProblems("[1:2:INFO:CONSOLE(1)] \"Uncaught ReferenceError: x\", source: file:///r.html (1)\n").size() == 1);
  CHECK(PageProblems("[1:2:ERROR:dbus/bus.cc:405] Failed to connect to the bus\n").empty());
}

}  // namespace lint
