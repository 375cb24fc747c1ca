#pragma once
// The diagnostics of a network's neuron measure, one definition for the grid and the
// particles: diagnostics.csv's columns (README.md, "CSV files"), its rows and the summary lines.

#include <Eigen/Core>
#include <iosfwd>
#include <string>
#include <vector>

namespace mf {

/// What a figure of the run shows, per output time.
struct NetworkDiagnostics {
  double loss = 0;            ///< J(μ)
  double penalized_loss = 0;  ///< J + λ_TV |μ|_TV + λ_K ∫∫ κ d|μ| d|μ|
  double mass_plus = 0, mass_minus = 0;  ///< μ⁺(S), μ⁻(S)
  double tv_norm = 0;         ///< mass_plus + mass_minus: the TV norm the penalty λ_TV charges
  // From the cell masses M^±_i on the case's mesh (set_cell_masses): the grid's state, or the
  // particles' masses binned into the cells holding their directions — one definition for both.
  double net_tv_norm = 0;     ///< Σ_i |M⁺_i − M⁻_i|: the TV norm of μ⁺ − μ⁻ at the mesh's resolution
  int support_cells = 0;      ///< fewest cells holding 99 % of Σ_i (M⁺_i + M⁻_i)
  double max_abs_potential = 0;
  double teacher_distance = 0;  ///< D(μ, μ*) (NaN without a teacher)
};

/// The fewest atoms (cells or particles) holding the fraction `fraction` of the total of
/// non-negative masses: the support size of a measure.
int support_size(const Eigen::VectorXd& abs_mass, double fraction = 0.99);

/// Sets mass_plus, mass_minus, tv_norm, net_tv_norm and support_cells from the cell masses of
/// μ⁺ and μ⁻ (≥ 0, one per cell of the case's mesh).
void set_cell_masses(const Eigen::VectorXd& plus, const Eigen::VectorXd& minus, NetworkDiagnostics& d);

/// time, step, loss, penalized_loss, mass_plus, mass_minus, tv_norm, net_tv_norm,
/// support_cells, max_abs_potential, teacher_distance.
const std::vector<std::string>& network_diagnostic_columns();
std::vector<double> network_diagnostic_row(double t, long step, const NetworkDiagnostics& d);
/// Throws RunError when J or the penalized J is NaN or infinite (before its row is written).
void check_diagnostics(const NetworkDiagnostics& d, double t, long step);
/// loss_initial, loss_final, penalized_loss_final, mass_plus_final, mass_minus_final,
/// support_cells_final, teacher_distance_final.
void write_network_summary(std::ostream& summary, const NetworkDiagnostics& first, const NetworkDiagnostics& last);
/// A number as %.10g.
std::string number_text(double v);

}  // namespace mf
