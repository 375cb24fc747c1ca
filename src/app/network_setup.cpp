#include "app/network_setup.hpp"

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "app/transport_setup.hpp"
#include "flows/initial_fields.hpp"
#include "io/toml_reader.hpp"

namespace mf {

namespace {

Eigen::VectorXd sign_masses(const SphereMesh& mesh, const SignInitial& s) {
  if (s.type == "zero") return Eigen::VectorXd::Zero(mesh.n_cells());
  const DensityField rho = s.type == "uniform" ? DensityField([](const Vec3&) { return 1.0; })
                                               : von_mises(point_from_degrees(s.center_lon_deg, s.center_lat_deg),
                                                           s.kappa, 1.0, 0.0);
  Eigen::VectorXd m = sample_masses(mesh, rho);
  return m * (s.mass / m.sum());  // the chosen total mass
}

}  // namespace

Eigen::VectorXd read_initial_densities(const std::string& path, const SphereMesh& mesh) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the initial-density file");
  auto fail = [&](int line, const std::string& what) {
    throw std::runtime_error(path + ":" + std::to_string(line) + ": " + what);
  };
  std::string line;
  if (!std::getline(in, line) || (line != "cell,density_plus,density_minus" && line != "cell,density_plus,density_minus\r"))
    fail(1, "the header must be 'cell,density_plus,density_minus'");
  const int nc = mesh.n_cells();
  Eigen::VectorXd masses(2 * nc);
  int line_no = 1, count = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::stringstream s(line);
    std::string a, b, c, extra;
    if (!std::getline(s, a, ',') || !std::getline(s, b, ',') || !std::getline(s, c, ',') || std::getline(s, extra, ','))
      fail(line_no, "expected 3 columns: cell,density_plus,density_minus");
    char* end = nullptr;
    const long cell = std::strtol(a.c_str(), &end, 10);
    if (*end != '\0' || cell != count)
      fail(line_no, "cell is '" + a + "'; rows must list cells 0, 1, …, " + std::to_string(nc - 1) + " in order");
    if (count >= nc) fail(line_no, "more rows than the mesh's " + std::to_string(nc) + " cells");
    const std::string names[2] = {"density_plus", "density_minus"};
    const std::string* cells[2] = {&b, &c};
    for (int k = 0; k < 2; ++k) {
      const double v = std::strtod(cells[k]->c_str(), &end);
      if (cells[k]->empty() || *end != '\0' || !std::isfinite(v)) fail(line_no, names[k] + " '" + *cells[k] + "' is not a finite number");
      if (v < 0.0)
        fail(line_no, names[k] + " = " + *cells[k] + " is negative; μ⁺ and μ⁻ are non-negative measures (put a "
                      "negative weight into the other sign)");
      masses[k * nc + count] = v * mesh.area[count];
    }
    ++count;
  }
  if (count != nc)
    fail(line_no, "has " + std::to_string(count) + " cells; the mesh has " + std::to_string(nc));
  return masses;
}

NetworkProblem make_network_problem(const NetworkCase& c) {
  NetworkProblem p;
  p.mesh = std::make_shared<const SphereMesh>(make_mesh(c.mesh));
  const int d = c.dimension;

  const std::optional<Measure> teacher = make_teacher(c.data, d);
  if (c.data.type == "population") {
    p.objective = std::make_unique<PopulationObjective>(d, c.data.distribution, *teacher);
  } else {
    auto obj = std::make_unique<DataObjective>(make_data_set(c.data, c.loss, d, teacher), c.loss, teacher);
    p.data = &obj->data();
    p.objective = std::move(obj);
  }
  p.flow = std::make_unique<NetworkGridFlow>(*p.mesh, *p.objective, c.flow);

  Eigen::VectorXd two(2 * p.mesh->n_cells());
  if (!c.initial_file.empty()) two = read_initial_densities(c.initial_file, *p.mesh);
  else two << sign_masses(*p.mesh, c.plus), sign_masses(*p.mesh, c.minus);
  const int nc = p.mesh->n_cells();
  p.initial_masses = c.flow.geometry == FlowGeometry::l2 ? Eigen::VectorXd(two.head(nc) - two.tail(nc)) : two;
  return p;
}

}  // namespace mf
