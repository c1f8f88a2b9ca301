"""OPSspace benchmarks: a seeded corpus (bench.corpus) and benchmarks that compare the site with baselines
measured in the same run (`python -m bench`, `make bench`, `make bench-full`). Not part of `make test`."""
