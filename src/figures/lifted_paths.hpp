#pragma once
// The lifted particle picture of Chizat & Bach (2018, Fig. 1–2): each neuron's path in the
// plane of its lifted point |a_j| b_j = m c_j θ_j (particles/lifted_points.hpp) over the output
// times, from the start (grey dots) to the end (dots in the sign's colour: μ⁺ vermillion, μ⁻ blue),
// with the teacher's neurons as dashed rays along their directions. For d = 2 the plane is the
// inputs' plane; for d = 3 (a sphere mesh, or d = 2 with a bias input) its first two coordinates.
// Read from a run directory: particles/particles_*.csv (conic particles) or weights/network_*.csv
// (plain networks), diagnostics.csv for the times and teacher.csv when present.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mf {

/// One output's lifted points: the first two coordinates of |a_j| b_j (radius tanh-compressed
/// on request) and the sign of each neuron or particle.
struct LiftedFrame {
  std::vector<double> x, y, sign;
};

/// Every output's lifted points of `run`, in output order; throws naming a file that is missing,
/// unreadable, of another dimension or of another particle count.
std::vector<LiftedFrame> lifted_frames(const std::filesystem::path& run, bool tanh = false);

/// 1.08 × the largest |coordinate| over the frames (1 when all are 0): a square view holding them all.
double lifted_extent(const std::vector<LiftedFrame>& frames);

/// The frames as gnuplot data sets (`index k` is frame k; each with the header x,y,sign).
void write_lifted_blocks(const std::vector<LiftedFrame>& frames, const std::filesystem::path& data);

/// Whether `run` holds what the picture needs (particle or network frames of dimension ≤ 3).
bool has_lifted_paths(const std::filesystem::path& run);

/// Writes png's data file <stem>.csv (particle, time, x, y, sign; a blank line between
/// particles) and draws png (+ .svg, .gp). `tanh`: radii compressed to tanh(r). Throws
/// std::runtime_error naming what is missing or unreadable, or when gnuplot fails.
void draw_lifted_paths(const std::filesystem::path& run, const std::filesystem::path& png, const std::string& title,
                       bool tanh = false);

/// Several runs' lifted paths side by side (one panel each, titled by the pair's label, its data
/// in <stem>_<k>.csv), e.g. a lazy and a non-lazy run.
void draw_lifted_paths_side_by_side(const std::vector<std::pair<std::string, std::filesystem::path>>& runs,
                                    const std::filesystem::path& png, const std::string& title, bool tanh = false);

/// The lifted points at every output time as an animated GIF (gif: NAME.gif, with NAME.csv —
/// one block per time: x, y, sign — and NAME.gp beside it), the axes fixed over the series.
void draw_lifted_animation(const std::filesystem::path& run, const std::filesystem::path& gif, const std::string& title,
                           bool tanh = false);

}  // namespace mf
