"""Human-facing output: formatted figures, roundups and exports."""
