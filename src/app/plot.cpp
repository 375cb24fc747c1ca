#include "app/plot.hpp"

#include <filesystem>
#include <ostream>
#include <stdexcept>

#include "figures/run_figures.hpp"

namespace mf {

namespace fs = std::filesystem;

std::string draw_own_figure(RunDirectory& dir, const std::string& name, std::ostream& out) {
  for (const char* ext : {".gp", ".svg"}) dir.add(dir.path() / (name + ext));
  const fs::path png = dir.file(name + ".png");
  try {
    draw_run_figure(find_run_curves(dir.path().string()), png, name);
    out << "  figure: " << png.string() << "\n";
    return png.string();
  } catch (const std::runtime_error& e) {
    out << "  note: the figure was not drawn: " << e.what() << "\n";
    return std::string("not drawn: ") + e.what();
  }
}

void plot_runs(const std::vector<std::string>& inputs, const std::string& png, const std::string& title,
               std::ostream& out) {
  std::vector<RunCurves> runs;
  for (const std::string& input : inputs)
    for (RunCurves& r : find_run_curves(input)) runs.push_back(std::move(r));
  draw_run_figure(runs, png, title.empty() ? fs::path(png).stem().string() : title);
  out << "wrote " << png << " and " << fs::path(png).replace_extension(".svg").string() << " ("
      << to_string(runs.front().kind) << ", " << runs.size() << (runs.size() == 1 ? " run" : " runs") << "; redraw with "
      << fs::path(png).replace_extension(".gp").string() << ")\n";
}

}  // namespace mf
