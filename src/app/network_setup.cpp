#include "app/network_setup.hpp"

#include <sstream>
#include <stdexcept>
#include <vector>

#include "app/transport_setup.hpp"
#include "flows/initial_fields.hpp"
#include "io/input_error.hpp"
#include "io/number_table.hpp"
#include "io/toml_reader.hpp"

namespace mf {

namespace {

Eigen::VectorXd sign_masses(const SphereMesh& mesh, const SignInitial& s) {
  if (s.type == SignDensity::zero) return Eigen::VectorXd::Zero(mesh.n_cells());
  const DensityField rho = s.type == SignDensity::uniform ? DensityField([](const Vec3&) { return 1.0; })
                                               : von_mises(point_from_degrees(s.center_lon_deg, s.center_lat_deg),
                                                           s.kappa, 1.0, 0.0);
  Eigen::VectorXd m = sample_masses(mesh, rho);
  return m * (s.mass / m.sum());  // the chosen total mass
}

}  // namespace

Eigen::VectorXd read_initial_densities(const std::string& path, const SphereMesh& mesh) {
  const int nc = mesh.n_cells();
  std::vector<int> lines;
  const Eigen::MatrixXd rows = read_number_table(path, {"cell", "density_plus", "density_minus"},
                                                 "one row per cell, cells 0.." + std::to_string(nc - 1) + " in order",
                                                 &lines);
  auto fail = [&](int row, const std::string& what) {
    throw InputError(path + ":" + std::to_string(lines[static_cast<std::size_t>(row)]) + ": " + what);
  };
  auto text = [](double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  };
  Eigen::VectorXd masses(2 * nc);
  const int count = static_cast<int>(rows.rows());
  for (int i = 0; i < count; ++i) {
    if (i >= nc) fail(i, "more rows than the mesh's " + std::to_string(nc) + " cells");
    if (rows(i, 0) != i)
      fail(i, "cell is '" + text(rows(i, 0)) + "'; rows must list cells 0, 1, …, " + std::to_string(nc - 1) + " in order");
    const std::string names[2] = {"density_plus", "density_minus"};
    for (int k = 0; k < 2; ++k) {
      const double v = rows(i, k + 1);
      if (v < 0.0)
        fail(i, names[k] + " = " + text(v) + " is negative; μ⁺ and μ⁻ are non-negative measures (put a negative weight "
                "into the other sign)");
      masses[k * nc + i] = v * mesh.area[i];
    }
  }
  if (count != nc)
    fail(count - 1, "has " + std::to_string(count) + " cells; the mesh has " + std::to_string(nc));
  return masses;
}

NetworkProblem make_network_problem(const NetworkCase& c) {
  NetworkProblem p;
  p.mesh = std::make_shared<const SphereMesh>(make_mesh(c.mesh));
  const int d = c.dimension;

  p.objective = make_objective(c.data, c.loss, d);
  if (const DataObjective* data = p.objective->as_data_set()) p.data = &data->data();
  p.flow = std::make_unique<NetworkGridFlow>(*p.mesh, *p.objective, c.flow, c.potential);

  Eigen::VectorXd two(2 * p.mesh->n_cells());
  if (!c.initial_file.empty()) two = read_initial_densities(c.initial_file, *p.mesh);
  else two << sign_masses(*p.mesh, c.plus), sign_masses(*p.mesh, c.minus);
  const int nc = p.mesh->n_cells();
  p.initial_masses = c.flow.geometry == FlowGeometry::l2 ? Eigen::VectorXd(two.head(nc) - two.tail(nc)) : two;
  return p;
}

}  // namespace mf
