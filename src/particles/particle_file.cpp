#include "particles/particle_file.hpp"

#include <stdexcept>

#include "io/number_table.hpp"

namespace mf {

namespace {

std::vector<std::string> particle_columns(int d) {
  std::vector<std::string> columns = numbered_columns("theta", d);
  columns.push_back("mass");
  columns.push_back("sign");
  return columns;
}

}  // namespace

ConicParticles read_particles_csv(const std::string& path, int d) {
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
    const std::string where =
        path + ": particle " + std::to_string(j + 1) + " (line " + std::to_string(lines[static_cast<std::size_t>(j)]) + ")";
    const Eigen::VectorXd theta = rows.row(j).head(d).transpose();
    if (theta.norm() == 0.0) throw std::runtime_error(where + ": the direction is zero");
    if (p.mass[j] < 0.0) throw std::runtime_error(where + ": mass " + std::to_string(p.mass[j]) + " is negative");
    if (p.sign[j] != 1.0 && p.sign[j] != -1.0)
      throw std::runtime_error(where + ": sign " + std::to_string(p.sign[j]) + " is not 1 or -1");
    p.theta.col(j) = theta.normalized();
  }
  return p;
}

void write_particles_csv(const ConicParticles& p, const std::string& path) {
  Eigen::MatrixXd rows(p.size(), p.dimension() + 2);
  rows << p.theta.colwise().normalized().transpose(), p.mass, p.sign;
  write_number_table(path, particle_columns(p.dimension()), rows);
}

}  // namespace mf
