#include "report.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

namespace mf {

std::string format_number(double x, int digits) {
  char buf[48];
  if (std::isnan(x)) return "—";
  const double a = std::abs(x);
  if (a != 0.0 && (a < 1e-3 || a >= 1e5)) std::snprintf(buf, sizeof buf, "%.*e", digits - 1, x);
  else std::snprintf(buf, sizeof buf, "%.*g", digits + (a >= 1 ? 1 : 0), x);
  return buf;
}

void Report::section(const std::string& title, const std::string& text) {
  out_ << "\n== " << title << " ==\n" << text << "\n";
  markdown_ += "\n## " + title + "\n\n" + text + "\n\n";
}

void Report::note(const std::string& text) {
  out_ << text << "\n";
  markdown_ += text + "\n\n";
}

void Report::figure(const std::string& file, const std::string& caption) {
  out_ << "figure: " << directory_ << "/" << file << " (" << caption << ")\n";
  markdown_ += "![" + caption + "](" + file + ")\n\n*" + caption + "*\n\n";
}

void Report::table(const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return;
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], r[i].size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    std::string line = "|", text;
    for (std::size_t i = 0; i < rows[k].size(); ++i) {
      line += " " + rows[k][i] + " |";
      text += rows[k][i] + std::string(width[i] + 2 - std::min(width[i] + 1, rows[k][i].size()), ' ');
    }
    out_ << "  " << text << "\n";
    markdown_ += line + "\n";
    if (k == 0) {
      std::string sep = "|";
      for (std::size_t i = 0; i < rows[0].size(); ++i) sep += "---|";
      markdown_ += sep + "\n";
    }
  }
  markdown_ += "\n";
}

bool Report::check(const std::string& case_name, const std::string& what, double value, const std::string& kind,
                   double bound) {
  const bool pass = kind == "<=" ? value <= bound : value >= bound;  // NaN fails both
  checks_.push_back({case_name, what, kind, value, bound, pass});
  if (!pass) ++failures_;
  const std::string line = std::string(pass ? "PASS" : "FAIL") + "  " + case_name + ": " + what + " = " +
                           format_number(value, 4) + " (bar " + kind + " " + format_number(bound, 4) + ")";
  out_ << line << "\n";
  markdown_ += "- " + std::string(pass ? "✅ " : "❌ ") + line.substr(6) + "\n";
  return pass;
}

void Report::write(const std::string& directory, const std::string& title) const {
  std::filesystem::create_directories(directory);
  {
    std::ofstream md(std::filesystem::path(directory) / "report.md");
    md << "# " << title << "\n\n" << checks_.size() - static_cast<std::size_t>(failures_) << " of " << checks_.size()
       << " bars met.\n" << markdown_;
    if (!md) throw std::runtime_error(directory + "/report.md: write failed");
  }
  std::ofstream csv(std::filesystem::path(directory) / "report.csv");
  csv << "case,check,value,kind,bound,pass\n";
  char buf[64];
  for (const auto& c : checks_) {
    csv << c.case_name << ",\"" << c.what << "\",";
    std::snprintf(buf, sizeof buf, "%.17g", c.value);
    csv << buf << "," << c.kind << ",";
    std::snprintf(buf, sizeof buf, "%.17g", c.bound);
    csv << buf << "," << (c.pass ? 1 : 0) << "\n";
  }
  if (!csv) throw std::runtime_error(directory + "/report.csv: write failed");
}

}  // namespace mf
