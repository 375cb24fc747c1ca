#pragma once
// A progress line on stderr for runs longer than a few seconds: on a terminal it rewrites one
// line, elsewhere (logs, CI) it prints a line every 10 seconds.

#include <chrono>
#include <iosfwd>
#include <string>

namespace mf {

class ProgressLine {
 public:
  ProgressLine(std::ostream& out, double t_end, bool enabled = true);
  void update(double t, long step);
  /// Clears the line (terminal) once the run is over.
  void finish();

 private:
  std::ostream& out_;
  double t_end_;
  bool enabled_, terminal_, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace mf
