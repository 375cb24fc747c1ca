#include "particles/particle_file.hpp"

#include <cstdio>

#include "io/input_error.hpp"
#include "io/number_table.hpp"

namespace mf {

namespace {

// A value for a message: %.10g shows what a user typed (0.5, not std::to_string's 0.500000).
std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::vector<std::string> particle_columns(int d) {
  std::vector<std::string> columns = numbered_columns("theta", d);
  columns.push_back("mass");
  columns.push_back("sign");
  return columns;
}

}  // namespace

ConicParticles read_particles_csv(const std::string& path, int d) { return read_particles_csv(path, Domain::sphere(d)); }

ConicParticles read_particles_csv(const std::string& path, const Domain& domain) {
  const int d = domain.dimension();
  std::vector<int> lines;
  const Eigen::MatrixXd rows =
      read_number_table(path, particle_columns(d), "theta1..theta" + std::to_string(d) + ", mass, sign: d = " +
                                                       std::to_string(d) + " direction coordinates", &lines);
  const int m = static_cast<int>(rows.rows());
  ConicParticles p;
  p.theta.resize(d, m);
  p.mass = rows.col(d);
  p.sign = rows.col(d + 1);
  for (int j = 0; j < m; ++j) {
    const std::string where = path + ":" + std::to_string(lines[static_cast<std::size_t>(j)]) + ": particle " +
                              std::to_string(j + 1);
    Eigen::VectorXd theta = rows.row(j).head(d).transpose();
    try {
      domain.retract(theta);
    } catch (const std::invalid_argument&) {
      throw InputError(where + (domain.is_torus() ? ": a (cos, sin) pair of theta1..theta" + std::to_string(d) +
                                                        " is zero: it gives no angle on " + domain.name()
                                                  : ": the direction is zero; theta1..theta" + std::to_string(d) +
                                                        " must not all be 0"));
    }
    if (p.mass[j] < 0.0) throw InputError(where + ": mass " + number(p.mass[j]) + " is negative; valid: mass >= 0");
    if (p.sign[j] != 1.0 && p.sign[j] != -1.0)
      throw InputError(where + ": sign " + number(p.sign[j]) + " is not 1 or -1");
    p.theta.col(j) = theta;
  }
  return p;
}

void write_particles_csv(const ConicParticles& p, const std::string& path) {
  write_particles_csv(p, path, Domain::sphere(p.dimension()));
}

void write_particles_csv(const ConicParticles& p, const std::string& path, const Domain& domain) {
  Eigen::MatrixXd points = p.theta;
  domain.retract(points);
  Eigen::MatrixXd rows(p.size(), p.dimension() + 2);
  rows << points.transpose(), p.mass, p.sign;
  write_number_table(path, particle_columns(p.dimension()), rows);
}

}  // namespace mf
