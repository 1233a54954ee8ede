"""Child process for the interrupted-apply test: deploy the small stack into a running sandbox."""
from __future__ import annotations

import sys
from pathlib import Path

from harness import EmbeddedSandbox, deployed, offline_toolchain


def main(stack: str, workdir: str, port: str) -> None:
    box = EmbeddedSandbox.connect(int(port))
    with deployed(Path(stack), box, offline_toolchain(), workdir=Path(workdir),
                  echo=lambda line: print(line, flush=True)):
        print("APPLIED", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
