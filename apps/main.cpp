// measureflow: gradient flows of measures on meshed spheres. See README.md.
//
//   measureflow run CASE.toml [-o DIR] [--overwrite]   run a case file
//   measureflow mesh TYPE [--level L | --n N] [-o FILE] [--check FILE]   write or check meshes
//   measureflow validate [--quick] [--case NAME] [--report DIR]          validation report
//   measureflow compare CASE.toml --grids … --particles … --reference N  grid vs particles
//   measureflow plot RUN_OR_CSV… [-o FILE.png] [--title T]               a figure of runs of one kind
//   measureflow sweep CASE [--set k=v…] [--seeds K] [-j N] [-o DIR]       a sweep over keys and seeds
//   measureflow reference [--update FILE | --check FILE]                 the case-file choices

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>

#include "app/convergence_study.hpp"
#include "app/plot.hpp"
#include "app/sweep_command.hpp"
#include "figures/run_figures.hpp"
#include "figures/sweep_figure.hpp"
#include "distributed/mpi_session.hpp"
#include "distributed/rank_sums.hpp"
#include "app/reference.hpp"
#include "app/run_modes.hpp"
#include "app/transport_setup.hpp"
#include "base/omp_wait_policy.hpp"
#include "io/atomic_file.hpp"
#include "io/input_error.hpp"
#include "io/toml_reader.hpp"
#include "io/vtu_mesh.hpp"
#include "mesh/mesh_quality.hpp"
#include "validation.hpp"
#include <map>
#include <memory>

namespace {

int run_command(const std::string& case_file, const mf::RunOptions& options, bool particles) {
  std::unique_ptr<mf::RunMode> mode;
  // Under mpirun every rank reads the case; an error on any stops all, and rank 0 reports it.
  mf::together([&] { mode = mf::make_run_mode(mf::TomlDocument(case_file), particles); });
  return mf::run(*mode, options, std::cout, std::cerr);
}

int mesh_command(const std::string& type, const std::map<std::string, int>& sizes, const std::string& output,
                 const std::string& check) {
  mf::SphereMesh mesh;
  if (!check.empty()) {
    if (!std::filesystem::is_regular_file(check))
      throw mf::MeshError(check + ": no such file (mesh --check takes a .vtu mesh file)");
    mesh = mf::read_mesh_vtu(check);
  } else {
    const mf::MeshFamily& family = mf::mesh_family(type);
    const int given = sizes.at(family.size_key);
    const int size = given >= 0 ? given : family.default_size;
    if (size < family.min_size || size > family.max_size)
      throw std::runtime_error("--" + family.size_key + " = " + std::to_string(size) + " is outside [" +
                               std::to_string(family.min_size) + ", " + std::to_string(family.max_size) + "] for " +
                               type + " meshes (" + family.size_doc + ")");
    family.check_fits_in_memory(size, "--" + family.size_key);
    mesh = family.generate(size);
  }
  mf::print_mesh_quality(std::cout, mesh, mf::mesh_quality(mesh));
  if (!output.empty()) {
    mf::write_mesh_vtu(mesh, output);
    std::cout << "wrote " << output << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  mf::default_to_passive_omp_wait(argv);  // may execute the program again, once
  try {
    mf::start_mpi_if_launched(argc, argv);  // only under mpirun
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  CLI::App app{"measureflow " MEASUREFLOW_VERSION
               ": gradient flows of measures on meshed spheres (finite volumes, Boost.Odeint, VTK output)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", MEASUREFLOW_VERSION);

  std::string case_file;
  mf::RunOptions run_options;
  bool no_progress = false;
  auto* run = app.add_subcommand("run", "Run a case file; results go to a run directory (see README.md)");
  run->add_option("case", case_file, "Case file (.toml)")->required();
  run->add_option("-o,--output", run_options.output_directory, "Run directory (default: [output] directory, or runs/<case name>)");
  run->add_flag("--overwrite", run_options.overwrite, "Replace an earlier run in the run directory");
  run->add_flag("--no-progress", no_progress, "No progress line on stderr");
  bool particles = false;
  run->add_flag("--particles", particles,
                "Run the particle counterpart of a network case (its [particles] table; output runs/<name>-particles)");

  std::string mesh_type = "icosahedral", mesh_output, mesh_check;
  std::map<std::string, int> mesh_sizes;  // one option per size key of the registry; −1: the family's default
  auto* mesh = app.add_subcommand("mesh", "Write a mesh as .vtu and print its quality report, or check a user mesh");
  std::string family_list;
  for (const auto& f : mf::mesh_families()) family_list += (family_list.empty() ? "" : " | ") + f.name;
  mesh->add_option("type", mesh_type, family_list)->check(CLI::IsMember(mf::mesh_family_names()));
  for (const auto& f : mf::mesh_families()) {
    if (mesh_sizes.count(f.size_key)) continue;
    std::string doc;
    for (const auto& g : mf::mesh_families())
      if (g.size_key == f.size_key) doc += (doc.empty() ? "" : "; ") + g.name + ": " + g.size_doc;
    mesh_sizes[f.size_key] = -1;
    mesh->add_option("--" + f.size_key, mesh_sizes[f.size_key], doc);
  }
  mesh->add_option("-o,--output", mesh_output, "Write the mesh to this .vtu file");
  mesh->add_option("--check", mesh_check, "Validate a user mesh (.vtu) and print its quality report");

  mf::ValidationOptions validation;
  validation.case_directory = MEASUREFLOW_SOURCE_DIR "/validation";
  auto* validate = app.add_subcommand("validate", "Run the validation cases and write a report (markdown + CSV)");
  validate->add_flag("--quick", validation.quick, "Coarse levels only (seconds; what the test suite runs)");
  validate->add_option("--case", validation.only, "Run only the cases whose name starts with this (e.g. A3)");
  validate->add_option("--report", validation.report_directory, "Report directory")->capture_default_str();
  validate->add_option("--cases", validation.case_directory, "Folder of the validation cases")->capture_default_str();

  std::string compare_case, compare_output;
  std::vector<int> compare_grids, compare_particles;
  int compare_reference = 0, compare_coarse = 0, compare_seeds = 1;
  bool compare_no_random = false;
  auto* compare = app.add_subcommand("compare", "Grid and particle limits of a network case side by side, with rates");
  compare->add_option("case", compare_case, "Network case file (.toml)")->required();
  compare->add_option("--grids", compare_grids, "Grid sizes (circle: arcs; sphere: levels; torus: squares per side), e.g. 64 128 256")->required();
  compare->add_option("--particles", compare_particles, "Quasi-uniform particle sizes (same unit), e.g. 64 128 256")
      ->required();
  compare->add_option("--reference", compare_reference, "Size of the quasi-uniform particle reference")->required();
  compare->add_option("--coarse", compare_coarse, "Coarse mesh size for the cell-mass TV distance (default: smallest grid)");
  compare->add_flag("--no-random", compare_no_random, "Skip the random-particle runs");
  compare->add_option("--seeds", compare_seeds, "Random particles: runs with seeds 1..K; D is their RMS (default 1)")
      ->check(CLI::Range(1, 1000));
  compare->add_option("-o,--output", compare_output, "Output directory (default runs/<case name>-compare)");

  std::vector<std::string> plot_inputs;
  std::string plot_output = "plot.png", plot_title;
  auto* plot = app.add_subcommand("plot", "One figure (PNG and SVG, gnuplot) of runs of one kind, overlaid: network, "
                                          "plain network, transport, algorithm or compare runs");
  plot->add_option("runs", plot_inputs, "Run directories (or their diagnostics.csv, iterations.csv, compare.csv)")->required();
  plot->add_option("-o,--output", plot_output, "PNG file (the SVG and the gnuplot script go next to it)")->capture_default_str();
  plot->add_option("--title", plot_title, "Figure title (default: the PNG's name)");
  bool plot_profile = false, plot_paths = false, plot_animate = false, plot_frames = false;
  std::string plot_x, plot_y;
  plot->add_option("--x", plot_x, "A sweep: the swept key on the x axis");
  plot->add_option("--y", plot_y, "A sweep: the diagnostic (e.g. loss: its final value, mean ± SE over seeds)");
  plot->add_flag("--profile", plot_profile, "S¹ densities against the angle: a grid run, and its particle run overlaid");
  plot->add_flag("--paths", plot_paths, "The lifted particle paths of a particle or plain network run")
      ->excludes(plot->get_option("--profile"));
  plot->add_flag("--animate", plot_animate, "A GIF over the output times (S¹ densities, or the lifted particles)")
      ->excludes(plot->get_option("--profile"))
      ->excludes(plot->get_option("--paths"));
  plot->add_flag("--frames", plot_frames, "Plain network runs in the plane side by side at each output: neurons and "
                                          "predictor, as NAME_NNN.png and NAME.gif")
      ->excludes(plot->get_option("--profile"))
      ->excludes(plot->get_option("--paths"))
      ->excludes(plot->get_option("--animate"));

  std::string sweep_case;
  mf::SweepOptions sweep_options;
  auto* sweep = app.add_subcommand("sweep", "Run a case over swept keys and seeds ([sweep] table or --set), N members at "
                                            "a time; sweep.csv, summary.csv and a figure");
  sweep->add_option("case", sweep_case, "Case file (.toml) with a [sweep] table, or any case with --set")->required();
  sweep->add_option("--set", sweep_options.settings,
                    "key=v1,v2,… | key=linear:lo:hi:n | key=log:lo:hi:n (adds or replaces a swept key)");
  sweep->add_option("--seeds", sweep_options.seeds, "Seeds per parameter point (replaces [sweep] seeds)")
      ->check(CLI::Range(1, 10000));
  sweep->add_option("-j,--jobs", sweep_options.parallel, "Members at a time (default: the number of cores)")
      ->check(CLI::Range(1, 4096));
  sweep->add_option("-o,--output", sweep_options.directory, "Sweep directory (default runs/<case name>-sweep)");
  sweep->add_flag("--particles", sweep_options.particles, "Members run the particle counterpart of a network case");

  std::string reference_update, reference_check;
  auto* reference = app.add_subcommand("reference", "Print the reference tables of every case-file choice (markdown)");
  reference->add_option("--update", reference_update, "Rewrite this file's reference block (README.md)");
  reference->add_option("--check", reference_check, "Exit 1 if this file's reference block is not the current one");

  CLI11_PARSE(app, argc, argv);
  run_options.progress = !no_progress;
  // Ranks ≥ 1 of a run split across ranks print nothing: every error of theirs reaches rank 0
  // (mf::together) or is rank 0's own too (every rank reads the same case).
  if (*run && mf::mpi_size() > 1 && mf::mpi_rank() > 0) {
    static auto* muted = new std::ostringstream;  // never destroyed: the streams use it until exit
    std::cout.rdbuf(muted->rdbuf());
    std::cerr.rdbuf(muted->rdbuf());
  }

  try {
    if (mf::mpi_size() > 1 && !*sweep && !*run)
      throw std::runtime_error("under mpirun only `measureflow sweep` (members across ranks) and `measureflow run` "
                               "(a plain-network or particle run split across ranks) run; run other commands "
                               "without mpirun");
    if (*run) return run_command(case_file, run_options, particles);
    if (*mesh) return mesh_command(mesh_type, mesh_sizes, mesh_output, mesh_check);
    if (*reference) {
      if (!reference_update.empty()) {
        mf::update_reference(reference_update);
        std::cout << "updated the reference block of " << reference_update << "\n";
      } else if (!reference_check.empty()) {
        std::ifstream in(reference_check, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (text.find("<!-- reference:begin -->\n" + mf::reference_markdown() + "<!-- reference:end -->") ==
            std::string::npos) {
          std::cerr << reference_check << ": the reference block is not the program's; run `measureflow reference "
                    << "--update " << reference_check << "`\n";
          return 1;
        }
        std::cout << reference_check << ": the reference block is current\n";
      } else {
        std::cout << mf::reference_markdown();
      }
      return 0;
    }
    if (*validate) return mf::run_validation(validation, std::cout) == 0 ? 0 : 1;
    if (*sweep) return mf::run_sweep(sweep_case, sweep_options, std::cout, std::cerr);
    if (*plot && (!plot_x.empty() || !plot_y.empty() || mf::is_sweep_directory(plot_inputs.front()))) {
      if (plot_x.empty() || plot_y.empty() || plot_inputs.size() != 1)
        throw std::runtime_error("a sweep's figure takes one sweep directory, --x KEY and --y COLUMN (e.g. --y loss)");
      mf::draw_sweep_figure(plot_inputs.front(), plot_x, plot_y, plot_output,
                            plot_title.empty() ? std::filesystem::path(plot_inputs.front()).filename().string() : plot_title);
      std::cout << "wrote " << plot_output << " (redraw with "
                << std::filesystem::path(plot_output).replace_extension(".gp").string() << ")\n";
      return 0;
    }
    if (*plot) {
      mf::plot_runs(plot_inputs, plot_output, plot_title,
                    plot_profile   ? mf::PlotKind::profile
                    : plot_paths   ? mf::PlotKind::paths
                    : plot_animate ? mf::PlotKind::animate
                    : plot_frames  ? mf::PlotKind::frames
                                   : mf::PlotKind::curves,
                    std::cout);
      return 0;
    }
    if (*compare) {
      const mf::NetworkCase c = mf::read_network_case(mf::TomlDocument(compare_case));
      mf::StudyOptions o;
      o.grid_sizes = compare_grids;
      o.particle_sizes = compare_particles;
      o.reference_size = compare_reference;
      o.coarse_size = compare_coarse;
      o.random_particles = !compare_no_random;
      o.random_seeds = compare_seeds;
      const mf::StudyResult r = mf::run_convergence_study(c, o, std::cerr);
      const std::string dir = compare_output.empty() ? "runs/" + c.name + "-compare" : compare_output;
      mf::write_study(r, dir);
      std::cout << mf::study_summary(r) << "written: " << dir << "/compare.csv, " << dir << "/compare.md\n";
      try {
        mf::draw_run_figure(mf::find_run_curves(dir), std::filesystem::path(dir) / "compare.png", c.name + ": grid versus particles");
        std::cout << "figure: " << dir << "/compare.png (redraw: " << dir << "/compare.gp)\n";
      } catch (const std::runtime_error& e) {
        std::cerr << "note: the figure was not drawn: " << e.what() << "\n";
      }
      return 0;
    }
  } catch (const mf::CaseError& e) {
    std::cerr << "error in case file: " << e.what() << "\n";
    return 2;
  } catch (const mf::MeshError& e) {
    std::cerr << "invalid mesh: " << e.what() << "\n";
    return 2;
  } catch (const mf::InputError& e) {
    std::cerr << "error in input file: " << e.what() << "\n";
    return 2;
  } catch (const mf::WriteError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const mf::OtherRankFailed& e) {  // rank ≥ 1: rank 0 reports; the same exit code
    return e.user_error() ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
