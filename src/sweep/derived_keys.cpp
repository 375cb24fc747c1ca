#include "sweep/derived_keys.hpp"

#include <muParser.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>

#include "io/toml_reader.hpp"

namespace mf {

std::vector<std::pair<std::string, std::string>> derived_settings(const std::vector<DerivedKey>& derived,
                                                                  const std::string& member_text,
                                                                  const std::string& point) {
  std::map<std::string, NumericKey> numbers;
  for (const NumericKey& k : numeric_keys(member_text)) numbers[k.key] = k;
  std::deque<double> storage;  // muparser keeps pointers to the variables: stable addresses
  mu::Parser parser;
  parser.DefineNameChars("0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.");
  std::map<std::string, double*> variables;
  const auto define = [&](const std::string& name, double value) {
    auto it = variables.find(name);
    if (it != variables.end()) {
      *it->second = value;
      return;
    }
    storage.push_back(value);
    variables[name] = &storage.back();
    parser.DefineVar(name, &storage.back());
  };
  for (const auto& [name, k] : numbers) define(name, k.value);
  std::vector<std::pair<std::string, std::string>> out;
  for (const DerivedKey& d : derived) {
    const std::string where = d.where + " = \"" + d.expression + "\" (" + point + "): ";
    double value = 0.0;
    try {
      parser.SetExpr(d.expression);
      value = parser.Eval();
    } catch (const mu::Parser::exception_type& e) {
      throw CaseError(where + e.GetMsg() + "; names are the case's numeric keys, dotted (e.g. network.scale)");
    }
    if (!std::isfinite(value)) throw CaseError(where + "the value is not finite");
    const auto it = numbers.find(d.key);
    const bool integer = it != numbers.end() && it->second.integer;
    char literal[40];
    if (integer) {
      if (std::abs(value - std::round(value)) > 1e-9 * std::max(1.0, std::abs(value)) || std::abs(value) > 9e15)
        throw CaseError(where + "is " + std::to_string(value) + ", and the case holds " + d.key +
                        " as an integer: round it in the expression (rint(…))");
      std::snprintf(literal, sizeof literal, "%lld", static_cast<long long>(std::llround(value)));
    } else {
      std::snprintf(literal, sizeof literal, "%.15g", value);  // the shortest that reads back exactly
      if (std::strtod(literal, nullptr) != value) std::snprintf(literal, sizeof literal, "%.17g", value);
      if (std::string(literal).find_first_of(".eEn") == std::string::npos) std::snprintf(literal, sizeof literal, "%.1f", value);
    }
    out.emplace_back(d.key, literal);
    define(d.key, value);
    numbers[d.key] = {d.key, value, integer};
  }
  return out;
}

}  // namespace mf
