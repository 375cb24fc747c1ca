#include "sweep/member_queue.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <stdexcept>

namespace mf {

namespace {

std::atomic<int> g_signal{0};

void on_signal(int s) { g_signal = s; }

}  // namespace

bool interrupted() { return g_signal != 0; }

std::vector<JobResult> run_jobs(const std::vector<MemberJob>& jobs, int parallel, int threads,
                                const std::function<void(std::size_t, const JobResult&)>& done) {
  g_signal = 0;
  struct sigaction action {}, old_int{}, old_term{};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &old_int);
  sigaction(SIGTERM, &action, &old_term);
  std::vector<JobResult> results(jobs.size());
  std::map<pid_t, std::size_t> running;
  std::vector<std::chrono::steady_clock::time_point> start(jobs.size());
  const std::string omp = std::to_string(threads);
  std::size_t next = 0;
  bool forwarded = false;
  while (true) {
    while (!g_signal && next < jobs.size() && static_cast<int>(running.size()) < parallel) {
      const MemberJob& job = jobs[next];
      const pid_t pid = fork();
      if (pid < 0) throw std::runtime_error("cannot start a sweep member (fork failed)");
      if (pid == 0) {  // the child: its log, its thread count, the program
        sigaction(SIGINT, &old_int, nullptr);
        sigaction(SIGTERM, &old_term, nullptr);
        const int fd = open(job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
          dup2(fd, 1);
          dup2(fd, 2);
          close(fd);
        }
        setenv("OMP_NUM_THREADS", omp.c_str(), 1);
        std::vector<char*> argv;
        for (const std::string& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
      }
      start[next] = std::chrono::steady_clock::now();
      results[next].started = true;
      running[pid] = next++;
    }
    if (running.empty()) break;
    if (g_signal && !forwarded) {  // stop: the running members end themselves, as "stopped"
      for (const auto& [pid, k] : running) kill(pid, SIGTERM);
      forwarded = true;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) continue;  // interrupted by the signal: forward it, then wait again
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const std::size_t k = it->second;
    running.erase(it);
    JobResult& r = results[k];
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start[k]).count();
    done(k, r);
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  return results;
}

}  // namespace mf
