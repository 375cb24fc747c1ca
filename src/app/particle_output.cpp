#include "app/particle_output.hpp"

#include <algorithm>

#include "figures/paraview_view.hpp"
#include "io/teacher_file.hpp"

namespace mf {

ParticleOutput::ParticleOutput(RunDirectory& dir, const std::string& name, LiftedScale scale, int dimension,
                               bool teacher)
    : ParticleOutput(dir, name, scale, dimension, teacher, Domain::sphere(std::max(2, dimension))) {}

ParticleOutput::ParticleOutput(RunDirectory& dir, const std::string& name, LiftedScale scale, int dimension,
                               bool teacher, const Domain& domain)
    : scale_(scale), domain_(domain), directions_(dir.path(), name, &dir), lifted_(dir.path(), name + "_lifted", &dir),
      paths_(dir.path() / "trajectories.vtp", &dir) {
  const ViewSpec view{"particles", dimension <= 2 || domain.is_torus() ? 2 : 3, name + ".pvd", "signed_mass", {},
                      teacher ? "teacher.vtp" : "", name + "_lifted.pvd", "trajectories.vtp"};
  dir.write_text(view_script_name(view), view_script(view));
}

void ParticleOutput::write_frame(double time, const Eigen::MatrixXd& positions, const Eigen::VectorXd& mass,
                                 const Eigen::VectorXd& sign, const std::vector<PointField>& fields) {
  directions_.write_frame(time, drawn_points(domain_, positions), mass, sign, fields);
  const Eigen::Matrix3Xd lifted = lifted_points(domain_, positions, mass, scale_);
  lifted_.write_frame(time, lifted, mass, sign, fields);
  paths_.add_frame(time, lifted, sign);
}

void write_teacher(RunDirectory& dir, const Measure& teacher) {
  write_teacher(dir, teacher, Domain::sphere(teacher.dimension()));
}

void write_teacher(RunDirectory& dir, const Measure& teacher, const Domain& domain) {
  write_teacher_csv(teacher.directions, teacher.weights, dir.file("teacher.csv").string());
  const Eigen::MatrixXd drawn = domain.is_torus() ? Eigen::MatrixXd(drawn_points(domain, teacher.directions)) : teacher.directions;
  write_teacher_vtp(drawn, teacher.weights, (dir.path() / "teacher.vtp").string(), &dir);
}

}  // namespace mf
