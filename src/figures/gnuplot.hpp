#pragma once
// Figures drawn with gnuplot (scripts/install-deps.sh installs gnuplot-nox): every figure is a
// script NAME.gp beside NAME.png and NAME.svg, its data paths relative to its own folder, so
// `cd FOLDER && gnuplot NAME.gp` redraws both (restyle by editing the script). measureflow runs
// the script into temporary names and renames them only when gnuplot succeeded: a failed
// figure leaves no PNG or SVG behind, and the error says why.

#include <filesystem>
#include <string>

namespace mf {

/// Whether `gnuplot` can be run.
bool gnuplot_available();

/// A gnuplot string literal: single quotes, with ' doubled.
std::string gnuplot_quoted(const std::string& s);

/// The colour of the k-th run of a figure (k = 0, 1, …): a fixed palette, distinct in colour
/// and in grey, cycled after 8 — the same run order gives the same colours in every figure.
std::string series_colour(int k);

struct Figure {
  std::filesystem::path png;  ///< NAME.png; NAME.svg and NAME.gp go beside it (animation: NAME.gif)
  int width = 1200, height = 800;
  std::string body;           ///< gnuplot commands drawing one picture (multiplot allowed)
  bool animation = false;     ///< NAME.gif only: every `plot` of the body is a frame (gif animate)
  /// > 0: a series — the body draws frame k (gnuplot's k = 0 … frames − 1), written as
  /// NAME_000.png … (one PNG per frame, no SVG) and all frames as the animation NAME.gif.
  int frames = 0;
};

/// `data` as the figure's script names it: relative to the folder of `png`.
std::string figure_data_path(const std::filesystem::path& data, const std::filesystem::path& png);

/// Writes NAME.gp and runs it; NAME.png and NAME.svg (or NAME.gif, or the series) appear only if gnuplot succeeds. Throws
/// std::runtime_error when gnuplot is missing (saying how to install it) or fails (with the
/// script's name and gnuplot's own message). The folder of `png` is created if needed.
void draw_figure(const Figure& figure);

}  // namespace mf
