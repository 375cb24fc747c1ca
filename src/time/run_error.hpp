#pragma once
// The error an integrator throws when a run cannot go on (NaN/Inf state, a step that
// collapsed, tolerances that cannot be met): the message says at which time and step, and
// what to change. The run pipeline (app/run_pipeline.hpp) ends the run with exit code 3 and
// keeps what was written.

#include <stdexcept>

namespace mf {

class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mf
