"""`python -m bench [--tiny|--quick|--full] [--only a,b] [--skip a,b]`: load the mode's corpus once, then run
every benchmark module in bench/ (a module with NAME and run), each writing bench/results/<name>.json, and
finish with a summary of the targets (bench/results/summary.json)."""
import argparse
import importlib
import json
import pkgutil
import time
import traceback

from . import harness

#: Run first, in this order; any other benchmark module found in bench/ runs after them, by name.
ORDER = ["pages", "search", "indexing", "saves", "flagging", "recording"]


def discover() -> list:
    """Every module of this package that defines NAME and run(ctx)."""
    names = [info.name for info in pkgutil.iter_modules([str(harness.BENCH_DIR)]) if not info.name.startswith("_")]
    modules = []
    for name in sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n)):
        module = importlib.import_module(f"bench.{name}")
        if hasattr(module, "NAME") and callable(getattr(module, "run", None)):
            modules.append(module)
    return modules


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    harness.add_arguments(parser)
    parser.add_argument("--only", default="", help="comma-separated benchmark names to run")
    parser.add_argument("--skip", default="", help="comma-separated benchmark names not to run")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args(argv)
    modules = discover()
    if args.list:
        for module in modules:
            print(f"{module.NAME:<12} {module.TITLE}")
        return 0
    only = {n for n in args.only.split(",") if n}
    skip = {n for n in args.skip.split(",") if n}
    chosen = [m for m in modules if (not only or m.NAME in only) and m.NAME not in skip]
    started = time.time()
    site, manifest = harness.ensure_site(args.mode, args.seed, args.site)
    summary = {"mode": args.mode, "seed": args.seed, "site": str(site), "corpus": manifest.get("counts"),
               "benchmarks": {}}
    failed = []
    for module in chosen:
        try:
            ctx = harness.run_benchmark(module.run, module.NAME, module.TITLE, args.mode, args.seed, site,
                                        args.results, getattr(module, "NEEDS_CORPUS", True))
            summary["benchmarks"][module.NAME] = {"skipped": ctx.skipped, "targets": ctx.targets,
                                                  "ratios": ctx.ratios}
        except Exception:
            traceback.print_exc()
            failed.append(module.NAME)
            summary["benchmarks"][module.NAME] = {"error": traceback.format_exc(limit=3)}
    summary["duration_s"] = round(time.time() - started, 1)
    summary["machine"] = harness.machine()
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=str))
    print(f"\n=== Summary ({args.mode}, {summary['duration_s']} s) ===")
    for name, result in summary["benchmarks"].items():
        if "error" in result:
            print(f"{name:<10} FAILED (see the traceback above)")
        elif result["skipped"]:
            print(f"{name:<10} skipped: {result['skipped']}")
        else:
            for target in result["targets"]:
                print(f"{name:<10} {'met   ' if target['met'] else 'MISSED'} {target['target']} ({target['measured']})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
