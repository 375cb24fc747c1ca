#pragma once
// From a TransportCase to the objects a run needs: mesh, flow, initial masses, and the exact
// solution where the case has one.

#include <functional>
#include <memory>

#include "app/transport_case.hpp"
#include "flows/initial_fields.hpp"
#include "flows/prescribed_flow.hpp"

namespace mf {

/// Builds the mesh of a spec; throws MeshError (a user file: naming the first bad cell).
SphereMesh make_mesh(const MeshSpec& spec);

struct TransportProblem {
  std::shared_ptr<const SphereMesh> mesh;  ///< on the heap: the flow refers to it
  std::unique_ptr<PrescribedFlow> flow;
  DensityField initial;
  /// ρ(x, t) where exact_at(t) is true (e.g. rotations at any t; deformational flows at
  /// multiples of their period); empty when the case has no exact solution.
  std::function<double(const Vec3&, double)> exact;
  std::function<bool(double)> exact_at;
};

/// The unit vector at (lon, lat) in degrees (lat ignored on S¹).
Vec3 point_from_degrees(double lon_deg, double lat_deg);

TransportProblem make_problem(const TransportCase& c);

}  // namespace mf
