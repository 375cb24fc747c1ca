#pragma once
// From a NetworkCase to what a run needs: mesh, objective (with its data), flow, initial masses.

#include <memory>

#include "app/network_case.hpp"
#include "flows/network_flow.hpp"
#include "objective/objective.hpp"

namespace mf {

struct NetworkProblem {
  std::shared_ptr<const SphereMesh> mesh;
  std::unique_ptr<Objective> objective;
  std::unique_ptr<NetworkGridFlow> flow;
  Eigen::VectorXd initial_masses;  ///< [M⁺; M⁻] (W, FR, WFR) or M⁺ − M⁻ (L2)
  const DataSet* data = nullptr;   ///< the data set, when the objective has one
};

/// Throws CaseError (file:line: key) for inconsistent content found only now (e.g. a data file
/// of the wrong dimension), MeshError for a bad mesh, std::runtime_error for unreadable files.
NetworkProblem make_network_problem(const NetworkCase& c);

/// Reads per-cell initial densities: header `cell,density_plus,density_minus`, one row per cell
/// in cell order. Negative densities, wrong cell numbers or counts are errors naming the line.
Eigen::VectorXd read_initial_densities(const std::string& path, const SphereMesh& mesh);

}  // namespace mf
