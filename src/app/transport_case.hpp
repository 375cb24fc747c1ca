#pragma once
// The case file of a transport–reaction run with prescribed winds (the finite-volume engine's
// test cases and anything built from the same pieces). The reference is README.md, "Case
// files"; examples/ and validation/ hold cases to copy.

#include <optional>
#include <string>
#include <vector>

#include "app/case_common.hpp"

namespace mf {

enum class InitialField { cosine_bell, gaussian_hills, von_mises, constant };
const NameTable<InitialField>& name_table(InitialField);
enum class PrescribedFlowKind { none, solid_body_rotation, nair_lauritzen };
const NameTable<PrescribedFlowKind>& name_table(PrescribedFlowKind);
enum class NairLauritzenVariant { nondivergent, divergent };
const NameTable<NairLauritzenVariant>& name_table(NairLauritzenVariant);
enum class PrescribedReaction { none, constant, linear };
const NameTable<PrescribedReaction>& name_table(PrescribedReaction);

struct InitialSpec {
  InitialField type = InitialField::cosine_bell;
  double center_lon_deg = 270.0, center_lat_deg = 0.0;
  double radius = 1.0 / 3.0, height = 1000.0, background = 0.0;  ///< cosine_bell (+ height, background for von_mises)
  double kappa = 10.0;                                           ///< von_mises
  double width = 5.0;                                            ///< gaussian_hills: exp(−width |x − x_i|²)
  std::vector<double> centers_lon_deg{150.0, 210.0}, centers_lat_deg{0.0, 0.0};  ///< gaussian_hills
  double value = 1.0;                                            ///< constant
};

struct FlowSpec {
  PrescribedFlowKind type = PrescribedFlowKind::none;
  double speed = 0.0;         ///< solid_body_rotation: equatorial speed u0 (angular speed on S¹)
  double tilt_deg = 0.0;      ///< solid_body_rotation: axis tilt α
  NairLauritzenVariant variant = NairLauritzenVariant::nondivergent;  ///< nair_lauritzen
  double period = 5.0;        ///< nair_lauritzen: T
  double amplitude = 2.0;     ///< nair_lauritzen: k
};

struct ReactionSpec {
  PrescribedReaction type = PrescribedReaction::none;
  double rate = 0.0;          ///< constant: g; linear: g0 in g = g0 + g1 (e·x)
  double slope = 0.0;         ///< linear: g1
  std::vector<double> direction{0.0, 0.0, 1.0};  ///< linear: e
};

struct TransportCase {
  std::string file;  ///< the case file it was read from
  std::string name;  ///< its stem
  MeshSpec mesh;
  GridSolverOptions solver;
  double end_time = 1.0;
  InitialSpec initial;
  FlowSpec flow;
  ReactionSpec reaction;
  OutputSpec output;
};

/// Reads and validates a case file completely; throws CaseError (file:line: key …).
TransportCase read_transport_case(const std::string& path);
TransportCase read_transport_case(const TomlDocument& doc);

}  // namespace mf
