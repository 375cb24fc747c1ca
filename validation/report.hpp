#pragma once
// The validation report: tables of errors and orders, and checks of numbers against bars.

#include <filesystem>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace mf {

class Report {
 public:
  /// `directory`: where report.md goes, and with it the figures and runs cases write.
  Report(std::ostream& out, std::string directory) : out_(out), directory_(std::move(directory)) {}
  const std::string& directory() const { return directory_; }

  void section(const std::string& title, const std::string& text);
  /// A table (first row: header); printed now, kept for report.md.
  void table(const std::vector<std::vector<std::string>>& rows);
  /// Checks value ≤ bound (kind "<=") or value ≥ bound (">="); prints PASS/FAIL with both.
  bool check(const std::string& case_name, const std::string& what, double value, const std::string& kind, double bound);
  void note(const std::string& text);
  /// An image in report.md; `file` relative to the report directory.
  void figure(const std::string& file, const std::string& caption);

  int failures() const { return failures_; }
  int checks() const { return static_cast<int>(checks_.size()); }
  /// Writes report.md (everything) and report.csv (one row per check) into `directory`.
  void write(const std::string& directory, const std::string& title) const;

 private:
  struct Check {
    std::string case_name, what, kind;
    double value, bound;
    bool pass;
  };
  std::ostream& out_;
  std::string directory_;
  std::string markdown_;
  std::vector<Check> checks_;
  int failures_ = 0;
};

std::string format_number(double x, int digits = 3);

/// Draws a figure into the report — draw(the PNG's path under the report directory), then
/// report.figure(file, caption) — or notes why it could not: gnuplot missing or failing is not
/// a failed bar.
template <class Draw>
void report_figure(Report& report, const std::string& file, const std::string& caption, Draw draw) {
  try {
    draw((std::filesystem::path(report.directory()) / file).string());
    report.figure(file, caption);
  } catch (const std::runtime_error& e) {
    report.note(std::string("(figure not drawn: ") + e.what() + ")");
  }
}

}  // namespace mf
