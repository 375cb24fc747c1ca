#include "app/plot.hpp"

#include <filesystem>
#include <ostream>
#include <stdexcept>

#include "figures/circle_paths.hpp"
#include "figures/circle_profile.hpp"
#include "figures/lifted_paths.hpp"
#include "figures/neuron_paths.hpp"
#include "figures/predictor.hpp"
#include "figures/regime_frames.hpp"
#include "figures/torus_density.hpp"
#include "figures/torus_paths.hpp"
#include "figures/run_figures.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

// Draws one figure into the run directory (its files recorded first); returns its path or
// "not drawn: why".
template <class Draw>
std::string own_figure(RunDirectory& dir, const std::string& stem, const std::vector<std::string>& data, Draw draw,
                       std::ostream& out) {
  for (const char* ext : {".gp", ".svg"}) dir.add(dir.path() / (stem + ext));
  for (const std::string& file : data) dir.add(dir.path() / file);
  const fs::path png = dir.file(stem + ".png");
  try {
    draw(png);
    out << "  figure: " << png.string() << "\n";
    return png.string();
  } catch (const std::runtime_error& e) {
    out << "  note: the figure " << png.filename().string() << " was not drawn: " << e.what() << "\n";
    return std::string("not drawn: ") + e.what();
  }
}

}  // namespace

std::string draw_own_figure(RunDirectory& dir, const std::string& name, std::ostream& out, bool tanh_paths) {
  std::string note = own_figure(dir, name, {}, [&](const fs::path& png) {
    draw_run_figure(find_run_curves(dir.path().string()), png, name);
  }, out);
  if (has_circle_profile(dir.path()))
    note += ", " + own_figure(dir, "density_profile", {"density_profile.csv"}, [&](const fs::path& png) {
      draw_circle_profile(dir.path(), "", png, name + ": densities against the angle");
    }, out);
  if (has_lifted_paths(dir.path()))
    note += ", " + own_figure(dir, "lifted_paths", {"lifted_paths.csv"}, [&](const fs::path& png) {
      draw_lifted_paths(dir.path(), png, name, tanh_paths);
    }, out);
  if (has_circle_paths(dir.path()))
    note += ", " + own_figure(dir, "circle_paths", {"circle_paths.csv"}, [&](const fs::path& png) {
      draw_circle_paths(dir.path(), png, name);
    }, out);
  if (has_torus_density(dir.path()))
    note += ", " + own_figure(dir, "torus_density", {"torus_density.csv"}, [&](const fs::path& png) {
      draw_torus_density(dir.path(), png, name);
    }, out);
  if (has_torus_paths(dir.path()))
    note += ", " + own_figure(dir, "torus_paths", {"torus_paths.csv"}, [&](const fs::path& png) {
      draw_torus_paths(dir.path(), png, name);
    }, out);
  if (has_neuron_paths(dir.path()))
    note += ", " + own_figure(dir, "neuron_paths", {"neuron_paths.csv"}, [&](const fs::path& png) {
      draw_neuron_paths(dir.path(), png, name);
    }, out);
  if (has_predictor(dir.path()))
    note += ", " + own_figure(dir, "predictor", {}, [&](const fs::path& png) { draw_predictor(dir.path(), png, name); },
                              out);
  return note;
}

void plot_runs(const std::vector<std::string>& inputs, const std::string& png, const std::string& title,
               PlotKind kind, std::ostream& out) {
  const std::string heading = title.empty() ? fs::path(png).stem().string() : title;
  const std::string also = " and " + fs::path(png).replace_extension(".svg").string() + " (redraw with " +
                           fs::path(png).replace_extension(".gp").string() + ")\n";
  if (kind == PlotKind::profile) {
    if (inputs.size() > 2)
      throw std::runtime_error("--profile draws one grid run on S¹ and optionally its particle run; got " +
                               std::to_string(inputs.size()) + " runs");
    if (!has_circle_profile(inputs.front()))
      throw std::runtime_error(inputs.front() + ": not a grid run on S¹ (--profile needs its .vtu frames of arcs)");
    draw_circle_profile(inputs.front(), inputs.size() == 2 ? inputs[1] : "", png, heading);
    out << "wrote " << png << also;
    return;
  }
  if (kind == PlotKind::animate) {
    const fs::path gif = fs::path(png).replace_extension(".gif");
    if (has_circle_profile(inputs.front())) {
      if (inputs.size() > 2) throw std::runtime_error("--animate takes a grid run on S¹ and optionally its particle run");
      draw_circle_animation(inputs.front(), inputs.size() == 2 ? inputs[1] : "", gif, heading);
    } else if (has_lifted_paths(inputs.front())) {
      if (inputs.size() != 1) throw std::runtime_error("--animate takes one particle or plain network run");
      draw_lifted_animation(inputs.front(), gif, heading);
    } else {
      throw std::runtime_error(inputs.front() + ": --animate needs a grid run on S¹ or a particle or plain network run "
                                                "with frames in d ≤ 3");
    }
    out << "wrote " << gif.string() << " (redraw with " << fs::path(gif).replace_extension(".gp").string() << ")\n";
    return;
  }
  if (kind == PlotKind::frames) {
    std::vector<FramedRun> runs;
    for (const std::string& input : inputs) {
      fs::path dir = fs::absolute(input).lexically_normal();
      if (dir.filename().empty()) dir = dir.parent_path();  // "runs/x/"
      runs.push_back({dir.filename().string(), input});
    }
    const int n = draw_regime_frames(runs, png, heading);
    const fs::path p(png);
    out << "wrote " << n << " frames " << (p.parent_path() / (p.stem().string() + "_000.png")).string() << " … and "
        << fs::path(png).replace_extension(".gif").string() << " (redraw with "
        << fs::path(png).replace_extension(".gp").string() << ")\n";
    return;
  }
  if (kind == PlotKind::paths) {
    if (inputs.size() != 1) throw std::runtime_error("--paths draws one particle or plain network run");
    draw_lifted_paths(inputs.front(), png, heading);
    out << "wrote " << png << also;
    return;
  }
  std::vector<RunCurves> runs;
  for (const std::string& input : inputs)
    for (RunCurves& r : find_run_curves(input)) runs.push_back(std::move(r));
  draw_run_figure(runs, png, heading);
  out << "wrote " << png << " and " << fs::path(png).replace_extension(".svg").string() << " ("
      << to_string(runs.front().kind) << ", " << runs.size() << (runs.size() == 1 ? " run" : " runs") << "; redraw with "
      << fs::path(png).replace_extension(".gp").string() << ")\n";
}

}  // namespace mf
