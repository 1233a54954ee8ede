"""cdktf entry point: `cdktf synth` or `python main.py` synthesizes every environment in envs/."""
import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main(["synth", *sys.argv[1:]]))
