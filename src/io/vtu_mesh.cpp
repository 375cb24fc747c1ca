#include "io/vtu_mesh.hpp"

#include <vtkCell.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkIdList.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLUnstructuredGridReader.h>
#include <vtkXMLUnstructuredGridWriter.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "io/input_error.hpp"
#include "io/vtk_series_writer.hpp"

namespace mf {

AvailableMemory available_memory() {
  std::ifstream meminfo("/proc/meminfo");
  for (std::string name; meminfo >> name;) {
    unsigned long long kb = 0;
    if (name == "MemAvailable:" && meminfo >> kb) return {kb * 1024ULL, "MemAvailable in /proc/meminfo"};
    meminfo.ignore(1 << 16, '\n');
  }
  const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0)
    return {static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size), "the physical memory (sysconf)"};
  return {UINT64_MAX, "unknown"};
}

namespace {

// What reading a mesh holds at least, per point and per cell: VTK's points (3 doubles) and
// our copy; per (triangular) cell VTK's connectivity, offset and type (3·8 + 8 + 1), the cell
// lists read from it and build_sphere_mesh's copy (2 · 56), the mesh's cell arrays (67) and
// its 1.5 faces per cell (1.5 · 72). A lower bound: the run's own fields come on top.
constexpr std::uint64_t kBytesPerPoint = 48, kBytesPerCell = 300;

std::string format_bytes(double bytes) {
  char buf[48];
  if (bytes >= 1e9) std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1e9);
  else if (bytes >= 1e6) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  else std::snprintf(buf, sizeof buf, "%.0f bytes", bytes);
  return buf;
}

struct DeclaredSize {
  std::uint64_t points = 0, cells = 0;
  int pieces = 0, first_line = 0;  // the number of <Piece> tags, the line of the first
};

// The value of attribute `name` in the start tag `tag` as a count (0 when absent: VTK's reader
// reports that); throws MeshError for a value that is not a non-negative integer below 2^63.
std::uint64_t count_attribute(const std::string& where, const std::string& tag, const std::string& name) {
  for (std::size_t at = tag.find(name); at != std::string::npos; at = tag.find(name, at + 1)) {
    if (at == 0 || !std::isspace(static_cast<unsigned char>(tag[at - 1]))) continue;  // e.g. "XNumberOfPoints"
    std::size_t i = at + name.size();
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) continue;
    const std::size_t close = tag.find(tag[i], i + 1);
    if (close == std::string::npos) continue;
    const std::string value = tag.substr(i + 1, close - i - 1);
    std::uint64_t n = 0;
    bool ok = !value.empty();
    for (char ch : value) {
      if (ch < '0' || ch > '9' || n > (UINT64_MAX / 2 - 9) / 10) {
        ok = false;
        break;
      }
      n = 10 * n + static_cast<std::uint64_t>(ch - '0');
    }
    if (!ok)
      throw MeshError(where + ": <Piece> attribute " + name + " is " + quote_excerpt(value, '"') +
                      ", not a count (an integer from 0 to 2147483647)");
    return n;
  }
  return 0;
}

// The points and cells the <Piece> tags of a .vtu declare, read from the XML text itself so
// that a huge count can be refused before VTK allocates for it. The file is streamed up to
// the binary <AppendedData> section (or its end); only the tags' text is kept.
DeclaredSize declared_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  DeclaredSize size;
  std::string buf;               // unscanned text; buf[0] is on line `line`
  int line = 1;
  std::vector<char> chunk(1 << 20);
  bool eof = false;
  while (!eof) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    eof = got < chunk.size();
    buf.append(chunk.data(), got);
    std::size_t done = 0;  // buf[0, done) is scanned
    for (;;) {
      const std::size_t piece = buf.find("<Piece", done), appended = buf.find("<AppendedData", done);
      if (appended != std::string::npos && (piece == std::string::npos || appended < piece)) return size;
      if (piece == std::string::npos) {
        // Keep a possible start of "<AppendedData" or "<Piece" cut at the chunk's end.
        done = buf.size() > 16 ? std::max(done, buf.size() - 16) : done;
        break;
      }
      const std::size_t end = buf.find('>', piece);
      if (end == std::string::npos) {
        if (buf.size() - piece > (1 << 16))  // no real start tag is this long
          throw MeshError(path + ": a <Piece> tag without its closing '>'");
        done = piece;
        break;
      }
      const int tag_line = line + static_cast<int>(std::count(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(piece), '\n'));
      const char next = buf[piece + 6];
      if (std::isspace(static_cast<unsigned char>(next)) || next == '>' || next == '/') {
        const std::string tag = buf.substr(piece, end - piece);
        const std::string where = path + ":" + std::to_string(tag_line);
        const std::uint64_t points = count_attribute(where, tag, "NumberOfPoints");
        const std::uint64_t cells = count_attribute(where, tag, "NumberOfCells");
        if (size.pieces++ == 0) size.first_line = tag_line;
        size.points += points;  // each below 2^63, and no file holds 2 of them
        size.cells += cells;
        if (size.points >= (1ULL << 62) || size.cells >= (1ULL << 62)) return size;
      }
      // Drop the scanned text, counting its lines.
      line += static_cast<int>(std::count(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(end + 1), '\n'));
      buf.erase(0, end + 1);
      done = 0;
    }
    line += static_cast<int>(std::count(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(done), '\n'));
    buf.erase(0, done);
  }
  return size;
}

// Refuses a .vtu whose declared counts exceed what a mesh can index (int) or what the
// machine's memory can hold.
void check_declared_size(const std::string& path) {
  const DeclaredSize size = declared_size(path);
  if (size.pieces == 0) return;  // VTK's reader says what is wrong
  const std::string where = path + ":" + std::to_string(size.first_line);
  const std::string declared = "the mesh declares " + std::to_string(size.points) + " points and " +
                               std::to_string(size.cells) + " cells" +
                               (size.pieces > 1 ? " in " + std::to_string(size.pieces) + " <Piece> tags" : "");
  constexpr std::uint64_t kLimit = INT_MAX;
  if (size.points > kLimit || size.cells > kLimit)
    throw MeshError(where + ": " + declared + "; a mesh can have at most 2147483647 (2^31 - 1) points and cells");
  const double need = static_cast<double>(size.points) * static_cast<double>(kBytesPerPoint) +
                      static_cast<double>(size.cells) * static_cast<double>(kBytesPerCell);
  const AvailableMemory memory = available_memory();
  if (need > static_cast<double>(memory.bytes))
    throw MeshError(where + ": " + declared + "; holding them needs at least " + format_bytes(need) + " (" +
                    std::to_string(kBytesPerPoint) + " bytes per point, " + std::to_string(kBytesPerCell) +
                    " per cell) but " + format_bytes(static_cast<double>(memory.bytes)) + " is available (" +
                    memory.source + "); use a coarser mesh or a machine with more memory");
}

}  // namespace

void write_mesh_vtu(const SphereMesh& mesh, const std::string& path) {
  auto grid = vtkSmartPointer<vtkUnstructuredGrid>::Take(make_vtk_grid(mesh));
  vtkNew<vtkDoubleArray> area, center;
  area->SetName("area");
  area->SetNumberOfTuples(mesh.n_cells());
  center->SetName("center");
  center->SetNumberOfComponents(3);
  center->SetNumberOfTuples(mesh.n_cells());
  for (int c = 0; c < mesh.n_cells(); ++c) {
    area->SetValue(c, mesh.area[c]);
    center->SetTuple3(c, mesh.center[c].x(), mesh.center[c].y(), mesh.center[c].z());
  }
  grid->GetCellData()->AddArray(area);
  grid->GetCellData()->AddArray(center);
  vtkNew<vtkXMLUnstructuredGridWriter> writer;
  writer->SetFileName(path.c_str());
  writer->SetInputData(grid);
  writer->SetDataModeToAppended();
  writer->EncodeAppendedDataOff();
  writer->SetCompressorTypeToZLib();
  if (writer->Write() != 1) throw std::runtime_error(path + ": VTK could not write the mesh");
}

SphereMesh read_mesh_vtu(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw MeshError(path + ": no such mesh file");
  vtkNew<vtkXMLUnstructuredGridReader> reader;
  if (!reader->CanReadFile(path.c_str()))
    throw MeshError(path + ": not a VTK XML unstructured grid (.vtu) file");
  check_declared_size(path);  // before VTK allocates for the counts
  reader->SetFileName(path.c_str());
  reader->Update();
  vtkUnstructuredGrid* grid = reader->GetOutput();
  if (!grid || grid->GetNumberOfCells() == 0) throw MeshError(path + ": the file holds no cells");
  const vtkIdType n_points = grid->GetNumberOfPoints();
  if (n_points > INT_MAX || grid->GetNumberOfCells() > INT_MAX)  // declared_size saw other counts
    throw MeshError(path + ": " + std::to_string(n_points) + " points and " + std::to_string(grid->GetNumberOfCells()) +
                    " cells; a mesh can have at most 2147483647 (2^31 - 1) of each");
  std::vector<Vec3> vertices(static_cast<std::size_t>(n_points));
  for (vtkIdType i = 0; i < grid->GetNumberOfPoints(); ++i) {
    double p[3];
    grid->GetPoint(i, p);
    vertices[i] = Vec3(p[0], p[1], p[2]);
  }
  std::vector<std::vector<int>> cells(grid->GetNumberOfCells());
  vtkNew<vtkIdList> ids;
  for (vtkIdType c = 0; c < grid->GetNumberOfCells(); ++c) {
    const int type = grid->GetCellType(c);
    if (type != VTK_POLYGON && type != VTK_TRIANGLE && type != VTK_QUAD)
      throw MeshError(path + ": cell " + std::to_string(c) + " has VTK cell type " + std::to_string(type) +
                      "; a sphere mesh needs polygons, triangles or quads");
    grid->GetCellPoints(c, ids);
    for (vtkIdType k = 0; k < ids->GetNumberOfIds(); ++k) {
      // Checked as vtkIdType (64 bits): narrowed first, 2^32 + v would pass as vertex v.
      const vtkIdType id = ids->GetId(k);
      if (id < 0 || id >= n_points)
        throw MeshError(path + ": cell " + std::to_string(c) + " refers to point " + std::to_string(id) +
                        " but the file has " + std::to_string(n_points) + " points (valid: 0 to " +
                        std::to_string(n_points - 1) + ")");
      cells[c].push_back(static_cast<int>(id));
    }
  }
  try {
    return build_sphere_mesh(std::move(vertices), cells, "file " + std::filesystem::path(path).filename().string(),
                             /*fix_orientation=*/true);
  } catch (const MeshError& e) {
    throw MeshError(path + ": " + e.what());
  }
}

}  // namespace mf
