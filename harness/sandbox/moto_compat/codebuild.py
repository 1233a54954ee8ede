"""CodeBuild gap in moto 5.2.5: CODEPIPELINE source/artifacts require a location."""

from __future__ import annotations

from typing import Any

from moto.codebuild import responses


def codebuild_codepipeline_without_location() -> None:
    """CodeBuild CreateProject: moto 5.2.5 rejects CODEPIPELINE source or
    artifacts without `location` ("Project source location is required").

    Real AWS accepts them: CodePipeline supplies the input and takes the output.
    Other types keep moto's validation.
    """
    validate_source = responses._validate_required_params_source
    validate_artifacts = responses._validate_required_params_artifacts

    def source(source: dict[str, Any]) -> None:
        if source.get("type") != "CODEPIPELINE":
            validate_source(source)

    def artifacts(artifacts: dict[str, Any]) -> None:
        if artifacts.get("type") != "CODEPIPELINE":
            validate_artifacts(artifacts)

    responses._validate_required_params_source = source
    responses._validate_required_params_artifacts = artifacts
