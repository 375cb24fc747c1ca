// Writes a run directory's view script with mf::view_script, for the view_script_renders test
// (the runs will write it themselves; this stands in until then and for generated series).
//
// Usage: write_view_script DIR grid|particles 2|3 SERIES SIGNED_ARRAY [channels=A,B]
//                          [teacher=FILE] [lifted=FILE] [trajectories=FILE]
// Prints the path written. Exit 2 on bad arguments or an invalid spec.
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "figures/paraview_view.hpp"

namespace {

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size() && !list.empty()) {
    const auto comma = list.find(',', start);
    out.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: write_view_script DIR grid|particles 2|3 SERIES SIGNED_ARRAY [channels=A,B] "
                 "[teacher=FILE] [lifted=FILE] [trajectories=FILE]\n";
    return 2;
  }
  try {
    mf::ViewSpec spec;
    spec.kind = argv[2];
    spec.dimension = std::stoi(argv[3]);
    spec.series = argv[4];
    spec.signed_array = argv[5];
    for (int i = 6; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto eq = arg.find('=');
      const std::string key = arg.substr(0, eq), value = eq == std::string::npos ? "" : arg.substr(eq + 1);
      if (key == "channels") spec.channels = split(value);
      else if (key == "teacher") spec.teacher = value;
      else if (key == "lifted") spec.lifted = value;
      else if (key == "trajectories") spec.trajectories = value;
      else throw std::invalid_argument("unknown argument '" + arg + "'");
    }
    const std::string path = std::string(argv[1]) + "/" + mf::view_script_name(spec);
    std::ofstream out(path, std::ios::binary);
    out << mf::view_script(spec);
    out.close();
    if (!out) {
      std::cerr << path << ": cannot write\n";
      return 1;
    }
    std::cout << path << "\n";
  } catch (const std::exception& e) {
    std::cerr << "write_view_script: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
