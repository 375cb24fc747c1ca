#pragma once
// Debug preconditions: checks of programmer errors (matching sizes, index ranges, orientation)
// that cost too much, or say too little to a user, to keep in a release build (deal.II's Assert,
// as opposed to the always-on checks of user input that name file, line and key).
//
//   MF_PRECONDITION(condition, message)
//
// With MEASUREFLOW_DEBUG_CHECKS defined (Debug builds and -DMEASUREFLOW_SANITIZE=ON, set by the
// mf_base target) a false condition throws mf::PreconditionError, whose what() names the source
// file and line, the condition as written and the message (a const char* or a std::string).
// Without it the macro expands to nothing that runs: neither condition nor message is evaluated
// (they are only named inside sizeof, so variables used in checks alone do not warn as unused).
//
// Only cheap checks: O(1), or O(size) once per call, never inside an inner loop. Never inside an
// OpenMP parallel region either: an exception must not leave one (the program would terminate).
// For a loop of checks, `if constexpr (mf::debug_checks)` keeps the loop out of release builds.

#include <stdexcept>
#include <string>

namespace mf {

/// A violated debug precondition: a bug in the caller, not bad input.
class PreconditionError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

#ifdef MEASUREFLOW_DEBUG_CHECKS
inline constexpr bool debug_checks = true;
#else
inline constexpr bool debug_checks = false;
#endif

namespace detail {
[[noreturn, gnu::cold, gnu::noinline]] inline void precondition_failed(const char* file, int line,
                                                                      const char* condition,
                                                                      const std::string& message) {
  throw PreconditionError(std::string(file) + ":" + std::to_string(line) + ": precondition '" + condition +
                          "' failed: " + message);
}
}  // namespace detail

}  // namespace mf

#ifdef MEASUREFLOW_DEBUG_CHECKS
#define MF_PRECONDITION(condition, message)                                                      \
  do {                                                                                           \
    if (!static_cast<bool>(condition))                                                           \
      ::mf::detail::precondition_failed(__FILE__, __LINE__, #condition, (message));              \
  } while (false)
#else
#define MF_PRECONDITION(condition, message)                                                      \
  do {                                                                                           \
    static_cast<void>(sizeof(static_cast<bool>(condition)));                                     \
    static_cast<void>(sizeof(message));                                                          \
  } while (false)
#endif
