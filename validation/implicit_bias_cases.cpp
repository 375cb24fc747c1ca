#include "implicit_bias_cases.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "figures/csv_columns.hpp"
#include "figures/regime_frames.hpp"
#include "figures/run_figures.hpp"
#include "figures/sweep_figure.hpp"
#include "plain_runs.hpp"
#include "report.hpp"

namespace mf {

namespace fs = std::filesystem;

namespace {

// The share of the total Σ_j |a_j| ‖b̃_j‖ held by the largest tenth of the neurons, at the
// run's last output: near 0.1 for spread-out neurons, near 1 when a few carry the network.
double top_tenth_share(const fs::path& run) {
  const CsvColumns w(weights_file(run, true).string());
  const std::vector<double> a = w.column("a");
  std::vector<double> mass(a.size(), 0.0);
  for (const std::string& name : w.names()) {
    if (name == "a") continue;
    const std::vector<double> b = w.column(name);
    for (std::size_t j = 0; j < a.size(); ++j) mass[j] += b[j] * b[j];
  }
  double total = 0.0;
  for (std::size_t j = 0; j < a.size(); ++j) total += mass[j] = std::abs(a[j]) * std::sqrt(mass[j]);
  std::sort(mass.begin(), mass.end(), std::greater<>());
  double top = 0.0;
  for (std::size_t j = 0; j < std::max<std::size_t>(1, a.size() / 10); ++j) top += mass[j];
  return total > 0.0 ? top / total : 0.0;
}

}  // namespace

void validate_i1_illustration(Report& report, const std::string& dir, bool) {
  report.section("I1 The two regimes of the exponential loss, side by side",
                 "validation/I1_implicit_bias_illustration/ (Chizat & Bach 2020, the illustration of their scripts "
                 "lchizat/2020-implicit-bias-wide-2NN): 4 × 4 clusters in the plane with random ±1 labels, n = 100, "
                 "m = 500, a bias input; output layer only (output_layer.toml, to t = 1000) and both layers "
                 "(both_layers.toml, to t = 300), 16 outputs at geometrically spaced iterations. Expected, as bars: "
                 "both regimes separate the training set (normalized margin > 0 at the end) and classify the 2000 "
                 "test points with at most 2 % error; training both layers makes the network sparser (the variation "
                 "norm's bias against the RKHS norm's): the share of Σ|a_j|‖b̃_j‖ held by the largest tenth of the "
                 "neurons exceeds the output-layer run's by at least 0.05.");
  const fs::path out = fs::path(report.directory()) / "I1";
  const std::string base = dir + "/I1_implicit_bias_illustration/";
  std::vector<std::vector<std::string>> rows = {
      {"regime", "t", "iterations", "margin", "best margin", "test error", "top-tenth share of Σ|a|‖b̃‖"}};
  std::vector<FramedRun> runs;
  std::vector<double> shares;
  for (const auto& [name, label] : {std::pair{"output_layer", "output layer only"}, std::pair{"both_layers", "both layers"}}) {
    const CsvColumns t = run_plain_case(base + name + ".toml", out / name);
    const double share = top_tenth_share(out / name);
    rows.push_back({label, format_number(last(t, "time"), 4), format_number(last(t, "step"), 6),
                    format_number(last(t, "margin"), 4), format_number(last(t, "best_margin"), 4),
                    format_number(last(t, "test_error"), 3), format_number(share, 3)});
    report.check("I1", std::string(label) + ": normalized margin at the end", last(t, "margin"), ">=", 1e-12);
    report.check("I1", std::string(label) + ": test error at the end", last(t, "test_error"), "<=", 0.02);
    shares.push_back(share);
    runs.push_back({label, out / name});
  }
  report.check("I1", "top-tenth share: both layers minus output layer", shares[1] - shares[0], ">=", 0.05);
  report.table(rows);
  report_figure(report, "I1/frames_016.png",
         "I1 at the last output: the neurons tanh(|a_j|‖b̃_j‖) b̃_j/‖b̃_j‖ in the plane and the predictor (f shaded, "
         "f = 0 black, the data), output layer only (top) and both layers (bottom); every output as "
         "I1/frames_000.png … and the animation I1/frames.gif",
         [&](const std::string& png) {
           const int n = draw_regime_frames(runs, fs::path(png).parent_path() / "frames.png",
                                            "I1: random features (output layer) and feature learning (both layers)");
           if (n != 17) throw std::runtime_error(std::to_string(n) + " frames, not 17 (t = 0 and 16 outputs)");
         });
}

void validate_i2_kernel_max_margin(Report& report, const std::string& dir, bool) {
  report.section("I2 The output layer alone converges to the kernel's max-margin classifier",
                 "validation/I2_kernel_max_margin/case.toml (Chizat & Bach 2020; their scripts' output-layer "
                 "training): 3 × 3 clusters, n = 100, m = 500 fixed random features, steps 1/√k on log J_m scaled "
                 "by max(1, ‖a‖/√m), to t = 1000. The limit: the hard-margin SVM of the run's features' kernel k_m "
                 "(LIBSVM, certified by its dual to 1e-6). Bars: the best normalized margin of the run's iterates "
                 "(the scripts' `maximum(margins)`) is within 2 % of the SVM's γ*, and the network's and the SVM's "
                 "classifiers agree on ≥ 99 % of 2000 test points at the end. The last iterate's margin is reported "
                 "too: once the soft-min is sharp, the 1/√k steps make it oscillate below the best iterate's (a "
                 "subgradient method on the hard margin; the figure shows both).");
  const fs::path out = fs::path(report.directory()) / "I2";
  const CsvColumns t = run_plain_case(dir + "/I2_kernel_max_margin/case.toml", out);
  const double gamma = last(t, "kernel_margin");
  report.table({{"γ* (SVM of k_m)", "best margin / γ*", "last margin / γ*", "smooth margin / γ*", "agreement", "test error",
                 "iterations"},
                {format_number(gamma, 6), format_number(last(t, "best_margin") / gamma, 5),
                 format_number(last(t, "margin") / gamma, 5), format_number(last(t, "smooth_margin") / gamma, 5),
                 format_number(last(t, "kernel_agreement"), 4), format_number(last(t, "test_error"), 3),
                 format_number(last(t, "step"), 6)}});
  report.check("I2", "best normalized margin / γ*", last(t, "best_margin") / gamma, ">=", 0.98);
  report.check("I2", "best normalized margin / γ* (a margin above the SVM's is impossible)",
               last(t, "best_margin") / gamma, "<=", 1.0 + 1e-6);
  report.check("I2", "test points where the network and the SVM agree", last(t, "kernel_agreement"), ">=", 0.99);
  {  // The margins over γ* once the training set is separated (the figure's data).
    std::ofstream csv(out / "margin_ratios.csv");
    csv << "time,margin_ratio,best_ratio,smooth_ratio,svm\n";
    const std::vector<double> time = t.column("time"), margin = t.column("margin"), best = t.column("best_margin"),
                              smooth = t.column("smooth_margin");
    for (std::size_t k = 0; k < time.size(); ++k)
      if (margin[k] > 0.0)
        csv << time[k] << "," << margin[k] / gamma << "," << best[k] / gamma << "," << smooth[k] / gamma << ",1\n";
  }
  report_figure(report, "I2/margins.png",
         "I2: the normalized margin of the last and of the best iterate, and the smooth margin, over γ* (from the "
         "first output where the training set is separated)",
         [&](const std::string& png) {
           draw_column_figure(out / "margin_ratios.csv", png, "I2: output-layer training towards the kernel max margin",
                              "time", {{"margin_ratio", "normalized margin / γ*"}, {"best_ratio", "best so far / γ*"},
                                       {"smooth_ratio", "smooth margin / γ*"}, {"svm", "the SVM of k_m"}},
                              false, true, true);
         });
}

void validate_i3_test_error_against_n(Report& report, const std::string& dir, bool quick) {
  report.section("I3 Test error against the number of training points",
                 "validation/I3_test_error_against_n/ (Chizat & Bach 2020, the test-error figure of their scripts' "
                 "experiment_2NN): 3 × 3 clusters in 2 of d = 15 input coordinates (12 uninformative, and the "
                 "constant), m = 1000, 4000 test points, 5·10⁴ iterations of steps 1/√k on log J_m, n ∈ {32, 64, 128, "
                 "256, 512}, 5 seeds (data and initialization), both regimes: two sweeps of 25 runs. Expected, as in "
                 "the published figure: training both layers generalizes better as n grows, the uninformative "
                 "coordinates hurting the kernel regime more — bar: at n ≥ 256 the mean test error of both layers is "
                 "below the output layer's by more than two standard errors of the difference.");
  if (quick) {
    report.note("(I3 runs in the full report only: its 50 runs of 5·10⁴ iterations at m = 1000 take about half an hour "
                "on 2 cores.)");
    return;
  }
  const fs::path out = fs::path(report.directory()) / "I3";
  const std::string base = dir + "/I3_test_error_against_n/";
  const auto start = std::chrono::steady_clock::now();
  sweep_into(base + "both_layers.toml", out / "both_layers", {}, 0);
  sweep_into(base + "output_layer.toml", out / "output_layer", {}, 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto errors = [&](const std::string& name) {
    std::map<int, std::vector<double>> by;
    for (const auto& [n, members] : by_key(out / name, "data.samples", {"final_test_error"}))
      for (const auto& v : members) by[n].push_back(v[0]);
    return by;
  };
  const auto both = errors("both_layers"), output = errors("output_layer");
  std::vector<std::vector<std::string>> rows = {
      {"n", "both layers: test error (mean ± SE)", "output layer: test error (mean ± SE)", "difference / its SE"}};
  std::ofstream csv(out / "test_error.csv");  // the figure's data: both regimes against n
  csv << "n,both_layers,both_layers_low,both_layers_high,output_layer,output_layer_low,output_layer_high\n";
  for (const auto& [n, e] : both) {
    const MeanSe b = mean_se(e), o = mean_se(output.at(n));
    csv << n << "," << b.mean << "," << b.mean - b.se << "," << b.mean + b.se << "," << o.mean << "," << o.mean - o.se
        << "," << o.mean + o.se << "\n";
    const double z = (o.mean - b.mean) / std::max(std::hypot(b.se, o.se), 1e-300);
    rows.push_back({std::to_string(n), format_number(b.mean, 3) + " ± " + format_number(b.se, 2),
                    format_number(o.mean, 3) + " ± " + format_number(o.se, 2), format_number(z, 3)});
    if (n >= 256)
      report.check("I3", "n = " + std::to_string(n) + ": (output-layer − both-layer mean test error) / SE of the difference",
                   z, ">=", 2.0);
  }
  csv.close();
  report.table(rows);
  report.note("The two sweeps (50 runs, 2 at a time) took " + format_number(seconds, 4) +
              " s (members already complete in the report directory from an earlier run are not run again).");
  report_figure(report, "I3/test_error.png",
                "I3: the test error against n, both layers and the output layer only (mean over 5 seeds, ± SE dashed)",
                [&](const std::string& png) {
                  draw_column_figure(out / "test_error.csv", png, "I3: test error against n (d = 15, m = 1000)", "n",
                                     {{"both_layers", "both layers"}, {"both_layers_low", "− SE"},
                                      {"both_layers_high", "+ SE"}, {"output_layer", "output layer only"},
                                      {"output_layer_low", "− SE"}, {"output_layer_high", "+ SE"}},
                                     true, true, true);
                });
}

void validate_i4_margin_against_width(Report& report, const std::string& dir, bool quick) {
  // Quick: fewer widths; the bars are the same.
  const std::vector<std::string> widths = quick ? std::vector<std::string>{"network.width=8,64,256"}
                                                : std::vector<std::string>{};
  report.section("I4 Margins against the width m",
                 "validation/I4_margin_against_width/ (Chizat & Bach 2020: the margins their scripts report against "
                 "m, the best along the path): 3 × 3 clusters, n = 100, a sweep over m ∈ {8, 16, …, 1024}" +
                     std::string(quick ? " (quick: 8, 64, 256)" : "") +
                     " with 3 seeds (data, initialization). Both layers: the normalized margin (β = (1/m) Σ a² + ‖b̃‖²) "
                     "is expected to increase with m and level off — bars: for every seed it is no smaller at the "
                     "largest m than at the smallest, and its mean changes by at most 5 % between the two largest m. Output layer only: its margin approaches the max margin γ*_∞ of the infinite-width "
                     "random-features kernel (closed form) — bars: the mean of best margin / γ*_∞ is closer to 1 at the "
                     "largest m than at the smallest, and within 10 % of 1 at m = 1024.");
  const fs::path out = fs::path(report.directory()) / "I4";
  const std::string base = dir + "/I4_margin_against_width/";
  sweep_into(base + "both_layers.toml", out / "both_layers", widths, 0);
  sweep_into(base + "output_layer.toml", out / "output_layer", widths, 0);
  const auto both = by_key(out / "both_layers", "network.width", {"final_best_margin"});
  const auto output = by_key(out / "output_layer", "network.width", {"final_best_margin", "final_kernel_margin"});
  std::vector<std::vector<std::string>> rows = {
      {"m", "both layers: best margin (mean ± SE)", "output layer: best margin / γ*_∞ (mean ± SE)", "γ*_∞ (mean)"}};
  std::vector<MeanSe> both_stats, ratio_stats;
  for (const auto& [m, members] : both) {
    std::vector<double> b, ratio, gamma;
    for (const auto& v : members) b.push_back(v[0]);
    for (const auto& v : output.at(m)) ratio.push_back(v[0] / v[1]), gamma.push_back(v[1]);
    both_stats.push_back(mean_se(b));
    ratio_stats.push_back(mean_se(ratio));
    rows.push_back({std::to_string(m), format_number(both_stats.back().mean, 4) + " ± " + format_number(both_stats.back().se, 2),
                    format_number(ratio_stats.back().mean, 4) + " ± " + format_number(ratio_stats.back().se, 2),
                    format_number(mean_se(gamma).mean, 4)});
  }
  report.table(rows);
  // Both layers, per seed (the same data and initialization law at every m): the best margin at
  // the largest m minus at the smallest.
  double least_increase = HUGE_VAL;
  const auto& first = both.begin()->second;
  const auto& final_point = both.rbegin()->second;
  for (std::size_t s = 0; s < std::min(first.size(), final_point.size()); ++s)
    least_increase = std::min(least_increase, final_point[s][0] - first[s][0]);
  const MeanSe &large = both_stats.back(), &before = both_stats[both_stats.size() - 2];
  report.check("I4", "both layers: least over seeds of (best margin at the largest m − at the smallest)", least_increase,
               ">=", 0.0);
  report.check("I4", "both layers: |relative change of the mean between the two largest m|",
               std::abs(large.mean - before.mean) / std::abs(large.mean), "<=", 0.05);
  report.check("I4", "output layer: |1 − ratio| at the largest m minus at the smallest",
               std::abs(1.0 - ratio_stats.back().mean) - std::abs(1.0 - ratio_stats.front().mean), "<=", 0.0);
  if (output.rbegin()->first >= 1024)
    report.check("I4", "output layer: |1 − best margin / γ*_∞| at m = " + std::to_string(output.rbegin()->first),
                 std::abs(1.0 - ratio_stats.back().mean), "<=", 0.10);
  else
    report.note("(quick: the 10 % bar on best margin / γ*_∞ applies at m = 1024, which the full run has)");
  for (const auto& [name, label] : {std::pair{"both_layers", "both layers"}, std::pair{"output_layer", "output layer only"}})
    report_figure(report, std::string("I4/") + name + ".png",
           std::string("I4, ") + label + ": the best normalized margin against m (mean over seeds ± SE)",
           [&](const std::string& png) {
             draw_sweep_figure(out / name, "network.width", "best_margin", png, std::string("I4, ") + label);
           });
}

}  // namespace mf
