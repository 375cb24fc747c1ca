// expect_csv: checks numbers in a CSV file that a run wrote, for the example tests (each example
// promises numbers in its opening comment; tests/CMakeLists.txt runs the example, then this).
//
//   expect_csv FILE.csv COLUMN ROW VALUE REL_TOL
//   expect_csv FILE.csv --check COLUMN ROW VALUE REL_TOL [--check …]
//   expect_csv FILE.csv --check COLUMN ROW-below BOUND [--check COLUMN ROW-above BOUND …]
//
// ROW picks the value: first | last (the first and last data rows), min | max (over the
// column), or a 1-based data row number. A VALUE check passes when |x − VALUE| ≤ REL_TOL·|VALUE|
// (REL_TOL itself when VALUE is 0); ROW-below and ROW-above pass when x < BOUND or x > BOUND.
// The file has one header line of column names and comma-separated numbers ("nan" reads as
// NaN): a picked NaN fails, and min and max fail on a NaN anywhere in the column.
//
// Exit codes: 0 every check passed; 1 a check failed; 2 bad arguments, a file that cannot be
// read or a column it lacks. Each check prints one line saying what was found and expected.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Check {
  std::string column, row;  // row without a -below/-above suffix
  enum class Kind { near, below, above } kind = Kind::near;
  double value = 0.0, tolerance = 0.0;
};

struct Table {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> rows;  // cells as written
  std::vector<int> lines;                      // each row's line in the file
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "expect_csv: " << why << "\n"
            << "usage: expect_csv FILE.csv COLUMN first|last|min|max|N VALUE REL_TOL\n"
            << "       expect_csv FILE.csv --check COLUMN ROW VALUE REL_TOL [--check COLUMN ROW-below|ROW-above BOUND] …\n";
  std::exit(2);
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream s(line);
  for (std::string cell; std::getline(s, cell, ',');) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

bool parse_number(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return *end == '\0';
}

Table read_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "expect_csv: " << path << ": cannot read the file (did the run that writes it fail?)\n";
    std::exit(2);
  }
  Table t;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (t.names.empty()) {
      t.names = split(line);
      continue;
    }
    t.rows.push_back(split(line));
    t.lines.push_back(line_no);
  }
  if (t.names.empty()) {
    std::cerr << "expect_csv: " << path << ": empty file (no header)\n";
    std::exit(2);
  }
  if (t.rows.empty()) {
    std::cerr << "expect_csv: " << path << ": no rows after the header\n";
    std::exit(2);
  }
  return t;
}

// The checked column's values; exits 2 for a missing column, a short row or a non-number.
std::vector<double> column_values(const std::string& path, const Table& t, const std::string& column) {
  std::size_t c = 0;
  while (c < t.names.size() && t.names[c] != column) ++c;
  if (c == t.names.size()) {
    std::string names;
    for (const auto& n : t.names) names += (names.empty() ? "" : ", ") + n;
    std::cerr << "expect_csv: " << path << ": no column '" << column << "'; the columns are " << names << "\n";
    std::exit(2);
  }
  std::vector<double> values;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    double v = 0.0;
    if (c >= t.rows[r].size() || !parse_number(t.rows[r][c], v)) {
      std::cerr << "expect_csv: " << path << ":" << t.lines[r] << ": column '" << column << "' is ";
      if (c >= t.rows[r].size()) std::cerr << "missing";
      else std::cerr << "'" << t.rows[r][c].substr(0, 80) << (t.rows[r][c].size() > 80 ? "…'" : "'");
      std::cerr << ", not a number\n";
      std::exit(2);
    }
    values.push_back(v);
  }
  return values;
}

std::string format(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// Runs one check; prints its line; returns whether it passed.
bool run_check(const std::string& path, const Table& t, const Check& check) {
  const std::vector<double> values = column_values(path, t, check.column);
  const std::string what = path + ": " + check.column + " " + check.row;
  std::size_t pick = 0;  // the row the value comes from
  if (check.row == "first") {
    pick = 0;
  } else if (check.row == "last") {
    pick = values.size() - 1;
  } else if (check.row == "min" || check.row == "max") {
    for (std::size_t r = 0; r < values.size(); ++r) {
      if (std::isnan(values[r])) {
        std::cerr << "FAIL " << what << ": line " << t.lines[r] << " holds NaN\n";
        return false;
      }
      if (check.row == "min" ? values[r] < values[pick] : values[r] > values[pick]) pick = r;
    }
  } else {
    double n = 0.0;
    if (!parse_number(check.row, n) || n < 1 || n != std::floor(n))
      usage("row '" + check.row + "' is not first, last, min, max or a row number");
    if (n > static_cast<double>(values.size())) {
      std::cerr << "FAIL " << what << ": the file has only " << values.size() << " rows\n";
      return false;
    }
    pick = static_cast<std::size_t>(n) - 1;
  }
  const double x = values[pick];
  const std::string found = what + " = " + format(x) + " (line " + std::to_string(t.lines[pick]) + ")";
  bool ok = false;
  std::string expected;
  switch (check.kind) {
    case Check::Kind::near: {
      const double allowed = check.value == 0.0 ? check.tolerance : check.tolerance * std::abs(check.value);
      ok = std::abs(x - check.value) <= allowed;  // false for NaN
      expected = "expected " + format(check.value) + " within " + format(check.tolerance) +
                 (check.value == 0.0 ? " (absolute)" : " relative (±" + format(allowed) + ")");
      break;
    }
    case Check::Kind::below:
      ok = x < check.value;
      expected = "expected below " + format(check.value);
      break;
    case Check::Kind::above:
      ok = x > check.value;
      expected = "expected above " + format(check.value);
      break;
  }
  (ok ? std::cout : std::cerr) << (ok ? "ok   " : "FAIL ") << found << "; " << expected << "\n";
  return ok;
}

double number_argument(const std::string& text, const std::string& what) {
  double v = 0.0;
  if (!parse_number(text, v) || !std::isfinite(v)) usage(what + " '" + text + "' is not a finite number");
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 2) usage("too few arguments");
  const std::string path = args[0];
  std::vector<Check> checks;
  // One check from args[i…]: COLUMN ROW VALUE REL_TOL or COLUMN ROW-below|ROW-above BOUND.
  auto parse_check = [&](std::size_t i) {
    if (i + 2 >= args.size()) usage("a check needs COLUMN ROW VALUE [REL_TOL]");
    Check c;
    c.column = args[i];
    c.row = args[i + 1];
    for (const auto& [suffix, kind] : {std::pair<std::string, Check::Kind>{"-below", Check::Kind::below},
                                       std::pair<std::string, Check::Kind>{"-above", Check::Kind::above}})
      if (c.row.size() > suffix.size() && c.row.compare(c.row.size() - suffix.size(), suffix.size(), suffix) == 0) {
        c.row.resize(c.row.size() - suffix.size());
        c.kind = kind;
      }
    c.value = number_argument(args[i + 2], "value");
    if (c.kind == Check::Kind::near) {
      if (i + 3 >= args.size()) usage("check of " + c.column + " " + c.row + " needs a relative tolerance");
      c.tolerance = number_argument(args[i + 3], "tolerance");
      if (c.tolerance < 0) usage("tolerance '" + args[i + 3] + "' is negative");
    }
    checks.push_back(c);
    return i + (c.kind == Check::Kind::near ? 4 : 3);
  };
  if (args[1] != "--check") {
    if (parse_check(1) != args.size()) usage("extra arguments after the check (use --check for several)");
  } else {
    for (std::size_t i = 1; i < args.size();) {
      if (args[i] != "--check") usage("expected --check, found '" + args[i] + "'");
      i = parse_check(i + 1);
    }
  }
  const Table table = read_table(path);
  bool all = true;
  for (const Check& c : checks) all = run_check(path, table, c) && all;
  return all ? 0 : 1;
}
