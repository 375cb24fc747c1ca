#include "sweep/sweep_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

#include "figures/csv_columns.hpp"
#include "figures/run_figures.hpp"
#include "io/atomic_file.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

std::string clean(std::string s) {
  for (char& ch : s)
    if (ch == ',' || ch == '\n' || ch == '"') ch = ch == '\n' ? ' ' : ';';
  return s.size() > 200 ? s.substr(0, 200) : s;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// A TOML literal as a CSV cell: strings without their quotes.
std::string cell_of(const std::string& literal) {
  if (literal.size() >= 2 && (literal.front() == '"' || literal.front() == '\''))
    return clean(literal.substr(1, literal.size() - 2));
  return clean(literal);
}

// final_ and min_ of every numeric column of the member's CSVs.
std::map<std::string, double> member_values(const fs::path& run) {
  std::map<std::string, double> values;
  std::vector<RunCurves> curves;
  try {
    curves = find_run_curves(run.string());
  } catch (const std::runtime_error&) {
    return values;
  }
  for (const RunCurves& c : curves) {
    const std::string prefix = curves.size() > 1 ? c.label + "." : "";
    try {
      const CsvColumns csv(c.csv.string());
      if (csv.rows() == 0) continue;
      for (const std::string& name : csv.names()) {
        std::vector<double> v;
        try {
          v = csv.column(name);
        } catch (const std::runtime_error&) {
          continue;  // a column of words (compare's method)
        }
        double low = std::numeric_limits<double>::quiet_NaN();
        for (double x : v)
          if (std::isfinite(x) && !(x >= low)) low = x;
        values[prefix + "final_" + name] = v.back();
        values[prefix + "min_" + name] = low;
      }
    } catch (const std::runtime_error&) {
    }
  }
  return values;
}

}  // namespace

MemberOutcome member_outcome(const fs::path& run, const fs::path& log, bool started) {
  MemberOutcome o;
  std::ifstream summary(run / "summary.txt");
  std::string line;
  while (std::getline(summary, line)) {
    if (line.rfind("status: ", 0) == 0) o.status = line.substr(8);
    if (line.rfind("wall_seconds: ", 0) == 0) o.wall_seconds = std::atof(line.c_str() + 14);
  }
  if (!o.status.empty()) return o;
  if (!started) return {"not run", 0.0};
  std::ifstream in(log);
  std::string last, text;
  while (std::getline(in, text))
    if (!text.empty()) last = text;
  o.status = "failed: " + (last.empty() ? std::string("no output (see its log)") : last);
  return o;
}

int write_sweep_tables(const SweepPlan& plan, const fs::path& dir, const std::vector<MemberOutcome>& outcomes) {
  std::vector<std::map<std::string, double>> values;
  std::vector<std::string> columns;  // in order of first appearance, final_ before min_
  for (const SweepMember& m : plan.members) {
    values.push_back(member_values(dir / m.name));
    for (const char* kind : {"final_", "min_"})
      for (const auto& [name, v] : values.back())
        if (name.find(kind) != std::string::npos && std::find(columns.begin(), columns.end(), name) == columns.end())
          columns.push_back(name);
  }
  auto value_of = [&](std::size_t k, const std::string& column) {
    const auto it = values[k].find(column);
    return it == values[k].end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
  };
  int complete = 0;
  write_file_atomically(dir / "sweep.csv", [&](std::ostream& out) {
    out << "member";
    for (const SweptKey& k : plan.keys) out << "," << clean(k.key);
    out << ",seed,status,wall_seconds";
    for (const std::string& c : columns) out << "," << clean(c);
    out << "\n";
    for (std::size_t i = 0; i < plan.members.size(); ++i) {
      const SweepMember& m = plan.members[i];
      if (outcomes[i].status == "complete") ++complete;
      out << m.name;
      for (const std::string& v : m.values) out << "," << cell_of(v);
      out << "," << m.seed << "," << clean(outcomes[i].status) << "," << number(outcomes[i].wall_seconds);
      for (const std::string& c : columns) out << "," << number(value_of(i, c));
      out << "\n";
    }
  });
  write_file_atomically(dir / "summary.csv", [&](std::ostream& out) {
    for (const SweptKey& k : plan.keys) out << clean(k.key) << ",";
    out << "members,complete";
    std::vector<std::string> finals;
    for (const std::string& c : columns)
      if (c.find("final_") != std::string::npos) finals.push_back(c);
    for (const std::string& c : finals) out << "," << c << "_mean," << c << "_se," << c << "_min," << c << "_max";
    out << "\n";
    for (std::size_t first = 0; first < plan.members.size(); first += static_cast<std::size_t>(plan.seeds)) {
      const SweepMember& m = plan.members[first];
      for (const std::string& v : m.values) out << cell_of(v) << ",";
      int done = 0;
      for (int s = 0; s < plan.seeds; ++s) done += outcomes[first + static_cast<std::size_t>(s)].status == "complete";
      out << plan.seeds << "," << done;
      for (const std::string& c : finals) {
        std::vector<double> x;
        for (int s = 0; s < plan.seeds; ++s) {
          const std::size_t i = first + static_cast<std::size_t>(s);
          if (outcomes[i].status == "complete" && std::isfinite(value_of(i, c))) x.push_back(value_of(i, c));
        }
        const double n = static_cast<double>(x.size()), nan = std::numeric_limits<double>::quiet_NaN();
        double mean = 0.0, var = 0.0;
        for (double v : x) mean += v / n;
        for (double v : x) var += (v - mean) * (v - mean) / std::max(1.0, n - 1.0);
        const double se = x.size() > 1 ? std::sqrt(var / n) : x.size() == 1 ? 0.0 : nan;
        out << "," << number(x.empty() ? nan : mean) << "," << number(se) << ","
            << number(x.empty() ? nan : *std::min_element(x.begin(), x.end())) << ","
            << number(x.empty() ? nan : *std::max_element(x.begin(), x.end()));
      }
      out << "\n";
    }
  });
  write_file_atomically(dir / "keys.csv", [&](std::ostream& out) {
    out << "key,scale\n";
    for (const SweptKey& k : plan.keys) out << clean(k.key) << "," << (k.log ? "log" : "linear") << "\n";
  });
  return complete;
}

}  // namespace mf
