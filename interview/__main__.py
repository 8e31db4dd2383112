"""`python -m interview` runs the same CLI as the `interview` command."""

from interview.cli import main

if __name__ == "__main__":
    main()
