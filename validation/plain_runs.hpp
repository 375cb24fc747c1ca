#pragma once
// Running cases and sweeps from the validation cases (parts G, I and L): a case file into a run
// directory, as `measureflow run` does; a sweep into a sweep directory, as
// `measureflow sweep` does; a sweep's members grouped by the value of a key; mean ± standard error.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "figures/csv_columns.hpp"

namespace mf {

/// Runs the plain network case `file` into `dir` (overwriting); its diagnostics. Throws naming
/// the file when the run does not complete.
CsvColumns run_plain_case(const std::string& file, const std::filesystem::path& dir);
/// Runs any case `file` (its particle counterpart when `particles`) into `dir` (overwriting), as
/// `measureflow run [--particles]` does. Throws naming the file when the run does not complete.
void run_case(const std::string& file, const std::filesystem::path& dir, bool particles);

/// The weights file a plain run wrote at its first or its last output (weights/network_NNNNNN.csv);
/// throws naming the folder when there is none.
std::filesystem::path weights_file(const std::filesystem::path& run, bool final_output);

/// The last value of a column.
double last(const CsvColumns& t, const std::string& column);

/// Runs the sweep case `file` into `dir` with command-line `settings` (key=values) and `seeds`
/// (0: the table's). Throws when a member does not complete.
void sweep_into(const std::string& file, const std::filesystem::path& dir, const std::vector<std::string>& settings,
                int seeds);

/// A sweep's members by the (integer) value of its swept `key`: per member, in seed order, the
/// values of `columns` of sweep.csv. Throws naming a member that is not complete.
using SweepPoints = std::map<int, std::vector<std::vector<double>>>;
SweepPoints by_key(const std::filesystem::path& sweep, const std::string& key, const std::vector<std::string>& columns);

struct MeanSe {
  double mean = 0.0, se = 0.0;
};
MeanSe mean_se(const std::vector<double>& v);

}  // namespace mf
