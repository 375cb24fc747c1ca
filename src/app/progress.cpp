#include "app/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <ostream>

namespace mf {

ProgressLine::ProgressLine(std::ostream& out, double t_end, bool enabled)
    : out_(out), t_end_(t_end), enabled_(enabled), terminal_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressLine::update(double t, long step) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double since = std::chrono::duration<double>(now - last_).count();
  if (elapsed < 3.0 || since < (terminal_ ? 0.5 : 10.0)) return;
  last_ = now;
  const double fraction = t / t_end_;
  const double left = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  char buf[160];
  std::snprintf(buf, sizeof buf, "t = %.6g / %.6g (%3.0f%%), step %ld, %.0f s elapsed, ~%.0f s left", t, t_end_,
                100.0 * fraction, step, elapsed, left);
  if (terminal_) out_ << "\r" << buf << "\x1b[K" << std::flush;
  else out_ << buf << "\n" << std::flush;
  shown_ = true;
}

void ProgressLine::finish() {
  if (shown_ && terminal_) out_ << "\r\x1b[K" << std::flush;
  shown_ = false;
}

}  // namespace mf
