#!/usr/bin/env python3
"""Small series in the formats measureflow's runs write, for the view-script test.

Usage: make_view_series.py OUT_DIR

Writes four run directories under OUT_DIR, each with a teacher.vtp (five neurons, both
signs) and expected.json (the colour ranges series_ranges() must find):
  grid_s1/        grid_s1.pvd: 4 frames of 64 VTK_LINE cells on the unit circle (z = 0),
                  CellData density_plus, density_minus, density, potential; PointData angle
  grid_s2/        grid_s2.pvd: 3 frames of polygon cells on the unit sphere, same CellData
  particles_s1/   particles_s1.pvd (.vtp frames: one vertex per particle at theta_j, PointData
  particles_s2/   mass, sign, signed_mass, potential), <name>_lifted.pvd (the lifted points
                  c_j theta_j, same PointData), trajectories.vtp (a polyline per particle,
                  PointData time, CellData sign)
The signed array is 0 everywhere in the first grid frame (mu+ = mu- at t = 0, as in a run)
and largest in a middle frame, so a range taken from one frame (the first or the last) differs
from the whole series' range.
"""

import json
import math
import os
import sys

from vtkmodules.vtkCommonCore import vtkDoubleArray, vtkPoints
from vtkmodules.vtkCommonDataModel import (VTK_LINE, VTK_POLYGON, vtkCellArray, vtkPolyData,
                                           vtkUnstructuredGrid)
from vtkmodules.vtkFiltersSources import vtkSphereSource
from vtkmodules.vtkIOXML import vtkXMLPolyDataWriter, vtkXMLUnstructuredGridWriter

TEACHER_ANGLES = [0.3, 1.5, 2.6, 3.9, 5.2]
TEACHER_WEIGHTS = [1.0, -0.8, 0.9, 0.7, -1.1]


def array(name, values):
    a = vtkDoubleArray()
    a.SetName(name)
    for v in values:
        a.InsertNextValue(v)
    return a


def points_of(xyz):
    p = vtkPoints()
    p.SetDataTypeToDouble()
    for x in xyz:
        p.InsertNextPoint(*x)
    return p


def write(data, path):
    writer = vtkXMLPolyDataWriter() if path.endswith(".vtp") else vtkXMLUnstructuredGridWriter()
    writer.SetFileName(path)
    writer.SetInputData(data)
    writer.SetDataModeToAppended()
    if writer.Write() != 1:
        raise SystemExit("cannot write " + path)


def write_pvd(path, entries):
    with open(path, "w") as out:
        out.write('<?xml version="1.0"?>\n<VTKFile type="Collection" version="0.1" '
                  'byte_order="LittleEndian">\n  <Collection>\n')
        for t, name in entries:
            out.write('    <DataSet timestep="%.17g" group="" part="0" file="%s"/>\n' % (t, name))
        out.write("  </Collection>\n</VTKFile>\n")


def vertices(n):
    cells = vtkCellArray()
    for i in range(n):
        cells.InsertNextCell(1)
        cells.InsertCellPoint(i)
    return cells


def write_teacher(directory, dimension):
    xyz = []
    for k, a in enumerate(TEACHER_ANGLES):
        if dimension == 2:
            xyz.append((math.cos(a), math.sin(a), 0.0))
        else:
            lat = 0.5 - 0.25 * k
            xyz.append((math.cos(lat) * math.cos(a), math.cos(lat) * math.sin(a), math.sin(lat)))
    data = vtkPolyData()
    data.SetPoints(points_of(xyz))
    data.SetVerts(vertices(len(xyz)))
    data.GetPointData().AddArray(array("weight", TEACHER_WEIGHTS))
    write(data, os.path.join(directory, "teacher.vtp"))
    return max(abs(w) for w in TEACHER_WEIGHTS)


def grid_fields(grid, signed, floor):
    plus = [floor + max(s, 0.0) for s in signed]
    minus = [floor + max(-s, 0.0) for s in signed]
    cd = grid.GetCellData()
    cd.AddArray(array("density_plus", plus))
    cd.AddArray(array("density_minus", minus))
    cd.AddArray(array("density", [p - m for p, m in zip(plus, minus)]))
    cd.AddArray(array("potential", [-s for s in signed]))
    return max(plus), max(minus)


def grid_series(directory, name, dimension, amplitudes):
    """A grid run: the mesh, the frames (amplitude a_k times a fixed signed pattern), the .pvd."""
    if dimension == 2:
        n = 64
        xyz = [(math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n), 0.0) for i in range(n)]
        cells = [[i, (i + 1) % n] for i in range(n)]
        cell_type = VTK_LINE
    else:
        sphere = vtkSphereSource()
        sphere.SetThetaResolution(24)
        sphere.SetPhiResolution(13)
        sphere.Update()
        mesh = sphere.GetOutput()
        xyz = []
        for i in range(mesh.GetNumberOfPoints()):
            x = mesh.GetPoint(i)
            r = math.sqrt(sum(c * c for c in x))
            xyz.append(tuple(c / r for c in x))
        cells = []
        for i in range(mesh.GetNumberOfCells()):
            cell = mesh.GetCell(i)
            cells.append([cell.GetPointId(k) for k in range(cell.GetNumberOfPoints())])
        cell_type = VTK_POLYGON
    centroids = []
    for c in cells:
        m = [sum(xyz[i][k] for i in c) / len(c) for k in range(3)]
        centroids.append(m)
    if dimension == 2:
        pattern = [math.sin(math.atan2(y, x) - 0.3) for x, y, _ in centroids]
    else:
        pattern = [math.sin(3.0 * math.atan2(y, x)) * math.sqrt(max(0.0, 1 - z * z)) for x, y, z in centroids]
    entries = []
    peak = {"density": 0.0, "density_plus": 0.0, "density_minus": 0.0}
    for k, (t, a) in enumerate(amplitudes):
        grid = vtkUnstructuredGrid()
        grid.SetPoints(points_of(xyz))
        for c in cells:
            grid.InsertNextCell(cell_type, len(c), c)
        signed = [a * p for p in pattern]
        plus_max, minus_max = grid_fields(grid, signed, 0.2)
        if dimension == 2:
            grid.GetPointData().AddArray(
                array("angle", [math.atan2(y, x) % (2 * math.pi) for x, y, _ in xyz]))
        grid.GetFieldData().AddArray(array("TIME", [t]))
        file = "%s_%06d.vtu" % (name, k)
        write(grid, os.path.join(directory, file))
        entries.append((t, file))
        peak["density"] = max(peak["density"], max(abs(s) for s in signed))
        peak["density_plus"] = max(peak["density_plus"], plus_max)
        peak["density_minus"] = max(peak["density_minus"], minus_max)
    write_pvd(os.path.join(directory, name + ".pvd"), entries)
    return peak


def particle_series(directory, name, dimension, times):
    """A particle run: m particles per sign drifting and growing; frames, lifted frames, trajectories."""
    m = 30
    particles = []
    for s in (1.0, -1.0):
        for j in range(m):
            u = (j + (0.5 if s < 0 else 0.0)) / m
            particles.append((s, 2 * math.pi * u, math.asin(2 * ((j * 7 % m) + 0.5) / m - 1)))
    peak = 0.0
    entries, lifted_entries, paths = [], [], [[] for _ in particles]
    for k, t in enumerate(times):
        xyz, lifted, mass, sign = [], [], [], []
        for p, (s, lon, lat) in enumerate(particles):
            lon_t = lon + 0.3 * s * t
            if dimension == 2:
                x = (math.cos(lon_t), math.sin(lon_t), 0.0)
            else:
                x = (math.cos(lat) * math.cos(lon_t), math.cos(lat) * math.sin(lon_t), math.sin(lat))
            c = (1.0 + 0.45 * math.sin(lon) * (1 + t)) / m + 0.001
            xyz.append(x)
            lifted.append(tuple(c * m * v for v in x))  # plotted at c_j m theta_j: order 1
            mass.append(c)
            sign.append(s)
            paths[p].append((lifted[-1], t))
        signed = [c * s for c, s in zip(mass, sign)]
        peak = max(peak, max(abs(v) for v in signed))
        for positions, suffix, list_ in ((xyz, "", entries), (lifted, "_lifted", lifted_entries)):
            data = vtkPolyData()
            data.SetPoints(points_of(positions))
            data.SetVerts(vertices(len(positions)))
            pd = data.GetPointData()
            pd.AddArray(array("mass", mass))
            pd.AddArray(array("sign", sign))
            pd.AddArray(array("signed_mass", signed))
            pd.AddArray(array("potential", [-v for v in signed]))
            data.GetFieldData().AddArray(array("TIME", [t]))
            file = "%s%s_%06d.vtp" % (name, suffix, k)
            write(data, os.path.join(directory, file))
            list_.append((t, file))
    write_pvd(os.path.join(directory, name + ".pvd"), entries)
    write_pvd(os.path.join(directory, name + "_lifted.pvd"), lifted_entries)
    # trajectories.vtp: one polyline per particle through its lifted positions
    xyz, time, lines = [], [], vtkCellArray()
    for path in paths:
        lines.InsertNextCell(len(path))
        for x, t in path:
            lines.InsertCellPoint(len(xyz))
            xyz.append(x)
            time.append(t)
    data = vtkPolyData()
    data.SetPoints(points_of(xyz))
    data.SetLines(lines)
    data.GetPointData().AddArray(array("time", time))
    data.GetCellData().AddArray(array("sign", [s for s, _, _ in particles]))
    write(data, os.path.join(directory, "trajectories.vtp"))
    return {"signed_mass": peak}


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    for name, kind, dimension in (("grid_s1", "grid", 2), ("grid_s2", "grid", 3),
                                  ("particles_s1", "particles", 2), ("particles_s2", "particles", 3)):
        directory = os.path.join(out, name)
        os.makedirs(directory, exist_ok=True)
        if kind == "grid":
            # zero at t = 0 (mu+ = mu-), largest at t = 0.5, half of that at the end
            peak = grid_series(directory, name, dimension, [(0.0, 0.0), (0.25, 0.3), (0.5, 1.6), (1.0, 0.8)])
            expected = {"density": [-peak["density"], peak["density"]],
                        "density_plus": [0.0, peak["density_plus"]],
                        "density_minus": [0.0, peak["density_minus"]]}
        else:
            peak = particle_series(directory, name, dimension, [0.0, 0.5, 1.0])
            expected = {"signed_mass": [-peak["signed_mass"], peak["signed_mass"]], "sign": [-1.0, 1.0]}
        w = write_teacher(directory, dimension)
        expected["weight"] = [-w, w]
        with open(os.path.join(directory, "expected.json"), "w") as f:
            json.dump(expected, f, indent=1)
    print("wrote test series under %s" % out)


if __name__ == "__main__":
    main()
