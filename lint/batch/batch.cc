#include "lint/batch/batch.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "lint/diag/html_renderer.h"
#include "lint/diag/markdown_renderer.h"
#include "lint/diag/render.h"
#include "lint/diag/sarif_renderer.h"

namespace lint::batch {

std::expected<std::vector<Organization>, std::string> DiscoverOrganizations(const std::string& dir, FileSystem& fs) {
  std::string root = dir;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (!fs.Exists(root)) return std::unexpected("--each: no directory '" + dir + "'");
  if (!fs.IsDirectory(root)) {
    return std::unexpected("--each: '" + dir + "' is not a directory (it takes a directory of snapshot directories)");
  }
  auto names = fs.ListSubdirectories(root);
  if (!names) return std::unexpected("--each: " + names.error());
  std::vector<Organization> orgs;
  for (const std::string& name : *names) {
    if (name.empty() || name[0] == '.') continue;
    orgs.push_back({name, root == "/" ? "/" + name : root + "/" + name});
  }
  if (orgs.empty()) {
    return std::unexpected("--each: '" + dir + "' has no subdirectory; it takes a directory that holds one snapshot "
                           "directory per organization");
  }
  std::sort(orgs.begin(), orgs.end(), [](const Organization& a, const Organization& b) { return a.name < b.name; });
  return orgs;
}

namespace {

std::string Trimmed(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

void AddFragments(const ReportInput& input, const std::vector<std::string>& formats, std::string_view dir,
                  OrgReport& report) {
  report.counts = CountFindings(input.result);
  report.passed = input.result.passed;
  report.not_evaluated = input.result.not_evaluated.size();
  for (const std::string& f : formats) {
    if (f == "text") report.text = RenderText(input.result, input.snapshot, TextOptions{});
    if (f == "markdown") report.markdown = RenderMarkdown(input);
    if (f == "html") report.html = RenderHtmlSections(input);
    if (f == "json") report.json = Trimmed(DumpReportJson(RenderJson(input)));
    if (f == "sarif") {
      nlohmann::ordered_json run = SarifRun(input, dir);
      run["automationDetails"] = {{"id", report.org.name}};
      run["properties"]["organization"] = report.org.name;
      run["properties"]["path"] = report.org.path;
      run["properties"]["status"] = "ok";
      report.sarif_run = Trimmed(DumpReportJson(run));
    }
    if (f == "junit") report.junit = RenderJunitSuite(input, report.org.name);
  }
}

std::vector<std::string> ErrorLines(std::string_view diagnostics) {
  std::vector<std::string> lines, all;
  size_t start = 0;
  while (start < diagnostics.size()) {
    size_t end = diagnostics.find('\n', start);
    if (end == std::string_view::npos) end = diagnostics.size();
    std::string line(diagnostics.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    all.push_back(line);
    if (line.find(": error[") != std::string::npos || line.starts_with("hybridlint: ")) lines.push_back(line);
  }
  return lines.empty() ? all : lines;
}

void Progress::Update(size_t done, size_t broken) {
  if (!enabled_ || total_ == 0) return;
  constexpr size_t kWidth = 20;
  size_t filled = done * kWidth / total_;
  std::string line = "\r[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] " +
                     std::to_string(done) + "/" + std::to_string(total_) + " organizations";
  if (broken > 0) line += ", " + std::to_string(broken) + " broken";
  size_t width = line.size() - 1;
  if (width < shown_) line += std::string(shown_ - width, ' ');
  out_ << line << std::flush;
  shown_ = width;
}

void Progress::Clear() {
  if (!enabled_ || shown_ == 0) return;
  out_ << "\r" << std::string(shown_, ' ') << "\r" << std::flush;
  shown_ = 0;
}

std::vector<OrgReport> RunEach(const std::vector<Organization>& orgs, size_t jobs,
                               const std::function<OrgReport(const Organization&)>& lint_one,
                               const std::function<void(const OrgReport&)>& done, Progress* progress) {
  std::vector<std::optional<OrgReport>> slots(orgs.size());
  std::mutex mutex;
  std::condition_variable finished;
  size_t next = 0;  // the next organization a worker takes (under mutex)
  auto work = [&] {
    for (;;) {
      size_t i;
      {
        std::lock_guard lock(mutex);
        if (next >= orgs.size()) return;
        i = next++;
      }
      // The snapshot lives and dies inside lint_one: only the fragments come back.
      OrgReport report = lint_one(orgs[i]);
      {
        std::lock_guard lock(mutex);
        slots[i] = std::move(report);
      }
      finished.notify_one();
    }
  };
  jobs = std::clamp<size_t>(jobs, 1, std::max<size_t>(orgs.size(), 1));
  std::vector<std::thread> workers;
  for (size_t w = 0; w < jobs; ++w) workers.emplace_back(work);

  std::vector<OrgReport> reports;
  reports.reserve(orgs.size());
  size_t broken = 0;
  if (progress) progress->Update(0, 0);
  // Hand the reports back in order, each as soon as it and all before it are in.
  while (reports.size() < orgs.size()) {
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return slots[reports.size()].has_value(); });
    OrgReport report = std::move(*slots[reports.size()]);
    slots[reports.size()].reset();
    lock.unlock();
    if (!report.ok) ++broken;
    if (progress && !report.diagnostics.empty()) progress->Clear();
    if (done) done(report);
    reports.push_back(std::move(report));
    if (progress) progress->Update(reports.size(), broken);
  }
  for (std::thread& t : workers) t.join();
  if (progress) progress->Clear();
  return reports;
}

BatchTotals Totals(const std::vector<OrgReport>& orgs) {
  BatchTotals t;
  t.organizations = orgs.size();
  for (const OrgReport& r : orgs) {
    if (!r.ok) {
      ++t.broken;
      continue;
    }
    ++t.ok;
    if (r.gate_fail) ++t.failing_gate;
    t.counts.error += r.counts.error;
    t.counts.warning += r.counts.warning;
    t.counts.info += r.counts.info;
    t.counts.waived += r.counts.waived;
    t.counts.baselined += r.counts.baselined;
    t.passed += r.passed;
    t.not_evaluated += r.not_evaluated;
  }
  return t;
}

}  // namespace lint::batch
