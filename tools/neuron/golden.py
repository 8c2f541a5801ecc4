#!/usr/bin/python3
"""Make the project's golden traces with NEURON (the oracle).

Usage:
  /usr/bin/python3 tools/neuron/golden.py [-o tests/testdata/golden] [scenario dirs...]
  /usr/bin/python3 tools/neuron/golden.py --check [scenario dirs...]

Each scenario dir holds a scenario.json (format: ../shared/reference/README.md).
Default scenarios: the built-in-only ones in ../shared/reference (or
$NMODLGO_REFERENCE). For each, NEURON builds and runs the model exactly as
reference/run_scenario.py does, and <out>/<name>/{scenario.json,trace.csv} are
written (trace.csv: header "t,<record names>", values as Python repr; and
spikes.csv, "name,t" rows, for a scenario that records spike times).
nmodlgo's own scenario keys (morphology, record_interval, spikes, play,
use_mcell_ran4, mcell_ran4_init; see
docs/scenario.md) are run with NEURON's Vector.record(&x, Dt),
NetCon(source, None).record(vec) and Vector.play.

--check writes nothing: it compares the fresh trace with the trace.csv found in
the scenario dir itself, prints the max |diff| per column and exits 1 if any
exceeds the scenario's tolerance (default 1e-6).

Every scenario runs in its own NEURON process (globals such as usetable_hh must
not leak between scenarios). A scenario's mod_files (beside its scenario.json)
are compiled with nrnivmodl in a temporary folder, and the library is loaded
before the model is built. (Debian's nrnivmodl 8.2.2 looks for its makefile
in /usr/bin, where the package does not put it: a patched copy is used then.)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.environ.get("NMODLGO_REFERENCE",
                           os.path.join(os.path.dirname(ROOT), "shared", "reference"))
DEFAULT = ["tutorial", "tutorial_notable", "soma_dend", "axon_propagation",
           "crank_nicolson", "warm", "dt_small", "seclamp", "expsyn_netstim"]


# --- child side: build + run one scenario in NEURON, print the CSV ----------

LISTS = {"soma": "somatic", "axon": "axonal", "dend": "basal", "apic": "apical"}


def build_morphology(sc, h, folder):
    """nmodlgo's morphology key: the SWC file through Import3D into hoc's
    top level, Ra and cm for all, then nseg (by the d_lambda rule of
    fixnseg.hoc if asked). Returns the sections by name and the lists."""
    mo = sc.get("morphology")
    secs, lists = {}, {"all": [], "somatic": [], "axonal": [], "basal": [], "apical": []}
    if not mo:
        return secs, lists
    h.load_file("import3d.hoc")
    r = h.Import3d_SWC_read()
    r.quiet = 1
    r.input(os.path.join(folder, mo["file"]))
    h.Import3d_GUI(r, 0).instantiate(None)
    made = list(h.allsec())
    for sec in made:
        sec.Ra, sec.cm = mo["Ra"], mo["cm"]
    for sec in made:
        if "d_lambda" in mo:
            lam = h.lambda_f(mo.get("frequency", 100), sec=sec)
            sec.nseg = int((sec.L / (mo["d_lambda"] * lam) + 0.9) / 2) * 2 + 1
        else:
            sec.nseg = mo.get("nseg", 1)
        secs[sec.name()] = sec
        lists["all"].append(sec)
        kind = LISTS.get(sec.name().split("[")[0])
        if kind:
            lists[kind].append(sec)
    return secs, lists


def profile_at(p, d):
    """nmodlgo's by_distance profile (docs/scenario.md): linear between its
    points, constant beyond them."""
    ds, vs = p["distance"], p["value"]
    if d <= ds[0]:
        return vs[0]
    if d >= ds[-1]:
        return vs[-1]
    i = 1
    while ds[i] < d:
        i += 1
    d0, d1, v0, v1 = ds[i - 1], ds[i], vs[i - 1], vs[i]
    return v0 + (v1 - v0) * (d - d0) / (d1 - d0)


def build(sc, h, folder):
    """Same order of operations as reference/run_scenario.py build(), after
    the morphology if there is one."""
    secs, lists = build_morphology(sc, h, folder)
    for s in sc["sections"]:
        sec = h.Section(name=s["name"])
        sec.L, sec.diam = s["L"], s["diam"]
        sec.Ra, sec.cm = s.get("Ra", 35.4), s.get("cm", 1.0)
        secs[s["name"]] = sec
    for s in sc["sections"]:  # connect after all exist (parents may come later)
        if s.get("parent") is not None:
            secs[s["name"]].connect(secs[s["parent"]](s.get("parent_x", 1)),
                                    s.get("child_end", 0))
    for s in sc["sections"]:
        secs[s["name"]].nseg = int(s.get("nseg", 1))
    for m in sc.get("mechanisms", []):
        bd = m.get("by_distance")
        for sec in lists[m["section"]] if sc.get("morphology") and m["section"] in lists else [secs[m["section"]]]:
            sec.insert(m["name"])
            for k, v in m.get("params", {}).items():
                for seg in sec:
                    setattr(getattr(seg, m["name"]), k, v)
            if bd:
                origin = secs[bd["origin"]["section"]](bd["origin"]["x"])
                for seg in sec:
                    d = h.distance(origin, seg)
                    for k, prof in sorted(bd["params"].items()):
                        setattr(getattr(seg, m["name"]), k, profile_at(prof, d))
    for ion in sc.get("ions", []):  # optional, undocumented in README
        for k, v in ion.get("params", {}).items():
            for seg in secs[ion["section"]]:
                setattr(seg, k, v)
    pps = {}
    for p in sc.get("point_processes", []):
        if "section" in p:
            obj = getattr(h, p["name"])(secs[p["section"]](p["x"]))
        else:  # an ARTIFICIAL_CELL (nmodlgo's form)
            obj = getattr(h, p["name"])()
        for k, v in p.get("params", {}).items():
            setattr(obj, k, v)
        pps[p["id"]] = obj
    stims = {}
    for n in sc.get("netstims", []):
        ns = h.NetStim()
        for k in ("interval", "number", "start", "noise"):
            if k in n:
                setattr(ns, k, n[k])
        stims[n["id"]] = ns
    ncs = []
    for c in sc.get("netcons", []):
        src = c["source"]
        if isinstance(src, str):
            nc = h.NetCon(stims.get(src) or pps[src], pps[c["target"]])
        else:
            sec = secs[src["section"]]
            nc = h.NetCon(sec(src["x"])._ref_v, pps[c["target"]], sec=sec)
        if "threshold" in c:
            nc.threshold = c["threshold"]
        nc.weight[0] = c["weight"]
        nc.delay = c["delay"]
        ncs.append(nc)
    # the reference set's wave 2: POINTERs, then FUNCTION_TABLEs, as hoc sets them
    for p in sc.get("pointers", []):
        t = p["target"]
        def ref(seg):
            if "point_process" in t:
                return getattr(pps[t["point_process"]], "_ref_" + t["what"])
            if t.get("same_segment"):
                return getattr(seg, "_ref_" + t["what"])
            return getattr(secs[t["section"]](t["x"]), "_ref_" + t["what"])
        if "point_process" in p:
            pp = pps[p["point_process"]]
            h.setpointer(ref(pp.get_segment()), p["pointer"], pp)
        else:
            for seg in secs[p["section"]]:
                h.setpointer(ref(seg), p["pointer"], getattr(seg, p["mechanism"]))
    for ft in sc.get("function_tables", []):
        f = getattr(pps[ft["point_process"]] if "point_process" in ft else h, ft["call"])
        y = h.Vector(ft["y"])
        if "x" in ft:
            x = h.Vector(ft["x"])
            f(y, x)
            ncs.append((y, x))  # NEURON keeps pointers into them
        elif "xmin" in ft:  # hoc's form is f(&y[0], n, xmin, xmax)
            f(y._ref_x[0], len(y), ft["xmin"], ft["xmax"])
            ncs.append((y,))
        else:
            f(ft["y"][0])
    # nmodlgo's keys (docs/scenario.md): spike records, then plays.
    for sp in sc.get("spikes", []):
        src = sp["source"]
        if isinstance(src, str):
            nc = h.NetCon(stims.get(src) or pps[src], None)
        else:
            sec = secs[src["section"]]
            nc = h.NetCon(sec(src["x"])._ref_v, None, sec=sec)
        if "threshold" in sp:
            nc.threshold = sp["threshold"]
        vec = h.Vector()
        nc.record(vec)
        ncs.append((sp["name"], nc, vec))
    for p in sc.get("play", []):
        if "point_process" in p:
            ref = getattr(pps[p["point_process"]], "_ref_" + p["what"])
        else:
            ref = getattr(secs[p["section"]](p["x"]), "_ref_" + p["what"])
        y = h.Vector(p["y"])
        if "t" in p:
            t = h.Vector(p["t"])
            y.play(ref, t, 1 if p.get("continuous") else 0)
            ncs.append((y, t))  # kept alive: NEURON plays from them
        else:
            y.play(ref, p["interval"])
            ncs.append((y,))
    return secs, pps, stims, ncs


def compile_mods(folder, mod_files):
    """Compile mod_files (relative to folder) with nrnivmodl in a temporary
    folder; return it and the path of libnrnmech.so."""
    import tempfile
    tmp = tempfile.mkdtemp(prefix="nmodlgo_nrnmech_")
    for m in mod_files:
        shutil.copy(os.path.join(folder, m), tmp)
    exe = shutil.which("nrnivmodl") or "/usr/bin/nrnivmodl"
    cmd = [exe]
    if (not os.path.exists(os.path.join(os.path.dirname(os.path.realpath(exe)), "nrnmech_makefile"))
            and os.path.exists("/usr/lib/nrn/nrnmech_makefile")):
        with open(exe) as f:
            txt = f.read().replace('"${bindir}/nrnmech_makefile"', '"/usr/lib/nrn/nrnmech_makefile"')
        fixed = os.path.join(tmp, "nrnivmodl_fixed.sh")
        with open(fixed, "w") as f:
            f.write(txt)
        cmd = ["bash", fixed, "-loadflags", "-L/usr/lib/nrn -Wl,-rpath,/usr/lib/nrn"]
    cmd += [os.path.basename(m) for m in mod_files]
    r = subprocess.run(cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    dll = os.path.join(tmp, "x86_64", ".libs", "libnrnmech.so")
    if not os.path.exists(dll):  # only the library matters, not `special`
        raise RuntimeError("nrnivmodl failed:\n" + r.stdout)
    return tmp, dll


def run_one(folder):
    with open(os.path.join(folder, "scenario.json")) as f:
        sc = json.load(f)
    from neuron import h
    if sc.get("mod_files"):
        tmp, dll = compile_mods(folder, sc["mod_files"])
        try:
            if h.nrn_load_dll(dll) != 1:
                raise RuntimeError("nrn_load_dll failed")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    h.load_file("stdrun.hoc")
    for k, v in sc.get("globals", {}).items():
        setattr(h, k, v)
    secs, pps, stims, ncs = build(sc, h, folder)
    interval = sc.get("record_interval")

    def record(ref):
        vec = h.Vector()
        if interval:
            vec.record(ref, interval)
        else:
            vec.record(ref)
        return vec
    tv = record(h._ref_t)
    vecs = []
    for r in sc["record"]:
        if "point_process" in r:
            ref = getattr(pps[r["point_process"]], "_ref_" + r["what"])
        else:
            ref = getattr(secs[r["section"]](r["x"]), "_ref_" + r["what"])
        vecs.append(record(ref))
    run = sc["run"]
    h.dt = run["dt"]
    h.steps_per_ms = 1.0 / run["dt"]
    h.secondorder = int(run.get("secondorder", 0))
    h.celsius = run.get("celsius", 6.3)
    # randoms made again and setup_calls of a point process or a NetStim,
    # before finitialize (as reference/run_scenario2.py makes them); vectors
    # are nmodlgo's
    randoms = {r["id"]: h.Random() for r in sc.get("randoms", [])}
    vectors = {v["id"]: h.Vector(v["values"]) for v in sc.get("vectors", [])}
    for r in sc.get("randoms", []):
        obj = randoms[r["id"]]
        getattr(obj, r["generator"][0])(*r["generator"][1])
        getattr(obj, r["distribution"][0])(*r["distribution"][1])

    def arg(a):
        if isinstance(a, dict) and "random" in a:
            return randoms[a["random"]]
        if isinstance(a, dict) and "vector" in a:
            return vectors[a["vector"]]
        return a
    if sc.get("use_mcell_ran4"):  # nmodlgo's keys
        h.use_mcell_ran4(1)
    if "mcell_ran4_init" in sc:
        h.mcell_ran4_init(sc["mcell_ran4_init"])
    for c in sc.get("setup_calls", []):
        obj = pps.get(c.get("point_process")) or stims.get(c.get("point_process"))
        if obj is None:
            raise ValueError("setup_calls: only point_process (or NetStim) calls are run here: %r" % c)
        getattr(obj, c["call"])(*[arg(a) for a in c.get("args", [])])
    h.finitialize(run["v_init"])
    h.continuerun(run["tstop"])
    cols = [list(tv)] + [list(v) for v in vecs]
    out = [",".join(["t"] + [r["name"] for r in sc["record"]])]
    for i in range(len(cols[0])):
        out.append(",".join(repr(float(c[i])) for c in cols))
    spikes = [x for x in ncs if isinstance(x, tuple) and len(x) == 3]
    if spikes:  # after a marker line, as spikes.csv
        out += [SPIKES_MARK, "name,t"]
        out += ["%s,%r" % (name, float(t)) for name, _, vec in spikes for t in vec]
    sys.stdout.write("\n".join(out) + "\n")


# --- parent side ------------------------------------------------------------

SPIKES_MARK = "#spikes"


def make_trace(folder):
    """Run one scenario in a fresh NEURON process (cwd = a folder without
    x86_64/) and return the CSV text of the trace and of the spike times
    (None if the scenario records none)."""
    r = subprocess.run([sys.executable, os.path.abspath(__file__), "--_child", folder],
                       cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip())
    # NEURON may print banners/warnings to stdout; keep from the header on
    lines = r.stdout.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("t,"))
    lines = lines[start:]
    if SPIKES_MARK in lines:
        i = lines.index(SPIKES_MARK)
        return "\n".join(lines[:i]) + "\n", "\n".join(lines[i + 1:]) + "\n"
    return "\n".join(lines) + "\n", None


def parse_csv(text):
    lines = text.strip().splitlines()
    names = lines[0].split(",")
    rows = [[float(x) for x in l.split(",")] for l in lines[1:]]
    return names, rows


def compare(fresh, old, tol):
    """Print max |diff| per column; return True if all v-like columns are
    within tol (every column is checked against tol)."""
    n1, r1 = parse_csv(fresh)
    n2, r2 = parse_csv(old)
    if n1 != n2 or len(r1) != len(r2):
        print("  MISMATCH shape: %s x %d vs %s x %d" % (n1, len(r1), n2, len(r2)))
        return False
    ok = True
    for j, name in enumerate(n1):
        d = max(abs(a[j] - b[j]) for a, b in zip(r1, r2))
        flag = "" if d <= tol else "  > tol %g" % tol
        ok = ok and d <= tol
        print("  %-14s max|diff| = %.3g%s" % (name, d, flag))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--out", default=os.path.join(ROOT, "tests", "testdata", "golden"))
    ap.add_argument("--check", action="store_true",
                    help="compare with <scenario>/trace.csv, write nothing")
    ap.add_argument("scenarios", nargs="*")
    a = ap.parse_args()
    dirs = a.scenarios or [os.path.join(REFERENCE, n) for n in DEFAULT]
    bad = 0
    for d in dirs:
        d = os.path.abspath(d)
        with open(os.path.join(d, "scenario.json")) as f:
            sc = json.load(f)
        name = sc.get("name") or os.path.basename(d)
        try:
            csv, spikes = make_trace(d)
        except Exception as e:  # report and go on with the others
            print("%s: FAILED: %s" % (name, e))
            bad += 1
            continue
        rows = csv.count("\n") - 1
        if a.check:
            old = os.path.join(d, "trace.csv")
            print("%s: %d rows, vs %s" % (name, rows, old))
            if not compare(csv, open(old).read(), sc.get("tolerance", 1e-6)):
                bad += 1
            continue
        out = os.path.join(a.out, name)
        os.makedirs(out, exist_ok=True)
        if os.path.abspath(out) != d:  # regenerating in place needs no copy
            extra = [sc["morphology"]["file"]] if sc.get("morphology") else []
            for f in ["scenario.json"] + sc.get("mod_files", []) + extra:
                shutil.copyfile(os.path.join(d, f), os.path.join(out, f))
        with open(os.path.join(out, "trace.csv"), "w") as f:
            f.write(csv)
        if spikes is not None:
            with open(os.path.join(out, "spikes.csv"), "w") as f:
                f.write(spikes)
        print("%s: %d rows -> %s" % (name, rows, os.path.relpath(out)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--_child":
        run_one(sys.argv[2])
    else:
        main()
