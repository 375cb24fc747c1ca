#!/usr/bin/env python3
"""The view of one measureflow series, written by measureflow beside it as <name>_view.py.

Run it from the run directory (the files are looked up beside the script, or in the current
directory when ParaView does not say where the script is):

  pvpython <name>_view.py [--time LAST|FIRST|<t>] [--screenshot OUT.png] [--size WxH]
  paraview --script=<name>_view.py
      builds the view in ParaView (paraview.simple): the series opened and coloured by the
      signed array (grid: density = rho+ - rho-, CellData; particles: signed_mass = s_j c_j,
      PointData) with a diverging map ("Cool to Warm", the same colours as ParaView's preset),
      zero at its centre and its range +-max|signed| over the WHOLE series, locked (no
      rescaling from frame to frame: press Play and the colours stay comparable). Grid runs
      with channels show mu+ (density_plus) and mu- (density_minus) beside it, each with a
      sequential map from 0 to its series maximum, in views with linked cameras. On S^1 the
      cells are drawn as tubes (VIEW["tube_radius"]), so the circle is not a hairline. The
      teacher's neurons (teacher.vtp, PointData weight) are spheres coloured by their sign.
      Particle runs add the lifted view: the lifted points c_j theta_j coloured by
      signed_mass with the same map, and the particles' trajectories.
  python3 <name>_view.py --render OUT.png [--time LAST|FIRST|<t>] [--size WxH]
      the same view drawn with plain VTK (Debian: python3-vtk9) off screen into a PNG: the
      same panels, arrays, colours and ranges, tube radius and teacher markers. It needs an X
      display; on a machine without one: xvfb-run -a python3 <name>_view.py --render OUT.png.
      When `python3` is another Python than Debian's (pyenv, a venv) and has no VTK, the
      script runs itself again with /usr/bin/python3.

--time picks the frame: LAST (the default), FIRST, or the frame nearest to the time <t>.
--size is the whole image (default 400 x 400 pixels per panel).

Both ways read their settings from VIEW below and take their colour ranges from
series_ranges(), which reads every frame of the series once (only the arrays it needs); the
panels come from panels().
Edit the second half of VIEW (the look) freely; the first half is the run's.

Testing: measureflow's ctest view_script_renders renders the VTK branch under xvfb for grid
runs on S^1 and S^2 and for particle runs and checks the pictures. The ParaView branch is not
run there: Debian's python3-paraview (pvpython) cannot be installed beside libvtk9-dev (it
removes python3-vtk9), so it is written against paraview.simple 5.11 (Debian bookworm's
ParaView), checked by py_compile and pyflakes only, and sets optional properties only where
they exist.
"""

import argparse
import importlib
import math
import os
import sys
import xml.etree.ElementTree as ElementTree

VIEW = {
    # The run: measureflow writes these (src/figures/paraview_view.cpp); names are relative
    # to the run directory, "" for a file the run does not have.
    # BEGIN RUN
    "kind": "grid",                 # "grid" (cells on the mesh) or "particles"
    "dimension": 2,                 # 2: S^1, the unit circle in the z = 0 plane; 3: S^2
    "series": "teacher_circle.pvd",
    "signed_array": "density",      # the signed measure mu = mu+ - mu-
    "channels": ["density_plus", "density_minus"],   # mu+ and mu- (>= 0), grid runs only
    "teacher": "teacher.vtp",
    "lifted": "",                   # particles: the lifted points' series
    "trajectories": "",             # particles: one polyline per particle
    # END RUN
    # The look.
    "tube_radius": 0.02,            # S^1: cells drawn as tubes of this radius (circle radius 1)
    "tube_sides": 16,
    "marker_radius": 0.05,          # teacher neurons: spheres of this radius
    "point_size": 7,                # particles: points drawn as spheres, in pixels
    "line_width": 1.5,              # trajectories, in pixels
    "diverging": [[0.231, 0.298, 0.753], [0.706, 0.016, 0.150]],  # -max .. +max, "Cool to Warm"
    "sequential": [[[1.0, 0.961, 0.941], [0.404, 0.0, 0.051]],    # channel 1 (mu+): white to red
                   [[0.969, 0.984, 1.0], [0.031, 0.188, 0.420]]],  # channel 2 (mu-): white to blue
    "background": [0.2, 0.2, 0.2],
    "text": [1.0, 1.0, 1.0],
    "reference": [0.4, 0.4, 0.4],   # particles: the unit circle / sphere they live on
    "s2_camera": [1.0, -1.3, 0.9],  # S^2: direction from the centre to the camera (z up)
    "panel_size": [400, 400],       # pixels per panel without --size
    "legend_height": 0.16,          # VTK image: colour legends in the bottom part of a panel
}


class ViewError(Exception):
    """A problem a user can fix (a missing file, a missing program); printed without a trace."""


# ---------------------------------------------------------------------------------------------
# Shared by both branches: the files, the frames, the ranges, the panels, the camera.

def run_directory():
    """The directory the script sits in (ParaView's GUI may not tell: then the current one)."""
    try:
        return os.path.dirname(os.path.abspath(__file__))
    except NameError:
        return os.getcwd()


def series_frames(pvd):
    """[(time, absolute path)] of a .pvd collection, in file order."""
    if not os.path.isfile(pvd):
        raise ViewError("%s: no such file (run this script from its run directory)" % pvd)
    try:
        root = ElementTree.parse(pvd).getroot()
    except ElementTree.ParseError as error:
        raise ViewError("%s: not a readable .pvd collection (%s)" % (pvd, error))
    frames = []
    for index, dataset in enumerate(root.iter("DataSet")):
        name = dataset.get("file")
        if not name:
            continue
        time = float(dataset.get("timestep", index))
        frames.append((time, os.path.join(os.path.dirname(pvd), name)))
    if not frames:
        raise ViewError("%s: the collection lists no frames" % pvd)
    return frames


def pick_frame(frames, when):
    """The index of the frame for --time: "LAST", "FIRST" or the frame nearest to a time."""
    if when == "LAST":
        return len(frames) - 1
    if when == "FIRST":
        return 0
    t = float(when)
    return min(range(len(frames)), key=lambda i: abs(frames[i][0] - t))


def read_frame(path, arrays=None):
    """A .vtu or .vtp file as a VTK data set; only the named arrays when `arrays` is given."""
    from vtkmodules.vtkIOXML import vtkXMLPolyDataReader, vtkXMLUnstructuredGridReader
    if not os.path.isfile(path):
        raise ViewError("%s: no such file" % path)
    reader = vtkXMLPolyDataReader() if path.endswith(".vtp") else vtkXMLUnstructuredGridReader()
    reader.SetFileName(path)
    if arrays is not None:
        reader.UpdateInformation()
        for i in range(reader.GetNumberOfCellArrays()):
            name = reader.GetCellArrayName(i)
            reader.SetCellArrayStatus(name, 1 if name in arrays else 0)
        for i in range(reader.GetNumberOfPointArrays()):
            name = reader.GetPointArrayName(i)
            reader.SetPointArrayStatus(name, 1 if name in arrays else 0)
    reader.Update()
    data = reader.GetOutput()
    if data is None or data.GetNumberOfPoints() == 0:
        raise ViewError("%s: not a readable VTK XML file, or empty" % path)
    return data


def find_array(data, name, path=""):
    """("CELLS" or "POINTS", the array) of the array called `name` in a data set."""
    for association, attributes in (("CELLS", data.GetCellData()), ("POINTS", data.GetPointData())):
        array = attributes.GetArray(name)
        if array is not None:
            return association, array
    raise ViewError("%s: no CellData or PointData array '%s'" % (path, name))


def largest(array, absolute):
    """max of the array's finite values (of their absolute values when `absolute`); 0 if none."""
    lo, hi = array.GetRange(-1 if array.GetNumberOfComponents() > 1 else 0)
    if math.isfinite(lo) and math.isfinite(hi):
        return max(abs(lo), abs(hi)) if absolute else hi
    best = 0.0  # a NaN or Inf in the array: look at every value
    for i in range(array.GetNumberOfTuples()):
        value = array.GetComponent(i, 0)
        if math.isfinite(value):
            best = max(best, abs(value) if absolute else value)
    return best


def series_ranges(view, directory):
    """The colour range and association of every array the view colours by, over the whole run.

    {array: {"range": (lo, hi), "association": "CELLS" or "POINTS"}}. The signed array gets
    (-m, m) with m = max |value| over every frame of the series (and of the lifted series), so
    zero sits at the centre of the diverging map at every time; each channel (0, max over the
    series); the teacher's weight (-w, w), w = max |weight|; the trajectories' sign (-1, 1).
    A maximum of 0 (an all-zero series) becomes 1, so no range is ever 0 .. 1e-38.
    """
    signed = view["signed_array"]
    channels = list(view["channels"]) if view["kind"] == "grid" else []
    peak = {name: 0.0 for name in [signed] + channels}
    association = {}
    sources = [view["series"]]
    if view["kind"] == "particles" and view["lifted"]:
        sources.append(view["lifted"])
    for source in sources:
        for _, path in series_frames(os.path.join(directory, source)):
            data = read_frame(path, list(peak))
            for name in peak:
                if source != view["series"] and name != signed:
                    continue
                where, array = find_array(data, name, path)
                association.setdefault(name, where)
                peak[name] = max(peak[name], largest(array, absolute=(name == signed)))

    def nonzero(m):
        return m if m > 0.0 else 1.0

    ranges = {signed: {"range": (-nonzero(peak[signed]), nonzero(peak[signed])),
                       "association": association[signed]}}
    for name in channels:
        ranges[name] = {"range": (0.0, nonzero(peak[name])), "association": association[name]}
    if view["teacher"]:
        path = os.path.join(directory, view["teacher"])
        where, array = find_array(read_frame(path, ["weight"]), "weight", path)
        w = nonzero(largest(array, absolute=True))
        ranges["weight"] = {"range": (-w, w), "association": where}
    if view["kind"] == "particles" and view["trajectories"]:
        path = os.path.join(directory, view["trajectories"])
        where, _ = find_array(read_frame(path, ["sign"]), "sign", path)
        ranges["sign"] = {"range": (-1.0, 1.0), "association": where}
    return ranges


def panels(view):
    """The views side by side, left to right: what each shows and how.

    Each: title; series (a .pvd, or "" for none); array and map ("diverging", "sequential"
    with its index into VIEW["sequential"]); teacher (markers shown); trajectories (shown);
    reference (the unit circle/sphere drawn under particles); camera (panels with the same
    camera key have linked cameras).
    """
    signed = view["signed_array"]
    main = {"title": signed, "series": view["series"], "array": signed, "map": "diverging",
            "index": 0, "teacher": bool(view["teacher"]), "trajectories": False,
            "reference": view["kind"] == "particles", "camera": "sphere"}
    result = [main]
    if view["kind"] == "grid":
        for i, channel in enumerate(view["channels"]):
            result.append(dict(main, title=channel, array=channel, map="sequential", index=i))
    elif view["lifted"] or view["trajectories"]:
        result.append({"title": "lifted: " + signed, "series": view["lifted"], "array": signed,
                       "map": "diverging", "index": 0, "teacher": False,
                       "trajectories": bool(view["trajectories"]), "reference": False,
                       "camera": "lifted"})
    return result


def camera(view, panel):
    """Direction from the focal point (the origin) to the camera, view-up, parallel projection,
    and the zoom applied after the camera is reset to the panel's bounds (a reset fits the
    bounding box's sphere, which is wider than the circle or sphere)."""
    if view["dimension"] == 2:  # S^1: from above the z = 0 plane
        return [0.0, 0.0, 1.0], [0.0, 1.0, 0.0], True, (1.3 if panel["camera"] == "sphere" else 1.2)
    return list(view["s2_camera"]), [0.0, 0.0, 1.0], False, (1.5 if panel["camera"] == "sphere" else 1.2)


def marker_lift(view):
    """The teacher's markers sit at lift * direction: on the circle on S^1, resting on the
    sphere on S^2 (half buried otherwise)."""
    return 1.0 if view["dimension"] == 2 else 1.0 + view["marker_radius"]


def color_points(view, panel, lo, hi):
    """[(value, (r, g, b))] and the colour space of a panel's map over [lo, hi]."""
    if panel["map"] == "diverging":
        c0, c1 = view["diverging"]
        return [(lo, c0), (hi, c1)], "Diverging"
    c0, c1 = view["sequential"][panel["index"] % len(view["sequential"])]
    return [(lo, c0), (hi, c1)], "Lab"


def image_size(view, size, n_panels):
    if size:
        try:
            w, h = (int(v) for v in size.lower().split("x"))
        except ValueError:
            raise ViewError("--size %s: expected WIDTHxHEIGHT, e.g. 1200x400" % size)
        return w, h
    return view["panel_size"][0] * n_panels, view["panel_size"][1]


# ---------------------------------------------------------------------------------------------
# ParaView (pvpython, or paraview --script=...).

def _set(proxy, **properties):
    """Sets the properties this ParaView version has, with values it accepts (property names
    and enumeration texts change between versions); skips the others."""
    for name, value in properties.items():
        try:
            if hasattr(proxy, name):
                setattr(proxy, name, value)
        except (AttributeError, ValueError, TypeError) as error:
            sys.stderr.write("note: %s = %r not set (%s)\n" % (name, value, error))


def _pv_color(pv, display, view, name, ranges, map_of):
    """Colours a display by an array with the range of series_ranges(), locked: ParaView never
    rescales it (not per frame, not on Apply). map_of: a panel (its map) or "sign" (two
    colours, the ends of the diverging map: the sign of the value)."""
    lo, hi = ranges[name]["range"]
    pv.ColorBy(display, (ranges[name]["association"], name))
    lut = pv.GetColorTransferFunction(name)
    _set(lut, AutomaticRescaleRangeMode="Never")
    if map_of == "sign":
        points = [(lo, view["diverging"][0]), (hi, view["diverging"][1])]
        _set(lut, ColorSpace="Diverging", Discretize=1, NumberOfTableValues=2)
    else:
        points, space = color_points(view, map_of, lo, hi)
        _set(lut, ColorSpace=space, Discretize=0)
    lut.RGBPoints = [c for x, rgb in points for c in [x] + list(rgb)]
    opacity = pv.GetOpacityTransferFunction(name)
    _set(opacity, AutomaticRescaleRangeMode="Never")
    if hasattr(opacity, "RescaleTransferFunction"):
        opacity.RescaleTransferFunction(lo, hi)
    return lut


def paraview_view(view, directory, when, screenshot, size, gui):
    import paraview.simple as pv

    ranges = series_ranges(view, directory)
    frames = series_frames(os.path.join(directory, view["series"]))
    time = frames[pick_frame(frames, when)][0]
    layout_panels = panels(view)
    stem = os.path.splitext(os.path.basename(view["series"]))[0]
    layout = pv.CreateLayout("measureflow: " + stem)

    readers = {}

    def reader(name):
        if name not in readers:
            readers[name] = pv.OpenDataFile(os.path.join(directory, name))
            if readers[name] is None:
                raise ViewError("ParaView cannot open %s" % os.path.join(directory, name))
        return readers[name]

    views = []
    for panel in layout_panels:
        rv = pv.CreateView("RenderView")
        views.append(rv)
        _set(rv, UseColorPaletteForBackground=0, OrientationAxesVisibility=0)
        _set(rv, Background=view["background"])
        if view["dimension"] == 2:
            _set(rv, InteractionMode="2D")
        if panel["series"]:
            source = reader(panel["series"])
            if view["kind"] == "grid" and view["dimension"] == 2:
                source = pv.Tube(Input=pv.ExtractSurface(Input=source))
                _set(source, Radius=view["tube_radius"], NumberofSides=view["tube_sides"],
                     Capping=1, VaryRadius="Off")
            display = pv.Show(source, rv)
            if view["kind"] == "particles":
                display.SetRepresentationType("Points")
                _set(display, RenderPointsAsSpheres=1, PointSize=view["point_size"])
            _pv_color(pv, display, view, panel["array"], ranges, panel)
            display.SetScalarBarVisibility(rv, True)
        if panel["reference"]:
            if view["dimension"] == 2:
                shape = pv.Ellipse()
                _set(shape, Resolution=256)
            else:
                shape = pv.Sphere(Radius=0.99, ThetaResolution=64, PhiResolution=32)
            shown = pv.Show(shape, rv)
            pv.ColorBy(shown, None)
            shown.DiffuseColor = view["reference"]
            _set(shown, AmbientColor=view["reference"])
        if panel["teacher"]:
            teacher = reader(view["teacher"])
            if marker_lift(view) != 1.0:
                teacher = pv.Transform(Input=teacher)
                teacher.Transform.Scale = [marker_lift(view)] * 3
            glyphs = pv.Glyph(Input=teacher, GlyphType="Sphere")
            _set(glyphs, ScaleArray=["POINTS", "No scale array"],
                 OrientationArray=["POINTS", "No orientation array"],
                 ScaleFactor=2.0 * view["marker_radius"], GlyphMode="All Points")
            markers = pv.Show(glyphs, rv)
            _pv_color(pv, markers, view, "weight", ranges, "sign")
        if panel["trajectories"]:
            lines = pv.Show(reader(view["trajectories"]), rv)
            _set(lines, LineWidth=view["line_width"])
            _pv_color(pv, lines, view, "sign", ranges, "sign")
        if panel is layout_panels[0]:
            pv.Show(pv.AnnotateTime(), rv)
        label = pv.Text(Text=panel["title"])
        _set(pv.Show(label, rv), WindowLocation="Upper Center", FontSize=14)

    # Side by side: split the right-hand cell until every panel has one.
    cell = 0
    for i, rv in enumerate(views):
        if i + 1 < len(views):
            layout.SplitHorizontal(cell, 1.0 / (len(views) - i))
            pv.AssignViewToLayout(view=rv, layout=layout, hint=2 * cell + 1)
            cell = 2 * cell + 2
        else:
            pv.AssignViewToLayout(view=rv, layout=layout, hint=cell)
    for i, panel in enumerate(layout_panels):
        for j in range(i):
            if layout_panels[j]["camera"] == panel["camera"]:
                pv.AddCameraLink(views[j], views[i], "measureflow_%s_%d" % (panel["camera"], i))
                break

    scene = pv.GetAnimationScene()
    scene.UpdateAnimationUsingDataTimeSteps()
    scene.AnimationTime = time
    if hasattr(pv, "_DisableFirstRenderCameraReset"):
        pv._DisableFirstRenderCameraReset()  # the first Render() would undo the zoom below
    for panel, rv in zip(layout_panels, views):
        position, up, parallel, zoom = camera(view, panel)
        rv.CameraFocalPoint = [0.0, 0.0, 0.0]
        rv.CameraPosition = [4.0 * c for c in position]
        rv.CameraViewUp = up
        _set(rv, CameraParallelProjection=1 if parallel else 0)
        rv.ResetCamera()
        rv.GetActiveCamera().Zoom(zoom)
    pv.SetActiveView(views[0])
    for rv in views:
        pv.Render(rv)
    if screenshot:
        pv.SaveScreenshot(screenshot, layout, ImageResolution=list(image_size(view, size, len(views))))
        print("wrote %s (t = %g)" % (screenshot, time))
    elif not gui:
        pv.Interact(views[0])


# ---------------------------------------------------------------------------------------------
# Plain VTK, off screen into a PNG.

def _vtk_lookup(view, panel, lo, hi):
    from vtkmodules.vtkRenderingCore import vtkColorTransferFunction
    points, space = color_points(view, panel, lo, hi)
    ctf = vtkColorTransferFunction()
    if space == "Diverging":
        ctf.SetColorSpaceToDiverging()
    else:
        ctf.SetColorSpaceToLab()
    for x, rgb in points:
        ctf.AddRGBPoint(x, *rgb)
    return ctf


def _vtk_sign_lookup(view, lo, hi):
    from vtkmodules.vtkCommonCore import vtkLookupTable
    lut = vtkLookupTable()
    lut.SetNumberOfTableValues(2)
    for i, rgb in enumerate(view["diverging"]):
        lut.SetTableValue(i, rgb[0], rgb[1], rgb[2], 1.0)
    lut.SetRange(lo, hi)
    return lut


def _vtk_actor(output_port, lut, name, association, lo, hi):
    from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper
    mapper = vtkPolyDataMapper()
    mapper.SetInputConnection(output_port)
    if lut is None:
        mapper.ScalarVisibilityOff()
    else:
        mapper.ScalarVisibilityOn()
        if association == "CELLS":
            mapper.SetScalarModeToUseCellFieldData()
        else:
            mapper.SetScalarModeToUsePointFieldData()
        mapper.SelectColorArray(name)
        mapper.SetLookupTable(lut)
        mapper.SetScalarRange(lo, hi)
        mapper.UseLookupTableScalarRangeOn()
    actor = vtkActor()
    actor.SetMapper(mapper)
    return actor


def _vtk_source(data):
    from vtkmodules.vtkFiltersGeometry import vtkDataSetSurfaceFilter
    surface = vtkDataSetSurfaceFilter()
    surface.SetInputData(data)
    return surface


def render_png(view, directory, when, out, size):
    try:
        from vtkmodules.vtkFiltersCore import vtkGlyph3D, vtkTubeFilter
        from vtkmodules.vtkFiltersSources import vtkEllipseArcSource, vtkSphereSource
        from vtkmodules.vtkIOImage import vtkPNGWriter
        from vtkmodules.vtkRenderingAnnotation import vtkScalarBarActor
        from vtkmodules.vtkRenderingCore import (vtkCamera, vtkRenderer, vtkRenderWindow,
                                                 vtkTextActor, vtkWindowToImageFilter)
        importlib.import_module("vtkmodules.vtkRenderingFreeType")  # text
        importlib.import_module("vtkmodules.vtkRenderingOpenGL2")  # the OpenGL render window
    except ImportError as error:
        raise ViewError("this Python (%s) cannot import VTK's rendering modules (%s): install "
                        "python3-vtk9 (measureflow's scripts/install-deps.sh does)"
                        % (sys.executable, error))

    ranges = series_ranges(view, directory)
    frames = series_frames(os.path.join(directory, view["series"]))
    time = frames[pick_frame(frames, when)][0]
    layout_panels = panels(view)
    width, height = image_size(view, size, len(layout_panels))

    window = vtkRenderWindow()
    window.SetOffScreenRendering(1)
    if window.GetClassName() == "vtkXOpenGLRenderWindow" and not os.environ.get("DISPLAY"):
        raise ViewError("no X display for VTK's OpenGL window: run under a virtual one, e.g. "
                        "xvfb-run -a python3 %s --render %s" % (_program(), out))
    window.SetSize(width, height)
    cameras = {}
    keep = []  # the filters stay alive until the window is rendered
    legend = view["legend_height"]
    for i, panel in enumerate(layout_panels):
        x0, x1 = i / len(layout_panels), (i + 1) / len(layout_panels)
        renderer = vtkRenderer()  # the data, above the legend strip
        renderer.SetViewport(x0, legend, x1, 1.0)
        renderer.SetBackground(*view["background"])
        window.AddRenderer(renderer)
        strip = vtkRenderer()  # the colour legend
        strip.SetViewport(x0, 0.0, x1, legend)
        strip.SetBackground(*view["background"])
        strip.InteractiveOff()
        window.AddRenderer(strip)
        if panel["series"]:
            panel_frames = series_frames(os.path.join(directory, panel["series"]))
            nearest = min(range(len(panel_frames)), key=lambda k: abs(panel_frames[k][0] - time))
            source = _vtk_source(read_frame(panel_frames[nearest][1]))
            if view["kind"] == "grid" and view["dimension"] == 2:
                tube = vtkTubeFilter()
                tube.SetInputConnection(source.GetOutputPort())
                tube.SetRadius(view["tube_radius"])
                tube.SetNumberOfSides(view["tube_sides"])
                tube.CappingOn()
                source = tube
            keep.append(source)
            lo, hi = ranges[panel["array"]]["range"]
            lut = _vtk_lookup(view, panel, lo, hi)
            actor = _vtk_actor(source.GetOutputPort(), lut, panel["array"],
                               ranges[panel["array"]]["association"], lo, hi)
            if view["kind"] == "particles":
                actor.GetProperty().SetRepresentationToPoints()
                actor.GetProperty().SetPointSize(view["point_size"])
                actor.GetProperty().SetRenderPointsAsSpheres(True)
            renderer.AddActor(actor)
            bar = vtkScalarBarActor()
            bar.SetLookupTable(lut)
            bar.SetOrientationToHorizontal()
            bar.SetNumberOfLabels(5)
            bar.SetLabelFormat("%-#.3g")
            bar.SetTextPositionToSucceedScalarBar()
            bar.UnconstrainedFontSizeOn()
            bar.SetPosition(0.08, 0.05)
            bar.SetWidth(0.84)
            bar.SetHeight(0.9)
            bar.SetBarRatio(0.45)
            for text in (bar.GetTitleTextProperty(), bar.GetLabelTextProperty()):
                text.SetColor(*view["text"])
                text.SetFontSize(12)
                text.ShadowOff()
                text.ItalicOff()
                text.BoldOff()
            strip.AddViewProp(bar)
        if panel["reference"]:
            if view["dimension"] == 2:
                shape = vtkEllipseArcSource()
                shape.SetSegmentAngle(360.0)
                shape.SetResolution(256)
                shape.SetClose(True)
            else:
                shape = vtkSphereSource()
                shape.SetRadius(0.99)
                shape.SetThetaResolution(64)
                shape.SetPhiResolution(32)
            keep.append(shape)
            reference = _vtk_actor(shape.GetOutputPort(), None, "", "", 0.0, 1.0)
            reference.GetProperty().SetColor(*view["reference"])
            renderer.AddActor(reference)
        if panel["teacher"]:
            sphere = vtkSphereSource()
            sphere.SetRadius(view["marker_radius"])
            sphere.SetThetaResolution(24)
            sphere.SetPhiResolution(12)
            teacher = read_frame(os.path.join(directory, view["teacher"]))
            lift = marker_lift(view)
            if lift != 1.0:
                for k in range(teacher.GetNumberOfPoints()):
                    teacher.GetPoints().SetPoint(k, *[lift * c for c in teacher.GetPoint(k)])
            glyphs = vtkGlyph3D()
            glyphs.SetInputData(teacher)
            glyphs.SetSourceConnection(sphere.GetOutputPort())
            glyphs.ScalingOff()
            glyphs.OrientOff()
            keep.extend([sphere, glyphs])
            lo, hi = ranges["weight"]["range"]
            renderer.AddActor(_vtk_actor(glyphs.GetOutputPort(), _vtk_sign_lookup(view, lo, hi),
                                         "weight", "POINTS", lo, hi))
        if panel["trajectories"]:
            lines = _vtk_source(read_frame(os.path.join(directory, view["trajectories"])))
            keep.append(lines)
            lo, hi = ranges["sign"]["range"]
            actor = _vtk_actor(lines.GetOutputPort(), _vtk_sign_lookup(view, lo, hi), "sign",
                               ranges["sign"]["association"], lo, hi)
            actor.GetProperty().SetLineWidth(view["line_width"])
            renderer.AddActor(actor)
        title = vtkTextActor()
        title.SetInput(panel["title"] + ("      t = %g" % time if i == 0 else ""))
        title.GetTextProperty().SetColor(*view["text"])
        title.GetTextProperty().SetFontSize(14)
        title.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
        title.GetPositionCoordinate().SetValue(0.03, 0.94)
        renderer.AddViewProp(title)
        if panel["camera"] in cameras:  # linked: one camera
            renderer.SetActiveCamera(cameras[panel["camera"]])
        else:
            position, up, parallel, zoom = camera(view, panel)
            cam = vtkCamera()
            cam.SetFocalPoint(0.0, 0.0, 0.0)
            cam.SetPosition(*[4.0 * c for c in position])
            cam.SetViewUp(*up)
            cam.SetParallelProjection(parallel)
            renderer.SetActiveCamera(cam)
            renderer.ResetCamera()
            cam.Zoom(zoom)
            cameras[panel["camera"]] = cam
    for renderer in window.GetRenderers():
        renderer.ResetCameraClippingRange()
    window.Render()
    grab = vtkWindowToImageFilter()
    grab.SetInput(window)
    grab.SetInputBufferTypeToRGB()
    grab.ReadFrontBufferOff()
    grab.Update()
    writer = vtkPNGWriter()
    writer.SetFileName(out)
    writer.SetInputConnection(grab.GetOutputPort())
    writer.Write()
    if writer.GetErrorCode() != 0:
        raise ViewError("%s: cannot write the PNG" % out)
    print("wrote %s (%d x %d, t = %g)" % (out, width, height, time))


# ---------------------------------------------------------------------------------------------

def _program():
    argv = getattr(sys, "argv", None) or [""]
    return os.path.basename(argv[0]) or "the view script"


def _reexec_with_vtk():
    """`python3` may be another Python than Debian's (pyenv, a venv) without python3-vtk9: run
    this script again with /usr/bin/python3 when that one has VTK. Returns only if it cannot."""
    try:
        importlib.import_module("vtkmodules.vtkRenderingOpenGL2")
        return
    except ImportError:
        pass
    system = "/usr/bin/python3"
    if (os.environ.get("MEASUREFLOW_VIEW_REEXEC") or not os.path.exists(system)
            or os.path.realpath(sys.executable) == os.path.realpath(system)):
        return
    os.environ["MEASUREFLOW_VIEW_REEXEC"] = "1"
    sys.stderr.write("note: %s has no VTK module; running %s instead\n" % (sys.executable, system))
    sys.stderr.flush()
    os.execv(system, [system, os.path.abspath(sys.argv[0])] + sys.argv[1:])


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="The view of %s: ParaView (pvpython, paraview --script) or, with --render, "
                    "a PNG drawn with plain VTK." % VIEW["series"])
    parser.add_argument("--render", metavar="OUT.png",
                        help="draw the view with plain VTK (no ParaView) into OUT.png")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="ParaView: save the layout into OUT.png instead of opening a window")
    parser.add_argument("--time", default="LAST",
                        help="LAST (default), FIRST or a time: the frame nearest to it")
    parser.add_argument("--size", help="image size WIDTHxHEIGHT (default 400x400 per panel)")
    args = parser.parse_args(argv)
    if args.time not in ("LAST", "FIRST"):
        try:
            float(args.time)
        except ValueError:
            parser.error("--time %s: expected LAST, FIRST or a number" % args.time)
    return args


def main(argv, gui=False):
    args = parse_arguments(argv)
    try:
        if args.render:
            _reexec_with_vtk()
            render_png(VIEW, run_directory(), args.time, args.render, args.size)
            return 0
        try:
            importlib.import_module("paraview.simple")
        except ImportError:
            raise ViewError("no ParaView here: run `pvpython %s` or `paraview --script=%s`, or "
                            "draw a PNG with plain VTK: python3 %s --render OUT.png"
                            % ((_program(),) * 3))
        paraview_view(VIEW, run_directory(), args.time, args.screenshot, args.size, gui)
        return 0
    except ViewError as error:
        sys.stderr.write("%s: %s\n" % (_program(), error))
        return 1


def _in_paraview_gui():
    return bool(getattr(sys.modules.get("paraview"), "fromGUI", False))


if _in_paraview_gui():  # paraview --script=...: no command line, no exit
    main([], gui=True)
elif __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
