"""CodeCommit gaps in moto 5.2.5: no tagging actions, no ListRepositories."""

from __future__ import annotations

import json

from moto.codecommit.exceptions import RepositoryDoesNotExistException
from moto.codecommit.models import CodeCommit, CodeCommitBackend
from moto.codecommit.responses import CodeCommitResponse


def _repository(backend: CodeCommitBackend, arn: str) -> CodeCommit:
    name = arn.rsplit(":", 1)[-1]
    repository = backend.repositories.get(name)
    if repository is None or repository.repository_metadata["Arn"] != arn:
        raise RepositoryDoesNotExistException(name)
    return repository


def _tags(repository: CodeCommit) -> dict[str, str]:
    return repository.__dict__.setdefault("compat_tags", {})


def codecommit_tags() -> None:
    """CodeCommit tags: moto 5.2.5 drops CreateRepository tags and lacks
    ListTagsForResource/TagResource/UntagResource (500 NotImplemented).

    Real AWS keeps the tags given at create and serves them through these
    actions (terraform reads aws_codecommit_repository tags with
    ListTagsForResource).
    """
    original_create = CodeCommitResponse.create_repository

    def create_repository(self: CodeCommitResponse) -> str:
        body = original_create(self)
        name = self._get_param("repositoryName")
        _tags(self.codecommit_backend.repositories[name]).update(self._get_param("tags") or {})
        return body

    def list_tags_for_resource(self: CodeCommitResponse) -> str:
        repository = _repository(self.codecommit_backend, self._get_param("resourceArn"))
        return json.dumps({"tags": _tags(repository)})

    def tag_resource(self: CodeCommitResponse) -> str:
        repository = _repository(self.codecommit_backend, self._get_param("resourceArn"))
        _tags(repository).update(self._get_param("tags") or {})
        return "{}"

    def untag_resource(self: CodeCommitResponse) -> str:
        repository = _repository(self.codecommit_backend, self._get_param("resourceArn"))
        for key in self._get_param("tagKeys") or []:
            _tags(repository).pop(key, None)
        return "{}"

    CodeCommitResponse.create_repository = create_repository  # type: ignore[method-assign]
    CodeCommitResponse.list_tags_for_resource = list_tags_for_resource  # type: ignore[attr-defined]
    CodeCommitResponse.tag_resource = tag_resource  # type: ignore[attr-defined]
    CodeCommitResponse.untag_resource = untag_resource  # type: ignore[attr-defined]


def codecommit_list_repositories() -> None:
    """CodeCommit ListRepositories: missing in moto 5.2.5 (500 NotImplemented).

    Real AWS lists {repositoryName, repositoryId} pairs (sorted by name by
    default); the sandbox inventory uses it for leak checks.
    """

    def list_repositories(self: CodeCommitResponse) -> str:
        repositories = [
            {
                "repositoryName": repo.repository_metadata["repositoryName"],
                "repositoryId": repo.repository_metadata["repositoryId"],
            }
            for _, repo in sorted(self.codecommit_backend.repositories.items())
        ]
        return json.dumps({"repositories": repositories})

    CodeCommitResponse.list_repositories = list_repositories  # type: ignore[attr-defined]
