#include "sweep/member_queue.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <stdexcept>

#include "base/stop_signal.hpp"

namespace mf {

namespace {

bool g_interrupted = false;

}  // namespace

bool interrupted() { return g_interrupted; }

std::vector<JobResult> run_jobs(const std::vector<MemberJob>& jobs, int parallel, int threads,
                                const std::function<void(std::size_t, const JobResult&)>& done) {
  // Without SA_RESTART: waitpid returns at the signal, and the running members hear of it at once.
  const StopSignal stop(false);
  g_interrupted = false;
  std::vector<JobResult> results(jobs.size());
  std::map<pid_t, std::size_t> running;
  std::vector<std::chrono::steady_clock::time_point> start(jobs.size());
  const std::string omp = std::to_string(threads);
  std::size_t next = 0;
  bool forwarded = false;
  while (true) {
    while (!StopSignal::raised() && next < jobs.size() && static_cast<int>(running.size()) < parallel) {
      const MemberJob& job = jobs[next];
      const pid_t pid = fork();
      if (pid < 0) throw std::runtime_error("cannot start a sweep member (fork failed)");
      if (pid == 0) {  // the child: its log, its thread count, the program
        sigaction(SIGINT, &stop.previous_int(), nullptr);
        sigaction(SIGTERM, &stop.previous_term(), nullptr);
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
    if (StopSignal::raised() && !forwarded) {  // stop: the running members end themselves, as "stopped"
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
  g_interrupted = StopSignal::raised() != 0;
  return results;
}

}  // namespace mf
