// The view script's text (figures/paraview_view): the VIEW dict holds the spec's values, the
// rest of the template is kept, invalid specs are refused. That the script runs and renders
// is tested by the view_script_renders ctest (tests/view/).
#include "figures/paraview_view.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace {

mf::ViewSpec grid_circle() {
  mf::ViewSpec spec;
  spec.kind = "grid";
  spec.dimension = 2;
  spec.series = "wfr_run.pvd";
  spec.signed_array = "density";
  spec.channels = {"density_plus", "density_minus"};
  spec.teacher = "teacher.vtp";
  return spec;
}

mf::ViewSpec particles_sphere() {
  mf::ViewSpec spec;
  spec.kind = "particles";
  spec.dimension = 3;
  spec.series = "run-particles.pvd";
  spec.signed_array = "signed_mass";
  spec.lifted = "run-particles_lifted.pvd";
  spec.trajectories = "trajectories.vtp";
  return spec;
}

/// The lines of the VIEW dict that measureflow writes (between the markers).
std::string run_block(const std::string& script) {
  const std::string begin = "    # BEGIN RUN\n";
  const auto from = script.find(begin);
  const auto to = script.find("    # END RUN\n");
  if (from == std::string::npos || to == std::string::npos || to < from) return "";
  return script.substr(from + begin.size(), to - from - begin.size());
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string invalid_argument_message(const mf::ViewSpec& spec) {
  try {
    (void)mf::view_script(spec);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no exception)";
}

TEST(ParaviewView, TheViewDictHoldsAGridSpec) {
  const auto spec = grid_circle();

  const auto block = run_block(mf::view_script(spec));

  EXPECT_EQ(block,
            "    \"kind\": \"grid\",\n"
            "    \"dimension\": 2,\n"
            "    \"series\": \"wfr_run.pvd\",\n"
            "    \"signed_array\": \"density\",\n"
            "    \"channels\": [\"density_plus\", \"density_minus\"],\n"
            "    \"teacher\": \"teacher.vtp\",\n"
            "    \"lifted\": \"\",\n"
            "    \"trajectories\": \"\",\n");
}

TEST(ParaviewView, TheViewDictHoldsAParticleSpec) {
  const auto spec = particles_sphere();

  const auto block = run_block(mf::view_script(spec));

  EXPECT_TRUE(has(block, "    \"kind\": \"particles\",\n")) << block;
  EXPECT_TRUE(has(block, "    \"dimension\": 3,\n")) << block;
  EXPECT_TRUE(has(block, "    \"signed_array\": \"signed_mass\",\n")) << block;
  EXPECT_TRUE(has(block, "    \"channels\": [],\n")) << block;
  EXPECT_TRUE(has(block, "    \"teacher\": \"\",\n")) << block;
  EXPECT_TRUE(has(block, "    \"lifted\": \"run-particles_lifted.pvd\",\n")) << block;
  EXPECT_TRUE(has(block, "    \"trajectories\": \"trajectories.vtp\",\n")) << block;
}

TEST(ParaviewView, KeepsTheRestOfTheTemplate) {
  const auto script = mf::view_script(grid_circle());

  EXPECT_EQ(script.rfind("#!/usr/bin/env python3\n", 0), 0u);
  EXPECT_TRUE(has(script, "VIEW = {\n"));
  EXPECT_TRUE(has(script, "\"tube_radius\": 0.02,"));  // the look follows the run's lines
  EXPECT_TRUE(has(script, "def series_ranges(view, directory):"));
  EXPECT_TRUE(has(script, "def render_png("));
  EXPECT_TRUE(has(script, "def paraview_view("));
  EXPECT_FALSE(has(script, "teacher_circle.pvd"));  // the template's example values are gone
  EXPECT_EQ(script.find("# BEGIN RUN"), script.rfind("# BEGIN RUN"));
  EXPECT_EQ(script.substr(script.size() - 1), "\n");
}

TEST(ParaviewView, QuotesNamesAsPythonStrings) {
  auto spec = grid_circle();
  spec.series = "odd \"name\"\\x.pvd";
  spec.teacher = "tab\there.vtp";

  const auto block = run_block(mf::view_script(spec));

  EXPECT_TRUE(has(block, "    \"series\": \"odd \\\"name\\\"\\\\x.pvd\",\n")) << block;
  EXPECT_TRUE(has(block, "    \"teacher\": \"tab\\x09here.vtp\",\n")) << block;
}

TEST(ParaviewView, NamesTheScriptAfterTheSeries) {
  auto spec = grid_circle();
  EXPECT_EQ(mf::view_script_name(spec), "wfr_run_view.py");
  spec.series = "sub/teacher_circle.pvd";
  EXPECT_EQ(mf::view_script_name(spec), "teacher_circle_view.py");
}

TEST(ParaviewView, RefusesInvalidSpecs) {
  auto unknown_kind = grid_circle();
  unknown_kind.kind = "mesh";
  auto circle_or_sphere = grid_circle();
  circle_or_sphere.dimension = 4;
  auto no_series = grid_circle();
  no_series.series = "";
  auto not_a_collection = grid_circle();
  not_a_collection.series = "frame_000001.vtu";
  auto no_signed_array = grid_circle();
  no_signed_array.signed_array = "";
  auto particle_channels = particles_sphere();
  particle_channels.channels = {"density_plus"};
  auto grid_lifted = grid_circle();
  grid_lifted.lifted = "x_lifted.pvd";

  EXPECT_TRUE(has(invalid_argument_message(unknown_kind), "kind 'mesh'"));
  EXPECT_TRUE(has(invalid_argument_message(circle_or_sphere), "dimension 4"));
  EXPECT_TRUE(has(invalid_argument_message(no_series), "series is empty"));
  EXPECT_TRUE(has(invalid_argument_message(not_a_collection), "not a <name>.pvd"));
  EXPECT_TRUE(has(invalid_argument_message(no_signed_array), "signed_array is empty"));
  EXPECT_TRUE(has(invalid_argument_message(particle_channels), "channels are for grid runs"));
  EXPECT_TRUE(has(invalid_argument_message(grid_lifted), "for particle runs"));
  circle_or_sphere.dimension = 1;
  EXPECT_THROW((void)mf::view_script(circle_or_sphere), std::invalid_argument);
  EXPECT_THROW((void)mf::view_script_name(no_series), std::invalid_argument);
}

}  // namespace
