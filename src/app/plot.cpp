#include "app/plot.hpp"

#include <filesystem>
#include <ostream>
#include <stdexcept>

#include "figures/lifted_paths.hpp"
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

std::string draw_own_figure(RunDirectory& dir, const std::string& name, std::ostream& out) {
  std::string note = own_figure(dir, name, {}, [&](const fs::path& png) {
    draw_run_figure(find_run_curves(dir.path().string()), png, name);
  }, out);
  if (has_lifted_paths(dir.path()))
    note += ", " + own_figure(dir, "lifted_paths", {"lifted_paths.csv"}, [&](const fs::path& png) {
      draw_lifted_paths(dir.path(), png, name);
    }, out);
  return note;
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
