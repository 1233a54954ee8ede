"""Command line: `python -m generator synth|validate|list|artifacts|modules|state-bootstrap|cost|diagram|
deployer-policy`.

Exit codes: 0 success, 2 bad input (invalid config, unknown environment, a feature the
provider target lacks). Nothing is written when the input is bad.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.config import all_envs, load_env
from generator.config.loader import ENVS_DIR
from generator.config.model import EnvironmentConfig
from generator.errors import ConfigError, GeneratorError, Problem
from generator.synth import synthesize
from generator.targets import MODERN_PROVIDER_VERSION

BAD_INPUT = 2


def _envs(args: argparse.Namespace) -> dict:
    envs_dir = Path(args.envs_dir)
    if args.env:
        return {name: load_env(name, envs_dir) for name in args.env}
    return all_envs(envs_dir)


def cmd_list(args: argparse.Namespace) -> int:
    """List environments and their provider targets."""
    for name, env in _envs(args).items():
        print(f"{name}: region {env.region}, hashicorp/aws {env.provider.version}, "
              f"services {', '.join(env.services)}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate configs without synthesizing."""
    for name in _envs(args):
        print(f"{name}: valid")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    """Synthesize to Terraform JSON and print a summary."""
    from generator.summary import describe

    stacks = synthesize(_envs(args), Path(args.out) if args.out else None)
    for stack in stacks:
        print(describe(stack))
    return 0


def cmd_artifacts(args: argparse.Namespace) -> int:
    """Write buildspec.yml, taskdef.json (and appspec.yml) for one pipeline into a folder."""
    from generator.app_repo import write_app_repo_files

    [name] = args.env or ["workshop"]
    envs_dir = Path(args.envs_dir)
    env = load_env(name, envs_dir)
    outputs = None
    if args.outputs:
        try:
            outputs = json.loads(Path(args.outputs).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(args.outputs, [Problem("--outputs", f"not a readable `terraform output -json` "
                                                                  f"file ({exc})")]) from None
    for path in write_app_repo_files(env, args.pipeline, Path(args.out), args.account_id,
                                     source=str(envs_dir / f"{name}.yaml"), outputs=outputs):
        print(path)
    return 0


def cmd_modules(args: argparse.Namespace) -> int:
    """Render the HCL modules for one provider target into a folder, atomically."""
    from generator.modules.render import DEFAULT_OUT, synthesize_modules, write_modules
    from generator.targets import ProviderTarget

    try:
        target = ProviderTarget(args.target)
    except ValueError as exc:
        raise GeneratorError("command line", [Problem("--target", str(exc))]) from None
    if target.version != MODERN_PROVIDER_VERSION and not args.out:
        raise GeneratorError("command line", [Problem(
            "--out", f"required with --target {target.version}: {DEFAULT_OUT}/ holds the {MODERN_PROVIDER_VERSION} "
                     "rendering")])
    terraform = _terraform_for_fmt(args.terraform)
    [modules] = synthesize_modules([target]).values()
    out = write_modules(modules, Path(args.out) if args.out else DEFAULT_OUT, terraform)
    print(f"{len(modules)} modules for hashicorp/aws {target.version} in {out}: {', '.join(sorted(modules))}")
    return 0


def cmd_state_bootstrap(args: argparse.Namespace) -> int:
    """Write the Terraform root that creates the environment's state bucket (and lock table)."""
    from generator.state_bootstrap import write_state_bootstrap

    name, env = _one_env(args)
    if env.state.backend != "s3":
        raise GeneratorError(Path(args.envs_dir) / f"{name}.yaml", [Problem(
            "state.backend", "local state needs no bootstrap; valid: backend: s3 with bucket, key and "
                             "use_lockfile: true or dynamodb_table: NAME")])
    out = Path(args.out or f"state-bootstrap/{name}")
    stack = write_state_bootstrap(name, env, out)
    lock = f"lock table {env.state.dynamodb_table}" if env.state.dynamodb_table else "no lock table"
    print(f"{stack.json_path}: bucket {env.state.bucket} ({lock}); apply it once, keeping its local state:\n"
          f"  cd {out} && terraform init && terraform apply")
    return 0


def cmd_cost(args: argparse.Namespace) -> int:
    """Print the monthly cost estimate of the environment's synthesized stack."""
    from generator.cost import estimate_cost

    name, env = _one_env(args)
    with tempfile.TemporaryDirectory(prefix="ecsgen-cost-") as scratch:
        [stack] = synthesize({name: env}, Path(scratch))
        print(estimate_cost(name, stack.document(), Path(args.envs_dir) / f"{name}.yaml").render())
    return 0


def cmd_diagram(args: argparse.Namespace) -> int:
    """Write the architecture diagram (SVG and PNG) of the environment's synthesized stack."""
    from generator.diagram import write_diagram

    name, env = _one_env(args)
    with tempfile.TemporaryDirectory(prefix="ecsgen-diagram-") as scratch:
        [stack] = synthesize({name: env}, Path(scratch))
        for path in write_diagram(name, stack.document(), Path(args.out)):
            print(path)
    return 0


def _one_env(args: argparse.Namespace) -> tuple[str, EnvironmentConfig]:
    """The single `--env NAME` a command needs, loaded."""
    return args.env, load_env(args.env, Path(args.envs_dir))


def cmd_deployer_policy(args: argparse.Namespace) -> int:
    """Write the managed policies a CI role needs to plan, apply and destroy one environment."""
    import json
    import re

    from generator.deployer.policy import MANAGED_POLICY_CHARACTERS, deployer_policy, managed_policies, policy_size
    from generator.files import staging_dir, swap_in

    if not re.fullmatch(r"\d{12}", args.account_id):
        raise GeneratorError("command line", [Problem("--account-id", f"{args.account_id!r} is not a 12-digit AWS "
                                                                      "account id")])
    name = args.env
    env = load_env(name, Path(args.envs_dir), overrides={"prefix": args.prefix} if args.prefix else None)
    with tempfile.TemporaryDirectory(prefix="ecs-deployer-") as tmp:
        [stack] = synthesize({name: env}, Path(tmp))
        policy = deployer_policy(stack.document(), region=env.region, account_id=args.account_id,
                                 source=f"{args.envs_dir}/{name}.yaml")
    documents = managed_policies(policy)
    out = Path(args.out or f"deployer-policy-{name}")
    with staging_dir(out) as staging:
        built = staging / "policies"
        built.mkdir()
        for i, document in enumerate(documents, start=1):
            (built / f"{name}-deployer-{i}.json").write_text(json.dumps(document, indent=1) + "\n")
        swap_in(built, out)
    print(f"{len(documents)} managed policies for environment {name} (account {args.account_id}, {env.region}; "
          f"{', '.join(str(policy_size(d)) for d in documents)} of {MANAGED_POLICY_CHARACTERS} characters) in "
          f"{out}/: attach them all to the role CI plans, applies and destroys with")
    return 0


def _terraform_for_fmt(given: str | None) -> Path:
    """The terraform binary that lays modules out (`terraform fmt`): --terraform, $ECSGEN_TERRAFORM or PATH."""
    name = given or os.environ.get("ECSGEN_TERRAFORM") or "terraform"
    found = shutil.which(name)
    if found is None:
        raise GeneratorError("command line", [Problem(
            "--terraform", f"{name!r} is not an executable or a command on PATH; `terraform fmt` lays the modules "
                           "out (`python -m harness toolchain --print-env` provides the pinned Terraform)")])
    return Path(found)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--envs-dir", default=str(ENVS_DIR), help="folder of environment YAML files")
    sub = parser.add_subparsers(dest="command", required=True)
    commands: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
        "list": (cmd_list, "list environments"),
        "validate": (cmd_validate, "validate environment configs"),
        "synth": (cmd_synth, "synthesize Terraform JSON into cdktf.out/"),
    }
    for name, (func, text) in commands.items():
        p = sub.add_parser(name, help=text)
        p.add_argument("--env", action="append", help="environment name (repeatable; default: all)")
        if name == "synth":
            p.add_argument("--out", help="output folder (default: $CDKTF_OUTDIR or ./cdktf.out)")
        p.set_defaults(func=func)
    art = sub.add_parser("artifacts", help="write buildspec.yml, taskdef.json, appspec.yml for a pipeline")
    art.add_argument("--env", action="append", help="environment name (default: workshop)")
    art.add_argument("--pipeline", required=True, help="pipeline key in the environment")
    art.add_argument("--account-id", required=True, help="12-digit AWS account id for the ARNs in taskdef.json")
    art.add_argument("--out", required=True, help="folder (e.g. the application repository root)")
    art.add_argument("--outputs", help="`terraform output -json` of the applied stack: ARNs known only after "
                                       "apply (RDS-managed database secrets)")
    art.set_defaults(func=cmd_artifacts)
    dep = sub.add_parser("deployer-policy", help="write the IAM policy a CI role needs to deploy one environment")
    dep.add_argument("--env", required=True, help="environment name")
    dep.add_argument("--account-id", required=True, help="the 12-digit AWS account the environment deploys to")
    dep.add_argument("--prefix", help="render with this prefix, as a run that overrides it does (the real-account "
                                      "lane: its run id)")
    dep.add_argument("--out", help="folder for the policy documents (default: ./deployer-policy-<env>)")
    dep.set_defaults(func=cmd_deployer_policy)
    mod = sub.add_parser("modules", help="render the plain HCL modules (modules/) from the constructs")
    mod.add_argument("--target", default=MODERN_PROVIDER_VERSION,
                     help=f"hashicorp/aws version to render for (default: {MODERN_PROVIDER_VERSION})")
    mod.add_argument("--out", help="output folder (default: ./modules; required with another --target)")
    mod.add_argument("--terraform", help="terraform binary for `fmt` (default: $ECSGEN_TERRAFORM, else terraform "
                                          "on PATH)")
    mod.set_defaults(func=cmd_modules)
    boot = sub.add_parser("state-bootstrap",
                          help="write the Terraform root that creates the state bucket and lock table")
    boot.add_argument("--env", required=True, help="environment name (its state: key says what to create)")
    boot.add_argument("--out", help="folder of the root (default: state-bootstrap/ENV); its terraform.tfstate is kept")
    boot.set_defaults(func=cmd_state_bootstrap)
    cost = sub.add_parser("cost", help="print a monthly cost estimate of the synthesized stack")
    cost.add_argument("--env", required=True, help="environment name")
    cost.set_defaults(func=cmd_cost)
    diagram = sub.add_parser("diagram", help="draw the synthesized stack (SVG and PNG, with Graphviz)")
    diagram.add_argument("--env", required=True, help="environment name")
    diagram.add_argument("--out", default="cdktf.out/diagrams", help="folder (default: cdktf.out/diagrams)")
    diagram.set_defaults(func=cmd_diagram)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return BAD_INPUT
