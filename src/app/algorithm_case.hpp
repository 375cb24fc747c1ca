#pragma once
// The case file of a run of algorithms on measures (a case with an [algorithm] table): one or
// several of the methods of algorithms/measure_algorithm.hpp on the same objective, each for
// the same number of iterations. README.md, "Algorithm case files", is the reference;
// examples/prox_tv_comparison.toml is one to copy.

#include <string>
#include <vector>

#include "algorithms/measure_algorithm.hpp"
#include "app/case_common.hpp"
#include "app/data_spec.hpp"

namespace mf {

enum class AtomSigns { alternating, random, positive };
const NameTable<AtomSigns>& name_table(AtomSigns);

/// [init]: the atoms the fixed-support and conic methods start from (the sampling methods
/// start from μ = 0).
struct AtomsInit {
  int atoms = 0;                 ///< m, directions uniform on the sphere
  double mass = 1.0;             ///< total mass |μ|_TV, shared equally
  AtomSigns signs = AtomSigns::alternating;
  unsigned long seed = 1;
  std::string file;              ///< instead: a particle CSV theta1..thetad,mass,sign
};

struct AlgorithmCase {
  std::string file, name;
  int dimension = 3;
  Loss loss = Loss::square;
  DataSpec data;  ///< [data] and [teacher]
  std::vector<MeasureMethod> methods;
  long iterations = 1000;
  double smoothness = 0.0;  ///< L; 0: the objective's own (Objective::smoothness)
  MeasureAlgorithmOptions options;  ///< method, smoothness and seed are set per run
  AtomsInit init;
  // [output]
  std::string directory;
  bool vtk = true;
  int frames = 10;  ///< .vtp frames per method, evenly spaced in iterations (0 and the end included)
  int every = 1;    ///< a CSV row every `every` iterations (and the last)
  bool plot = true; ///< PNG plots with gnuplot at the end
};

AlgorithmCase read_algorithm_case(const TomlDocument& doc);

/// Whether a method of the case starts from [init]'s atoms.
bool needs_initial_atoms(const AlgorithmCase& c);
/// The initial atoms of the fixed-support and conic methods (a file of another dimension:
/// std::runtime_error naming the file).
Measure initial_atoms(const AtomsInit& init, const Domain& domain);

}  // namespace mf
