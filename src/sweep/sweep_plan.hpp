#pragma once
// A sweep's members: the cartesian product of the swept keys' values (the first key varying
// slowest), each run with seeds 1 … seeds. Seed s shifts every `seed` key of the case by
// 1000·(s − 1), so every random choice the case makes (data, teacher, initialization,
// sampling) changes with it; seed 1 is the case as written.

#include <string>
#include <vector>

#include "io/toml_edit.hpp"

namespace mf {

struct SweepMember {
  std::string name;                 ///< "m0001": its run directory in the sweep directory
  std::vector<std::string> values;  ///< one TOML literal per swept key
  int seed = 1;
  std::string case_text;            ///< its case file
};

struct SweepPlan {
  std::string case_file;
  std::vector<SweptKey> keys;
  int seeds = 1, threads = 1;
  std::string figure;  ///< [sweep] figure: the diagnostic drawn against the first key
  std::vector<SweepMember> members;
};

/// The plan of `case_file`'s [sweep] table, with `settings` (command-line key=values, which
/// replace a key of the same name) and `seeds` (> 0: replaces the table's). Throws CaseError
/// (a bad [sweep], no key to sweep, seeds > 1 without a seed key in the case) or
/// std::invalid_argument (a bad setting).
SweepPlan make_sweep_plan(const std::string& case_file, const std::vector<std::string>& settings, int seeds);

}  // namespace mf
