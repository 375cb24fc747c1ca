#pragma once
// FFTW's planner (plan creation and destruction) is not thread-safe; executing plans is. Every
// place that makes or destroys a plan holds this one lock.

#include <mutex>

namespace mf {

inline std::mutex& fftw_planner_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace mf
