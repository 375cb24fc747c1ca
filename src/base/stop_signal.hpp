#pragma once
// SIGINT and SIGTERM as a request to stop, not a kill: while a StopSignal is alive, either
// signal only sets a flag (raised()), which the holder checks at its next safe point (a run
// at its next step, a sweep before it starts the next member). The previous handlers come
// back when it goes. `restart`: whether interrupted system calls resume (SA_RESTART); a
// process waiting for children wants them to return, to act on the signal at once.

#include <signal.h>

#include <atomic>

namespace mf {

class StopSignal {
 public:
  explicit StopSignal(bool restart = true) {
    flag() = 0;
    struct sigaction action {};
    action.sa_handler = [](int s) { flag() = s; };
    sigemptyset(&action.sa_mask);
    action.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopSignal() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  /// 0, or the signal that asked to stop.
  static int raised() { return flag(); }
  static const char* name() { return flag() == SIGINT ? "SIGINT" : "SIGTERM"; }
  /// The handlers in place before this one (for a child process to put back before exec).
  const struct sigaction& previous_int() const { return old_int_; }
  const struct sigaction& previous_term() const { return old_term_; }

 private:
  static std::atomic<int>& flag() {
    static std::atomic<int> f{0};
    return f;
  }
  struct sigaction old_int_ {}, old_term_{};
};

}  // namespace mf
