#pragma once
// The two regimes side by side, frame by frame (Chizat & Bach 2020, their pictures of training
// the output layer only and both layers): for each output k, one row per run — the parameter
// space (the lifted neurons |a_j| b̃_j in the two input coordinates, radii tanh-compressed,
// coloured by the sign of a_j) and the predictor space (f shaded, its zero level set, the
// training points by class) — as NAME_000.png, NAME_001.png, … and all frames as NAME.gif.
// Read from plain network runs with inputs in the plane: weights/network_*.csv,
// predictor/predictor_*.csv, data.csv and diagnostics.csv (the time and iteration of each
// output). With geometrically spaced outputs (time.first_output) the frames are at
// geometrically spaced iterations.

#include <filesystem>
#include <string>
#include <vector>

namespace mf {

struct FramedRun {
  std::string label;            ///< the row's title, e.g. "output layer only"
  std::filesystem::path dir;    ///< its run directory
};

/// Draws the frames into the folder of `png` (NAME_NNN.png, NAME.gif, NAME.gp, NAME_<row>.csv);
/// returns the number of frames. Every run must have the same number of outputs. Throws
/// std::runtime_error naming the run and what it lacks, or when gnuplot fails (nothing left then).
int draw_regime_frames(const std::vector<FramedRun>& runs, const std::filesystem::path& png, const std::string& title);

}  // namespace mf
