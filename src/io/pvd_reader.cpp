#include "io/pvd_reader.hpp"

#include <vtkNew.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLDataParser.h>
#include <vtkXMLUnstructuredGridReader.h>

#include <filesystem>
#include <stdexcept>

namespace mf {

std::vector<PvdEntry> read_pvd(const std::string& path) {
  vtkNew<vtkXMLDataParser> parser;
  parser->SetFileName(path.c_str());
  if (!parser->Parse()) throw std::runtime_error(path + ": not a readable XML file");
  vtkXMLDataElement* root = parser->GetRootElement();
  if (!root || std::string(root->GetName()) != "VTKFile" || !root->GetAttribute("type") ||
      std::string(root->GetAttribute("type")) != "Collection")
    throw std::runtime_error(path + ": not a VTK collection (.pvd) file");
  vtkXMLDataElement* collection = root->FindNestedElementWithName("Collection");
  if (!collection) throw std::runtime_error(path + ": no <Collection> element");
  const auto folder = std::filesystem::path(path).parent_path();
  std::vector<PvdEntry> entries;
  for (int i = 0; i < collection->GetNumberOfNestedElements(); ++i) {
    vtkXMLDataElement* e = collection->GetNestedElement(i);
    double t = 0.0;
    if (!e->GetScalarAttribute("timestep", t) || !e->GetAttribute("file"))
      throw std::runtime_error(path + ": DataSet " + std::to_string(i) + " lacks timestep or file");
    entries.push_back({t, (folder / e->GetAttribute("file")).string()});
  }
  return entries;
}

vtkUnstructuredGrid* read_vtu(const std::string& path) {
  vtkNew<vtkXMLUnstructuredGridReader> reader;
  if (!reader->CanReadFile(path.c_str())) throw std::runtime_error(path + ": not a readable .vtu file");
  reader->SetFileName(path.c_str());
  reader->Update();
  vtkUnstructuredGrid* out = vtkUnstructuredGrid::New();
  out->ShallowCopy(reader->GetOutput());
  return out;
}

}  // namespace mf
