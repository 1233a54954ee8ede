"""Checks only a real AWS account can answer (the `--sandbox=aws` lane)."""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from typing import Any


def wait_services_stable(ecs: Any, cluster: str, services: list[str], minutes: int = 15) -> None:
    """Block until ECS reports every service stable (running = desired, one deployment)."""
    ecs.get_waiter("services_stable").wait(cluster=cluster, services=services,
                                           WaiterConfig={"Delay": 15, "MaxAttempts": minutes * 4})


def http_get_ok(url: str, attempts: int = 30, wait_seconds: float = 10.0, expect: int = 200) -> int:
    """GET `url` until it answers `expect`; raises AssertionError naming the last answer."""
    last = "no answer"
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == expect:
                    return response.status
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            last = str(exc)
        time.sleep(wait_seconds)
    raise AssertionError(f"GET {url} never answered {expect} (last: {last})")


def blue_green_deploy(codedeploy: Any, application: str, group: str, appspec: str, minutes: int = 30) -> str:
    """Start a CodeDeploy ECS deployment from an AppSpec (YAML/JSON text) and wait for success."""
    deployment = codedeploy.create_deployment(
        applicationName=application, deploymentGroupName=group,
        revision={"revisionType": "AppSpecContent", "appSpecContent": {"content": appspec}})["deploymentId"]
    codedeploy.get_waiter("deployment_successful").wait(
        deploymentId=deployment, WaiterConfig={"Delay": 15, "MaxAttempts": minutes * 4})
    return deployment
