// Sweep plans: the members of a [sweep] table and of --set settings — their order, their case
// texts (keys set, seeds shifted, relative files made absolute) — and the errors of bad sweeps.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "io/toml_edit.hpp"
#include "io/toml_reader.hpp"
#include "sweep/sweep_plan.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

const char* kCase = R"([data]
type = "file"
file = "data.csv"
seed = 4

[init]
seed = 2

[sweep]
seeds = 2

[sweep.keys]
"penalty.tv" = [0.0, 0.5]
"init.atoms" = { log = [10, 1000], points = 3 }
)";

TEST(SweepPlan, ExpandsTheKeysFirstSlowestThenTheSeeds) {
  const TempDir dir;
  const SweepPlan plan = make_sweep_plan(dir.write("s.toml", kCase), {}, 0);
  ASSERT_EQ(plan.members.size(), 2u * 3u * 2u);
  EXPECT_EQ(plan.members[0].name, "m0001");
  EXPECT_EQ(plan.members[0].values, (std::vector<std::string>{"0.0", "10"}));  // integer ends: integers
  EXPECT_EQ(plan.members[1].seed, 2);
  EXPECT_EQ(plan.members[2].values, (std::vector<std::string>{"0.0", "100"}));
  EXPECT_EQ(plan.members[6].values, (std::vector<std::string>{"0.5", "10"}));
  EXPECT_TRUE(plan.keys[1].log);
  EXPECT_FALSE(plan.keys[0].log);
}

TEST(SweepPlan, AMembersCaseSetsItsKeysShiftsEverySeedAndAnchorsFiles) {
  const TempDir dir;
  const std::string file = dir.write("s.toml", kCase);
  const SweepPlan plan = make_sweep_plan(file, {}, 0);
  const SweepMember& m = plan.members[5];  // tv 0.0, atoms 1000, seed 2
  const std::string member = dir.write("m.toml", m.case_text);
  const TomlDocument doc(member);
  EXPECT_FALSE(doc.root().has("sweep"));
  EXPECT_EQ(doc.root().section("penalty").number("tv", Range{0, 1}), 0.0);
  EXPECT_EQ(doc.root().section("init").integer("atoms", 1, 100000), 1000);
  EXPECT_EQ(doc.root().section("init").integer("seed", 0, 100000), 1002);
  EXPECT_EQ(doc.root().section("data").integer("seed", 0, 100000), 1004);
  EXPECT_EQ(doc.root().section("data").string("file"), (std::filesystem::path(file).parent_path() / "data.csv").string());
}

TEST(SweepPlan, CommandLineSettingsAddOrReplaceKeys) {
  const TempDir dir;
  const std::string file = dir.write("s.toml", kCase);
  const SweepPlan plan = make_sweep_plan(file, {"penalty.tv=0.1,0.2,0.3", "algorithm.loss=logistic"}, 1);
  ASSERT_EQ(plan.keys.size(), 3u);
  EXPECT_EQ(plan.keys[0].values, (std::vector<std::string>{"0.1", "0.2", "0.3"}));
  EXPECT_EQ(plan.keys[2].values, (std::vector<std::string>{"'logistic'"}));  // a bare word: a TOML string
  EXPECT_EQ(plan.members.size(), 3u * 3u);
  const SweptKey lin = parse_sweep_setting("flow.alpha=linear:0.0:1:5");
  EXPECT_EQ(lin.values, (std::vector<std::string>{"0.0", "0.25", "0.5", "0.75", "1.0"}));
  EXPECT_EQ(parse_sweep_setting("network.width=log:10:1000:3").values, (std::vector<std::string>{"10", "100", "1000"}));
  EXPECT_THROW(parse_sweep_setting("flow.alpha"), std::invalid_argument);
  EXPECT_THROW(parse_sweep_setting("flow.alpha=log:0:1:3"), std::invalid_argument);
  EXPECT_THROW(parse_sweep_setting("flow.alpha=1,,2"), std::invalid_argument);
}

TEST(SweepPlan, BadSweepTablesNameTheLineAndTheKey) {
  const TempDir dir;
  auto message = [&](const std::string& text) {
    try {
      make_sweep_plan(dir.write("b.toml", text), {}, 0);
      return std::string();
    } catch (const CaseError& e) {
      return std::string(e.what());
    }
  };
  EXPECT_NE(message("[sweep]\nseeds = 0\n").find("b.toml:2: key 'sweep.seeds': must be an integer"), std::string::npos);
  EXPECT_NE(message("[sweep]\ncolour = 1\n").find("unknown; [sweep] takes seeds"), std::string::npos);
  EXPECT_NE(message("[sweep.keys]\n\"a.b\" = { log = [0, 1], points = 3 }\n").find("b.toml:2: key 'sweep.keys.a.b': a log range needs lo > 0"),
            std::string::npos);
  EXPECT_NE(message("[sweep.keys]\n\"a.b\" = 3\n").find("give a list"), std::string::npos);
  EXPECT_NE(message("[sweep]\nseeds = 3\n").find("has none"), std::string::npos);
  EXPECT_NE(message("x = 1\n").find("nothing to sweep"), std::string::npos);
}


TEST(SweepPlan, DerivedKeysFollowTheSweptOnesInOrder) {
  // step = min(0.5, 0.1/τ²) and end = 10 steps, per member; an integer key stays an integer.
  const char* text = R"toml([network]
scale = 1.0
width = 10

[training]
step = 0.1

[time]
end = 1.0

[sweep.keys]
"network.scale" = [0.1, 4.0]

[sweep.derived]
"training.step" = "min(0.5, 0.1 / network.scale^2)"
"time.end" = "10 * training.step"
"network.width" = "rint(network.width * network.scale)"
)toml";
  const TempDir dir;
  const SweepPlan plan = make_sweep_plan(dir.write("d.toml", text), {}, 0);
  ASSERT_EQ(plan.members.size(), 2u);
  const double tau[] = {0.1, 4.0};
  for (int k = 0; k < 2; ++k) {
    const TomlDocument doc(dir.write("m" + std::to_string(k) + ".toml", plan.members[k].case_text));
    const double step = std::min(0.5, 0.1 / (tau[k] * tau[k]));
    EXPECT_EQ(doc.root().section("training").number("step", Range{0, 1}), step) << k;
    EXPECT_EQ(doc.root().section("time").number("end", Range{0, 100}), 10 * step) << k;
    EXPECT_EQ(doc.root().section("network").integer("width", 1, 1000), k == 0 ? 1 : 40) << k;
  }
  EXPECT_EQ(plan.members[0].values, (std::vector<std::string>{"0.1"}));  // the swept values only
  auto message = [&](const std::string& derived) {
    try {
      make_sweep_plan(dir.write("b.toml", std::string("[network]\nwidth = 10\n[sweep.keys]\n\"network.scale\" = [0.5]\n"
                                                      "[sweep.derived]\n") + derived + "\n"),
                      {}, 0);
      return std::string();
    } catch (const CaseError& e) {
      return std::string(e.what());
    }
  };
  const std::string unknown = message("\"training.step\" = \"0.1 / network.scal\"");
  EXPECT_NE(unknown.find("b.toml:6: key 'sweep.derived.training.step' = \"0.1 / network.scal\" (network.scale = 0.5)"),
            std::string::npos) << unknown;
  EXPECT_NE(unknown.find("network.scal"), std::string::npos) << unknown;
  const std::string whole = message("\"network.width\" = \"network.width * network.scale + 0.2\"");
  EXPECT_NE(whole.find("as an integer"), std::string::npos) << whole;
  EXPECT_NE(message("\"training.step\" = 3").find("give an expression as a string"), std::string::npos);
  EXPECT_NE(message("\"training.step\" = \"1 / (network.scale - 0.5)\"").find("not finite"), std::string::npos);
}

}  // namespace
}  // namespace mf
