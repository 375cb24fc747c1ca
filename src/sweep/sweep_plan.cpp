#include "sweep/sweep_plan.hpp"

#include <cstdio>

#include "io/toml_reader.hpp"
#include "sweep/derived_keys.hpp"

namespace mf {

SweepPlan make_sweep_plan(const std::string& case_file, const std::vector<std::string>& settings, int seeds) {
  const SweepTable table = read_sweep_table(case_file);
  SweepPlan plan{case_file, table.keys, table.seeds, table.threads, table.figure, {}};
  for (const std::string& setting : settings) {
    SweptKey key = parse_sweep_setting(setting);
    bool replaced = false;
    for (SweptKey& k : plan.keys)
      if (k.key == key.key) k = key, replaced = true;
    if (!replaced) plan.keys.push_back(key);
  }
  if (seeds > 0) plan.seeds = seeds;
  if (plan.keys.empty() && plan.seeds == 1)
    throw CaseError(case_file + ": nothing to sweep: give [sweep.keys] (or --set key=values) or seeds > 1");
  if (plan.seeds > 1 && !has_seed_key(case_file))
    throw CaseError(case_file + ": seeds = " + std::to_string(plan.seeds) + " varies the case's `seed` keys, and it has "
                    "none; write the seeds the case uses (e.g. [data] seed = 1, [particles] seed = 1)");
  std::size_t points = 1;
  for (const SweptKey& k : plan.keys) points *= k.values.size();
  if (points * static_cast<std::size_t>(plan.seeds) > 100000)
    throw CaseError(case_file + ": the sweep has " + std::to_string(points * plan.seeds) + " members; at most 100000");
  std::vector<std::size_t> at(plan.keys.size(), 0);
  for (std::size_t p = 0; p < points; ++p) {
    std::size_t rest = p;  // the last key varies fastest
    for (std::size_t k = plan.keys.size(); k-- > 0;) {
      at[k] = rest % plan.keys[k].values.size();
      rest /= plan.keys[k].values.size();
    }
    std::vector<std::pair<std::string, std::string>> set;
    std::vector<std::string> values;
    std::string point;
    for (std::size_t k = 0; k < plan.keys.size(); ++k) {
      set.emplace_back(plan.keys[k].key, plan.keys[k].values[at[k]]);
      values.push_back(plan.keys[k].values[at[k]]);
      point += (k ? ", " : "") + plan.keys[k].key + " = " + plan.keys[k].values[at[k]];
    }
    if (!table.derived.empty())
      for (auto& setting : derived_settings(table.derived, member_case_text(case_file, set, 0), point))
        set.push_back(std::move(setting));
    for (int s = 1; s <= plan.seeds; ++s) {
      char name[16];
      std::snprintf(name, sizeof name, "m%04zu", plan.members.size() + 1);
      plan.members.push_back({name, values, s, member_case_text(case_file, set, 1000 * (s - 1))});
    }
  }
  return plan;
}

}  // namespace mf
