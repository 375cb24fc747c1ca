#include "app/sweep_command.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <omp.h>

#include "app/run_modes.hpp"
#include "base/stop_signal.hpp"
#include "figures/csv_columns.hpp"
#include "figures/sweep_figure.hpp"
#include "io/atomic_file.hpp"
#include "sweep/member_queue.hpp"
#include "distributed/mpi_session.hpp"
#include "distributed/rank_sums.hpp"
#include "sweep/sweep_tables.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool already_complete(const fs::path& run, const std::string& case_text) {
  if (read_text(run / "case.toml") != case_text) return false;
  std::ifstream summary(run / "summary.txt");
  std::string first;
  std::getline(summary, first);
  return first == "status: complete";
}

std::string describe(const SweepPlan& plan, const SweepMember& m) {
  std::string s;
  for (std::size_t k = 0; k < plan.keys.size(); ++k) s += (k ? ", " : "") + plan.keys[k].key + " = " + m.values[k];
  return s + (s.empty() ? "" : ", ") + "seed " + std::to_string(m.seed);
}

// Rank 0 (or the only process): every member's outcome, the tables, the figure, the last lines.
int gather(const SweepPlan& plan, const fs::path& dir, const std::string& case_file, const std::vector<bool>& started,
           bool stopped, std::ostream& out, std::ostream& err) {
  std::vector<MemberOutcome> outcomes;
  for (std::size_t i = 0; i < plan.members.size(); ++i) {
    const SweepMember& m = plan.members[i];
    outcomes.push_back(started[i] ? member_outcome(dir / m.name, dir / "logs" / (m.name + ".log"), true)
                                  : MemberOutcome{"not run", 0.0});
  }
  const int complete = write_sweep_tables(plan, dir, outcomes);
  out << "  tables: " << (dir / "sweep.csv").string() << ", " << (dir / "summary.csv").string() << "\n";
  // The figure: [sweep] figure, else the first of the usual objectives, against the first key.
  if (!plan.keys.empty()) {
    const CsvColumns summary((dir / "summary.csv").string());
    std::vector<std::string> candidates = {"final_loss", "final_objective", "final_mass"};
    if (!plan.figure.empty())
      candidates = {plan.figure.rfind("final_", 0) == 0 ? plan.figure : "final_" + plan.figure};
    for (const std::string& y : candidates)
      if (summary.has(y + "_mean") || !plan.figure.empty()) {
        try {
          // Named after the column: its data file (<stem>.csv) must not be sweep.csv.
          const fs::path png = dir / ("sweep_" + y + ".png");
          draw_sweep_figure(dir, plan.keys.front().key, y, png, fs::path(case_file).stem().string());
          out << "  figure: " << png.string() << " (other columns: measureflow plot " << dir.string()
              << " --x KEY --y COLUMN -o FILE.png)\n";
        } catch (const std::runtime_error& e) {
          out << "  note: the figure was not drawn: " << e.what() << "\n";
        }
        break;
      }
  }
  const std::size_t missing = plan.members.size() - static_cast<std::size_t>(complete);
  if (stopped)
    err << "sweep interrupted: " << missing << " of " << plan.members.size() << " members are not complete; rerun the "
        << "same command to run only those\n";
  else if (missing)
    err << missing << " of " << plan.members.size() << " members did not complete (sweep.csv says why; their logs are in "
        << (dir / "logs").string() << "); rerun the same command to retry them\n";
  out << "  complete: " << complete << " of " << plan.members.size() << " members\n";
  return missing ? 3 : 0;
}


// One member in this process (a rank of an MPI sweep): its output into its log.
void run_member_here(const fs::path& file, const fs::path& run_dir, const fs::path& log_file, bool particles,
                     int threads) {
  std::ofstream log(log_file);
  omp_set_num_threads(threads);
  run_alone();  // this rank runs the member by itself
  try {
    RunOptions ro;
    ro.output_directory = run_dir.string();
    ro.overwrite = true;
    ro.progress = false;
    const std::unique_ptr<RunMode> mode = make_run_mode(TomlDocument(file.string()), particles);
    run(*mode, ro, log, log);
  } catch (const std::exception& e) {
    log << "error: " << e.what() << "\n";
  }
}

}  // namespace

int run_sweep(const std::string& case_file, const SweepOptions& o, std::ostream& out, std::ostream& err) {
  const SweepPlan plan = make_sweep_plan(case_file, o.settings, o.seeds);
  const fs::path dir = o.directory.empty() ? fs::path("runs") / (fs::path(case_file).stem().string() + "-sweep")
                                           : fs::path(o.directory);
  const int ranks = mpi_size();
  const bool lead = mpi_rank() == 0;  // rank 0 (or the only process) prepares, gathers and prints
  std::vector<fs::path> files;
  for (const SweepMember& m : plan.members) files.push_back(dir / "cases" / (m.name + ".toml"));
  // Every parameter point is read and set up as `run` would, before anything runs.
  std::string refusal;
  std::vector<int> job_member;  // members to run: not already complete for the same case text
  if (lead) {
    try {
      fs::create_directories(dir / "cases");
      fs::create_directories(dir / "logs");
      for (std::size_t i = 0; i < plan.members.size(); ++i) {
        const SweepMember& m = plan.members[i];
        write_file_atomically(files[i], m.case_text);
        if (m.seed != 1) continue;
        try {
          make_run_mode(TomlDocument(files[i].string()), o.particles);
        } catch (const std::exception& e) {
          throw CaseError("sweep member " + m.name + " (" + describe(plan, m) + "): " + e.what());
        }
      }
    } catch (const std::exception& e) {
      refusal = e.what();
    }
    for (std::size_t i = 0; i < plan.members.size(); ++i)
      if (!already_complete(dir / plan.members[i].name, plan.members[i].case_text)) job_member.push_back(static_cast<int>(i));
  }
  if (mpi_broadcast(refusal.empty() ? 0 : 1) != 0) {
    if (lead) throw CaseError(refusal);
    return 2;
  }
  mpi_broadcast(job_member);
  const int parallel = ranks > 1 ? ranks - 1
                       : o.parallel > 0 ? o.parallel
                                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto log_of = [&](std::size_t i) { return dir / "logs" / (plan.members[i].name + ".log"); };
  if (lead)
    out << "measureflow sweep " << case_file << "\n  members: " << plan.members.size() << " (" << plan.keys.size()
        << (plan.keys.size() == 1 ? " key, " : " keys, ") << plan.seeds << (plan.seeds == 1 ? " seed" : " seeds") << "); "
        << plan.members.size() - job_member.size() << " already complete, " << job_member.size() << " to run, "
        << parallel << " at a time" << (ranks > 1 ? " (MPI: " + std::to_string(ranks - 1) + " worker ranks)" : "") << ", "
        << plan.threads << (plan.threads == 1 ? " thread" : " threads") << " each\n  output: " << dir.string() << "\n"
        << std::flush;
  std::vector<bool> started(plan.members.size(), true);  // complete ones count as started
  for (int i : job_member) started[static_cast<std::size_t>(i)] = false;
  bool stopped = false;
  if (ranks > 1) {
    const StopSignal stop;  // mpirun forwards SIGINT / SIGTERM to every rank
    const std::vector<int> handed = mpi_work_queue(
        static_cast<int>(job_member.size()),
        [&](int k) {
          const std::size_t i = static_cast<std::size_t>(job_member[static_cast<std::size_t>(k)]);
          run_member_here(files[i], dir / plan.members[i].name, log_of(i), o.particles, plan.threads);
        },
        [] { return StopSignal::raised() != 0; });
    for (int k : handed) started[static_cast<std::size_t>(job_member[static_cast<std::size_t>(k)])] = true;
    stopped = mpi_broadcast(StopSignal::raised() ? 1 : 0) != 0;
  } else {
    std::vector<MemberJob> jobs;
    const std::string self = fs::read_symlink("/proc/self/exe").string();
    for (int i : job_member) {
      const SweepMember& m = plan.members[static_cast<std::size_t>(i)];
      MemberJob job{{self, "run", files[static_cast<std::size_t>(i)].string(), "-o", (dir / m.name).string(),
                     "--overwrite", "--no-progress"},
                    log_of(static_cast<std::size_t>(i)).string()};
      if (o.particles) job.argv.push_back("--particles");
      jobs.push_back(job);
    }
    std::size_t finished = 0;
    const std::vector<JobResult> results = run_jobs(jobs, parallel, plan.threads, [&](std::size_t k, const JobResult& r) {
      const std::size_t i = static_cast<std::size_t>(job_member[k]);
      const MemberOutcome outcome = member_outcome(dir / plan.members[i].name, log_of(i), true);
      out << "  [" << ++finished << "/" << jobs.size() << "] " << plan.members[i].name << " ("
          << describe(plan, plan.members[i]) << "): " << outcome.status << " in " << r.seconds << " s\n" << std::flush;
    });
    for (std::size_t k = 0; k < jobs.size(); ++k) started[static_cast<std::size_t>(job_member[k])] = results[k].started;
    stopped = interrupted();
  }
  int code = 0;
  if (lead) code = gather(plan, dir, case_file, started, stopped, out, err);
  return mpi_broadcast(code);
}

}  // namespace mf
