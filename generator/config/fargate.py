"""Valid AWS Fargate task size combinations (cpu units -> allowed memory MiB)."""
from __future__ import annotations


def _steps(start: int, stop: int, step: int) -> tuple[int, ...]:
    return tuple(range(start, stop + 1, step))


FARGATE_SIZES: dict[int, tuple[int, ...]] = {
    256: (512, 1024, 2048),
    512: _steps(1024, 4096, 1024),
    1024: _steps(2048, 8192, 1024),
    2048: _steps(4096, 16384, 1024),
    4096: _steps(8192, 30720, 1024),
    8192: _steps(16384, 61440, 4096),
    16384: _steps(32768, 122880, 8192),
}


def describe_memory_choices(cpu: int) -> str:
    """Human-readable list of the memory sizes Fargate allows for `cpu`."""
    sizes = FARGATE_SIZES[cpu]
    if len(sizes) <= 4:
        return ", ".join(str(s) for s in sizes)
    step = sizes[1] - sizes[0]
    return f"{sizes[0]}..{sizes[-1]} in steps of {step}"
