"""Rendering parity: each environment for the modern (6.25.0) and the offline (3.39.0) target differs only by the
documented fallbacks of generator/targets.py, so what the embedded sandbox applies (3.39.0) bounds what users apply.

An ECS-native strategy has no 3.39.0 equivalent: the offline synthesis of envs/modern.yaml must fail naming the
minimum provider version, and the comparison renders it offline with the documented substitution (rolling); the
parts that substitution drops are exactly the ECS-native resources and attributes (tests/helpers/parity.py).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from parity import FALLBACKS, Context, differences, explain, service_urls, traffic_shift_addresses

from generator import UnsupportedFeature, load_env, offline_overrides
from generator.config.errors import ConfigError
from generator.stack import discovery_entry
from generator.strategies import is_ecs_native
from generator.targets import FEATURE_MIN_VERSION, MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION, ProviderTarget

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
ENVS = sorted(path.stem for path in (ROOT / "envs").glob("*.yaml"))


def substitution(name: str) -> dict:
    """The documented fallbacks that are errors on older targets, applied: ECS-native strategies become rolling
    (no ecs_deployment), a rotation schedule of the RDS-managed secret is left unset."""
    env = load_env(name)
    return {"pipelines": {key: {"strategy": "rolling", "ecs_deployment": None}
                          for key, pipe in env.pipelines.items() if is_ecs_native(pipe.strategy)},
            "databases": {key: {"rotation_days": None} for key, db in env.databases.items() if db.rotation_days}}


@pytest.fixture(scope="module")
def renderings(tmp_path_factory) -> dict[str, tuple[dict, dict, Context]]:
    """env -> (modern document, offline document, context); every env of envs/, both targets, one synthesis."""
    from generator.synth import synthesize

    envs = {}
    for name in ENVS:
        envs[f"{name}-modern"] = load_env(name, overrides={"provider": {"version": MODERN_PROVIDER_VERSION}})
        # the same environment for the other target: an offline *run* is a sandbox, the rendering compared is not
        target_only = {k: v for k, v in offline_overrides().items() if k != "sandbox"}
        envs[f"{name}-offline"] = load_env(name, overrides={**target_only, **substitution(name)})
    docs = {stack.name: stack.document() for stack in synthesize(envs, tmp_path_factory.mktemp("parity"))}
    out = {}
    for name in ENVS:
        env = envs[f"{name}-modern"]
        modern, offline = docs[f"{name}-modern"], docs[f"{name}-offline"]
        entries = {key: (discovery_entry(svc.service_connect), svc.port)
                   for key, svc in env.services.items() if svc.service_connect}
        shifted, services = traffic_shift_addresses(modern)
        out[name] = (modern, offline, Context(modern, offline, service_urls(entries, env.service_connect.namespace),
                                              shifted, services))
    return out


@pytest.mark.parametrize("env", ENVS)
def test_every_difference_is_a_documented_fallback(renderings, env):
    modern, offline, ctx = renderings[env]
    found = differences(modern, offline)
    unexplained = [str(d) for d in found if not explain(d, ctx)]
    assert found and not unexplained, "undocumented differences between the targets:\n" + "\n".join(unexplained)


@pytest.fixture(scope="module")
def bootstrap(tmp_path_factory) -> tuple[dict, dict, Context]:
    """The state bootstrap root (generator/state_bootstrap.py) of a locked environment, for both targets."""
    from generator.state_bootstrap import write_state_bootstrap

    out = tmp_path_factory.mktemp("bootstrap")
    state = {"backend": "s3", "bucket": "team-state", "key": "local/terraform.tfstate", "region": "us-east-1",
             "dynamodb_table": "team-locks"}
    docs = [write_state_bootstrap("team", load_env("local", overrides={"provider": {"version": version},
                                                                       "state": state}), out / version).document()
            for version in (MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION)]
    return docs[0], docs[1], Context(docs[0], docs[1])


def test_the_state_bootstrap_root_differs_only_by_documented_fallbacks(bootstrap):
    modern, offline, ctx = bootstrap
    found = differences(modern, offline)
    unexplained = [str(d) for d in found if not explain(d, ctx)]
    assert found and not unexplained, "undocumented differences between the targets:\n" + "\n".join(unexplained)


def test_every_documented_fallback_has_an_explanation():
    """Every feature the offline target lacks (features both targets have cannot make them differ)."""
    offline = ProviderTarget(OFFLINE_PROVIDER_VERSION)
    assert set(FALLBACKS) - {"provider constraint"} == {f for f in FEATURE_MIN_VERSION if not offline.supports(f)}


def test_stacks_exercise_the_explanations(renderings, bootstrap):
    """Each explanation explains something (data.aws_region is rendered by modules only: test_module_parity.py)."""
    used = {feature for modern, offline, ctx in [*renderings.values(), bootstrap]
            for d in differences(modern, offline) for feature in explain(d, ctx)}
    assert used == set(FALLBACKS) - {"data_region_region"}, sorted(map(str, set(FALLBACKS) - used))


def test_an_undocumented_difference_fails_naming_resource_and_attribute(renderings):
    modern, offline, ctx = renderings["workshop"]
    changed = {**offline, "resource": {**offline["resource"], "aws_lb": {
        name: {**body, "idle_timeout": 61} for name, body in offline["resource"]["aws_lb"].items()}}}
    unexplained = [str(d) for d in differences(modern, changed) if not explain(d, ctx)]
    assert unexplained == ["aws_lb.alb_alb idle_timeout: modern=60 offline=61"]


@pytest.mark.parametrize("strategy, minimum", [("ecs_canary", "6.21.0"), ("ecs_linear", "6.21.0"),
                                               ("ecs_blue_green", "6.4.0")])
def test_ecs_native_is_an_error_offline_naming_the_minimum_version(strategy, minimum):
    overrides = {**offline_overrides(), "pipelines": {"ui": {"strategy": strategy, "ecs_deployment": {
        "canary": None}}}}
    with pytest.raises(ConfigError) as info:
        load_env("modern", overrides=overrides)
    assert f"pipelines.ui.strategy: needs hashicorp/aws >= {minimum}; the target is {OFFLINE_PROVIDER_VERSION}" \
        in info.value.render()


def test_constructs_refuse_ecs_native_offline_too():
    """Below validation (modules, scripts): the service construct itself names the minimum version."""
    from generator.aws import App
    from generator.stack import EcsStack

    env = load_env("modern")
    offline = env.model_copy(update={"provider": env.provider.model_copy(update={"version": OFFLINE_PROVIDER_VERSION}),
                                     "guardduty": env.guardduty.model_copy(update={"runtime_monitoring": False})})
    with pytest.raises(UnsupportedFeature, match=r"needs hashicorp/aws >= 6\.21\.0; the target is 3\.39\.0"):
        EcsStack(App(skip_validation=True), "probe", offline)
