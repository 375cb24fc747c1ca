#pragma once
// Editing a case file for the members of a sweep: its [sweep] table read, and the text of a
// member — the case without [sweep], with some keys set, every `seed` key shifted, and every
// relative `file` key made absolute (a member's case file lives in the sweep directory, not
// beside the original). toml++ stays inside io/.

#include <string>
#include <utility>
#include <vector>

namespace mf {

/// One swept key and its values, each as a TOML literal ("0.1", "200", "\"relu\"").
struct SweptKey {
  std::string key;                  ///< dotted path, e.g. "penalty.merge_distance"
  std::vector<std::string> values;
  bool log = false;                 ///< from a logarithmic range (figures use a log axis)
};

/// A key set from the swept ones: its expression (sweep/derived_keys.hpp) in the case's
/// numeric keys, evaluated for every parameter point.
struct DerivedKey {
  std::string key;         ///< dotted path, e.g. "training.step"
  std::string expression;  ///< e.g. "min(10, 0.1 / network.scale^2)"
  std::string where;       ///< "file:line: key 'sweep.derived.<key>'" for messages
};

struct SweepTable {
  std::vector<SweptKey> keys;
  std::vector<DerivedKey> derived;  ///< in the file's order
  int seeds = 1;    ///< members per parameter point: seed offsets 0, 1000, 2000, …
  int threads = 1;  ///< OMP_NUM_THREADS of each member
  std::string figure;  ///< the diagnostic of the sweep's figure against the first key ("": J)
  bool present = false;
};

/// [sweep] of `file`:
///   seeds = 3, threads = 1, figure = "atoms",
///   [sweep.keys] "a.b" = [v1, v2, …] | { linear = [lo, hi], points = n } | { log = [lo, hi], points = n }
///   [sweep.derived] "c.d" = "expression"
/// (a range whose ends are integers gives integers: rounded, repeats dropped)
/// Throws CaseError naming the file, line and key for anything else.
SweepTable read_sweep_table(const std::string& file);

/// A command-line setting "a.b=v1,v2" | "a.b=linear:lo:hi:n" | "a.b=log:lo:hi:n". Throws
/// std::invalid_argument saying what would be valid.
SweptKey parse_sweep_setting(const std::string& setting);

/// The member's case text: `file` without [sweep], each (key, literal) of `settings` set (its
/// tables created if needed), every integer `seed` key increased by `seed_offset`, every
/// relative string `file` key made absolute against the case file's folder. Throws CaseError
/// when a key cannot be set (a path through a value that is not a table) or a literal is not
/// TOML.
std::string member_case_text(const std::string& file, const std::vector<std::pair<std::string, std::string>>& settings,
                             int seed_offset);

/// A numeric leaf of a case: its dotted key, its value and whether TOML holds it as an integer.
struct NumericKey {
  std::string key;
  double value = 0.0;
  bool integer = false;
};
/// Every integer and float leaf of the case text `text` (arrays skipped), dotted keys.
std::vector<NumericKey> numeric_keys(const std::string& text);

/// Whether `file` has any `seed` key (a sweep with several seeds needs one to vary).
bool has_seed_key(const std::string& file);

}  // namespace mf
