#include "figures/gnuplot.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace mf {

namespace fs = std::filesystem;

namespace {

// A shell word: single quotes, with ' as '\''.
std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void remove_quietly(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
}

}  // namespace

bool gnuplot_available() { return std::system("gnuplot --version > /dev/null 2>&1") == 0; }

std::string gnuplot_quoted(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

std::string series_colour(int k) {
  // Okabe & Ito's colour-blind-safe palette (black first dropped to the end), then two darks.
  static const std::array<const char*, 8> palette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                     "#E69F00", "#56B4E9", "#000000", "#882255"};
  return palette[static_cast<std::size_t>(k) % palette.size()];
}

std::string figure_data_path(const fs::path& data, const fs::path& png) {
  const fs::path folder = fs::absolute(png).parent_path();
  return fs::absolute(data).lexically_normal().lexically_relative(folder.lexically_normal()).string();
}

void draw_figure(const Figure& f) {
  if (!gnuplot_available())
    throw std::runtime_error("gnuplot is not installed; scripts/install-deps.sh installs it (Debian package gnuplot-nox)");
  const fs::path png = fs::absolute(f.png);
  const fs::path folder = png.parent_path();
  const std::string stem = png.stem().string();
  fs::create_directories(folder);
  const fs::path script = folder / (stem + ".gp");
  std::vector<std::string> formats;  // the files' suffixes after the stem: "png", "svg", "gif", "_007.png"
  if (f.frames > 0) {
    for (int k = 0; k < f.frames; ++k) {
      char suffix[32];
      std::snprintf(suffix, sizeof suffix, "_%03d.png", k);
      formats.push_back(suffix);
    }
    formats.push_back(".gif");
  } else {
    for (const char* format : f.animation ? std::vector<const char*>{"gif"} : std::vector<const char*>{"png", "svg"})
      formats.push_back(std::string(".") + format);
  }
  {
    std::ofstream gp(script);
    gp << "# measureflow figure. Redraw from this folder with: gnuplot " << stem << ".gp\n# (writes ";
    if (f.frames > 0)
      gp << stem << formats.front() << " … " << stem << formats[formats.size() - 2] << " and " << stem << ".gif";
    else
      for (std::size_t k = 0; k < formats.size(); ++k) gp << (k ? " and " : "") << stem << formats[k];
    gp << "; data paths are relative to this folder)\n"
       << "if (!exists('out')) out = " << gnuplot_quoted(stem) << "\n";
    if (f.frames > 0) {
      const std::string setup = "  reset\n  set datafile separator ','\n  set grid\n  set key top right\n";
      gp << "set terminal pngcairo size " << f.width << "," << f.height << " font ',11' noenhanced\n"
         << "do for [k = 0:" << f.frames - 1 << "] {\n  set output sprintf('%s_%03d.png', out, k)\n" << setup
         << f.body << "\n  unset multiplot\n  set output\n}\n"
         // (no 'optimize': it runs out of colours with pm3d)
         << "set terminal gif animate delay 40 loop 0 size " << f.width << "," << f.height
         << " font 'DejaVuSans,11' noenhanced\nset output out . '.gif'\n"
         << "do for [k = 0:" << f.frames - 1 << "] {\n" << setup << f.body << "\n  unset multiplot\n}\nset output\n";
    } else if (f.animation) {
      gp << "set terminal gif animate delay 30 loop 0 optimize size " << f.width << "," << f.height
         << " font 'DejaVuSans,11' noenhanced\nset output out . '.gif'\n"
         << "set datafile separator ','\nset grid\nset key top right\n"
         << f.body << "\nset output\n";
    } else {
      gp << "do for [format in 'png svg'] {\n"
         << "  if (format eq 'png') { set terminal pngcairo size " << f.width << "," << f.height
         << " font ',11' noenhanced } else { set terminal svg size " << f.width << "," << f.height
         << " font 'sans,11' noenhanced background '#ffffff' }\n"
         << "  set output out . '.' . format\n"
         << "  reset\n  set datafile separator ','\n  set grid\n  set key top right\n"
         << f.body << "\n  unset multiplot\n  set output\n}\n";
    }
    if (!gp) throw std::runtime_error(script.string() + ": cannot write the gnuplot script");
  }
  const std::string tmp = "." + stem + ".tmp";
  const fs::path log = folder / ("." + stem + ".log");
  const std::string command = "cd " + shell_quoted(folder.string()) + " && gnuplot -e " +
                              shell_quoted("out = '" + tmp + "'") + " " + shell_quoted(stem + ".gp") + " > " +
                              shell_quoted(log.string()) + " 2>&1";
  const int status = std::system(command.c_str());
  std::string message = read_text(log);
  remove_quietly(log);
  bool drawn = status == 0;
  for (const std::string& format : formats) {
    const fs::path out = folder / (tmp + format);
    drawn = drawn && fs::exists(out) && fs::file_size(out) > 0;
  }
  if (!drawn) {
    for (const std::string& format : formats) remove_quietly(folder / (tmp + format));
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    if (message.size() > 600) message = "…" + message.substr(message.size() - 600);
    throw std::runtime_error("gnuplot failed on " + script.string() + " (exit status " + std::to_string(status) +
                             "), no figure written" + (message.empty() ? "" : ":\n" + message));
  }
  for (const std::string& format : formats) fs::rename(folder / (tmp + format), folder / (stem + format));
}

}  // namespace mf
