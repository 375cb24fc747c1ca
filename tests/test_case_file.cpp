// Case files: every error names file, line and key and what is valid; nothing runs or is
// written before a case validates.

#include <gtest/gtest.h>

#include "app/transport_case.hpp"
#include "io/toml_reader.hpp"
#include "test_support.hpp"

namespace mf {
namespace {

const char* kValid = R"([mesh]
type = "icosahedral"
level = 2

[time]
end = 0.5
cfl = 0.5

[initial]
type = "cosine_bell"

[flow]
type = "solid_body_rotation"
speed = 1.0
)";

// Reads `text` as a case file; returns the error message ("" if it reads).
std::string error_of(const std::string& text) {
  const TempDir dir;
  const std::string file = dir.write("case.toml", text);
  try {
    read_transport_case(file);
    return "";
  } catch (const CaseError& e) {
    return e.what();
  }
}

TEST(CaseFile, AValidCaseReads) {
  const TempDir dir;
  const TransportCase c = read_transport_case(dir.write("good.toml", kValid));
  EXPECT_EQ(c.mesh.size, 2);
  EXPECT_EQ(c.mesh.family->name, "icosahedral");
  EXPECT_EQ(c.name, "good");
  EXPECT_EQ(c.output.times.front(), 0.0);
  EXPECT_EQ(c.output.times.back(), 0.5);
}

TEST(CaseFile, UnknownKeyNamesFileLineKeyAndTheValidKeys) {
  const std::string e = error_of(replace(kValid, "level = 2", "level = 2\nlevle = 3"));
  EXPECT_NE(e.find("case.toml:4: key 'mesh.levle' is unknown"), std::string::npos) << e;
  EXPECT_NE(e.find("level"), std::string::npos) << e;
}

TEST(CaseFile, MissingRequiredKeyPointsToAMisspeltOne) {
  const std::string e = error_of(replace(kValid, "level = 2", "levle = 2"));
  EXPECT_NE(e.find("key 'mesh.level': is required (an integer in [0, 9]) (line 3 has 'levle': misspelt?)"), std::string::npos) << e;
}

TEST(CaseFile, KeyThatDoesNotApplyToTheMeshTypeIsUnknown) {
  const std::string e = error_of(replace(kValid, "type = \"icosahedral\"", "type = \"circle\"\nn = 64"));
  EXPECT_NE(e.find("key 'mesh.level' is unknown"), std::string::npos) << e;
}

TEST(CaseFile, WrongTypeSaysWhatWasExpected) {
  const std::string e = error_of(replace(kValid, "level = 2", "level = \"two\""));
  EXPECT_NE(e.find("case.toml:3: key 'mesh.level': is a string; expected an integer in [0, 9]"), std::string::npos) << e;
}

TEST(CaseFile, OutOfRangeValueSaysTheValidRange) {
  const std::string e = error_of(replace(kValid, "end = 0.5", "end = -1"));
  EXPECT_NE(e.find("case.toml:6: key 'time.end': value -1 is out of range; valid: (0, inf)"), std::string::npos) << e;
}

TEST(CaseFile, CflAboveTheSchemesPositivityLimitIsRejected) {
  const std::string e = error_of(replace(kValid, "cfl = 0.5", "cfl = 0.9"));
  EXPECT_NE(e.find("key 'time.cfl': value 0.90000000000000002 is out of range; valid: (0, 0.5]"), std::string::npos) << e;
  EXPECT_EQ(error_of(replace(replace(kValid, "cfl = 0.5", "cfl = 0.9"), "[time]", "[scheme]\ntransport = \"upwind\"\n\n[time]")), "");
}

TEST(CaseFile, UnknownChoiceListsTheValidOnes) {
  const std::string e = error_of(replace(kValid, "type = \"cosine_bell\"", "type = \"gaussian\""));
  EXPECT_NE(e.find("key 'initial.type': unknown value \"gaussian\"; valid: \"cosine_bell\", \"gaussian_hills\""), std::string::npos) << e;
}

TEST(CaseFile, MissingRequiredTableSaysSo) {
  const std::string e = error_of(replace(kValid, "[initial]\ntype = \"cosine_bell\"\n", ""));
  EXPECT_NE(e.find("the [initial] table is required"), std::string::npos) << e;
}

TEST(CaseFile, SyntaxErrorGivesLineAndColumn) {
  const std::string e = error_of(replace(kValid, "level = 2", "level = = 2"));
  EXPECT_NE(e.find("case.toml:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("TOML syntax error"), std::string::npos) << e;
}

TEST(CaseFile, MissingMeshFileIsNamed) {
  const std::string e = error_of(replace(kValid, "type = \"icosahedral\"\nlevel = 2", "type = \"file\"\nfile = \"nowhere.vtu\""));
  EXPECT_NE(e.find("key 'mesh.file': no such file"), std::string::npos) << e;
}

TEST(CaseFile, EitherCflOrDtNotBoth) {
  const std::string e = error_of(replace(kValid, "cfl = 0.5", "cfl = 0.5\ndt = 0.01"));
  EXPECT_NE(e.find("give either time.cfl or time.dt"), std::string::npos) << e;
}

TEST(CaseFile, OutputTimesMustIncrease) {
  const std::string e = error_of(replace(kValid, "cfl = 0.5", "cfl = 0.5\noutput_times = [0.2, 0.1]"));
  EXPECT_NE(e.find("key 'time.output_times': must increase strictly"), std::string::npos) << e;
}

TEST(CaseFile, MissingFileIsNamed) {
  try {
    read_transport_case("/nonexistent/case.toml");
    FAIL();
  } catch (const CaseError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/case.toml: no such case file"), std::string::npos);
  }
}

// A message quotes at most 200 characters of what a user wrote (cut with "…" and its length),
// and still names the file, the line and the key.
TEST(CaseFile, AHugeBadStringValueGivesAShortMessage) {
  const std::string value(10000, 'g');

  const std::string e = error_of(replace(kValid, "type = \"cosine_bell\"", "type = \"" + value + "\""));

  EXPECT_LT(e.size(), 400u) << e;
  EXPECT_NE(e.find("case.toml:10: key 'initial.type': unknown value \"" + value.substr(0, 200) +
                   "…\" (10000 characters); valid: \"cosine_bell\""),
            std::string::npos)
      << e;
}

TEST(CaseFile, HugeKeysAndArrayElementsAreQuotedShort) {
  const TempDir dir;
  const std::string name(10000, 'k');
  const TomlDocument unknown_key(dir.write("key.toml", "[mesh]\n" + name + " = 1\n"));
  const TomlDocument bad_element(dir.write("array.toml", "methods = [\"a\", \"" + name + "\"]\n"));
  auto error_of = [](auto&& read) {
    try {
      read();
      return std::string();
    } catch (const CaseError& e) {
      return std::string(e.what());
    }
  };

  const std::string e1 = error_of([&] { unknown_key.root().section("mesh").finish(); });
  const std::string e3 = error_of([&] { bad_element.root().choices("methods", {"a", "b"}); });

  EXPECT_LT(e1.size(), 400u) << e1;
  EXPECT_NE(e1.find("key.toml:2: key 'mesh." + name.substr(0, 195) + "…' (10005 characters) is unknown in [mesh]"),
            std::string::npos)
      << e1;
  EXPECT_LT(e3.size(), 400u) << e3;
  EXPECT_NE(e3.find("array.toml:1: key 'methods': element 1: unknown value \"" + name.substr(0, 200) +
                    "…\" (10000 characters); valid: \"a\", \"b\""),
            std::string::npos)
      << e3;
}

}  // namespace
}  // namespace mf
