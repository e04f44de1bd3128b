"""`synth-cc`: a gcc-compatible compiler driver (driver.py), its flag table
(flags.py) and LLVM-style optimization records (remarks.py)."""
