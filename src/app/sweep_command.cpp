#include "app/sweep_command.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "app/run_modes.hpp"
#include "figures/csv_columns.hpp"
#include "figures/sweep_figure.hpp"
#include "io/atomic_file.hpp"
#include "sweep/member_queue.hpp"
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

}  // namespace

int run_sweep(const std::string& case_file, const SweepOptions& o, std::ostream& out, std::ostream& err) {
  const SweepPlan plan = make_sweep_plan(case_file, o.settings, o.seeds);
  const fs::path dir = o.directory.empty() ? fs::path("runs") / (fs::path(case_file).stem().string() + "-sweep")
                                           : fs::path(o.directory);
  fs::create_directories(dir / "cases");
  fs::create_directories(dir / "logs");
  // Every parameter point is read and set up as `run` would, before anything runs.
  std::vector<fs::path> files;
  for (std::size_t i = 0; i < plan.members.size(); ++i) {
    const SweepMember& m = plan.members[i];
    files.push_back(dir / "cases" / (m.name + ".toml"));
    write_file_atomically(files.back(), m.case_text);
    if (m.seed != 1) continue;
    try {
      make_run_mode(TomlDocument(files.back().string()), o.particles);
    } catch (const std::exception& e) {
      throw CaseError("sweep member " + m.name + " (" + describe(plan, m) + "): " + e.what());
    }
  }
  const int parallel = o.parallel > 0 ? o.parallel : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<MemberJob> jobs;
  std::vector<std::size_t> job_member;
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  for (std::size_t i = 0; i < plan.members.size(); ++i) {
    const SweepMember& m = plan.members[i];
    if (already_complete(dir / m.name, m.case_text)) continue;
    MemberJob job{{self, "run", files[i].string(), "-o", (dir / m.name).string(), "--overwrite", "--no-progress"},
                  (dir / "logs" / (m.name + ".log")).string()};
    if (o.particles) job.argv.push_back("--particles");
    jobs.push_back(job);
    job_member.push_back(i);
  }
  out << "measureflow sweep " << case_file << "\n  members: " << plan.members.size() << " (" << plan.keys.size()
      << (plan.keys.size() == 1 ? " key, " : " keys, ") << plan.seeds << (plan.seeds == 1 ? " seed" : " seeds") << "); "
      << plan.members.size() - jobs.size() << " already complete, " << jobs.size() << " to run, " << parallel
      << " at a time, " << plan.threads << (plan.threads == 1 ? " thread" : " threads") << " each\n  output: "
      << dir.string() << "\n" << std::flush;
  std::size_t finished = 0;
  const std::vector<JobResult> results = run_jobs(jobs, parallel, plan.threads, [&](std::size_t k, const JobResult& r) {
    const SweepMember& m = plan.members[job_member[k]];
    const MemberOutcome outcome = member_outcome(dir / m.name, dir / "logs" / (m.name + ".log"), true);
    out << "  [" << ++finished << "/" << jobs.size() << "] " << m.name << " (" << describe(plan, m) << "): "
        << outcome.status << " in " << r.seconds << " s\n" << std::flush;
  });
  std::vector<bool> started(plan.members.size(), true);  // complete ones count as started
  for (std::size_t k = 0; k < jobs.size(); ++k) started[job_member[k]] = results[k].started;
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
  if (interrupted())
    err << "sweep interrupted: " << missing << " of " << plan.members.size() << " members are not complete; rerun the "
        << "same command to run only those\n";
  else if (missing)
    err << missing << " of " << plan.members.size() << " members did not complete (sweep.csv says why; their logs are in "
        << (dir / "logs").string() << "); rerun the same command to retry them\n";
  out << "  complete: " << complete << " of " << plan.members.size() << " members\n";
  return missing ? 3 : 0;
}

}  // namespace mf
