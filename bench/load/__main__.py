"""`python -m bench.load --help`."""

from bench.load.cli import main

if __name__ == "__main__":
    main()
