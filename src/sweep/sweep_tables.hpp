#pragma once
// A sweep's results, gathered from its members' run directories:
//   sweep.csv    one row per member: member, the swept keys, seed, status (complete | stopped: … |
//                failed: … | not run), wall_seconds, and final_<column> and min_<column> of every
//                column of its diagnostics (its CSV's last row, and the smallest value over the run;
//                an algorithm run's methods as <method>.final_<column>)
//   summary.csv  one row per parameter point: the keys, members, complete, and for every final_
//                column its mean, standard error, min and max over the complete members (<col>_mean …)
//   keys.csv     key, scale (linear | log): what the figure's axes are
// Cells that hold no number are `nan`; commas inside a status are written as ';'.

#include <filesystem>
#include <string>
#include <vector>

#include "sweep/sweep_plan.hpp"

namespace mf {

struct MemberOutcome {
  std::string status;  ///< "complete", "stopped: …", "failed: …" or "not run"
  double wall_seconds = 0.0;
};

/// The outcome of a member from its run directory (summary.txt) or, if it has none, its log.
MemberOutcome member_outcome(const std::filesystem::path& run_dir, const std::filesystem::path& log, bool started);

/// Writes sweep.csv, summary.csv and keys.csv into `dir`; returns the number of complete members.
int write_sweep_tables(const SweepPlan& plan, const std::filesystem::path& dir, const std::vector<MemberOutcome>& outcomes);

}  // namespace mf
