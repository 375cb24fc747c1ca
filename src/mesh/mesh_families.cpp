#include "mesh/mesh_families.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "mesh/mesh_generators.hpp"

namespace mf {

double MeshFamily::spacing(int size) const {
  const double n = static_cast<double>(cells(size));
  if (manifold == Manifold::torus) return 2.0 * std::numbers::pi / std::sqrt(n);
  return manifold == Manifold::circle ? 2.0 * std::numbers::pi / n : std::sqrt(4.0 * std::numbers::pi / n);
}

double available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key, unit;
  double kb = 0.0;
  while (meminfo >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024.0;
  return static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
}

void MeshFamily::check_fits_in_memory(int size, const std::string& key) const {
  const double need = bytes_per_cell * static_cast<double>(cells(size)), have = available_memory_bytes();
  if (need <= have) return;
  char text[256];
  std::snprintf(text, sizeof text,
                "%s = %d gives %lld cells, which need about %.1f GiB; this machine has %.1f GiB available", key.c_str(),
                size, cells(size), need / 1073741824.0, have / 1073741824.0);
  throw std::runtime_error(text);
}

const std::vector<MeshFamily>& mesh_families() {
  static const std::vector<MeshFamily> families = {
      {"circle", "n", 3, 1 << 24, 32, "arcs", Manifold::circle, circle_mesh, [](int n) { return static_cast<long long>(n); },
       "S¹ cut into n equal arcs (d = 2)", 2000.0},
      {"icosahedral", "level", 0, 9, 4, "refinement level", Manifold::sphere, icosahedral_mesh,
       [](int level) { return 20LL << (2 * level); }, "icosahedral triangles: 20·4^level cells", 4000.0},
      {"hexagonal", "level", 0, 9, 4, "refinement level", Manifold::sphere, hexagonal_mesh,
       [](int level) { return (10LL << (2 * level)) + 2; },
       "the hexagonal–pentagonal dual of the icosahedral mesh: 10·4^level + 2 cells", 4000.0},
      {"cubed_sphere", "n", 1, 1024, 32, "cells per cube edge", Manifold::sphere, cubed_sphere_mesh,
       [](int n) { return 6LL * n * n; }, "equiangular cubed sphere: 6n² cells", 4000.0},
      {"torus", "n", 3, 4096, 32, "cells per side", Manifold::torus, torus_mesh, [](int n) { return 1LL * n * n; },
       "the flat torus T² = [0, 2π)² in n × n squares (deconvolution on T²: d = 4)", 4000.0},
  };
  return families;
}

std::vector<std::string> mesh_family_names() {
  std::vector<std::string> names;
  for (const MeshFamily& f : mesh_families()) names.push_back(f.name);
  return names;
}

const MeshFamily& mesh_family(std::string_view name) {
  for (const MeshFamily& f : mesh_families())
    if (f.name == name) return f;
  std::string valid;
  for (const MeshFamily& f : mesh_families()) valid += (valid.empty() ? "\"" : ", \"") + f.name + "\"";
  throw std::invalid_argument("unknown mesh type '" + std::string(name.substr(0, 200)) + "'; valid: " + valid);
}

}  // namespace mf
