#include "io/toml_edit.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "io/toml_reader.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

toml::table parse(const std::string& file) {
  try {
    return toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    std::ostringstream s;
    s << file << ":" << e.source().begin.line << ": " << e.description();
    throw CaseError(s.str());
  }
}

std::string at(const std::string& file, const toml::node& n, const std::string& key, const std::string& message) {
  return file + ":" + std::to_string(n.source().begin.line) + ": key 'sweep.keys." + key + "': " + message;
}

std::string literal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // stays a float in TOML
  return s;
}

// `integer`: ends written as integers give integer points (rounded; repeats dropped), for keys
// such as a width or a count.
std::vector<std::string> range(double lo, double hi, int points, bool log, bool integer) {
  std::vector<std::string> values;
  for (int k = 0; k < points; ++k) {
    const double u = points == 1 ? 0.0 : static_cast<double>(k) / (points - 1);
    const double v = log ? lo * std::pow(hi / lo, u) : lo + (hi - lo) * u;
    const std::string text = integer ? std::to_string(std::llround(v)) : literal(v);
    if (values.empty() || values.back() != text) values.push_back(text);
  }
  return values;
}

std::string node_literal(const toml::node& n) {
  std::ostringstream s;
  if (const auto* str = n.as_string()) s << toml::value<std::string>(str->get());
  else if (const auto* i = n.as_integer()) s << i->get();
  else if (const auto* f = n.as_floating_point()) s << literal(f->get());
  else if (const auto* b = n.as_boolean()) s << (b->get() ? "true" : "false");
  else throw std::invalid_argument("not a number, string or boolean");
  return s.str();
}

// Parses a TOML literal into a node (the value of "x = literal").
toml::table literal_table(const std::string& text) {
  try {
    return toml::parse("x = " + text);
  } catch (const toml::parse_error& e) {
    throw CaseError("'" + text + "' is not a TOML value (" + std::string(e.description()) + ")");
  }
}

void shift_seeds(toml::table& t, int offset) {
  for (auto&& [k, v] : t) {
    if (auto* sub = v.as_table()) shift_seeds(*sub, offset);
    else if (k.str() == "seed")
      if (auto* i = v.as_integer()) *i = i->get() + offset;
  }
}

void absolute_files(toml::table& t, const fs::path& folder) {
  for (auto&& [k, v] : t) {
    if (auto* sub = v.as_table()) absolute_files(*sub, folder);
    else if (k.str() == "file")
      if (auto* s = v.as_string(); s && !s->get().empty() && fs::path(s->get()).is_relative())
        *s = (folder / s->get()).lexically_normal().string();
  }
}

bool any_seed(const toml::table& t) {
  for (auto&& [k, v] : t) {
    if (const auto* sub = v.as_table()) {
      if (any_seed(*sub)) return true;
    } else if (k.str() == "seed") {
      return true;
    }
  }
  return false;
}

}  // namespace

SweepTable read_sweep_table(const std::string& file) {
  const toml::table root = parse(file);
  SweepTable s;
  const toml::table* sweep = root["sweep"].as_table();
  if (!sweep) return s;
  s.present = true;
  for (auto&& [k, v] : *sweep) {
    const std::string key(k.str());
    const std::string where = file + ":" + std::to_string(v.source().begin.line) + ": key 'sweep." + key + "': ";
    if (key == "seeds" || key == "threads") {
      const auto* i = v.as_integer();
      if (!i || i->get() < 1 || i->get() > 10000) throw CaseError(where + "must be an integer in 1 … 10000");
      (key == "seeds" ? s.seeds : s.threads) = static_cast<int>(i->get());
    } else if (key == "figure") {
      const auto* f = v.as_string();
      if (!f || f->get().empty()) throw CaseError(where + "must be the name of a diagnostic, e.g. \"loss\" or \"atoms\"");
      s.figure = f->get();
    } else if (key == "keys") {
      const toml::table* keys = v.as_table();
      if (!keys) throw CaseError(where + "must be a table of case keys and their values");
      std::vector<toml::source_index> lines;
      for (auto&& [name, values] : *keys) {
        SweptKey swept{std::string(name.str()), {}, false};
        if (const toml::array* list = values.as_array()) {
          for (const toml::node& item : *list) {
            try {
              swept.values.push_back(node_literal(item));
            } catch (const std::invalid_argument& e) {
              throw CaseError(at(file, item, swept.key, std::string("a value is ") + e.what()));
            }
          }
        } else if (const toml::table* r = values.as_table()) {
          const bool log = r->contains("log");
          const toml::array* ends = (*r)[log ? "log" : "linear"].as_array();
          const auto points = (*r)["points"].value<int64_t>();
          if (!ends || ends->size() != 2 || !(*ends)[0].is_number() || !(*ends)[1].is_number() || !points ||
              *points < 1 || *points > 10000 || r->size() != 2)
            throw CaseError(at(file, values, swept.key,
                               "a range is { linear = [lo, hi], points = n } or { log = [lo, hi], points = n }"));
          const double lo = (*ends)[0].value<double>().value(), hi = (*ends)[1].value<double>().value();
          if (log && !(lo > 0.0 && hi > 0.0))
            throw CaseError(at(file, values, swept.key, "a log range needs lo > 0 and hi > 0"));
          swept.values = range(lo, hi, static_cast<int>(*points), log,
                               (*ends)[0].is_integer() && (*ends)[1].is_integer());
          swept.log = log;
        } else {
          throw CaseError(at(file, values, swept.key, "give a list [v1, v2, …] or a range { linear|log = [lo, hi], points = n }"));
        }
        if (swept.values.empty()) throw CaseError(at(file, values, swept.key, "has no values"));
        s.keys.push_back(std::move(swept));
        lines.push_back(values.source().begin.line);
      }
      // toml++ keeps a table's keys sorted; the sweep keeps the file's order (the first key is
      // the figure's x axis and varies slowest).
      std::vector<std::size_t> order(s.keys.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return lines[a] < lines[b]; });
      std::vector<SweptKey> sorted;
      for (std::size_t i : order) sorted.push_back(s.keys[i]);
      s.keys = std::move(sorted);
    } else if (key == "derived") {
      const toml::table* derived = v.as_table();
      if (!derived) throw CaseError(where + "must be a table of case keys and their expressions");
      for (auto&& [name, expression] : *derived) {
        const std::string here = file + ":" + std::to_string(expression.source().begin.line) + ": key 'sweep.derived." +
                                 std::string(name.str()) + "'";
        const auto* text = expression.as_string();
        if (!text || text->get().empty())
          throw CaseError(here + ": give an expression as a string, e.g. \"min(10, 0.1 / network.scale^2)\"");
        s.derived.push_back({std::string(name.str()), text->get(), here});
      }
      std::stable_sort(s.derived.begin(), s.derived.end(), [&](const DerivedKey& a, const DerivedKey& b) {
        return (*derived)[a.key].node()->source().begin.line < (*derived)[b.key].node()->source().begin.line;
      });
    } else {
      throw CaseError(where + "unknown; [sweep] takes seeds, threads, figure and the tables [sweep.keys] and "
                      "[sweep.derived]");
    }
  }
  return s;
}

SweptKey parse_sweep_setting(const std::string& setting) {
  const auto eq = setting.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == setting.size())
    throw std::invalid_argument("--set '" + setting + "': write key=v1,v2,… or key=linear:lo:hi:n or key=log:lo:hi:n");
  SweptKey s{setting.substr(0, eq), {}, false};
  const std::string rhs = setting.substr(eq + 1);
  for (const char* kind : {"linear:", "log:"}) {
    if (rhs.rfind(kind, 0) != 0) continue;
    double lo = 0, hi = 0;
    int n = 0;
    char extra = 0;
    if (std::sscanf(rhs.c_str() + std::string(kind).size(), "%lf:%lf:%d%c", &lo, &hi, &n, &extra) != 3 || n < 1 ||
        n > 10000 || (kind[1] == 'o' && !(lo > 0 && hi > 0)))
      throw std::invalid_argument("--set '" + setting + "': a range is " + kind + "lo:hi:n (n ≥ 1" +
                                  (kind[1] == 'o' ? ", lo and hi > 0)" : ")"));
    s.log = kind[1] == 'o';
    const std::string ends = rhs.substr(std::string(kind).size(), rhs.rfind(':') - std::string(kind).size());
    s.values = range(lo, hi, n, s.log, ends.find_first_of(".eE") == std::string::npos);
    return s;
  }
  std::string item;
  std::istringstream in(rhs);
  while (std::getline(in, item, ',')) {
    if (item.empty()) throw std::invalid_argument("--set '" + setting + "': an empty value");
    try {
      literal_table(item);  // a TOML value: 0.1, 200, true, "relu"
      s.values.push_back(item);
    } catch (const CaseError&) {  // a bare word: the string
      std::ostringstream q;
      q << toml::value<std::string>(item);
      s.values.push_back(q.str());
    }
  }
  return s;
}

std::string member_case_text(const std::string& file, const std::vector<std::pair<std::string, std::string>>& settings,
                             int seed_offset) {
  toml::table root = parse(file);
  root.erase("sweep");
  for (const auto& [key, text] : settings) {
    toml::table value = literal_table(text);
    toml::table* t = &root;
    std::string rest = key;
    for (auto dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
      const std::string part = rest.substr(0, dot);
      rest = rest.substr(dot + 1);
      if (!t->contains(part)) t->insert(part, toml::table{});
      t = (*t)[part].as_table();
      if (!t) throw CaseError(file + ": sweep key '" + key + "': '" + part + "' is not a table in the case");
    }
    value.get("x")->visit([&](auto&& v) { t->insert_or_assign(rest, v); });
  }
  if (seed_offset != 0) shift_seeds(root, seed_offset);
  absolute_files(root, fs::absolute(file).parent_path());
  std::ostringstream out;
  out << root << "\n";
  return out.str();
}

bool has_seed_key(const std::string& file) { return any_seed(parse(file)); }

namespace {

void collect_numbers(const toml::table& t, const std::string& prefix, std::vector<NumericKey>& out) {
  for (auto&& [k, v] : t) {
    const std::string key = prefix + std::string(k.str());
    if (const auto* sub = v.as_table()) collect_numbers(*sub, key + ".", out);
    else if (const auto* i = v.as_integer()) out.push_back({key, static_cast<double>(i->get()), true});
    else if (const auto* f = v.as_floating_point()) out.push_back({key, f->get(), false});
  }
}

}  // namespace

std::vector<NumericKey> numeric_keys(const std::string& text) {
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    throw CaseError("a member's case text is not TOML (" + std::string(e.description()) + ")");
  }
  std::vector<NumericKey> out;
  collect_numbers(root, "", out);
  return out;
}

}  // namespace mf
