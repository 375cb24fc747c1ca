#pragma once
// Generators for the shipped mesh families. Each returns a validated SphereMesh.

#include "mesh/sphere_mesh.hpp"

namespace mf {

/// S¹ cut into n equal arcs, vertex k at angle 2πk/n (n ≥ 3).
SphereMesh circle_mesh(int n);

/// Icosahedral triangles: the icosahedron with every triangle split into four (edge
/// midpoints projected to the sphere) `level` times: 20·4^level cells, 10·4^level + 2
/// vertices. Children of one parent are stored consecutively (good memory locality).
SphereMesh icosahedral_mesh(int level);

/// The hexagonal–pentagonal dual of icosahedral_mesh(level): one cell per icosahedral vertex
/// (10·4^level + 2 cells; 12 pentagons, the rest hexagons), its vertices the circumcentres of
/// the surrounding triangles (the spherical Voronoi diagram of the icosahedral vertices).
SphereMesh hexagonal_mesh(int level);

/// The flat torus T² cut into n × n equal squares (build_torus_mesh, n ≥ 3): n² cells.
SphereMesh torus_mesh(int n);

/// Equiangular cubed sphere: each cube face split into n × n cells along equal angles
/// ξ, η ∈ [−π/4, π/4] (gnomonic projection): 6n² cells.
SphereMesh cubed_sphere_mesh(int n);

}  // namespace mf
