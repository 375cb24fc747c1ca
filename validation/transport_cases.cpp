#include "transport_cases.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

#include "app/transport_case.hpp"
#include "report.hpp"
#include "solve.hpp"
#include "table_figure.hpp"

namespace mf {

namespace {

TransportCase load(const std::string& case_dir, const std::string& name) {
  return read_transport_case(case_dir + "/" + name + "/case.toml");
}

TransportCase with_mesh(TransportCase c, const std::string& type, int size) {
  c.mesh = MeshSpec::generated(type, size);
  return c;
}

TransportCase with_scheme(TransportCase c, Reconstruction r) {
  c.solver.scheme = r;
  return c;
}

std::string mesh_label(const std::string& type, int k) {
  const std::string& key = mesh_family(type).size_key;
  return (key == "level" ? "level " : "N = ") + std::to_string(k);
}

// A convergence study over mesh sizes for one configuration.
// `figure`: the report-relative stem of its error figure (e.g. "A2/upwind").
std::vector<SolveResult> study(Report& report, const TransportCase& base, const std::string& type,
                               const std::vector<int>& sizes, const std::string& figure) {
  std::vector<std::string> labels;
  std::vector<TransportCase> cases;
  for (int k : sizes) {
    labels.push_back(mesh_label(type, k));
    cases.push_back(with_mesh(base, type, k));
  }
  return convergence_study(report, labels, cases, figure);
}

// A file name from words: letters and digits, the rest '_'.
std::string stem_of(const std::string& words) {
  std::string s;
  for (char ch : words) s += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return s;
}

void check_conservation(Report& report, const std::string& name, const std::vector<SolveResult>& rs) {
  double worst = 0.0;
  for (const auto& r : rs) worst = std::max(worst, std::abs(r.errors.mass_error));
  report.check(name, "max |mass error|", worst, "<=", 1e-12);
}

void check_positivity(Report& report, const std::string& name, const std::vector<SolveResult>& rs) {
  double lowest = INFINITY;
  for (const auto& r : rs) lowest = std::min(lowest, r.min_density_run);
  report.check(name, "min density over every step", lowest, ">=", 0.0);
}

}  // namespace

void validate_a1_pure_reaction(Report& report, const std::string& dir, bool /*quick*/) {
  const TransportCase base = load(dir, "A1_pure_reaction");
  report.section("A1 pure reaction", "∂_t ρ = g ρ, g = 0.5 + z, T = 2 on icosahedral level 3: exact ρ0 e^{g t}.");
  const SolveResult exact = solve_transport(base);
  report.table({{"reaction", "l1", "l2", "linf"},
                {"exact per cell (strang)", format_number(exact.errors.l1), format_number(exact.errors.l2),
                 format_number(exact.errors.linf)}});
  report.check("A1", "exact-step linf error", exact.errors.linf, "<=", 1e-12);

  for (StepperKind k : {StepperKind::ssprk3, StepperKind::rk4}) {
    std::vector<std::string> labels;
    std::vector<TransportCase> cases;
    std::vector<double> dts = {0.2, 0.1, 0.05, 0.025};
    for (double dt : dts) {
      TransportCase c = base;
      c.solver.reaction = ReactionMode::rhs;
      c.solver.stepper = k;
      c.solver.dt = dt;
      cases.push_back(c);
      labels.push_back(to_string(k) + " dt = " + format_number(dt));
    }
    report.note("Reaction in the right-hand side, " + to_string(k) + " (the 'order' columns are in dt):");
    // Orders in dt: reuse the table with spacing replaced by dt.
    std::vector<SolveResult> rs;
    std::vector<std::vector<std::string>> rows = {{"dt", "linf", "order"}};
    for (std::size_t i = 0; i < cases.size(); ++i) {
      rs.push_back(solve_transport(cases[i]));
      rows.push_back({format_number(dts[i]), format_number(rs[i].errors.linf),
                      i ? format_number(observed_order(rs[i - 1].errors.linf, rs[i].errors.linf, dts[i - 1], dts[i])) : "—"});
    }
    report.table(rows);
    table_figure(report, rows, {"A1/" + to_string(k) + "_dt", "A1, " + to_string(k) + ": linf error against dt (log-log)",
                                "dt", {"linf"}, true, true});
    const double order = observed_order(rs[2].errors.linf, rs[3].errors.linf, dts[2], dts[3]);
    report.check("A1", to_string(k) + " order in dt (finest pair)", order, ">=", stepper_order(k) - 0.2);
  }
}

void validate_a2_circle_rotation(Report& report, const std::string& dir, bool quick) {
  const TransportCase base = load(dir, "A2_circle_rotation");
  report.section("A2 rigid rotation on S¹", "One revolution at unit speed, smooth von Mises profile (κ = 2), SSPRK3, CFL 0.5.");
  const std::vector<int> sizes = quick ? std::vector<int>{64, 128, 256, 512} : std::vector<int>{64, 128, 256, 512, 1024, 2048};
  report.note("Upwind:");
  const auto up = study(report, with_scheme(base, Reconstruction::upwind), "circle", sizes, "A2/upwind");
  report.note("Limited second order:");
  const auto lim = study(report, with_scheme(base, Reconstruction::limited), "circle", sizes, "A2/limited");
  const std::size_t n = sizes.size();
  const double up_order = observed_order(up[n - 2].errors.l1, up[n - 1].errors.l1, up[n - 2].spacing, up[n - 1].spacing);
  const double lim_order = observed_order(lim[n - 2].errors.l1, lim[n - 1].errors.l1, lim[n - 2].spacing, lim[n - 1].spacing);
  report.check("A2", "upwind l1 order (finest pair)", up_order, ">=", 0.9);
  report.check("A2", "upwind l1 order (finest pair), not above", up_order, "<=", 1.1);
  report.check("A2", "limited l1 order (finest pair)", lim_order, ">=", 1.8);
  check_conservation(report, "A2 upwind", up);
  check_conservation(report, "A2 limited", lim);
  check_positivity(report, "A2 upwind", up);
}

void validate_a3_cosine_bell(Report& report, const std::string& dir, bool quick) {
  const TransportCase base = load(dir, "A3_cosine_bell");
  report.section("A3 cosine bell (Williamson test 1)",
                 "One revolution (T = 1, u0 = 2π), SSPRK3, CFL 0.5. Bars at tilt 0 on icosahedral triangles.");
  const std::vector<int> levels = quick ? std::vector<int>{3, 4} : std::vector<int>{4, 5, 6};
  const std::vector<double> l2_limited = {0.28, 0.065, 0.017};  // levels 4, 5, 6
  const std::vector<double> l2_upwind = {0.89, 0.79, 0.65};
  const std::vector<double> tilts = quick ? std::vector<double>{0.0}
                                          : std::vector<double>{0.0, 45.0, 90.0 - 0.05 * 180.0 / std::numbers::pi};
  for (double tilt : tilts) {
    TransportCase c = base;
    c.flow.tilt_deg = tilt;
    const std::string t = "tilt " + format_number(tilt, 4) + "°";
    report.note("Icosahedral, limited, " + t + ":");
    const auto lim = study(report, with_scheme(c, Reconstruction::limited), "icosahedral", levels,
                           "A3/" + stem_of("icosahedral limited " + t));
    report.note("Icosahedral, upwind, " + t + ":");
    const auto up = study(report, with_scheme(c, Reconstruction::upwind), "icosahedral", levels,
                          "A3/" + stem_of("icosahedral upwind " + t));
    check_conservation(report, "A3 icosahedral " + t, lim);
    check_conservation(report, "A3 icosahedral upwind " + t, up);
    check_positivity(report, "A3 icosahedral upwind " + t, up);
    if (tilt != 0.0) continue;
    for (std::size_t k = 0; k < levels.size(); ++k) {
      if (levels[k] < 4) continue;
      const std::size_t bar = static_cast<std::size_t>(levels[k] - 4);
      report.check("A3", "limited l2 at level " + std::to_string(levels[k]), lim[k].errors.l2, "<=", l2_limited[bar]);
      report.check("A3", "upwind l2 at level " + std::to_string(levels[k]), up[k].errors.l2, "<=", l2_upwind[bar]);
    }
    if (!quick) report.check("A3", "limited l2 order, levels 5 → 6", observed_order(lim[1].errors.l2, lim[2].errors.l2, lim[1].spacing, lim[2].spacing), ">=", 1.8);
  }
  const std::vector<int> hex = quick ? std::vector<int>{3, 4} : std::vector<int>{4, 5, 6};
  const std::vector<int> cube = quick ? std::vector<int>{8, 16} : std::vector<int>{16, 32, 64};
  for (const auto& [type, sizes] : {std::pair{std::string("hexagonal"), hex}, std::pair{std::string("cubed_sphere"), cube}}) {
    report.note(type + ", limited, tilt 0°:");
    const auto lim = study(report, with_scheme(base, Reconstruction::limited), type, sizes, "A3/" + type + "_limited");
    report.note(type + ", upwind, tilt 0°:");
    const auto up = study(report, with_scheme(base, Reconstruction::upwind), type, sizes, "A3/" + type + "_upwind");
    check_conservation(report, "A3 " + type, lim);
    check_conservation(report, "A3 " + type + " upwind", up);
    check_positivity(report, "A3 " + type + " upwind", up);
    // docs/VALIDATION.md sets l2 bars on icosahedral triangles only. Here: the limited scheme
    // converges faster than first order (measured at N = 64 / level 6: still pre-asymptotic,
    // orders rising, 1.38 on the cubed sphere and 1.57 on the hexagonal mesh).
    if (!quick) report.check("A3", type + " limited l2 order (finest pair), faster than first order",
                             observed_order(lim[1].errors.l2, lim[2].errors.l2, lim[1].spacing, lim[2].spacing), ">=", 1.0);
  }
}

void validate_a4_nair_lauritzen(Report& report, const std::string& dir, bool quick) {
  const TransportCase base = load(dir, "A4_nair_lauritzen");
  report.section("A4 Nair–Lauritzen deformational flow",
                 "Gaussian hills, T = 5, limited scheme, SSPRK3, CFL 0.5, icosahedral triangles; exact at T = initial.");
  const std::vector<int> levels = quick ? std::vector<int>{3, 4} : std::vector<int>{3, 4, 5, 6};
  for (const NairLauritzenVariant v : {NairLauritzenVariant::nondivergent, NairLauritzenVariant::divergent}) {
    const std::string variant = to_string(v);
    TransportCase c = base;
    c.flow.variant = v;
    c.flow.amplitude = v == NairLauritzenVariant::divergent ? 1.0 : 2.0;
    report.note(variant + " (k = " + format_number(c.flow.amplitude) + "):");
    const auto rs = study(report, c, "icosahedral", levels, "A4/" + variant);
    check_conservation(report, "A4 " + variant, rs);
    if (quick) {
      // Levels 3–4 are pre-asymptotic (filaments a few cells wide; measured orders 0.74 and
      // 0.90, rising to 1.8 from level 5 to 6): the quick run checks that the error falls, the
      // full run checks the order.
      const std::size_t n = rs.size();
      report.check("A4 " + variant, "l2 order, levels 3 → 4 (error falls)",
                   observed_order(rs[n - 2].errors.l2, rs[n - 1].errors.l2, rs[n - 2].spacing, rs[n - 1].spacing), ">=", 0.5);
    } else {
      const std::vector<SolveResult> finest(rs.end() - 3, rs.end());
      report.check("A4 " + variant, "l2 order, fitted over the three finest levels", fitted_order(finest, &ErrorNorms::l2), ">=", 1.5);
    }
  }
}

void validate_a5_rotation_decay(Report& report, const std::string& dir, bool quick) {
  const TransportCase base = load(dir, "A5_rotation_decay");
  report.section("A5 rotation with decay", "Solid-body rotation about the pole, g = −1 + 0.5 z, T = 1, limited scheme.");
  const std::vector<int> levels = quick ? std::vector<int>{3, 4} : std::vector<int>{4, 5, 6};
  std::vector<std::vector<SolveResult>> by_mode;
  for (ReactionMode mode : {ReactionMode::strang, ReactionMode::rhs}) {
    TransportCase c = base;
    c.solver.reaction = mode;
    report.note("reaction " + to_string(mode) + ":");
    by_mode.push_back(study(report, c, "icosahedral", levels, "A5/" + to_string(mode)));
  }
  const std::size_t n = levels.size();
  for (std::size_t m = 0; m < 2; ++m) {
    const auto& rs = by_mode[m];
    const std::string name = std::string("A5 ") + (m == 0 ? "strang" : "rhs");
    report.check(name, "l2 order (finest pair)",
                 observed_order(rs[n - 2].errors.l2, rs[n - 1].errors.l2, rs[n - 2].spacing, rs[n - 1].spacing), ">=",
                 quick ? 1.3 : 1.5);
  }
  // Uniform decay commutes with transport: the mass follows e^{kt} exactly, and with the
  // linear upwind operator Strang splitting adds nothing (the decay run's error equals the pure
  // transport run's to round-off). The limited operator is positively homogeneous only up to
  // rounding (its min/max branches can flip on last-bit differences), so its difference is
  // reported, not barred.
  auto uniform_decay = [&](Reconstruction scheme) {
    TransportCase decay = with_scheme(with_mesh(base, "icosahedral", levels.back()), scheme);
    decay.reaction.type = PrescribedReaction::constant;
    decay.reaction.rate = -1.0;
    TransportCase pure = decay;
    pure.reaction.type = PrescribedReaction::none;
    const SolveResult d = solve_transport(decay), p = solve_transport(pure);
    return std::pair{d, std::abs(d.errors.l2 - p.errors.l2) / p.errors.l2};
  };
  const auto [upwind_decay, upwind_difference] = uniform_decay(Reconstruction::upwind);
  const auto [limited_decay, limited_difference] = uniform_decay(Reconstruction::limited);
  report.check("A5 uniform decay", "relative mass error against e^{kt} M0 (limited)", std::abs(limited_decay.errors.mass_error), "<=", 1e-12);
  report.check("A5 uniform decay", "relative mass error against e^{kt} M0 (upwind)", std::abs(upwind_decay.errors.mass_error), "<=", 1e-12);
  report.check("A5 uniform decay", "upwind |l2(decay) − l2(pure transport)| / l2", upwind_difference, "<=", 1e-12);
  report.note("Limited scheme, |l2(decay) − l2(pure transport)| / l2 = " + format_number(limited_difference, 3) +
              " (round-off through the limiter's branches).");
}

}  // namespace mf
