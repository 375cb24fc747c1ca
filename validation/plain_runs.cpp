#include "plain_runs.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "app/run_modes.hpp"
#include "app/sweep_command.hpp"
#include "io/toml_reader.hpp"

namespace mf {

namespace fs = std::filesystem;

void run_case(const std::string& file, const fs::path& dir, bool particles) {
  const std::unique_ptr<RunMode> mode = make_run_mode(TomlDocument(file), particles);
  RunOptions options;
  options.output_directory = dir.string();
  options.overwrite = true;
  options.progress = false;
  std::ostringstream sink;
  if (run(*mode, options, sink, sink) != 0) throw std::runtime_error(file + " stopped: " + sink.str());
}

CsvColumns run_plain_case(const std::string& file, const fs::path& dir) {
  run_case(file, dir, false);
  return CsvColumns((dir / "diagnostics.csv").string());
}

fs::path weights_file(const fs::path& run, bool final_output) {
  const std::vector<fs::path> files = series_files(run / "weights", "network_");
  if (files.empty()) throw std::runtime_error((run / "weights").string() + ": no weights were written");
  return final_output ? files.back() : files.front();
}

double last(const CsvColumns& t, const std::string& column) { return t.column(column).back(); }

void sweep_into(const std::string& file, const fs::path& dir, const std::vector<std::string>& settings, int seeds) {
  SweepOptions o;
  o.directory = dir.string();
  o.settings = settings;
  o.seeds = seeds;
  std::ostringstream sink;
  if (run_sweep(file, o, sink, sink) != 0) throw std::runtime_error(file + ": the sweep did not complete:\n" + sink.str());
}

SweepPoints by_key(const fs::path& sweep, const std::string& key, const std::vector<std::string>& columns) {
  const CsvColumns t((sweep / "sweep.csv").string());
  const std::vector<double> value = t.column(key);
  const std::vector<std::string>& status = t.text("status");
  std::vector<std::vector<double>> cols;
  for (const std::string& c : columns) cols.push_back(t.column(c));
  SweepPoints out;
  for (std::size_t r = 0; r < value.size(); ++r) {
    if (status[r] != "complete") throw std::runtime_error((sweep / "sweep.csv").string() + ": member " +
                                                          std::to_string(r + 1) + " is " + status[r]);
    std::vector<double> v;
    for (const auto& c : cols) v.push_back(c[r]);
    out[static_cast<int>(value[r])].push_back(v);
  }
  return out;
}

MeanSe mean_se(const std::vector<double>& v) {
  MeanSe r;
  for (double x : v) r.mean += x / static_cast<double>(v.size());
  double ss = 0.0;
  for (double x : v) ss += (x - r.mean) * (x - r.mean);
  if (v.size() > 1) r.se = std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
  return r;
}

}  // namespace mf
