"""Run the book's notebooks as tests, one process per notebook, and count what ran.

Usage: python .ci/nbtest.py [--runner nbdev|plain] [--workers N] [--flags "slow ..."] NOTEBOOK...

--runner nbdev  (default) runs each notebook with nbdev's own `test_nb`, the function `nbdev_test`
                calls for every notebook: same IPython shell, same skipped cells (`#| eval: false`,
                the settings.ini `tst_flags` unless given in --flags), same working directory.
--runner plain  needs neither nbdev nor IPython: it executes the same cells, skipped by the same
                rules, with `exec` in one namespace per notebook. This runs the book's own test cells
                on a Python where only the package (with its `plot` extra) and fastcore install.

Each notebook runs in its own child process (--workers at a time). Counted as it runs: code cells
executed, and checks (each fastcore.test call and each `assert` statement executed). Prints one line
per notebook, the failing cell's traceback, then a closing line `notebooks: N passed, M failed`.
Exits 1 if any notebook failed or none ran.
"""
import argparse, ast, builtins, json, os, re, subprocess, sys, time, traceback
from concurrent.futures import ThreadPoolExecutor
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK_FUNCS = ['test', 'test_eq', 'test_ne', 'test_close', 'test_fail', 'test_is', 'test_eq_type', 'test_shuffled',
               'test_stdout', 'test_warns', 'test_fig_exists', 'test_sig', 'is_close']
COUNTS = {'cells': 0, 'checks': 0}

# ---- counting -------------------------------------------------------------------------------------
def _count_check(): COUNTS['checks'] += 1

class _CountAsserts(ast.NodeTransformer):
    "Puts a counter call before every `assert` statement, so asserts executed are counted."
    def visit_Assert(self, node):
        call = ast.Expr(ast.Call(ast.Name('_nbtest_count', ast.Load()), [], []))
        return [ast.copy_location(call, node), node]

def _install_counters():
    "Wrap fastcore.test's checks (outermost call counted once) and expose the assert counter."
    import fastcore.test as ft
    depth = [0]
    def wrap(f):
        def counted(*a, **k):
            if depth[0] == 0: _count_check()
            depth[0] += 1
            try: return f(*a, **k)
            finally: depth[0] -= 1
        counted.__name__, counted.__doc__, counted.__wrapped__ = f.__name__, f.__doc__, f
        return counted
    for name in CHECK_FUNCS:
        if name != 'is_close' and callable(getattr(ft, name, None)): setattr(ft, name, wrap(getattr(ft, name)))
    builtins._nbtest_count = _count_check

# ---- which cells run (nbdev's rules) ----------------------------------------------------------------
def _directives(src):
    "nbdev cell directives (`#| key value`) at the top of a cell, as {key: [values]}."
    out = {}
    for line in src.splitlines():
        m = re.match(r'\s*#\s*\|\s*(.*)', line)
        if not m:
            if line.strip() == '': continue
            break
        words = m.group(1).split()
        if words: out[words[0]] = words[1:]
    return out

def _skip(src, flags):
    d = _directives(src)
    if 'nbdev_export' + '(' in src: return True
    if d.get('eval:', [''])[0].lower() == 'false': return True
    return bool(flags & d.keys())

def _skip_flags(force):
    cfg = ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini', encoding='utf-8')
    return set(cfg['DEFAULT'].get('tst_flags', '').split()) - set(force)

# ---- one notebook (child process) -----------------------------------------------------------------
def run_plain(nb_path, flags):
    import matplotlib; matplotlib.use('Agg')
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    ns = {'__name__': '__main__'}
    os.environ['IN_TEST'] = '1'
    os.chdir(Path(nb_path).parent)
    for i, cell in enumerate(nb['cells']):
        if cell['cell_type'] != 'code': continue
        src = ''.join(cell['source'])
        if _skip(src, flags): continue
        magic = [l for l in src.splitlines() if l.lstrip().startswith(('!', '%'))]
        if magic: raise RuntimeError(f"cell {i} uses IPython syntax the plain runner cannot run: {magic[0]!r}")
        tree = ast.fix_missing_locations(_CountAsserts().visit(ast.parse(src, f'{nb_path} cell {i}')))
        COUNTS['cells'] += 1
        try: exec(compile(tree, f'{Path(nb_path).name} cell {i}', 'exec'), ns)
        except BaseException:
            sys.stderr.write(f"--- {Path(nb_path).name}: cell {i} failed ---\n{src}\n---\n")
            raise
        import matplotlib.pyplot as plt; plt.close('all')

def run_nbdev(nb_path, flags):
    from execnb.shell import CaptureShell
    import nbdev.test
    init, cell = CaptureShell.__init__, CaptureShell.cell
    def __init__(self, *a, **k):
        init(self, *a, **k)
        self.ast_transformers.append(_CountAsserts())
    def counted_cell(self, c, *a, **k):
        if c.cell_type == 'code': COUNTS['cells'] += 1
        return cell(self, c, *a, **k)
    CaptureShell.__init__, CaptureShell.cell = __init__, counted_cell
    ok, _ = nbdev.test.test_nb(Path(nb_path).absolute(), skip_flags=list(flags), force_flags=[], basepath=ROOT)
    if not ok: raise RuntimeError('nbdev test_nb reported a failing cell (traceback above)')

def child(args):
    _install_counters()
    flags = _skip_flags(args.flags.split())
    start, ok = time.time(), True
    try: (run_nbdev if args.runner == 'nbdev' else run_plain)(args.notebooks[0], flags)
    except BaseException: traceback.print_exc(); ok = False
    try:
        import numpy, numpy_nn
        where = dict(numpy=numpy.__version__, numpy_nn=str(Path(numpy_nn.__file__).parent))
    except BaseException as e: where = dict(numpy='?', numpy_nn=f'not importable: {e!r}')
    print('NBTEST-RESULT ' + json.dumps(dict(ok=ok, seconds=round(time.time() - start, 1), **COUNTS, **where)), flush=True)

# ---- parent: run notebooks, collect, close ------------------------------------------------------
def run_one(args, nb):
    cmd = [sys.executable, __file__, '--child', '--runner', args.runner, '--flags', args.flags, str(nb)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    res = next((json.loads(l.split(' ', 1)[1]) for l in p.stdout.splitlines() if l.startswith('NBTEST-RESULT ')), None)
    if res is None or p.returncode: res = dict(ok=False, seconds=None, cells=0, checks=0, **(res or {}))
    res['ok'] = res['ok'] and p.returncode == 0
    res['log'] = '' if res['ok'] else (p.stdout + p.stderr)[-6000:]
    return nb, res

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('notebooks', nargs='+')
    ap.add_argument('--runner', choices=['nbdev', 'plain'], default='nbdev')
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--flags', default='')
    ap.add_argument('--timeout', type=int, default=1800)
    ap.add_argument('--results', help='append one JSON line per notebook to this file')
    ap.add_argument('--label', default='', help='name of this run in --results (e.g. "py3.9 numpy1.24")')
    ap.add_argument('--child', action='store_true')
    args = ap.parse_args()
    if args.child: return child(args)
    start = time.time()
    with ThreadPoolExecutor(args.workers) as pool:
        results = list(pool.map(lambda nb: run_one(args, nb), args.notebooks))
    passed = [nb for nb, r in results if r['ok']]
    failed = [nb for nb, r in results if not r['ok']]
    for nb, r in results:
        secs = '?' if r['seconds'] is None else f"{r['seconds']:.1f} s"
        print(f"{'PASS' if r['ok'] else 'FAIL'}  {Path(nb).name:28s} {secs:>9s}  cells {r['cells']:4d}  checks {r['checks']:5d}")
        if not r['ok']: print(r['log'])
    cells, checks = sum(r['cells'] for _, r in results), sum(r['checks'] for _, r in results)
    numpys = sorted({r.get('numpy', '?') for _, r in results})
    where = sorted({r.get('numpy_nn', '?') for _, r in results})
    print(f"{args.runner} runner, Python {sys.version.split()[0]}, NumPy {', '.join(numpys)}, numpy_nn from {', '.join(where)}: "
          f"{len(results)} notebooks run in {time.time() - start:.0f} s, {cells} code cells and {checks} checks "
          f"(fastcore.test calls and asserts) executed")
    if args.results:
        with open(args.results, 'a', encoding='utf-8') as f:
            for nb, r in results:
                f.write(json.dumps(dict(label=args.label, runner=args.runner, python=sys.version.split()[0], notebook=Path(nb).name,
                                        **{k: v for k, v in r.items() if k != 'log'})) + '\n')
    print(f"notebooks: {len(passed)} passed, {len(failed)} failed")
    sys.exit(0 if passed and not failed else 1)

if __name__ == '__main__': main()
